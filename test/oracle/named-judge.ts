/**
 * The real named-checkconf as a judge: is a configuration held in memory accepted, and
 * what does named read from it (`named-checkconf -p`)?
 *
 * Debian's named.conf includes its other files by absolute path (`/etc/bind/...`), and the
 * `directory` option (`/var/cache/bind`) must exist, since named-checkconf changes into it
 * as soon as it reads it. So every run happens in a throw-away tree: the files are written
 * at their system paths under a temporary ROOT, `ROOT/var/cache/bind` is made, and
 * `named-checkconf -t ROOT` chroots into it before reading, so that the machine's own
 * /etc/bind is never read. Inside the chroot named-checkconf works in `/`, as the daemon
 * started by systemd does, so relative includes resolve the way they would on the server.
 *
 * `-t` needs root: as root the command runs directly; otherwise in a user namespace
 * (`unshare -r`), where it believes it is root.
 *
 * Install named-checkconf with Debian's `bind9-utils` (scripts/install-oracles).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, posix} from 'node:path'

/** Files by system path: text (written as UTF-8) or bytes (written as they are). */
export type JudgeFiles = Readonly<Record<string, string | Uint8Array>>

/** What one named-checkconf run said. */
export interface CheckconfRun {
  /** True when named-checkconf accepted the configuration (exit status 0). */
  ok: boolean
  status: number | null
  /** The `-p` printout, and the errors and warnings (named-checkconf writes those here too). */
  stdout: string
  stderr: string
}

type Availability = {ok: true; binary: string; version: string; prefix: string[]} | {ok: false; reason: string}

let availability: Availability | undefined

/** Folders the configuration may name with `directory` that must exist in the tree. */
const FOLDERS = ['/var/cache/bind', '/var/lib/bind', '/etc/bind']

/**
 * Whether the judge can run here: named-checkconf is installed and `-t` works. Computed once.
 */
export function namedAvailability(): Availability {
  availability ??= probe()
  return availability
}

function probe(): Availability {
  const binary = ['/usr/bin/named-checkconf', '/usr/sbin/named-checkconf', ...(process.env.PATH ?? '').split(':').filter(Boolean).map((dir) => join(dir, 'named-checkconf'))].find((file) => existsSync(file))
  if (binary === undefined) return {ok: false, reason: 'named-checkconf is not installed (Debian package bind9-utils)'}
  const version = spawnSync(binary, ['-v'], {encoding: 'utf8'}).stdout.trim()
  const prefixes = process.getuid?.() === 0 ? [[]] : [['unshare', '-r']]
  const reasons: string[] = []
  for (const prefix of prefixes) {
    const run = runIn(binary, prefix, {'/etc/bind/named.conf': 'options { };\n'}, [], '/etc/bind/named.conf')
    if (run.ok) return {ok: true, binary, version, prefix}
    reasons.push(`${[...prefix, 'named-checkconf -t'].join(' ')}: ${`${run.stdout}${run.stderr}`.trim() || `exit ${run.status}`}`)
  }
  return {ok: false, reason: `named-checkconf -t does not work here (${reasons.join('; ')})`}
}

function runIn(binary: string, prefix: readonly string[], files: JudgeFiles, args: readonly string[], main: string): CheckconfRun {
  const root = mkdtempSync(join(tmpdir(), 'named-judge-'))
  try {
    for (const folder of FOLDERS) mkdirSync(join(root, folder), {recursive: true})
    for (const [path, content] of Object.entries(files)) {
      if (!posix.isAbsolute(path)) throw new Error(`The named judge places files by absolute system path: ${path}`)
      const target = join(root, posix.normalize(path))
      mkdirSync(dirname(target), {recursive: true})
      writeFileSync(target, content)
    }
    const [command, ...rest] = prefix.length > 0 ? [...prefix, binary] : [binary]
    const run = spawnSync(command!, [...rest, ...args, '-t', root, main], {encoding: 'utf8', env: {...process.env, LC_ALL: 'C'}, timeout: 30_000})
    if (run.error) throw new Error(`Running named-checkconf failed: ${run.error.message}`)
    return {ok: run.status === 0, status: run.status, stdout: run.stdout, stderr: run.stderr}
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

/**
 * Runs named-checkconf on files held in memory, chrooted into a tree that holds them.
 *
 * @param files the files, by system path
 * @param args more arguments (`-p` to print what named read)
 * @param main the file named reads first
 */
export function namedCheckconf(files: JudgeFiles, args: readonly string[] = [], main = '/etc/bind/named.conf'): CheckconfRun {
  const state = namedAvailability()
  if (!state.ok) throw new Error(`The named judge cannot run: ${state.reason}. Install it with scripts/install-oracles.`)
  return runIn(state.binary, state.prefix, files, args, main)
}

/** A statement of `named-checkconf -p`'s output: its text before any `{`, and its block. */
export interface PrintedStatement {
  /** The statement's text up to its block (`allow-recursion`, `zone "x" IN`, `version "none"`). */
  head: string
  /** The statements of its block; undefined for a statement without one. */
  children: PrintedStatement[] | undefined
}

/**
 * Reads what `named-checkconf -p` prints, independently of the library's parser: one
 * statement per line, a block opened by `{` at the end of a line and closed by a line
 * `};` (the printer indents with one tab per level and drops comments).
 *
 * @param stdout the output
 */
export function readPrinted(stdout: string): PrintedStatement[] {
  const top: PrintedStatement[] = []
  const stack: PrintedStatement[][] = [top]
  for (const raw of stdout.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    if (line === '};') {
      stack.pop()
      continue
    }
    const opens = line.endsWith('{')
    const statement: PrintedStatement = {head: (opens ? line.slice(0, -1) : line.replace(/;$/, '')).trim(), children: opens ? [] : undefined}
    stack[stack.length - 1]!.push(statement)
    if (opens) stack.push(statement.children!)
  }
  return top
}

/**
 * A scope of the printed configuration: `options`, or `view NAME` (name without quotes).
 *
 * @param printed what {@link readPrinted} returned
 * @param scope `options` or `view NAME`
 */
export function printedScope(printed: readonly PrintedStatement[], scope: string): PrintedStatement | undefined {
  const view = /^view "?([^"]*)"?$/.exec(scope)
  if (view === null) return printed.find((s) => s.head === scope)
  return printed.find((s) => /^view /.test(s.head) && s.head.replace(/^view "?([^"\s]*)"?.*$/, '$1') === view[1])
}

/**
 * The elements of a list option in a printed scope, without quotes (`any`, `!10.0.0.1/32`),
 * or undefined when the scope does not set it.
 *
 * @param scope the scope
 * @param option the option
 */
export function printedList(scope: PrintedStatement | undefined, option: string): string[] | undefined {
  const found = scope?.children?.find((s) => s.head === option)
  return found?.children?.map((element) => element.head.replace(/"/g, ''))
}
