/**
 * Writing fixed files in place, the way a careful administrator would: each file is
 * written to a temporary file beside it and renamed over the original, so that a reader
 * never sees half a file; its mode and owner are kept; a symbolic link stays a link (the
 * real file behind it is written); and nothing is renamed until every temporary file has
 * been written, so that a failure leaves every file as it was.
 */
import {type Stats, chmodSync, chownSync, closeSync, constants, copyFileSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync} from 'node:fs'
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
  const staged: Array<{temp: string; target: string; backup: string | undefined}> = []
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
      staged.push({temp, target, backup: options.backupSuffix && existing ? `${target}${options.backupSuffix}` : undefined})
    }
  } catch (error) {
    for (const {temp} of staged) rmSync(temp, {force: true})
    if (error instanceof HardenConfigError) throw error
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    throw new HardenConfigError(`Cannot write: ${(error as Error).message}; no file was changed`, code, undefined, {cause: error})
  }
  const written: WrittenFile[] = []
  for (const {temp, target, backup} of staged) {
    if (backup !== undefined) copyFileSync(target, backup, constants.COPYFILE_FICLONE)
    renameSync(temp, target)
    written.push({path: target, backup})
  }
  return written
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
