/**
 * The built package, for the tests that run it as its users do (cli-spawn.test.ts, the
 * language server's process tests, the package test). None of them builds unless it must:
 * the repository's dist/ is used when it is newer than its sources (as after
 * `npm run build`, which CI runs before the tests).
 */
import {execFileSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** What the build reads: a change here makes dist/ stale. */
const SOURCES = ['src', 'grammars', 'scripts/build.mjs', 'package.json', 'tsconfig.build.json']

/** What a copy needs to build and pack the package. */
const INPUTS = ['src', 'grammars', 'scripts', 'docs', 'examples', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE']

/** The newest modification time of the files the package is built from. */
function newestSource(): number {
  let newest = 0
  const visit = (file: string): void => {
    const st = fs.statSync(file)
    if (st.isDirectory()) for (const name of fs.readdirSync(file)) visit(path.join(file, name))
    else newest = Math.max(newest, st.mtimeMs)
  }
  for (const source of SOURCES) {
    if (fs.existsSync(path.join(REPO, source))) visit(path.join(REPO, source))
  }
  return newest
}

/**
 * When a tree was built: the time of the oldest of the named built files, or 0 when one is
 * missing.
 *
 * @param tree the repository or a copy
 * @param files built files, relative to it (`dist/bin/cli.cjs`)
 */
function builtAt(tree: string, files: readonly string[]): number {
  const paths = files.map((file) => path.join(tree, file))
  if (!paths.every((file) => fs.existsSync(file))) return 0
  return Math.min(...paths.map((file) => fs.statSync(file).mtimeMs))
}

/**
 * Whether the repository's dist/ holds these files, newer than every source.
 *
 * @param files built files, relative to the repository
 */
export function isBuilt(files: readonly string[]): boolean {
  return builtAt(REPO, files) > newestSource()
}

/**
 * Runs `npm run build` in a tree, and checks that it made the files.
 *
 * @param tree the repository or a copy
 * @param files built files the build must make, relative to the tree
 */
export function npmBuild(tree: string, files: readonly string[]): void {
  try {
    execFileSync('npm', ['run', 'build'], {cwd: tree, stdio: 'pipe', timeout: 55_000})
  } catch (error) {
    const {stdout, stderr} = error as {stdout?: Buffer; stderr?: Buffer}
    throw new Error(`npm run build failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`, {cause: error})
  }
  if (builtAt(tree, files) === 0) throw new Error(`npm run build made no ${files.join(', ')}`)
}

/**
 * Builds a copy of the build's inputs in a folder (generated parsers left out, node_modules
 * linked): a build that leaves the repository's dist/ alone for the tests that may be
 * rebuilding it at the same time.
 *
 * @param folder where the copy goes (made when missing)
 * @param files built files the build must make
 */
export function buildCopy(folder: string, files: readonly string[]): void {
  for (const entry of INPUTS) {
    if (fs.existsSync(path.join(REPO, entry))) fs.cpSync(path.join(REPO, entry), path.join(folder, entry), {recursive: true, filter: (from) => path.basename(from) !== '_generated'})
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(folder, 'node_modules'), 'dir')
  npmBuild(folder, files)
}
