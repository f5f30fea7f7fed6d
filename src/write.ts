/**
 * Writing fixed files in place, the way a careful administrator would: each file is
 * written to a temporary file beside it and renamed over the original, so that a reader
 * never sees half a file; its mode and owner are kept; a symbolic link stays a link (the
 * real file behind it is written); and nothing is renamed until every temporary file has
 * been written, so that a failure leaves every file as it was.
 */
import {type Stats, chmodSync, chownSync, closeSync, constants, copyFileSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {HardenConfigError} from './core/errors.js'
import {encodeText} from './core/text.js'
import type {HardenedFile} from './harden.js'

/** Numbers the temporary files of this process; with the pid and `wx` (fail if it exists) they never clash. */
let counter = 0

/** Options of {@link writeFiles}. */
export interface WriteOptions {
  /** Maps a file's system path to its path on this machine (under `--root`). */
  toNative(systemPath: string): string
  /** Keep each original as `<file><suffix>` (default: no backup). */
  backupSuffix?: string | undefined
}

/** A file that was written. */
export interface WrittenFile {
  /** Where, on this machine. */
  path: string
  /** The backup, when one was made. */
  backup?: string | undefined
}

/**
 * Writes the changed files of a result atomically.
 *
 * @param files the files of a {@link HardenResult}; unchanged ones are skipped
 * @param options where files are and whether to keep backups
 * @returns the files written
 * @throws {HardenConfigError} when a file cannot be written; then no file has changed
 */
export function writeFiles(files: readonly HardenedFile[], options: WriteOptions): WrittenFile[] {
  const staged: Array<{temp: string; target: string; backup: string | undefined; original: Buffer | undefined}> = []
  try {
    for (const file of files) {
      if (!file.changed) continue
      const target = options.toNative(file.realPath)
      const existing = statOrUndefined(target)
      if (!file.created && existing === undefined) {
        throw new HardenConfigError(`${file.path} disappeared while it was being hardened`, 'ENOENT', file.path)
      }
      if (existing !== undefined && !existing.isFile()) throw new HardenConfigError(`${file.path} is not a regular file`, 'EINVAL', file.path)
      const temp = join(dirname(target), `.${basename(target)}.harden-config-${process.pid}-${++counter}`)
      const mode = existing ? existing.mode & 0o7777 : 0o644
      const fd = openSync(temp, 'wx', mode)
      try {
        writeSync(fd, encodeText(file.fixed, file.encoding))
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      chmodSync(temp, mode)
      if (existing !== undefined) keepOwner(temp, existing)
      staged.push({
        temp,
        target,
        backup: options.backupSuffix && existing ? `${target}${options.backupSuffix}` : undefined,
        original: existing ? encodeText(file.original, file.encoding) : undefined,
      })
    }
  } catch (error) {
    for (const {temp} of staged) rmSync(temp, {force: true})
    if (error instanceof HardenConfigError) throw error
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    throw new HardenConfigError(`Cannot write: ${(error as Error).message}; no file was changed`, code, undefined, {cause: error})
  }
  const written: WrittenFile[] = []
  const done: Array<{target: string; original: Buffer | undefined; stats: Stats | undefined}> = []
  try {
    for (const {temp, target, backup, original} of staged) {
      const stats = statOrUndefined(target)
      if (backup !== undefined) writeBackup(target, backup)
      renameSync(temp, target)
      done.push({target, original, stats})
      written.push({path: target, backup})
    }
  } catch (error) {
    // Put back what was already renamed, so that all files change or none does.
    for (const {temp} of staged) rmSync(temp, {force: true})
    for (const {target, original, stats} of done.reverse()) {
      if (original === undefined) rmSync(target, {force: true})
      else restore(target, original, stats)
    }
    throw new HardenConfigError(`Cannot write: ${(error as Error).message}; every file was left as it was`, (error as NodeJS.ErrnoException).code ?? 'EIO', undefined, {cause: error})
  }
  return written
}

/**
 * Copies a file to its backup name the way the file itself is written: to a temporary file
 * and renamed over the name, so that an existing link at the backup's name is replaced,
 * never followed. The backup keeps the file's mode and owner.
 */
function writeBackup(target: string, backup: string): void {
  const stats = statSync(target)
  const temp = join(dirname(backup), `.${basename(backup)}.harden-config-${process.pid}-${++counter}`)
  copyFileSync(target, temp, constants.COPYFILE_EXCL)
  chmodSync(temp, stats.mode & 0o7777)
  keepOwner(temp, stats)
  renameSync(temp, backup)
}

/** Writes a file's original bytes back after a failed write of another file. */
function restore(target: string, original: Buffer, stats: Stats | undefined): void {
  const temp = join(dirname(target), `.${basename(target)}.harden-config-${process.pid}-${++counter}`)
  writeFileSync(temp, original, {mode: stats ? stats.mode & 0o7777 : 0o644, flag: 'wx'})
  if (stats !== undefined) keepOwner(temp, stats)
  renameSync(temp, target)
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file)
  } catch {
    return undefined
  }
}

/** Gives the new file the old one's owner; only root may, and only root needs to. */
function keepOwner(file: string, original: Stats): void {
  try {
    chownSync(file, original.uid, original.gid)
  } catch (error) {
    // Not root: the new file is ours, which it already was if we could write the directory.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error
  }
}
