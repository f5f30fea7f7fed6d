/**
 * The real NTPsec as a judge of ntp.conf files held in memory.
 *
 * ntpd has no check-only mode (`-q` sets the clock and exits: never used here), and a
 * syntax error does not stop it: it logs `CONFIG: ... syntax error` and applies the rest.
 * So the judge starts the real `ntpd -n -D 1` for a moment, reads what it says, and kills
 * it, all inside throw-away namespaces (`unshare`):
 *
 * - a network namespace of its own: only a loopback that is down, so no packet leaves and
 *   no name resolves;
 * - its own pid namespace (`--kill-child`): ntpd dies with the namespace, at the latest
 *   when the `timeout` around it fires;
 * - no `CAP_SYS_TIME` (`setpriv --bounding-set`): `ntp_adjtime()` fails with EPERM, so the
 *   host's clock cannot change;
 * - a mount namespace in which `/` is read-only, `/run`, `/var/lib/ntpsec`, `/var/log` and
 *   `/dev/shm` are empty tmpfs (drift, statistics and key files never reach the host), and
 *   `/etc` is an overlay whose upper layer, on a tmpfs, holds the given files at their
 *   own paths: ntpd reads `/etc/ntpsec/ntp.conf`, its includes and the `ntp.d` folder
 *   beside it byte for byte, and the host's `/etc` is neither read for them nor written.
 *   A folder of the given files that the host has too (`/etc/ntpsec`) is bind-mounted over
 *   the host's, so that none of the host's files shows through.
 *
 * ntpd is killed as soon as it prints its `restart` event (the configuration is applied
 * by then: `Finished Parsing!!` comes before it), which takes a few tens of milliseconds,
 * and within 1.5 s in any case.
 *
 * What the judge reads, from ntpd's own output:
 * - every `CONFIG:` message: syntax errors (`line L column C syntax error`), includes it
 *   cannot open (`Couldn't open <...>`, `failed to open`), warnings (`restrict nopeer
 *   ignored`, `'monitor' cannot be disabled while 'limited' is enabled`);
 * - the debug trace of every change of the restrict table (`restrict: op OP addr A mask
 *   M mflags MF flags F`), replayed here into the table ntpd really applied, starting from
 *   NTPsec's two default entries (`noquery limited`, which are not traced);
 * - the associations it mobilizes;
 * - optionally (`queries`), whether ntpd answers `ntpq -c 'rv 0 version'` from given
 *   addresses: the loopback is brought up in the namespace, every other address is added
 *   to it (`ip addr add ... dev lo`), and the real `ntpq` (NTPsec's, in Python) asks from
 *   each address to itself, with a timeout of 300 ms. This is what `noquery` decides, and
 *   costs about two seconds. ntpd then also adds entries for its own addresses (`ignore`,
 *   for packets from port 123 only), which are left out of `restrict`.
 *
 * As root the namespaces are made directly; otherwise with `sudo -n` when that works,
 * else in a user namespace (`unshare -r`). Install ntpd with scripts/install-oracles
 * (Debian's `ntpsec`); `NTPD_ORACLE=/path/to/ntpd` picks another build.
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, posix} from 'node:path'

/** Files by system path (under /etc): text (written as UTF-8) or bytes. */
export type JudgeFiles = Readonly<Record<string, string | Uint8Array>>

/** One entry of the restrict table ntpd applied. */
export interface JudgedEntry {
  family: 4 | 6
  /** The address as ntpd prints it, with the mask applied (`10.0.0.0`, `::1`). */
  address: string
  mask: string
  /** Match flags (`mflags`): 0x2000 is `ntpport`. */
  mflags: number
  /** The flags, by name, sorted. */
  flags: string[]
}

/** What ntpd said about a configuration. */
export interface NtpVerdict {
  /** ntpd applied the configuration and went on (its `restart` event). */
  started: boolean
  /** Every `CONFIG:` message, without the time stamp. */
  messages: string[]
  /** The syntax errors, as ntpd logs them. */
  syntaxErrors: string[]
  /** Includes ntpd could not read (`Couldn't open`, `failed to open`, `Maximum include file level exceeded`). */
  includeFailures: string[]
  /** The restrict table after the configuration, default entries first. */
  restrict: JudgedEntry[]
  /** `restrict source`: the template flags, when a line set them. */
  source: string[] | undefined
  /** Whether ntpd refused `disable monitor` (`'monitor' cannot be disabled while 'limited' is enabled`). */
  monitorRefused: boolean
  /** The names of the associations it mobilized (`server`, `pool`, `peer`), in order. */
  associations: string[]
  /** The folders and files ntpd says it parsed (`readconfig: parsing ...`). */
  parsed: string[]
  /** For each address of `queries`: whether ntpd answered ntpq's query from it. */
  answers: Record<string, boolean>
  /** What ntpd printed (debug output and log), for failure messages. */
  output: string
}

/** The restrict flag bits (include/ntpd.h `RES_*`), as the debug trace prints them. */
export const FLAG_BITS: ReadonlyArray<readonly [string, number]> = [
  ['ignore', 0x1],
  ['noserve', 0x2],
  ['notrust', 0x4],
  ['version', 0x8],
  ['nopeer', 0x10],
  ['limited', 0x20],
  ['noquery', 0x40],
  ['nomodify', 0x80],
  ['notrap', 0x100],
  ['lowpriotrap', 0x200],
  ['kod', 0x400],
  ['mssntp', 0x800],
  ['flake', 0x1000],
  ['nomrulist', 0x2000],
]

/** NTPsec's default entries before the file is read (ntpd.h `RES_Default`): `noquery limited`. */
const DEFAULT_FLAGS = 0x40 | 0x20

const NTPD_CANDIDATES = ['/usr/sbin/ntpd', '/usr/local/sbin/ntpd', '/sbin/ntpd']

type Runner = {kind: 'root' | 'sudo' | 'userns'; prefix: string[]}
/** Whether the live `ntpq` checks can run (`ip` from iproute2, NTPsec's ntpq and python3), or why not. */
type QueryAvailability = {ok: true} | {ok: false; reason: string}
type Availability = {ok: true; ntpd: string; version: string; runner: Runner; queries: QueryAvailability} | {ok: false; reason: string}

let availability: Availability | undefined

/**
 * Whether the judge can run here: NTPsec's ntpd is installed and the namespaces can be
 * made. Computed once.
 */
export function ntpdAvailability(): Availability {
  availability ??= probe()
  return availability
}

function probe(): Availability {
  const chosen = process.env.NTPD_ORACLE
  const ntpd = chosen !== undefined && chosen !== '' ? (existsSync(chosen) ? chosen : undefined) : NTPD_CANDIDATES.find((candidate) => existsSync(candidate))
  if (ntpd === undefined) return {ok: false, reason: chosen ? `NTPD_ORACLE=${chosen} does not exist` : 'ntpd is not installed (no /usr/sbin/ntpd)'}
  const version = spawnSync(ntpd, ['--version'], {encoding: 'utf8'})
  const text = `${version.stdout}${version.stderr}`.trim()
  if (!/ntpsec/i.test(text)) return {ok: false, reason: `${ntpd} is not NTPsec (${text || 'no version'}): the judge reads NTPsec's debug output`}
  for (const tool of ['unshare', 'setpriv', 'timeout']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return {ok: false, reason: `${tool} (util-linux) is missing`}
  }
  const reasons: string[] = []
  for (const runner of runners()) {
    const result = runInNamespace(runner, ntpd, {'/etc/ntpsec/ntp.conf': '# probe\n'}, '/etc/ntpsec/ntp.conf')
    if (result.ok && /restart/.test(result.out)) return {ok: true, ntpd, version: text.split('\n')[0]!, runner, queries: probeQueries()}
    reasons.push(`${runner.prefix.join(' ') || runner.kind}: ${result.ok ? 'ntpd did not start' : result.error}`)
  }
  return {ok: false, reason: `cannot run ntpd in throw-away namespaces (${reasons.join('; ')})`}
}

function probeQueries(): QueryAvailability {
  const missing = ['/usr/bin/ntpq', '/usr/bin/python3'].filter((file) => !existsSync(file))
  if (spawnSync('sh', ['-c', 'command -v ip || test -x /usr/sbin/ip || test -x /sbin/ip']).status !== 0) missing.push('ip (iproute2)')
  return missing.length === 0 ? {ok: true} : {ok: false, reason: `missing ${missing.join(', ')}`}
}

function runners(): Runner[] {
  if (process.getuid?.() === 0) return [{kind: 'root', prefix: []}]
  return [
    {kind: 'sudo', prefix: ['sudo', '-n']},
    {kind: 'userns', prefix: ['unshare', '-r', '--map-auto']},
  ]
}

/** A word for sh, in single quotes. */
function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * The script run as pid 1 of the namespaces. `$0` is the temporary folder. It builds the
 * private view of the file system, starts ntpd in the background, waits for its `restart`
 * event (or its death), and kills it.
 */
function namespaceScript(ntpd: string, main: string, hostFolders: readonly string[], queries: readonly string[] = []): string {
  const lines = [
    'set -e',
    'mount --make-rprivate /',
    // The temporary folder stays writable after / becomes read-only.
    'mount --bind "$0" "$0"',
    'mount -t tmpfs ntp-judge "$0/overlay"',
    'mkdir "$0/overlay/upper" "$0/overlay/work"',
    'cp -a "$0/root/etc/." "$0/overlay/upper/"',
    'mount -t overlay ntp-judge -o "lowerdir=/etc,upperdir=$0/overlay/upper,workdir=$0/overlay/work" /etc',
  ]
  // A folder the host has too: only the given files may be seen in it.
  for (const folder of hostFolders) lines.push(`mount --bind "$0/root${folder}" ${shellWord(folder)}`)
  lines.push(
    'mount -o remount,bind,ro /',
    'for d in /run /var/lib/ntpsec /var/log /dev/shm; do if [ -d "$d" ]; then mount -t tmpfs ntp-judge "$d"; fi; done',
  )
  if (queries.length > 0) {
    // Only in this network namespace: its loopback, and the addresses to ask from.
    lines.push('ip link set lo up')
    for (const address of queries) {
      if (address === '127.0.0.1' || address === '::1') continue
      lines.push(address.includes(':') ? `ip -6 addr add ${shellWord(`${address}/128`)} dev lo nodad` : `ip addr add ${shellWord(`${address}/32`)} dev lo`)
    }
  }
  lines.push(
    'set +e',
    `${shellWord(ntpd)} -n -D 1 -c ${shellWord(main)} -l "$0/log" -p /run/ntpd.pid >"$0/out" 2>&1 &`,
    'pid=$!',
    'i=0',
    'while [ $i -lt 150 ]; do',
    '  if grep -q " restart$" "$0/out"; then break; fi',
    '  if ! kill -0 $pid 2>/dev/null; then break; fi',
    '  sleep 0.01; i=$((i+1))',
    'done',
    // A little longer, so that what ntpd logs right after applying the file is flushed.
    'sleep 0.05',
  )
  if (queries.length > 0) {
    const commands = queries.flatMap((address) => ['-c', shellWord(`host ${address}`), '-c', shellWord('rv 0 version')]).join(' ')
    // ntpq is Python; it wants a writable temporary folder, which / no longer has.
    lines.push(`TMPDIR="$0" timeout 20 /usr/bin/python3 /usr/bin/ntpq -n -c 'timeout 300' ${commands} >"$0/ntpq" 2>&1`)
  }
  lines.push(
    'kill -9 $pid 2>/dev/null',
    'wait $pid 2>/dev/null',
    'exit 0',
  )
  return lines.join('\n')
}

function runInNamespace(runner: Runner, ntpd: string, files: JudgeFiles, main: string, queries: readonly string[] = []): {ok: true; out: string; log: string; ntpq: string} | {ok: false; error: string} {
  const root = mkdtempSync(join(tmpdir(), 'ntp-judge-'))
  try {
    chmodSync(root, 0o755)
    mkdirSync(join(root, 'root', 'etc'), {recursive: true})
    mkdirSync(join(root, 'overlay'))
    const hostFolders = new Set<string>()
    for (const [path, content] of Object.entries(files)) {
      const normal = posix.normalize(path)
      if (!normal.startsWith('/etc/') || normal.split('/').includes('..')) throw new Error(`The ntp judge only places files under /etc: ${path}`)
      const target = join(root, 'root', normal)
      mkdirSync(posix.dirname(target), {recursive: true, mode: 0o755})
      writeFileSync(target, content)
      const top = `/etc/${normal.split('/')[2]}`
      if (top !== normal && existsSync(top) && statSync(top).isDirectory()) hostFolders.add(top)
    }
    const command = [
      ...runner.prefix,
      'timeout',
      '-s',
      'KILL',
      '10',
      'unshare',
      '--net',
      '--mount',
      '--pid',
      '--ipc',
      '--uts',
      '--fork',
      '--kill-child',
      '--mount-proc',
      'setpriv',
      '--bounding-set=-sys_time,-sys_module,-sys_boot,-sys_rawio',
      '--',
      'sh',
      '-c',
      namespaceScript(ntpd, main, [...hostFolders], queries),
      root,
    ]
    const run = spawnSync(command[0]!, command.slice(1), {encoding: 'utf8', env: {...process.env, LC_ALL: 'C'}, timeout: 20_000})
    if (run.error) return {ok: false, error: run.error.message}
    if (run.status !== 0) return {ok: false, error: `exit ${run.status}: ${run.stderr.trim()}`}
    const read = (name: string) => (existsSync(join(root, name)) ? readFileSync(join(root, name), 'utf8') : '')
    return {ok: true, out: read('out'), log: read('log'), ntpq: read('ntpq')}
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

/**
 * Runs NTPsec on a configuration and reads what it applied.
 *
 * @param files the files, by system path (under /etc)
 * @param main the file ntpd reads first (`-c`)
 * @param queries addresses to ask ntpd from with ntpq (`127.0.0.1`, `::1`, `192.0.2.50`)
 */
export function judgeNtp(files: JudgeFiles, main = '/etc/ntpsec/ntp.conf', queries: readonly string[] = []): NtpVerdict {
  const state = ntpdAvailability()
  if (!state.ok) throw new Error(`The ntp judge cannot run: ${state.reason}. Install it with scripts/install-oracles.`)
  for (const address of queries) if (!/^[0-9a-fA-F:.]+$/.test(address)) throw new Error(`Not an address: ${address}`)
  if (queries.length > 0 && !state.queries.ok) throw new Error(`The ntp judge cannot ask ntpd with ntpq: ${state.queries.reason}. Install them with scripts/install-oracles.`)
  const result = runInNamespace(state.runner, state.ntpd, files, main, queries)
  if (!result.ok) throw new Error(`Running ntpd failed: ${result.error}`)
  const verdict = readVerdict(result.out)
  verdict.answers = readAnswers(result.ntpq, queries)
  if (queries.length > 0) verdict.output += `\n--- ntpq ---\n${result.ntpq}`
  return verdict
}

/**
 * Reads what ntpq printed for `host A` / `rv 0 version` pairs: an address answered when
 * the block after `current host set to A` holds `version=`.
 */
function readAnswers(ntpq: string, queries: readonly string[]): Record<string, boolean> {
  const answers: Record<string, boolean> = {}
  const blocks = ntpq.split(/^current host set to /m).slice(1)
  for (const block of blocks) {
    const host = block.slice(0, block.indexOf('\n')).trim()
    answers[host] = /version="/.test(block)
  }
  for (const address of queries) if (!(address in answers)) throw new Error(`ntpq said nothing about ${address}:\n${ntpq}`)
  return answers
}

/**
 * Reads ntpd's output (`-D 1` on standard output, the log in the same stream).
 *
 * @param out what ntpd printed
 */
export function readVerdict(out: string): NtpVerdict {
  const messages: string[] = []
  const restrict: JudgedEntry[] = [
    {family: 4, address: '0.0.0.0', mask: '0.0.0.0', mflags: 0, flags: flagNames(DEFAULT_FLAGS)},
    {family: 6, address: '::', mask: '::', mflags: 0, flags: flagNames(DEFAULT_FLAGS)},
  ]
  const bits = new Map<JudgedEntry, number>(restrict.map((entry) => [entry, DEFAULT_FLAGS]))
  let source: string[] | undefined
  const associations: string[] = []
  const parsed: string[] = []
  let started = false
  const seen = new Set<string>()
  for (const line of out.split('\n')) {
    // The log lines appear twice (stdout and the log file share the stream); keep each once.
    const config = /ntpd\[\d+\]: (CONFIG: .*)$/.exec(line)
    if (config !== null) {
      const message = config[1]!
      const parsing = /^CONFIG: readconfig: parsing (?:file|directory): (.*)$/.exec(message)
      if (parsing !== null) parsed.push(parsing[1]!)
      if (!seen.has(line)) messages.push(message)
      seen.add(line)
      continue
    }
    if (/^getconfig\(\): /.test(line)) continue
    const op = /^restrict: op (\d) addr (\S+) mask (\S+) mflags ([0-9a-f]+) flags ([0-9a-f]+)$/.exec(line)
    if (op !== null) {
      const [, code, address, mask, mflagsText, flagsText] = op
      // `restrict source` (no address), and the entries ntpd adds for its own interfaces
      // (mflags 0x1000), are no lines of the file.
      if (address === '(null)' || (Number.parseInt(mflagsText!, 16) & 0x1000) !== 0) continue
      const family = address!.includes(':') ? 6 : 4
      const maskValue = parseJudgeAddress(mask!, family)
      const masked = formatJudgeAddress(parseJudgeAddress(address!, family) & maskValue, family)
      const mflags = Number.parseInt(mflagsText!, 16)
      const flags = Number.parseInt(flagsText!, 16)
      const key = (e: JudgedEntry) => e.family === family && e.address === masked && parseJudgeAddress(e.mask, family) === maskValue && e.mflags === mflags
      const found = restrict.find(key)
      if (code === '1') {
        if (found === undefined) {
          const entry: JudgedEntry = {family, address: masked, mask: formatJudgeAddress(maskValue, family), mflags, flags: flagNames(flags)}
          restrict.push(entry)
          bits.set(entry, flags)
        } else {
          bits.set(found, bits.get(found)! | flags)
          found.flags = flagNames(bits.get(found)!)
        }
      } else if (code === '2' && found !== undefined) {
        bits.set(found, bits.get(found)! & ~flags)
        found.flags = flagNames(bits.get(found)!)
      } else if ((code === '3' || code === '4') && found !== undefined && restrict.indexOf(found) > 1) {
        restrict.splice(restrict.indexOf(found), 1)
      }
      continue
    }
    const template = /^restrict source template mflags ([0-9a-f]+) flags ([0-9a-f]+)$/.exec(line)
    if (template !== null) {
      source = flagNames(Number.parseInt(template[2]!, 16))
      continue
    }
    const mobilize = /^event at \d+ (\S+) [0-9a-f]+ [0-9a-f]+ mobilize assoc/.exec(line)
    if (mobilize !== null) associations.push(mobilize[1]!)
    if (/ restart$/.test(line)) started = true
  }
  const syntaxErrors = messages.filter((m) => /syntax error/.test(m))
  const includeFailures = messages.filter((m) => /Couldn't open|failed to open|Maximum include file level exceeded/.test(m))
  return {
    started,
    messages,
    syntaxErrors,
    includeFailures,
    restrict,
    source,
    monitorRefused: messages.some((m) => m.includes("'monitor' cannot be disabled")),
    associations,
    parsed,
    answers: {},
    output: out,
  }
}

function flagNames(bits: number): string[] {
  return FLAG_BITS.filter(([, bit]) => (bits & bit) !== 0)
    .map(([name]) => name)
    .sort()
}

/** Reads an address as ntpd's debug output prints it (dotted quad, or IPv6 text). */
export function parseJudgeAddress(text: string, family: 4 | 6): bigint {
  if (family === 4) return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n)
  // A scope (`fe80::1%1`) is no part of the address; an IPv4 tail is two groups.
  const bare = text.replace(/%.*$/, '').replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) => `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`)
  const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, undefined]
  const groups = (part: string | undefined) => (part === undefined || part === '' ? [] : part.split(':'))
  const first = groups(head)
  const last = groups(tail)
  const all = tail === undefined ? first : [...first, ...Array<string>(8 - first.length - last.length).fill('0'), ...last]
  return all.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n)
}

/** Writes an address: dotted quad, or the eight groups of IPv6 with `::` for the longest run of zeros. */
export function formatJudgeAddress(value: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.')
  const groups = Array.from({length: 8}, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn))
  let best = [-1, 0]
  for (let i = 0; i < 8; i++) {
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > best[1]! && j - i > 1) best = [i, j - i]
  }
  const hex = (part: number[]) => part.map((g) => g.toString(16)).join(':')
  return best[0] === -1 ? hex(groups) : `${hex(groups.slice(0, best[0]))}::${hex(groups.slice(best[0]! + best[1]!))}`
}
