/**
 * The oracle tests apply every patch with the real tools, GNU patch and git apply, to a copy
 * of a fixture's files, and compare the result with the library's fixed texts.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, posix} from 'node:path'
import {readTreeFiles} from './tree-files.js'

/**
 * Writes files (by system path) under a fresh folder and applies a patch there with GNU
 * patch (no fuzz) or git apply.
 *
 * @param files the files before, by system path
 * @param patch the patch, as the command writes it (each file's part in its own encoding)
 * @param tool `patch` or `git`
 * @returns the tool's exit status and output, and every file of the folder after it
 */
export function applyInFolder(files: Record<string, Buffer>, patch: Buffer, tool: 'patch' | 'git'): {status: number | null; output: string; after: Record<string, Buffer>} {
  const root = mkdtempSync(join(tmpdir(), `oracle-${tool}-`))
  const patchFile = `${root}.diff`
  try {
    for (const [path, bytes] of Object.entries(files)) {
      const target = join(root, path)
      mkdirSync(posix.dirname(target), {recursive: true})
      writeFileSync(target, bytes)
    }
    writeFileSync(patchFile, patch)
    const run =
      tool === 'patch'
        ? spawnSync('patch', ['-p1', '--batch', '--fuzz=0', '--forward', '--no-backup-if-mismatch', '-d', root, '-i', patchFile], {encoding: 'utf8'})
        : // Outside any repository (none above the folder is looked for), git apply works on the files as patch does.
          spawnSync('git', ['apply', '-p1', '--whitespace=nowarn', patchFile], {cwd: root, encoding: 'utf8', env: {...process.env, GIT_CEILING_DIRECTORIES: posix.dirname(root)}})
    const after = readTreeFiles(root)
    return {status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error?.message ?? ''}`, after}
  } finally {
    rmSync(root, {recursive: true, force: true})
    rmSync(patchFile, {force: true})
  }
}
