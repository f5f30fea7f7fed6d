/**
 * The real Apache httpd as a judge: runs `apache2 -t` (is this configuration accepted?) and
 * `apache2 -t -D DUMP_CONFIG` with mod_info (which directives does httpd keep, in which
 * order, with which values?) on files held in memory, hermetically.
 *
 * - The files are given by system path under `/etc/apache2` (text, bytes, or `{link}` for a
 *   symbolic link, kept as it is: Debian's relative links into `*-available` resolve inside
 *   the copy). Each set is written to a fresh temporary folder and httpd is pointed at the
 *   copy with `-d COPY/etc/apache2` (ServerRoot) and `-f`; Debian's relative `Include`s
 *   resolve into it. The machine's `/etc/apache2` is never read, `/var` never written.
 * - httpd runs under `env -i` with the variables Debian's `apache2ctl` takes from
 *   `envvars`: `APACHE_RUN_USER`/`GROUP` (www-data) and `APACHE_RUN_DIR`, `APACHE_PID_FILE`,
 *   `APACHE_LOCK_DIR`, `APACHE_LOG_DIR` pointing into the temporary folder.
 * - A fragment (`ports.conf`, `security.conf`, `userdir.conf`, a site) is judged inside a
 *   minimal main file that the judge writes: runtime folder, pid file, error log, server
 *   name, user and group, exactly one MPM (`event` unless told), the modules named, then
 *   `Include FRAGMENT`.
 * - The dump is read back into system paths: the copy reads as `/etc/apache2`, the
 *   temporary run, lock and log folders as the paths Debian's `envvars` gives
 *   (`/var/run/apache2`, `/var/lock/apache2`, `/var/log/apache2`), and the judge's main
 *   file as {@link JUDGE_MAIN}. A dump that names a file outside the copy (an absolute
 *   `Include` or `ServerRoot` pointing at the machine) is an error: the run was not hermetic.
 * - mod_ssl checks certificate files even under `-t`, and Debian's default-ssl.conf names
 *   the snake-oil pair that the ssl-cert package makes (`/etc/ssl/certs/ssl-cert-snakeoil.pem`,
 *   `/etc/ssl/private/ssl-cert-snakeoil.key`). So httpd runs in a private mount namespace
 *   where `/etc/ssl/certs` and `/etc/ssl/private` hold only a throw-away pair made with
 *   openssl (as root directly; otherwise with `sudo -n` when it works, else in a user
 *   namespace): the machine's own keys are neither needed nor read, and nothing is written
 *   outside the temporary folder. Without a namespace httpd runs all the same, and a set
 *   that names the pair gets the reason beside httpd's refusal.
 * - Runs are batched: every set of a batch, and its `-t` and dump runs, go to one shell,
 *   eight at a time (httpd costs about 20 ms a run).
 *
 * Install httpd with `scripts/install-oracles` (Debian packages `apache2` and `openssl`).
 * `APACHE_ORACLE=/path/to/apache2` picks another binary.
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, posix} from 'node:path'

/** A file's path as httpd on the judged system would see it (`/etc/apache2/apache2.conf`). */
export type SystemPath = string

/** A file's content (text as UTF-8, bytes as they are), or a symbolic link. */
export type JudgeEntry = string | Uint8Array | {link: string}

/** Files by system path, all under `/etc/apache2`. */
export type JudgeFiles = Readonly<Record<SystemPath, JudgeEntry>>

/** A fragment judged inside a minimal main file. */
export interface FragmentMain {
  /** The fragment's system path; it must be among the files. */
  fragment: SystemPath
  /** Modules to load, by the name of Debian's `.load` file (`userdir`, `ssl`, `socache_shmcb`). */
  modules?: readonly string[] | undefined
  /** The one MPM to load (default `event`). */
  mpm?: 'event' | 'prefork' | 'worker' | undefined
}

/** What httpd reads first: a main file among the files, or a fragment inside the judge's own main file. */
export type JudgeMain = SystemPath | FragmentMain

/** What `apache2 -t` said. */
export interface ApacheVerdict {
  /** True when httpd accepted the configuration (exit status 0 and `Syntax OK`). */
  ok: boolean
  status: number | null
  /** What httpd printed on standard error (paths read back as system paths). */
  stderr: string
}

/** A section a dumped directive stands in. */
export interface DumpScope {
  /** The section's name as written (`VirtualHost`, `Directory`). */
  name: string
  args: string[]
  file: string
  line: number
}

/** One line of the DUMP_CONFIG output: a directive, or the opening tag of a section. */
export interface DumpEntry {
  /** The system path of the file it was read from, as included (a link's own path). */
  file: string
  /** The line where its logical line ends (continuations counted). */
  line: number
  /** The directive's name as written (`ServerTokens`), or for a section its name with `<` (`<Directory`). */
  directive: string
  /** Its arguments, split and unquoted as httpd's ap_getword_conf does (a section's without the `>`). */
  args: string[]
  /** The arguments as httpd kept them (variables replaced, quotes kept). */
  raw: string
  /** True for an opening tag. */
  section: boolean
  /** The sections it stands in, outermost first (conditional sections are gone from the dump). */
  scopes: DumpScope[]
}

/** What httpd says about one set of files. */
export interface ApacheJudgement {
  check: ApacheVerdict
  /** The dump, when httpd accepted the configuration. */
  dump: DumpEntry[] | undefined
  /** The modules loaded (`ssl_module`), static ones included, mod_info only when the configuration loads it itself. */
  modules: string[] | undefined
  /** What the dump run printed on standard error. */
  dumpStderr: string
}

/** One set of files to judge. */
export interface JudgeSet {
  files: JudgeFiles
  main: JudgeMain
}

/** The folder the copy stands for. */
export const SERVER_ROOT = '/etc/apache2'
/** How the judge's own main file (for fragments) is named in dumps and messages. */
export const JUDGE_MAIN = '(judge main)'
/** Debian's snake-oil pair, which the judge provides when a configuration names it. */
export const SNAKEOIL = {certificate: '/etc/ssl/certs/ssl-cert-snakeoil.pem', key: '/etc/ssl/private/ssl-cert-snakeoil.key'} as const
/** What the temporary run, lock and log folders read as (Debian's envvars). */
export const ENVVARS_PATHS = {runDir: '/var/run/apache2', pidFile: '/var/run/apache2/apache2.pid', lockDir: '/var/lock/apache2', logDir: '/var/log/apache2'} as const

const APACHE_CANDIDATES = ['/usr/sbin/apache2', '/usr/local/sbin/apache2', '/usr/sbin/httpd']
const MODULES_DIR = '/usr/lib/apache2/modules'

type Availability = {ok: true; apache2: string; version: string} | {ok: false; reason: string}

let availability: Availability | undefined

/**
 * Whether the judge can run here: httpd and its mod_info are installed. Computed once.
 *
 * @returns the binary and its version (`2.4.71`), or why not
 */
export function apacheAvailability(): Availability {
  availability ??= probe()
  return availability
}

function probe(): Availability {
  const chosen = process.env.APACHE_ORACLE
  const apache2 = chosen !== undefined && chosen !== '' ? (existsSync(chosen) ? chosen : undefined) : APACHE_CANDIDATES.find((candidate) => existsSync(candidate))
  if (apache2 === undefined) return {ok: false, reason: chosen ? `APACHE_ORACLE=${chosen} does not exist` : 'apache2 is not installed (no /usr/sbin/apache2)'}
  if (!existsSync(join(MODULES_DIR, 'mod_info.so'))) return {ok: false, reason: `${MODULES_DIR}/mod_info.so is missing (package apache2-bin)`}
  const run = spawnSync(apache2, ['-v'], {encoding: 'utf8', env: {PATH: '/usr/sbin:/usr/bin:/bin', LANG: 'C'}})
  const version = /Apache\/(\d+\.\d+\.\d+)/.exec(`${run.stdout}${run.stderr}`)?.[1]
  if (version === undefined) return {ok: false, reason: `${apache2} -v did not say its version (${run.error?.message ?? run.stderr})`}
  return {ok: true, apache2, version}
}

/** How to reach a private mount namespace (for the snake-oil pair). */
type Runner = {prefix: string[]}
let runner: Runner | {error: string} | undefined

function namespaceRunner(): Runner {
  if (runner === undefined) {
    const unshare = ['unshare', '-m', '--propagation', 'private']
    const candidates = process.getuid?.() === 0 ? [unshare] : [['sudo', '-n', ...unshare], ['unshare', '-r', '-m', '--propagation', 'private']]
    const reasons: string[] = []
    for (const prefix of candidates) {
      const [command, ...rest] = prefix
      const tried = spawnSync(command!, [...rest, 'sh', '-c', 'mount -t tmpfs judge /etc/ssl/private'], {encoding: 'utf8', timeout: 20_000})
      if (tried.status === 0) {
        runner = {prefix}
        break
      }
      reasons.push(`${prefix.join(' ')}: ${(tried.stderr || tried.error?.message || `exit ${tried.status}`).trim()}`)
    }
    runner ??= {error: `cannot make a private mount namespace for the snake-oil pair (${reasons.join('; ')})`}
  }
  if ('error' in runner) throw new Error(runner.error)
  return runner
}

let snakeoil: {certificate: Buffer; key: Buffer} | undefined

/** A throw-away self-signed pair, made once per process; only its bytes are kept. */
function throwAwayPair(): {certificate: Buffer; key: Buffer} {
  if (snakeoil !== undefined) return snakeoil
  const dir = mkdtempSync(join(tmpdir(), 'apache-judge-pair-'))
  try {
    const key = join(dir, 'key.pem')
    const certificate = join(dir, 'cert.pem')
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=apache-judge', '-days', '3650', '-keyout', key, '-out', certificate], {encoding: 'utf8'})
    if (made.status !== 0) throw new Error(`openssl could not make the throw-away pair (${made.error?.message ?? made.stderr}): run scripts/install-oracles`)
    snakeoil = {certificate: readFileSync(certificate), key: readFileSync(key)}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
  return snakeoil
}

/** A word for sh, in single quotes. */
function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`
}

function isUnder(path: string, dir: string): boolean {
  const normal = posix.normalize(path)
  return normal === dir || normal.startsWith(`${dir}/`)
}

function bytesOf(entry: string | Uint8Array): Uint8Array {
  return typeof entry === 'string' ? Buffer.from(entry, 'utf8') : entry
}

function isLink(entry: JudgeEntry): entry is {link: string} {
  return typeof entry === 'object' && !(entry instanceof Uint8Array)
}

function needsSnakeoil(files: JudgeFiles): boolean {
  return Object.values(files).some((entry) => !isLink(entry) && Buffer.from(bytesOf(entry)).includes('ssl-cert-snakeoil'))
}

/** The judge's main file for a fragment, which it includes from the copy. */
function fragmentMain(main: FragmentMain, copy: string): string {
  const mpm = main.mpm ?? 'event'
  const modules = [`mpm_${mpm}`, ...(main.modules ?? [])]
  const lines = [
    '# Written by test/oracle/apache-judge.ts to judge a fragment.',
    'DefaultRuntimeDir ${APACHE_RUN_DIR}',
    'PidFile ${APACHE_PID_FILE}',
    'ErrorLog ${APACHE_LOG_DIR}/error.log',
    'ServerName localhost',
    'User ${APACHE_RUN_USER}',
    'Group ${APACHE_RUN_GROUP}',
  ]
  for (const name of modules) {
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Not a module name: ${name}`)
    const file = `${MODULES_DIR}/mod_${name}.so`
    if (!existsSync(file)) throw new Error(`The judge cannot load ${name}: ${file} does not exist`)
    lines.push(`LoadModule ${name}_module ${file}`)
  }
  lines.push(`Include ${join(copy, main.fragment)}`)
  return `${lines.join('\n')}\n`
}

/** Where one set lives in the temporary folder, and how its paths read back. */
interface Placed {
  dir: string
  main: string
  /** Whether httpd read a file there (the copy, or the judge's main file). */
  inside: (file: string) => boolean
  translate: (text: string) => string
}

function place(root: string, index: number, set: JudgeSet): Placed {
  const dir = join(root, `s${index}`)
  const copy = join(dir, 'root')
  for (const sub of ['run', 'lock', 'log']) mkdirSync(join(dir, sub), {recursive: true, mode: 0o755})
  mkdirSync(join(copy, SERVER_ROOT), {recursive: true, mode: 0o755})
  for (const [path, entry] of Object.entries(set.files)) {
    const normal = posix.normalize(path)
    if (!isUnder(normal, SERVER_ROOT) || normal === SERVER_ROOT) throw new Error(`The apache judge only places files under ${SERVER_ROOT}: ${path}`)
    const target = join(copy, normal)
    mkdirSync(posix.dirname(target), {recursive: true, mode: 0o755})
    if (isLink(entry)) {
      if (posix.isAbsolute(entry.link)) throw new Error(`An absolute link would leave the copy: ${path} -> ${entry.link}`)
      symlinkSync(entry.link, target)
    } else {
      writeFileSync(target, bytesOf(entry))
    }
  }
  let main: string
  const replacements: Array<[string, string]> = []
  if (typeof set.main === 'string') {
    if (!(set.main in set.files)) throw new Error(`The main file is not among the files: ${set.main}`)
    main = join(copy, set.main)
  } else {
    if (!(set.main.fragment in set.files)) throw new Error(`The fragment is not among the files: ${set.main.fragment}`)
    main = join(dir, 'judge-main.conf')
    writeFileSync(main, fragmentMain(set.main, copy))
    replacements.push([main, JUDGE_MAIN])
  }
  replacements.push(
    [copy, ''],
    [join(dir, 'run'), ENVVARS_PATHS.runDir],
    [join(dir, 'lock'), ENVVARS_PATHS.lockDir],
    [join(dir, 'log'), ENVVARS_PATHS.logDir],
  )
  const translate = (text: string) => replacements.reduce((out, [from, to]) => out.split(from).join(to), text)
  // mod_macro names what a `Use` expands to after both places:
  // `macro 'm' (defined on line 8 of "FILE") used on line 11 of "FILE"`.
  const inside = (file: string): boolean => {
    if (file.startsWith('/')) return file === main || isUnder(file, copy)
    const quoted = [...file.matchAll(/"([^"]+)"/g)].map((match) => match[1]!)
    return quoted.length > 0 && quoted.every(inside)
  }
  return {dir, main, inside, translate}
}

/** The shell line that runs httpd for one set, its output to `out/NAME.*`. */
function commandLine(state: {apache2: string}, placed: Placed, args: readonly string[], name: string): string {
  const env = [
    'PATH=/usr/sbin:/usr/bin:/bin',
    'LANG=C',
    'APACHE_RUN_USER=www-data',
    'APACHE_RUN_GROUP=www-data',
    `APACHE_RUN_DIR=${join(placed.dir, 'run')}`,
    `APACHE_PID_FILE=${join(placed.dir, 'run', 'apache2.pid')}`,
    `APACHE_LOCK_DIR=${join(placed.dir, 'lock')}`,
    `APACHE_LOG_DIR=${join(placed.dir, 'log')}`,
  ]
  const words = ['env', '-i', ...env, state.apache2, '-d', join(placed.dir, 'root', SERVER_ROOT), '-f', placed.main, ...args].map(shellWord).join(' ')
  return `(cd "$0/${posix.basename(placed.dir)}" && ${words} >"$0/out/${name}.stdout" 2>"$0/out/${name}.stderr"; echo $? >"$0/out/${name}.status") &`
}

/** How many httpd runs go at once. */
const PARALLEL = 8

const DUMP_ARGS = ['-t', '-D', 'DUMP_CONFIG', '-D', 'DUMP_MODULES', '-C', `LoadModule info_module ${MODULES_DIR}/mod_info.so`]

/**
 * Judges several sets of files in one go: for each, `apache2 -t` and, when it passes, the
 * DUMP_CONFIG and module list of the same files.
 *
 * @param sets the sets, each with its main file or fragment
 * @returns one judgement per set, in order
 */
export function apacheJudgeBatch(sets: readonly JudgeSet[]): ApacheJudgement[] {
  const state = apacheAvailability()
  if (!state.ok) throw new Error(`The apache judge cannot run: ${state.reason}. Install it with scripts/install-oracles.`)
  if (sets.length === 0) return []
  const root = mkdtempSync(join(tmpdir(), 'apache-judge-'))
  try {
    chmodSync(root, 0o755)
    mkdirSync(join(root, 'out'))
    const placed = sets.map((set, i) => place(root, i, set))
    const commands = placed.flatMap((p, i) => [commandLine(state, p, ['-t'], `${i}.check`), commandLine(state, p, DUMP_ARGS, `${i}.dump`)])
    // A few at a time: enough to keep the processors busy, not a hundred httpd at once.
    const lines = commands.flatMap((command, i) => ((i + 1) % PARALLEL === 0 || i === commands.length - 1 ? [command, 'wait'] : [command]))
    // In a private mount namespace with the throw-away snake-oil pair when one can be made
    // (so that the machine's own pair, if any, is never read); otherwise as they are, and a
    // set that names the pair gets the reason with httpd's refusal.
    let argv = ['sh', '-c', lines.join('\n'), root]
    let noPair: string | undefined
    try {
      const pair = throwAwayPair()
      const prefix = namespaceRunner().prefix
      mkdirSync(join(root, 'ssl', 'certs'), {recursive: true})
      mkdirSync(join(root, 'ssl', 'private'), {recursive: true, mode: 0o700})
      writeFileSync(join(root, 'ssl', 'certs', posix.basename(SNAKEOIL.certificate)), pair.certificate, {mode: 0o644})
      writeFileSync(join(root, 'ssl', 'private', posix.basename(SNAKEOIL.key)), pair.key, {mode: 0o600})
      const mounts = ['set -e', `mount --bind "$0/ssl/certs" ${posix.dirname(SNAKEOIL.certificate)}`, `mount --bind "$0/ssl/private" ${posix.dirname(SNAKEOIL.key)}`, 'set +e']
      argv = [...prefix, 'sh', '-c', [...mounts, ...lines].join('\n'), root]
    } catch (error) {
      noPair = (error as Error).message
    }
    const [command, ...args] = argv
    const run = spawnSync(command!, args, {encoding: 'utf8', timeout: 120_000})
    if (run.error) throw new Error(`Running apache2 failed: ${run.error.message}`)
    if (run.status !== 0) throw new Error(`Preparing the runs of apache2 failed (exit ${run.status}): ${run.stderr}`)
    return placed.map((p, i) => {
      const untranslated = (name: string) => readFileSync(join(root, 'out', `${i}.${name}`), 'utf8')
      const read = (name: string) => p.translate(untranslated(name))
      const status = Number(read('check.status').trim())
      const stdout = read('check.stdout')
      const stderr = read('check.stderr')
      const ok = status === 0 && /^Syntax OK$/m.test(`${stdout}${stderr}`)
      const why = !ok && noPair !== undefined && needsSnakeoil(sets[i]!.files) ? `\n(the apache judge could not provide the snake-oil pair this configuration names: ${noPair})` : ''
      const check: ApacheVerdict = {ok, status, stderr: `${stderr}${why}`}
      const dumpStatus = Number(read('dump.status').trim())
      const dumpStderr = read('dump.stderr')
      if (!check.ok) return {check, dump: undefined, modules: undefined, dumpStderr}
      if (dumpStatus !== 0) throw new Error(`apache2 -t accepted the files but the dump run failed (exit ${dumpStatus}):\n${dumpStderr}`)
      const parsed = parseDump(untranslated('dump.stdout'))
      const outside = [...new Set(parsed.entries.map((entry) => entry.file))].filter((file) => !p.inside(file))
      if (outside.length > 0) throw new Error(`httpd read files outside the copy, so the run was not hermetic: ${outside.join(', ')}`)
      const translated = parsed.entries.map((entry) => translateEntry(entry, p.translate))
      // mod_info was loaded with -C; it counts only when the configuration loads it too.
      const ownInfo = /AH01574: module info_module is already loaded/.test(dumpStderr)
      const modules = parsed.modules.filter((name) => ownInfo || name !== 'info_module')
      return {check, dump: translated, modules, dumpStderr}
    })
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

function translateEntry(entry: DumpEntry, translate: (text: string) => string): DumpEntry {
  const scopes = entry.scopes.map((scope) => ({...scope, file: translate(scope.file), args: scope.args.map(translate)}))
  return {...entry, file: translate(entry.file), raw: translate(entry.raw), args: entry.args.map(translate), scopes}
}

/**
 * `apache2 -t`: whether httpd accepts a configuration.
 *
 * @param files the files, by system path under /etc/apache2
 * @param main the main file, or a fragment to judge inside a minimal main file
 */
export function apacheCheck(files: JudgeFiles, main: JudgeMain = `${SERVER_ROOT}/apache2.conf`): ApacheVerdict {
  return apacheJudgeBatch([{files, main}])[0]!.check
}

/**
 * `apache2 -t -D DUMP_CONFIG` with mod_info: the directives httpd keeps, in reading order.
 *
 * @param files the files, by system path under /etc/apache2
 * @param main the main file, or a fragment to judge inside a minimal main file
 * @throws when httpd rejects the configuration
 */
export function apacheDump(files: JudgeFiles, main: JudgeMain = `${SERVER_ROOT}/apache2.conf`): DumpEntry[] {
  const [judged] = apacheJudgeBatch([{files, main}])
  if (judged!.dump === undefined) throw new Error(`apache2 -t refuses the files:\n${judged!.check.stderr}`)
  return judged!.dump
}

/**
 * Splits arguments as httpd's ap_getword_conf does: white space separates words; a word
 * that starts with `"` or `'` runs to the same quote (`\\` and `\<quote>` escape inside)
 * or to the end; in a bare word `\\` is one backslash.
 *
 * @param raw the arguments as httpd kept them
 */
export function splitWords(raw: string): string[] {
  const words: string[] = []
  let i = 0
  const space = (c: string | undefined) => c !== undefined && /[ \t\n\v\f\r]/.test(c)
  for (;;) {
    while (space(raw[i])) i++
    if (i >= raw.length) return words
    const quote = raw[i]
    let word = ''
    if (quote === '"' || quote === "'") {
      i++
      while (i < raw.length && raw[i] !== quote) {
        if (raw[i] === '\\' && (raw[i + 1] === quote || raw[i + 1] === '\\')) i++
        word += raw[i]
        i++
      }
      if (raw[i] === quote) i++
    } else {
      while (i < raw.length && !space(raw[i])) {
        if (raw[i] === '\\' && raw[i + 1] === '\\') i++
        word += raw[i]
        i++
      }
    }
    words.push(word)
  }
}

/**
 * Reads what `-D DUMP_CONFIG -D DUMP_MODULES` printed: `# In file: F` starts a file,
 * `#  N:` gives the line of what follows, `<Name args>` opens a section (its content is
 * indented) and `</Name>` closes it; then `Loaded Modules:` and one ` name (static|shared)`
 * per line.
 *
 * @param stdout the output, paths already read back
 */
export function parseDump(stdout: string): {entries: DumpEntry[]; modules: string[]} {
  const entries: DumpEntry[] = []
  const modules: string[] = []
  const scopes: DumpScope[] = []
  let file = ''
  let line = 0
  let inModules = false
  for (const text of stdout.split('\n')) {
    if (inModules) {
      const module = /^\s*(\S+) \((?:static|shared)\)$/.exec(text)
      if (module) modules.push(module[1]!)
      continue
    }
    if (text === 'Loaded Modules:') {
      inModules = true
      continue
    }
    const trimmed = text.trim()
    if (trimmed === '') continue
    const inFile = /^# In file: (.*)$/.exec(trimmed)
    if (inFile) {
      file = inFile[1]!
      continue
    }
    const lineMark = /^#\s*(\d+):$/.exec(trimmed)
    if (lineMark) {
      line = Number(lineMark[1])
      continue
    }
    if (trimmed.startsWith('</')) {
      scopes.pop()
      continue
    }
    const space = trimmed.search(/\s/)
    const name = space < 0 ? trimmed : trimmed.slice(0, space)
    let raw = space < 0 ? '' : trimmed.slice(space + 1).trim()
    const section = name.startsWith('<')
    if (section) raw = raw.replace(/>$/, '')
    const entry: DumpEntry = {file, line, directive: section ? name.replace(/>$/, '') : name, args: splitWords(raw), raw, section, scopes: [...scopes]}
    entries.push(entry)
    if (section) scopes.push({name: entry.directive.slice(1), args: entry.args, file, line})
  }
  return {entries, modules}
}
