/**
 * The real sshd as a judge: runs `sshd -t` (is this configuration accepted?) and `sshd -T`
 * (which values does sshd use?) on files held in memory, hermetically.
 *
 * sshd reads `/etc/ssh/sshd_config` and resolves a relative `Include` under `/etc/ssh`, an
 * absolute one as it is, so it cannot be pointed at another folder without rewriting the
 * files (which would judge something else than what the library wrote). Instead, every run
 * happens in a private mount namespace (`unshare -m --propagation private`) in which a
 * temporary folder holding the given files is bind-mounted over `/etc/ssh`: sshd sees the
 * files at their own system paths, byte for byte, and the machine's `/etc/ssh` is never
 * written and never read. The mount disappears with the namespace when sshd exits.
 *
 * - Files must live under `/etc/ssh`. Two more paths are accepted: `/etc/passwd` and
 *   `/etc/group`, bind-mounted over the host's inside the namespace, so that
 *   `Match Group` can be evaluated for a user the host does not have (see {@link accountsWith}).
 * - Runs on one set of files are batched in one namespace ({@link runSshdBatch}): sshd
 *   itself costs about 10 ms a run.
 * - A private tmpfs over `/run` holds the privilege separation folder `/run/sshd` (which
 *   systemd would create) and a throw-away ed25519 host key (mode 0600, passed with `-h`, at
 *   a fixed path since `sshd -T` prints it), so no host key of the machine is needed or read
 *   and nothing outside the temporary folder is created.
 * - As root the namespace is made directly; otherwise with `sudo -n` when it works, else in
 *   a user namespace (`unshare -r -m`), where sshd believes it is root.
 *
 * Install sshd with `scripts/install-oracles`. `SSHD_ORACLE=/path/to/sshd` picks another
 * build (the suite expects OpenSSH 9.2p1's behaviour).
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, posix} from 'node:path'

/** A file's path as sshd sees it (`/etc/ssh/sshd_config`). */
export type SystemPath = string

/** Files by system path: text (written as UTF-8) or bytes (written as they are). */
export type JudgeFiles = Readonly<Record<SystemPath, string | Uint8Array>>

/** What `sshd -t` said. */
export interface SshdVerdict {
  /** True when sshd accepted the configuration (exit status 0). */
  ok: boolean
  /** sshd's exit status. */
  status: number | null
  /** What sshd printed on standard error (errors, and warnings such as `Deprecated option`). */
  stderr: string
}

/** A connection for `sshd -T -C`: which Match blocks apply. */
export interface Connection {
  user: string
  host: string
  addr: string
  laddr?: string | undefined
  lport?: number | string | undefined
  rdomain?: string | undefined
}

/** Where the configuration folder is mounted in the namespace. */
const SSH_DIR = '/etc/ssh'
/** Where the host key is in the namespace (a private tmpfs over /run). */
const HOST_KEY = '/run/sshd-judge/ssh_host_ed25519_key'
/** Files other than those under /etc/ssh that the judge may put in place. */
const ACCOUNT_FILES = ['/etc/passwd', '/etc/group'] as const

const SSHD_CANDIDATES = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd']

/** How to reach a private mount namespace in which sshd runs as root. */
type Runner = {kind: 'root' | 'sudo' | 'userns'; prefix: string[]}

type Availability = {ok: true; sshd: string; version: string; runner: Runner} | {ok: false; reason: string}

let availability: Availability | undefined

/**
 * Whether the judge can run here: sshd is installed and a private mount namespace can be
 * made. Computed once.
 *
 * @returns the sshd binary, its version and the way it is run; or why not
 */
export function sshdAvailability(): Availability {
  availability ??= probe()
  return availability
}

function probe(): Availability {
  const chosen = process.env.SSHD_ORACLE
  const fromPath = (process.env.PATH ?? '').split(':').filter(Boolean).map((dir) => join(dir, 'sshd'))
  const sshd = chosen !== undefined && chosen !== '' ? (existsSync(chosen) ? chosen : undefined) : [...fromPath, ...SSHD_CANDIDATES].find((candidate) => existsSync(candidate))
  if (sshd === undefined) {
    const where = chosen ? `SSHD_ORACLE=${chosen} does not exist` : 'no sshd on PATH or in /usr/sbin'
    return {ok: false, reason: `sshd is not installed (${where})`}
  }
  if (!existsSync(SSH_DIR)) return {ok: false, reason: `${SSH_DIR} does not exist, so nothing can be mounted over it`}
  // `sshd -V` exists from 9.4 on; older ones print their version in the usage text.
  const usage = spawnSync(sshd, ['-V'], {encoding: 'utf8'})
  const version = /OpenSSH_[^\s,]+/.exec(`${usage.stderr}${usage.stdout}`)?.[0] ?? 'unknown version'
  // Try each way in with the mounts of a real run and a command that does nothing.
  const reasons: string[] = []
  const root = mkdtempSync(join(tmpdir(), 'sshd-judge-probe-'))
  try {
    mkdirSync(join(root, SSH_DIR), {recursive: true})
    writeFileSync(join(root, 'ssh_host_ed25519_key'), '', {mode: 0o600})
    for (const runner of runners()) {
      const [command, ...prefix] = runner.prefix
      const tried = spawnSync(command!, [...prefix, 'sh', '-c', namespaceScript([], 'exit 0'), root], {encoding: 'utf8', timeout: 20_000})
      if (tried.status === 0) return {ok: true, sshd, version, runner}
      reasons.push(`${runner.prefix.join(' ')}: ${(tried.stderr || tried.error?.message || `exit ${tried.status}`).trim()}`)
    }
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
  return {ok: false, reason: `cannot make a private mount namespace to run sshd in (${reasons.join('; ')})`}
}

function runners(): Runner[] {
  const unshare = ['unshare', '-m', '--propagation', 'private']
  if (process.getuid?.() === 0) return [{kind: 'root', prefix: unshare}]
  return [
    {kind: 'sudo', prefix: ['sudo', '-n', ...unshare]},
    {kind: 'userns', prefix: ['unshare', '-r', '-m', '--propagation', 'private']},
  ]
}

let hostKey: Buffer | undefined

/**
 * A throw-away ed25519 host key, made once per process. Only its bytes are kept: each run
 * writes it into its own temporary folder, so nothing is left behind.
 */
function throwAwayHostKey(): Buffer {
  if (hostKey !== undefined) return hostKey
  const dir = mkdtempSync(join(tmpdir(), 'sshd-judge-key-'))
  try {
    const key = join(dir, 'ssh_host_ed25519_key')
    const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'sshd-judge', '-f', key], {encoding: 'utf8'})
    if (made.status !== 0) throw new Error(`ssh-keygen failed (${made.error?.message ?? made.stderr}): run scripts/install-oracles`)
    hostKey = readFileSync(key)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
  return hostKey
}

/**
 * The script run inside the namespace: mounts the files, then runs what follows (`set -e`:
 * nothing runs if a mount failed). `$0` is the temporary root.
 */
function namespaceScript(accounts: readonly string[], body: string): string {
  const lines = ['set -e', `mount --bind "$0/etc/ssh" ${SSH_DIR}`]
  for (const file of accounts) lines.push(`mount --bind "$0${file}" ${file}`)
  // A private /run: sshd's privilege separation folder (which must belong to root, as it
  // does not in a user namespace) and the host key at a fixed path, which sshd -T prints.
  lines.push(
    'mount -t tmpfs sshd-judge /run',
    'mkdir -m 0755 /run/sshd /run/sshd-judge',
    `cp "$0/ssh_host_ed25519_key" ${HOST_KEY}`,
    `chmod 0600 ${HOST_KEY}`,
  )
  lines.push('set +e', body)
  return lines.join('\n')
}

/** A word for sh, in single quotes. */
function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/** What one sshd run printed, and how it ended. */
export interface SshdRun {
  status: number | null
  stdout: string
  stderr: string
}

/**
 * Runs sshd once per argument list on one set of files, all in one private mount namespace
 * (the mounts are made once: a run costs about what sshd itself costs).
 *
 * @param files the files, by system path (under /etc/ssh, or /etc/passwd and /etc/group)
 * @param argLists sshd's arguments for each run (`-h` is added, and `-f main` unless the list has its own `-f`)
 * @param main the configuration file sshd reads (`-f`)
 * @returns each run's exit status and output, in order
 */
export function runSshdBatch(files: JudgeFiles, argLists: ReadonlyArray<readonly string[]>, main: SystemPath = `${SSH_DIR}/sshd_config`): SshdRun[] {
  const state = sshdAvailability()
  if (!state.ok) throw new Error(`The sshd judge cannot run: ${state.reason}. Install it with scripts/install-oracles.`)
  if (!isUnder(main, SSH_DIR)) throw new Error(`The main file must be under ${SSH_DIR}: ${main}`)
  if (argLists.length === 0) return []
  const root = mkdtempSync(join(tmpdir(), 'sshd-judge-'))
  try {
    chmodSync(root, 0o755)
    mkdirSync(join(root, SSH_DIR), {recursive: true, mode: 0o755})
    writeFileSync(join(root, 'ssh_host_ed25519_key'), throwAwayHostKey(), {mode: 0o600})
    const accounts: string[] = []
    for (const [path, content] of Object.entries(files)) {
      const normal = posix.normalize(path)
      if ((ACCOUNT_FILES as readonly string[]).includes(normal)) accounts.push(normal)
      else if (!isUnder(normal, SSH_DIR) || normal === SSH_DIR) {
        throw new Error(`The sshd judge only places files under ${SSH_DIR} (and ${ACCOUNT_FILES.join(', ')}): ${path}`)
      }
      const target = join(root, normal)
      mkdirSync(posix.dirname(target), {recursive: true, mode: 0o755})
      writeFileSync(target, content)
    }
    const out = join(root, 'out')
    mkdirSync(out)
    const body = argLists
      .map((args, i) => {
        const config = args.includes('-f') ? [] : ['-f', main]
        const words = [state.sshd, ...args, ...config, '-h', HOST_KEY].map(shellWord).join(' ')
        return `${words} >"$0/out/${i}.stdout" 2>"$0/out/${i}.stderr"; echo $? >"$0/out/${i}.status"`
      })
      .join('\n')
    const [command, ...prefix] = state.runner.prefix
    const run = spawnSync(command!, [...prefix, 'sh', '-c', namespaceScript(accounts, body), root], {
      encoding: 'utf8',
      env: {...process.env, LC_ALL: 'C'},
      timeout: 60_000,
    })
    if (run.error) throw new Error(`Running sshd failed: ${run.error.message}`)
    if (run.status !== 0) throw new Error(`Preparing the namespace for sshd failed (exit ${run.status}): ${run.stderr}`)
    return argLists.map((_, i) => {
      const read = (suffix: string) => readFileSync(join(out, `${i}.${suffix}`), 'utf8')
      return {status: Number(read('status').trim()), stdout: read('stdout'), stderr: read('stderr')}
    })
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

/**
 * Runs sshd with some arguments on a set of files, in a private mount namespace.
 *
 * @param files the files, by system path (under /etc/ssh, or /etc/passwd and /etc/group)
 * @param args sshd's arguments (`-f` and `-h` are added)
 * @param main the configuration file sshd reads (`-f`)
 * @returns sshd's exit status and output
 */
export function runSshd(files: JudgeFiles, args: readonly string[], main: SystemPath = `${SSH_DIR}/sshd_config`): SshdRun {
  return runSshdBatch(files, [args], main)[0]!
}

/**
 * `sshd -t`: whether sshd accepts a configuration.
 *
 * @param files the files, by system path
 * @param main the file sshd reads first
 */
export function sshdCheck(files: JudgeFiles, main: SystemPath = `${SSH_DIR}/sshd_config`): SshdVerdict {
  const run = runSshd(files, ['-t'], main)
  return {ok: run.status === 0, status: run.status, stderr: run.stderr}
}

/**
 * The `-C` argument for a connection: `user=alice,host=h,addr=192.0.2.1`.
 *
 * @param connection the connection
 */
export function connectionSpec(connection: Connection): string {
  const parts = [`user=${connection.user}`, `host=${connection.host}`, `addr=${connection.addr}`]
  if (connection.laddr !== undefined) parts.push(`laddr=${connection.laddr}`)
  if (connection.lport !== undefined) parts.push(`lport=${connection.lport}`)
  if (connection.rdomain !== undefined) parts.push(`rdomain=${connection.rdomain}`)
  for (const part of parts) if (/[,\s]/.test(part)) throw new Error(`A connection value cannot hold a comma or white space: ${part}`)
  return parts.join(',')
}

/**
 * `sshd -T`: the values sshd uses, for every connection (only global lines and `Match all`
 * blocks apply) or, with `connection`, for that one (`-C`).
 *
 * @param files the files, by system path
 * @param connection the connection whose Match blocks apply
 * @param main the file sshd reads first
 * @returns lower-case keyword to its values, one per line sshd printed (in order)
 * @throws when sshd rejects the configuration or the connection
 */
export function sshdEffective(files: JudgeFiles, connection?: Connection, main: SystemPath = `${SSH_DIR}/sshd_config`): Map<string, string[]> {
  return sshdEffectiveAll(files, [connection], main)[0]!
}

/**
 * `sshd -T` for several connections at once (`undefined`: no `-C`), in one namespace.
 *
 * @param files the files, by system path
 * @param connections the connections
 * @param main the file sshd reads first
 * @returns the values for each connection, in order
 * @throws when sshd rejects the configuration or a connection
 */
export function sshdEffectiveAll(files: JudgeFiles, connections: ReadonlyArray<Connection | undefined>, main: SystemPath = `${SSH_DIR}/sshd_config`): Array<Map<string, string[]>> {
  const argLists = connections.map((connection) => (connection === undefined ? ['-T'] : ['-T', '-C', connectionSpec(connection)]))
  return runSshdBatch(files, argLists, main).map((run, i) => {
    if (run.status !== 0) throw new Error(`sshd ${argLists[i]!.join(' ')} failed (exit ${run.status}):\n${run.stderr}`)
    return parseEffective(run.stdout)
  })
}

/** Reads what `sshd -T` printed: one `keyword value` line per value. */
export function parseEffective(stdout: string): Map<string, string[]> {
  const values = new Map<string, string[]>()
  for (const line of stdout.split('\n')) {
    if (line === '') continue
    const space = line.indexOf(' ')
    const keyword = space < 0 ? line : line.slice(0, space)
    const value = space < 0 ? '' : line.slice(space + 1)
    values.set(keyword, [...(values.get(keyword) ?? []), value])
  }
  return values
}

/**
 * `/etc/passwd` and `/etc/group` of this machine plus users who belong to some groups, for
 * `Match Group`: sshd asks the group database about the user of `-C`, and there is no
 * `group=` in a connection spec. Each user is added when the host lacks it, and each group
 * (created when missing) lists its users as members. Pass the result to the judge with the
 * configuration files; it replaces the host's files only inside the namespace.
 *
 * @param memberships each user and the groups it must be in
 */
export function accountsWith(memberships: ReadonlyArray<{user: string; groups: readonly string[]}>): Record<'/etc/passwd' | '/etc/group', string> {
  const withEnd = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`)
  let passwd = withEnd(readFileSync('/etc/passwd', 'utf8'))
  let group = withEnd(readFileSync('/etc/group', 'utf8'))
  const freeId = (text: string) => {
    const used = new Set(text.split('\n').map((line) => Number(line.split(':')[2])))
    let id = 61000
    while (used.has(id)) id++
    return id
  }
  for (const {user, groups} of memberships) {
    if (!passwd.split('\n').some((line) => line.split(':')[0] === user)) {
      passwd += `${user}:x:${freeId(passwd)}:65534:sshd judge:/nonexistent:/usr/sbin/nologin\n`
    }
    for (const name of groups) {
      const lines = group.split('\n')
      const index = lines.findIndex((line) => line.split(':')[0] === name)
      if (index < 0) {
        group += `${name}:x:${freeId(group)}:${user}\n`
        continue
      }
      const fields = lines[index]!.split(':')
      const members = (fields[3] ?? '').split(',').filter(Boolean)
      if (!members.includes(user)) fields[3] = [...members, user].join(',')
      lines[index] = fields.join(':')
      group = lines.join('\n')
    }
  }
  return {'/etc/passwd': passwd, '/etc/group': group}
}

function isUnder(path: string, dir: string): boolean {
  const normal = posix.normalize(path)
  return normal === dir || normal.startsWith(`${dir}/`)
}
