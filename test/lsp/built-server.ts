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
import {execFileSync} from 'node:child_process'
import * as fs from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

const BUILT = ['dist/bin/harden-config-lsp.cjs', 'dist/bin/harden-config.cjs', 'dist/bin/cli.cjs']
const INPUTS = ['src', 'grammars', 'scripts', 'docs', 'examples', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE']

/** Where the built commands are. */
export interface BuiltServer {
  /** `dist/bin/harden-config-lsp.cjs` */
  lspBin: string
  /** `dist/bin/harden-config.cjs` (the command; `lsp` starts the server) */
  cliBin: string
  /** Removes the temporary build, if one was made. */
  cleanup(): void
}

/** The newest modification time of the files the commands are built from. */
function newestSource(): number {
  let newest = 0
  const visit = (file: string): void => {
    const st = fs.statSync(file)
    if (st.isDirectory()) for (const name of fs.readdirSync(file)) visit(path.join(file, name))
    else newest = Math.max(newest, st.mtimeMs)
  }
  for (const source of ['src', 'grammars', 'scripts/build.mjs', 'package.json', 'tsconfig.build.json']) {
    if (fs.existsSync(path.join(REPO, source))) visit(path.join(REPO, source))
  }
  return newest
}

/** The time of the oldest built file in a tree, or 0 when one is missing. */
function builtAt(tree: string): number {
  const files = BUILT.map((file) => path.join(tree, file))
  if (!files.every((file) => fs.existsSync(file))) return 0
  return Math.min(...files.map((file) => fs.statSync(file).mtimeMs))
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
  if (builtAt(REPO) > newestSource()) return of(REPO)
  const work = fs.mkdtempSync(path.join(tmpdir(), 'harden-config-lsp-build-'))
  for (const entry of INPUTS) {
    if (fs.existsSync(path.join(REPO, entry))) fs.cpSync(path.join(REPO, entry), path.join(work, entry), {recursive: true, filter: (from) => path.basename(from) !== '_generated'})
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(work, 'node_modules'), 'dir')
  try {
    execFileSync('npm', ['run', 'build'], {cwd: work, stdio: 'pipe', timeout: 55_000})
  } catch (error) {
    const {stdout, stderr} = error as {stdout?: Buffer; stderr?: Buffer}
    throw new Error(`npm run build failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`, {cause: error})
  }
  if (builtAt(work) === 0) throw new Error(`npm run build made no ${BUILT.join(', ')}`)
  return of(work, () => fs.rmSync(work, {recursive: true, force: true}))
}
