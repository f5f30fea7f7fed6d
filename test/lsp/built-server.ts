/**
 * The built language server, for tests that start it as a process (over `--stdio`, or from
 * Neovim): `dist/bin/harden-config-lsp.cjs` and `dist/bin/harden-config.cjs lsp`.
 *
 * It builds nothing unless it must, as cli-spawn.test.ts and the package test do: the
 * repository's dist/ is used when it is newer than its sources (as after `npm run build`,
 * which CI runs before the tests); else a copy of the build's inputs is built once, in a
 * temporary folder, which leaves the repository's dist/ alone for the tests that may be
 * rebuilding it at the same time.
 */
import * as fs from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {buildCopy, isBuilt, REPO} from '../support/built.js'

export {REPO} from '../support/built.js'

const BUILT = ['dist/bin/harden-config-lsp.cjs', 'dist/bin/harden-config.cjs', 'dist/bin/cli.cjs']

/** Where the built commands are. */
export interface BuiltServer {
  /** `dist/bin/harden-config-lsp.cjs` */
  lspBin: string
  /** `dist/bin/harden-config.cjs` (the command; `lsp` starts the server) */
  cliBin: string
  /** Removes the temporary build, if one was made. */
  cleanup(): void
}

/**
 * The built commands: the repository's when they are up to date, else a fresh build.
 */
export function builtServer(): BuiltServer {
  const of = (tree: string, cleanup: () => void = () => {}): BuiltServer => ({
    lspBin: path.join(tree, 'dist', 'bin', 'harden-config-lsp.cjs'),
    cliBin: path.join(tree, 'dist', 'bin', 'harden-config.cjs'),
    cleanup,
  })
  if (isBuilt(BUILT)) return of(REPO)
  const work = fs.mkdtempSync(path.join(tmpdir(), 'harden-config-lsp-build-'))
  buildCopy(work, BUILT)
  return of(work, () => fs.rmSync(work, {recursive: true, force: true}))
}
