/**
 * The real iptables as a judge: `iptables-restore --test`, a real `iptables-restore`, then
 * `iptables-save`, and connection attempts counted by the kernel, on rule files held in
 * memory, each in a network namespace of its own.
 *
 * Everything happens in a fresh network namespace (`unshare -n`): the kernel gives it empty
 * tables, rules restored there filter only the namespace's own interfaces, and they vanish
 * with it. The machine's firewall is never read nor touched. (docs: ../shared/notes/daemons.md,
 * "iptables 1.8.9"; `--test` parses in userspace only, so the real restore is what finds a
 * jump to a chain that does not exist or `! -s 0.0.0.0/0` on nf_tables.)
 *
 * - Both backends are judged where the namespace allows them: `iptables-nft-restore` (Debian's
 *   default) and `iptables-legacy-restore` (x_tables), with the `ip6tables-*` tools for IPv6.
 * - {@link judgeRules} runs, in one namespace: `restore --test`, `restore`, `save` (and
 *   optionally connection probes). Its answers are memoized by the bytes of the file.
 * - Connection probes: a second namespace is made from the first (`unshare -n sleep`), joined
 *   to it by a veth pair (`eth0` 198.51.100.1 / 2001:db8:ff::1 on the judged side, the client
 *   `eth1` .2 / ::2 on the other), with static neighbour entries so that no ARP or neighbour
 *   discovery is needed. For each probe the client opens a TCP connection (bash's `/dev/tcp`)
 *   or sends a UDP datagram (`/dev/udp`) to the port, and the counters of `iptables-save -c`,
 *   read before and after, tell which rule or policy counted the packet: the kernel's own
 *   answer to "what does a new connection to this port meet?".
 * - As root the namespace is made directly; otherwise with `sudo -n` when it works, else in a
 *   user namespace (`unshare -r -n`), where iptables believes it is root.
 *
 * Install iptables with `scripts/install-oracles` (Debian's `iptables` package; `iproute2`
 * and `util-linux` bring `ip`, `unshare` and `nsenter`).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** A backend of iptables 1.8.9. */
export type Backend = 'nft' | 'legacy'

/** An address family, as the files hold them. */
export type JudgeFamily = 'ipv4' | 'ipv6'

/** How to reach a network namespace in which iptables runs as root. */
interface Runner {
  kind: 'root' | 'sudo' | 'userns'
  prefix: string[]
}

type Availability = {ok: true; backends: Backend[]; version: string; runner: Runner; probes: boolean; notes: string[]} | {ok: false; reason: string}

let availability: Availability | undefined

/** The command of a tool of a backend and family: `ip6tables-legacy-restore`. */
export function tool(family: JudgeFamily, backend: Backend, what: '' | 'restore' | 'save'): string {
  return `${family === 'ipv6' ? 'ip6tables' : 'iptables'}-${backend}${what === '' ? '' : `-${what}`}`
}

const SBIN = ['/usr/sbin', '/sbin', '/usr/local/sbin']
/** PATH with the sbin folders, where iptables lives. */
function searchPath(): string {
  const path = (process.env.PATH ?? '').split(':').filter(Boolean)
  return [...path, ...SBIN.filter((dir) => !path.includes(dir))].join(':')
}

/**
 * The environment of every iptables run: sbin on PATH, the C locale, and a lock file of the
 * judge's own in the run's temporary folder (`XTABLES_LOCKFILE`, which iptables 1.8.9 reads
 * instead of /run/xtables.lock), so that no run waits for, or holds, the lock of the
 * machine's own firewall tools, and nothing is left behind.
 */
function judgeEnvironment(folder: string): NodeJS.ProcessEnv {
  return {...process.env, PATH: searchPath(), LC_ALL: 'C', XTABLES_LOCKFILE: join(folder, 'xtables.lock')}
}

function findProgram(name: string): string | undefined {
  return searchPath()
    .split(':')
    .map((dir) => join(dir, name))
    .find((candidate) => existsSync(candidate))
}

/**
 * Whether the judge can run here: iptables is installed and a network namespace can be made,
 * with which backends. Computed once.
 */
export function iptablesAvailability(): Availability {
  availability ??= probe()
  return availability
}

function probe(): Availability {
  const missing = ['iptables-nft-restore', 'unshare'].filter((name) => findProgram(name) === undefined)
  if (missing.length > 0) return {ok: false, reason: `${missing.join(' and ')} not found: iptables is not installed (Debian's \`iptables\` package)`}
  const version = /v\d+\.\d+\.\d+/.exec(spawnSync(findProgram('iptables-nft-restore')!, ['--version'], {encoding: 'utf8'}).stdout ?? '')?.[0] ?? 'unknown version'
  const reasons: string[] = []
  const folder = mkdtempSync(join(tmpdir(), 'iptables-judge-probe-'))
  try {
    return probeRunners(version, reasons, folder)
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}

function probeRunners(version: string, reasons: string[], folder: string): Availability {
  for (const runner of runners()) {
    const [command, ...prefix] = runner.prefix
    const backends: Backend[] = []
    const notes: string[] = []
    for (const backend of ['nft', 'legacy'] as const) {
      // A restore and a save: in a user namespace the legacy backend restores but cannot
      // list its tables (/proc/net/ip_tables_names), so it is left out there.
      const script = `${tool('ipv4', backend, 'restore')} <<'EOF' && ${tool('ipv4', backend, 'save')} >/dev/null\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\nEOF`
      const run = spawnSync(command!, [...prefix, 'sh', '-c', script], {encoding: 'utf8', timeout: 20_000, env: judgeEnvironment(folder)})
      if (run.status === 0) backends.push(backend)
      else notes.push(`${backend}: ${(run.stderr || run.error?.message || `exit ${run.status}`).trim()}`)
    }
    if (backends.length === 0) {
      reasons.push(`${runner.prefix.join(' ')}: ${notes.join('; ')}`)
      continue
    }
    const probes = ['ip', 'nsenter', 'bash'].every((name) => findProgram(name) !== undefined)
    if (!probes) notes.push('connection probes need ip (iproute2), nsenter (util-linux) and bash')
    return {ok: true, backends, version, runner, probes, notes}
  }
  return {ok: false, reason: `cannot run iptables in a network namespace of its own (${reasons.join('; ')})`}
}

function runners(): Runner[] {
  if (process.getuid?.() === 0) return [{kind: 'root', prefix: ['unshare', '-n']}]
  return [
    {kind: 'sudo', prefix: ['sudo', '-n', 'unshare', '-n']},
    {kind: 'userns', prefix: ['unshare', '-r', '-n']},
  ]
}

/** A connection attempt: TCP opens a connection, UDP sends one datagram. */
export interface Probe {
  protocol: 'tcp' | 'udp'
  port: number
}

/** Where the judged namespace and its client are, on the veth pair between them. */
export const PROBE_ADDRESSES: Readonly<Record<JudgeFamily, {server: string; client: string; prefix: number}>> = {
  ipv4: {server: '198.51.100.1', client: '198.51.100.2', prefix: 24},
  ipv6: {server: '2001:db8:ff::1', client: '2001:db8:ff::2', prefix: 64},
}
/** The interface probes come in on, in the judged namespace. */
export const PROBE_INTERFACE = 'eth0'

/** The comment of the rule the judge appends to INPUT to count what falls through to the policy. */
export const POLICY_PROBE = 'harden-config-policy-probe'

/** What iptables said about a file. */
export interface RestoreVerdict {
  /** `restore --test`: parsed in userspace. */
  test: {status: number; stderr: string}
  /** The real `restore` into the namespace's kernel. */
  restore: {status: number; stderr: string}
  /** `save` after the restore (empty when the restore failed). */
  saved: string
  /**
   * `save -c` before the first probe and after each probe, in order: the counters of probe
   * `i` are those of `probes[i + 1]` less those of `probes[i]` (empty when the restore failed).
   */
  probes: string[]
}

/** A word for sh, in single quotes. */
function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/** The script that sets up the client namespace and the veth pair (`$C` is the client's pid). */
function probeSetup(family: JudgeFamily): string {
  const a = PROBE_ADDRESSES[family]
  const ip = family === 'ipv6' ? 'ip -6' : 'ip'
  const nodad = family === 'ipv6' ? ' nodad' : ''
  return [
    'unshare -n sleep 60 & C=$!',
    // The client namespace exists once unshare has exec'd sleep.
    'for i in 1 2 3 4 5 6 7 8 9 10; do [ "$(readlink /proc/$C/ns/net)" != "$(readlink /proc/$$/ns/net)" ] && break; sleep 0.05; done',
    `ip link add ${PROBE_INTERFACE} type veth peer name eth1 netns $C`,
    `${ip} addr add ${a.server}/${a.prefix} dev ${PROBE_INTERFACE}${nodad}`,
    `ip link set ${PROBE_INTERFACE} up`,
    `nsenter -t $C -n ${ip} addr add ${a.client}/${a.prefix} dev eth1${nodad}`,
    'nsenter -t $C -n ip link set eth1 up',
    'nsenter -t $C -n ip link set lo up',
    // Static neighbours: no ARP or neighbour discovery, which the rules under test may drop.
    `SM=$(ip -o link show ${PROBE_INTERFACE} | sed -n 's/.*link\\/ether \\([0-9a-f:]*\\).*/\\1/p')`,
    `CM=$(nsenter -t $C -n ip -o link show eth1 | sed -n 's/.*link\\/ether \\([0-9a-f:]*\\).*/\\1/p')`,
    `nsenter -t $C -n ip neigh replace ${a.server} lladdr $SM dev eth1 nud permanent`,
    `ip neigh replace ${a.client} lladdr $CM dev ${PROBE_INTERFACE} nud permanent`,
  ].join('\n')
}

const verdicts = new Map<string, RestoreVerdict>()

/**
 * Judges a rule file with one backend, in a network namespace of its own: `restore --test`,
 * `restore`, `save`, and each probe's counters.
 *
 * @param text the file, as bytes or text (written as UTF-8)
 * @param family which tools read it
 * @param backend which backend
 * @param probes connection attempts to count (after a successful restore)
 */
export function judgeRules(text: string | Uint8Array, family: JudgeFamily, backend: Backend, probes: readonly Probe[] = []): RestoreVerdict {
  const state = iptablesAvailability()
  if (!state.ok) throw new Error(`The iptables judge cannot run: ${state.reason}. Install it with scripts/install-oracles.`)
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text)
  const key = JSON.stringify([family, backend, probes, bytes.toString('latin1')])
  const found = verdicts.get(key)
  if (found !== undefined) return found
  const root = mkdtempSync(join(tmpdir(), 'iptables-judge-'))
  try {
    const file = join(root, 'rules')
    writeFileSync(file, bytes)
    const out = join(root, 'out')
    mkdirSync(out)
    const restore = tool(family, backend, 'restore')
    const save = tool(family, backend, 'save')
    const a = PROBE_ADDRESSES[family]
    const lines = [
      'F=$1; O=$2',
      'ip link set lo up',
      `${restore} --test < "$F" > "$O/test.out" 2> "$O/test.err"; echo $? > "$O/test.status"`,
      `${restore} < "$F" > "$O/restore.out" 2> "$O/restore.err"; echo $? > "$O/restore.status"`,
      `[ "$(cat "$O/restore.status")" = 0 ] || exit 0`,
      `${save} > "$O/saved"`,
    ]
    if (probes.length > 0) {
      if (!state.probes) throw new Error('The iptables judge cannot probe connections here: ip, nsenter or bash is missing')
      lines.push(probeSetup(family))
      // A rule without target at the end of INPUT counts the packets that fall through to the
      // policy: nf_tables counts nothing on the policy of a chain the file did not declare.
      lines.push(`${tool(family, backend, '')} -t filter -A INPUT -m comment --comment ${POLICY_PROBE}`)
      // The counters before the first probe; each probe's are read against the ones before it.
      lines.push(`PREV=$(${save} -c | grep -v '^#')`, `printf '%s\\n' "$PREV" > "$O/probe.start"`)
      probes.forEach((p, i) => {
        const target = `/dev/${p.protocol}/${a.server}/${p.port}`
        lines.push(
          // connect() sends the SYN at once, and the client is killed as soon as a counter
          // moved (closing the socket: no retransmission). Counters are polled rather than
          // waited for, so that a dropped connection costs milliseconds, not a timeout.
          `nsenter -t $C -n bash -c ${shellWord(`exec 3<>${target}; echo probe >&3`)} 2>/dev/null & P=$!`,
          `for n in $(seq 100); do sleep 0.005; NOW=$(${save} -c | grep -v '^#'); [ "$NOW" != "$PREV" ] && break; done`,
          'sleep 0.005',
          'kill $P 2>/dev/null; wait $P 2>/dev/null',
          `PREV=$(${save} -c | grep -v '^#')`,
          `printf '%s\\n' "$PREV" > "$O/probe.${i}"`,
        )
      })
      lines.push('kill $C 2>/dev/null; wait 2>/dev/null; exit 0')
    }
    const [command, ...prefix] = state.runner.prefix
    const run = spawnSync(command!, [...prefix, 'bash', '-c', lines.join('\n'), 'judge', file, out], {encoding: 'utf8', env: judgeEnvironment(root), timeout: 120_000})
    if (run.error) throw new Error(`Running ${restore} failed: ${run.error.message}`)
    if (run.status !== 0) throw new Error(`The namespace for ${restore} failed (exit ${run.status}): ${run.stderr}`)
    const read = (name: string) => (existsSync(join(out, name)) ? readFileSync(join(out, name), 'utf8') : '')
    const verdict: RestoreVerdict = {
      test: {status: Number(read('test.status').trim()), stderr: read('test.err')},
      restore: {status: Number(read('restore.status').trim()), stderr: read('restore.err')},
      saved: read('saved'),
      probes: probes.length === 0 ? [] : [read('probe.start'), ...probes.map((_, i) => read(`probe.${i}`))],
    }
    if (verdict.restore.status === 0 && probes.length > 0 && verdict.probes.some((text) => text === '')) {
      throw new Error(`Probing ${restore} failed: ${run.stderr}`)
    }
    verdicts.set(key, verdict)
    return verdict
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

/**
 * iptables-save output with what changes from run to run taken out: the `# Generated by` and
 * `# Completed on` lines, and the counters.
 *
 * @param saved the output
 */
export function normalizeSaved(saved: string): string {
  return saved
    .split('\n')
    .filter((line) => !line.startsWith('# '))
    .map((line) => line.replace(/^\[\d+:\d+\] /, '').replace(/^(:\S+ \S+) \[\d+:\d+\]$/, '$1 [0:0]'))
    .join('\n')
}
