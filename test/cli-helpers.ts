/**
 * Helpers of the command-line tests (`cli.test.ts`, `cli-spawn.test.ts`): temporary
 * folders, copies of the cloud-vm example, snapshots of a folder to prove that nothing was
 * written, the text report's grammar, and applying a patch with GNU patch and git.
 */
import {spawnSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {run} from '../src/cli.js'

/** The repository's root folder. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The example system: a Debian 12 cloud VM. Tests copy it; they never write into it. */
export const EXAMPLE = path.join(REPO, 'examples', 'cloud-vm')

/** The first rules, whose findings on the example are known exactly. */
export const ROOT_LOGIN = 'sshd/permit-root-login'
export const PASSWORD = 'sshd/password-authentication'
export const KBD = 'sshd/kbd-interactive-authentication'
export const EMPTY = 'sshd/permit-empty-passwords'
export const X11 = 'sshd/x11-forwarding'
export const FIRST_RULES = [ROOT_LOGIN, PASSWORD, KBD, EMPTY, X11]

/**
 * `--rule` arguments for these rules. Tests that check exact findings name their rules, so
 * that rules added later do not change what they see.
 *
 * @param ids rule ids
 */
export function only(...ids: string[]): string[] {
  return ids.flatMap((id) => ['--rule', id])
}

const temps: string[] = []

/** A new empty temporary folder, removed by {@link removeTemps}. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-config-cli-'))
  temps.push(dir)
  return dir
}

/** Removes every temporary folder made so far. */
export function removeTemps(): void {
  for (const dir of temps.splice(0)) fs.rmSync(dir, {recursive: true, force: true})
}

/** A fresh copy of examples/cloud-vm in a temporary folder: a root for `--root`. */
export function copyExample(): string {
  const dir = tempDir()
  // Links stay as they are (relative, as a2enmod makes them), not made absolute to the original.
  fs.cpSync(EXAMPLE, dir, {recursive: true, verbatimSymlinks: true})
  return dir
}

/**
 * Writes files under a folder, making folders as needed.
 *
 * @param dir the folder
 * @param files relative path to content
 */
export function writeTree(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), {recursive: true})
    fs.writeFileSync(path.join(dir, name), content)
  }
}

/**
 * Everything about a folder a write could change: every entry (links not followed) with its
 * kind, mode, owner, modification time and content. Two equal snapshots mean nothing was
 * written, renamed, created or left behind (a temporary file changes its folder's mtime).
 *
 * @param dir the folder
 */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (rel: string): void => {
    const full = path.join(dir, rel)
    const st = fs.lstatSync(full)
    const meta = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${st.mtimeMs}`
    const key = rel === '' ? '.' : rel
    if (st.isSymbolicLink()) {
      out[key] = `link -> ${fs.readlinkSync(full)} ${meta}`
    } else if (st.isDirectory()) {
      out[key] = `dir ${meta}`
      for (const name of fs.readdirSync(full).sort()) walk(path.join(rel, name))
    } else if (st.isFile()) {
      out[key] = `file ${meta} ${fs.readFileSync(full).toString('base64')}`
    } else {
      out[key] = `other ${meta}`
    }
  }
  walk('')
  return out
}

/**
 * The regular files of a folder and their text, by relative path (`.git` left out): to
 * compare the trees that different ways of applying the fixes produce.
 *
 * @param dir the folder
 */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), {withFileTypes: true})) {
      const name = path.join(rel, entry.name)
      if (entry.name === '.git') continue
      if (entry.isDirectory()) walk(name)
      else if (entry.isFile()) out[name] = fs.readFileSync(path.join(dir, name), 'latin1')
    }
  }
  walk('')
  return out
}

/** Every entry name under a folder (relative paths), to find files left behind. */
export function listNames(dir: string): string[] {
  return (fs.readdirSync(dir, {recursive: true}) as string[]).map(String).sort()
}

/** One line of the text report: `file:line:column  severity  message  rule-id  [label]`. */
export interface ReportLine {
  file: string
  line: number
  column: number
  severity: string
  message: string
  ruleId: string
  label: string | undefined
}

/** The grammar of a finding line of the text report. */
export const FINDING_LINE = /^(\S[^:]*):(\d+):(\d+) {2}(error|warning|info) {2}(.+) {2}([a-z0-9-]+\/[a-z0-9-]+)(?: {2}\[(safe fix|unsafe fix|suggestion)\])?$/

/**
 * Reads a text report: its finding lines (lines indented by four spaces belong to the
 * finding above: related places, risks), and its last line, the summary.
 *
 * @param text the report
 * @throws when a line is neither a finding, nor indented, nor the summary
 */
export function parseTextReport(text: string): {findings: ReportLine[]; details: string[]; summary: string} {
  if (!text.endsWith('\n')) throw new Error(`the report does not end with a line end: ${JSON.stringify(text)}`)
  const lines = text.slice(0, -1).split('\n')
  const summary = lines.pop()!
  const findings: ReportLine[] = []
  const details: string[] = []
  for (const line of lines) {
    if (line.startsWith('    ')) {
      if (findings.length === 0) throw new Error(`an indented line before any finding: ${line}`)
      details.push(line)
      continue
    }
    const match = FINDING_LINE.exec(line)
    if (match === null) throw new Error(`not a finding line: ${JSON.stringify(line)}`)
    findings.push({
      file: match[1]!,
      line: Number(match[2]),
      column: Number(match[3]),
      severity: match[4]!,
      message: match[5]!,
      ruleId: match[6]!,
      label: match[7],
    })
  }
  return {findings, details, summary}
}

/** The summary line of a report. */
export const SUMMARY_LINE = /^(No findings\.|\d+ findings? \(.+\): \d+ safe fix(es)?, \d+ unsafe fix(es)?, \d+ suggestions?\. .+)$/

/** Whether a command can be run (for tests that need `patch` or `git`). */
export function hasCommand(command: string): boolean {
  return spawnSync(command, ['--version'], {stdio: 'ignore'}).status === 0
}

/**
 * Applies a patch with `patch -p1 -d ROOT`, as the help says to. `-f` keeps patch from
 * asking questions (a test has no terminal) and from guessing that a patch is reversed.
 *
 * @param root the folder the patch's paths are relative to
 * @param patch the patch
 * @returns patch's exit status and output
 */
export function applyWithPatch(root: string, patch: string): {status: number | null; output: string} {
  const result = spawnSync('patch', ['-p1', '-d', root, '-f', '--no-backup-if-mismatch'], {input: patch, encoding: 'utf8'})
  return {status: result.status, output: `${result.stdout}${result.stderr}`}
}

/**
 * Applies a patch with `git apply` from the root (not inside any repository: git looks for
 * none above the root's parent).
 *
 * @param root the folder the patch's paths are relative to
 * @param patch the patch
 */
export function applyWithGit(root: string, patch: string): {status: number | null; output: string} {
  const result = spawnSync('git', ['apply', '-p1', '-'], {
    cwd: root,
    input: patch,
    encoding: 'utf8',
    env: {...process.env, GIT_CEILING_DIRECTORIES: path.dirname(root)},
  })
  return {status: result.status, output: `${result.stdout}${result.stderr}`}
}

/** The preamble of a patch: the lines before its first `---` line. */
export function preambleOf(patch: string): string[] {
  const lines = patch.split('\n')
  const end = lines.findIndex((line) => line.startsWith('--- '))
  return end === -1 ? lines : lines.slice(0, end)
}

/** The shape of the JSON report (version 1). */
export interface JsonReport {
  reportVersion: number
  tool: {name: string; version: string}
  findings: Array<{
    ruleId: string
    severity: string
    message: string
    file: string
    position: {start: {line: number; column: number; offset?: number}; end: {line: number; column: number; offset?: number}}
    actual?: unknown
    expected?: unknown
    related?: unknown
    fix: null | {
      safety: string
      title: string
      risk?: string
      applied: boolean
      edits: Array<{file: string; start: number; end: number; text: string}>
    }
  }>
  files: Array<{path: string; realPath: string; patchPath: string; format: string; changed: boolean; created: boolean}>
  patch: string
}

/** What the command gave. */
export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs the command in-process.
 *
 * @param args the arguments
 * @param options the working folder, and standard input (reading it when not given fails)
 */
export function runCli(args: string[], options: {cwd: string; stdin?: string | undefined}): CliResult {
  const out: Buffer[] = []
  let stderr = ''
  const code = run(args, {
    stdout: {write: (chunk: string | Uint8Array) => out.push(Buffer.from(chunk))},
    stderr: {write: (text: string) => (stderr += text)},
    readStdin: () => {
      if (options.stdin === undefined) throw new Error('the command read standard input, which this test did not give')
      return options.stdin
    },
    cwd: options.cwd,
  })
  return {code, stdout: Buffer.concat(out).toString('utf8'), stderr}
}
