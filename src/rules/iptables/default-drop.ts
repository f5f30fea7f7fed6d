import {list} from '../../core/options.js'
import {defineRule, type TextEdit} from '../../core/rule.js'
import {appendLines, documentStyle, endOfChain, insertLinesAfter, renderRule, setPolicy, type IptablesStyle} from '../../formats/iptables/edit.js'
import {
  byInputPolicy,
  inboundOutcomes,
  newConnection,
  serviceExposure,
  traverse,
  unnamedPort,
  type CompiledChain,
  type IptablesConfig,
  type Packet,
  type Ruleset,
} from '../../formats/iptables/semantics.js'
import {describePorts, parseServiceSpec, PUBLIC_SERVICES, SENSITIVE_SERVICES, type Service} from '../../formats/iptables/services.js'
import type {IptablesTable} from '../../formats/iptables/types.js'
import {describeDecider, describeServices, START} from './_shared.js'

interface Options {
  /** TCP ports SSH listens on; empty: read them from sshd_config, the rules' comments, or 22. */
  ssh: string[]
}

/** Where the SSH ports come from, for the risk. */
interface SshPorts {
  ports: number[]
  source: string
}

/**
 * The TCP ports SSH listens on: the option, else the system's sshd_config (when the rules
 * were named by their system path), else the ports of rules whose comment says SSH, else 22.
 */
function sshPorts(config: IptablesConfig, options: Options): SshPorts {
  if (options.ssh.length > 0) return {ports: options.ssh.map(Number), source: 'the option `ssh`'}
  if (config.sshd !== undefined) return {ports: config.sshd.ports, source: config.sshd.source}
  const named = new Set<number>()
  for (const table of config.file.ruleset.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        const ports = rule.spec.destinationPorts
        if (!rule.spec.comments.some((c) => /\bssh\b/i.test(c)) || ports === undefined || ports.negated) continue
        for (const [from, to] of ports.value.ranges) if (from === to) named.add(from)
      }
    }
  }
  if (named.size > 0) return {ports: [...named].sort((a, b) => a - b), source: 'the comments of the rules that accept it'}
  return {ports: [22], source: 'the default port, as no sshd_config was read'}
}

/** A rule that keeps a service open, as iptables-save writes it. */
function acceptService(protocol: string, from: number, to: number): string[] {
  return ['-A', 'INPUT', '-p', protocol, '-m', protocol, '--dport', from === to ? String(from) : `${from}:${to}`, '-j', 'ACCEPT']
}

/** What the fix adds before it drops by default, and what it keeps open. */
interface Plan {
  rules: string[][]
  /** What stays open, for the risk: `loopback traffic`, `SSH (TCP 22)`. */
  kept: string[]
  /** Services the ACCEPT policy lets in today that the DROP policy would close. */
  closes: Service[]
}

/**
 * What must be accepted before INPUT drops by default, in order: loopback traffic,
 * replies to connections the host made, ICMPv6 (IPv6 does not work without neighbour
 * discovery, RFC 4890), SSH, and the services of the setting `open`. Each is added only when
 * that traffic reaches the policy today, at the end of INPUT, so that it catches only what
 * the ACCEPT policy lets in now: no rule of the file is overridden.
 */
function plan(config: IptablesConfig, ruleset: Ruleset | undefined, ssh: SshPorts): Plan {
  const family = config.file.family.family
  const rulesets = ruleset === undefined ? [] : [ruleset]
  const reachesPolicy = (packet: Packet): boolean => ruleset === undefined || inboundOutcomes(ruleset, packet).some(byInputPolicy)
  // Loopback and reply traffic of every kind: TCP and UDP to ports no rule names, and ICMP.
  const kinds: Array<Pick<Packet, 'protocol' | 'port'>> = [
    {protocol: 'tcp', port: unnamedPort(rulesets, 'tcp')},
    {protocol: 'udp', port: unnamedPort(rulesets, 'udp')},
    {protocol: family === 'ipv6' ? 'ipv6-icmp' : 'icmp'},
  ]
  const anyReaches = (packet: Omit<Packet, 'protocol' | 'port'>) => kinds.some((kind) => reachesPolicy({...packet, ...kind}))
  const rules: string[][] = []
  const kept: string[] = []
  if (anyReaches({source: 'loopback', inInterface: 'lo', state: 'NEW'})) {
    rules.push(['-A', 'INPUT', '-i', 'lo', '-j', 'ACCEPT'])
  }
  kept.push('loopback traffic')
  const reply = (state: Packet['state']) => ({source: 'internet' as const, inInterface: 'external', state})
  if (anyReaches(reply('ESTABLISHED')) || anyReaches(reply('RELATED'))) {
    rules.push(['-A', 'INPUT', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'])
  }
  kept.push('replies to connections this host opened (the SSH session applying this included)')
  if (family === 'ipv6') {
    if (reachesPolicy({protocol: 'ipv6-icmp', source: 'internet', inInterface: 'external', state: 'NEW'})) rules.push(['-A', 'INPUT', '-p', 'ipv6-icmp', '-j', 'ACCEPT'])
    kept.push('ICMPv6 (neighbour discovery)')
  }
  const reopened: Service[] = []
  for (const port of ssh.ports) {
    if (reachesPolicy(newConnection('tcp', port))) rules.push(acceptService('tcp', port, port))
    reopened.push({title: 'SSH', protocol: 'tcp', ports: [[port, port]]})
  }
  kept.push(`SSH (${describePorts({protocol: 'tcp', ports: ssh.ports.map((p) => [p, p] as const)})}, from ${ssh.source})`)
  for (const text of config.settings.open) {
    const service = parseServiceSpec(text)
    if (service === undefined) continue
    for (const [from, to] of service.ports) {
      if (reachesPolicy(newConnection(service.protocol, from)) || reachesPolicy(newConnection(service.protocol, to))) rules.push(acceptService(service.protocol, from, to))
    }
    reopened.push(service)
    kept.push(`${describePorts(service)} (setting \`iptables.open\`)`)
  }
  const covered = (service: Service) => reopened.some((r) => r.protocol === service.protocol && service.ports.every(([a, b]) => r.ports.some(([x, y]) => x <= a && b <= y)))
  const closes = [...SENSITIVE_SERVICES, ...PUBLIC_SERVICES].filter(
    (service) => !covered(service) && (ruleset === undefined || serviceExposure(ruleset, service).accepting.some(byInputPolicy)),
  )
  return {rules, kept, closes}
}

/** The risk of dropping by default: what it closes, what it keeps. */
function risk(planned: Plan): string {
  const closes = planned.closes.length > 0 ? `This closes ${describeServices(planned.closes, 8)}, and every other port no rule accepts.` : 'This closes every port no rule accepts.'
  return `New connections that no rule accepts will be dropped; today the ACCEPT policy lets them in. ${closes} Kept open: ${planned.kept.join(', ')}. Name the services that must stay open with the setting \`iptables.open\` (for example \`tcp/80,tcp/443\`) before applying this.`
}

/** The title of the INPUT fix. */
function title(planned: Plan): string {
  return planned.rules.length === 0 ? 'Set the INPUT policy to DROP' : `Accept ${planned.rules.length === 1 ? 'one kind of traffic' : `${planned.rules.length} kinds of traffic`} at the end of INPUT, then set its policy to DROP`
}

/** The line that sets a chain's policy, for messages. */
function policyText(chain: CompiledChain): string {
  const policy = chain.policy
  if (policy === undefined) return ''
  return policy.node.type === 'chain' ? `:${chain.name} ${policy.value}` : `-P ${chain.name} ${policy.value}`
}

/** Edits that set a built-in chain's policy to DROP: in place, or a new `:CHAIN DROP [0:0]` after the header. */
function dropPolicy(config: IptablesConfig, table: IptablesTable, chain: CompiledChain, style: IptablesStyle, rulesAfter?: {after: ReturnType<typeof endOfChain>; lines: string[]}): TextEdit[] {
  const doc = config.main
  if (chain.policy !== undefined) {
    const edits = [setPolicy(doc, chain.policy.node, 'DROP')]
    if (rulesAfter !== undefined && rulesAfter.lines.length > 0) edits.push(insertLinesAfter(doc, rulesAfter.after, rulesAfter.lines, style))
    return edits
  }
  const declaration = `:${chain.name} DROP [0:0]`
  if (rulesAfter === undefined || rulesAfter.lines.length === 0) return [insertLinesAfter(doc, table.header, [declaration], style)]
  if (rulesAfter.after === table.header) return [insertLinesAfter(doc, table.header, [declaration, ...rulesAfter.lines], style)]
  return [insertLinesAfter(doc, table.header, [declaration], style), insertLinesAfter(doc, rulesAfter.after, rulesAfter.lines, style)]
}

/** INPUT (and FORWARD on a host that is no router) drops by default, with what must stay open accepted first. */
export default defineRule<IptablesConfig, Options>({
  id: 'iptables/default-drop',
  format: 'iptables',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {
    ssh: list(/^\d{1,5}$/, [], 'The TCP ports SSH listens on, kept open by the fix. Empty: the ports of the system\'s sshd_config (when the rules are read by their system path), else those of rules whose comment says SSH, else 22.', 'port numbers'),
  },
  docs: {
    summary: 'INPUT drops what no rule accepts (and FORWARD too, on a host that is no router), with loopback, established connections and SSH accepted before it.',
    why: 'With an ACCEPT policy every service that listens is open to the world, including the ones nobody meant to expose (a database on 0.0.0.0, a debug port, a service installed later). The guides ask for a restrictive firewall that allows "the minimum access required" (CSC cPouta), that blocks everything by default and opens what is needed (Sikt), and that ends with `iptables -P INPUT DROP` once SSH is allowed (Nectar). Dropping by default without accepting loopback traffic breaks local services, without accepting established connections breaks every reply (and cuts the SSH session that applies it), and without accepting SSH locks the administrator out.',
    examples: [
      {
        bad: '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n',
        good:
          '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      },
    ],
    fixSafety:
      'Unsafe: every service that no rule accepts is closed, and the risk lists the ones the policy lets in today (HTTP, DNS, a database...). The fix first adds, at the end of INPUT and only where that traffic reaches the policy today, rules that accept loopback traffic, replies to the host\'s own connections (so the SSH session that applies it is not cut), ICMPv6 in an IPv6 file, SSH (its ports from the option `ssh`, the system\'s sshd_config, the rules\' comments, or 22) and the services of the setting `iptables.open`; then it sets the policy. FORWARD is set to DROP unless the setting `iptables.router` says the host forwards for others (containers, VMs, a VPN).',
    references: [
      {title: 'CSC cPouta security guidelines: Run a restrictive firewall'},
      {title: 'Sikt: Virtual machines, Isolate the computer (block everything by default, opening up specific IP-ranges as needed)'},
      {title: 'Nectar: Setup Local Firewall (`sudo iptables -P INPUT DROP` after allowing SSH)'},
      {title: 'RFC 4890: Recommendations for Filtering ICMPv6 Messages in Firewalls', url: 'https://www.rfc-editor.org/rfc/rfc4890'},
      {title: 'iptables(8): -P, --policy', url: 'https://manpages.debian.org/bookworm/iptables/iptables.8.en.html'},
    ],
  },
  check(config, context) {
    const doc = config.main
    const ruleset = config.file.ruleset
    const style = documentStyle(doc)
    const ssh = sshPorts(config, context.options)
    const filter = ruleset.tables.get('filter')
    if (filter === undefined) {
      const planned = plan(config, undefined, ssh)
      const lines = [
        '*filter',
        ':INPUT DROP [0:0]',
        `:FORWARD ${config.settings.router ? 'ACCEPT' : 'DROP'} [0:0]`,
        ':OUTPUT ACCEPT [0:0]',
        ...planned.rules.map((words) => renderRule(words, style)),
        'COMMIT',
      ]
      context.report({
        message: 'Missing `*filter` table: the file leaves the packet filter as it finds it, and a host that boots with it accepts every connection; expected INPUT to drop by default',
        file: doc.path,
        position: START,
        fix: {safety: 'unsafe', title: 'Add a `*filter` table that drops by default', risk: risk(planned), edits: [appendLines(doc, lines, style)]},
      })
      return
    }
    const input = filter.chains.get('INPUT')!
    const probes = [newConnection('tcp', unnamedPort([ruleset])), newConnection('udp', unnamedPort([ruleset], 'udp'))]
    const outcomes = probes.flatMap((packet) => inboundOutcomes(ruleset, packet))
    const byPolicy = outcomes.some((o) => o.verdict === 'accept' && byInputPolicy(o))
    if (byPolicy) {
      const planned = plan(config, ruleset, ssh)
      const after = endOfChain(filter.block, 'INPUT')
      const lines = planned.rules.map((words) => renderRule(words, style))
      const written = policyText(input)
      context.report({
        message:
          written === ''
            ? 'Missing policy for `INPUT`: the file sets none, so new connections that no rule names are accepted (nf_tables sets ACCEPT, legacy keeps the one before); expected `DROP` with loopback, established connections and SSH accepted before it'
            : `Unexpected \`${written}\` policy: new connections that no rule names are accepted; expected \`DROP\` with loopback, established connections and SSH accepted before it`,
        file: doc.path,
        position: input.policy?.node.position ?? filter.block.header.position!,
        actual: input.policy?.value ?? 'ACCEPT',
        expected: ['DROP'],
        fix: {safety: 'unsafe', title: title(planned), risk: risk(planned), edits: dropPolicy(config, filter.block, input, style, {after, lines})},
      })
    } else {
      const catchAll = outcomes.find((o) => o.verdict === 'accept' && o.by.kind === 'rule' && o.certain)
      if (catchAll !== undefined && catchAll.by.kind === 'rule') {
        context.report({
          message: `Unexpected ${describeDecider(catchAll.by)}: it accepts new connections to every port no rule names, so INPUT does not drop by default`,
          file: doc.path,
          position: catchAll.by.rule.node.position!,
        })
      }
    }
    if (config.settings.router) return
    const forward = filter.chains.get('FORWARD')!
    const forwarded = probes.flatMap((packet) => traverse(ruleset, 'filter', 'FORWARD', packet))
    if (forwarded.some((o) => o.verdict === 'accept' && o.by.kind === 'policy')) {
      const written = policyText(forward)
      context.report({
        message:
          written === ''
            ? 'Missing policy for `FORWARD`: the file sets none, so this host forwards packets that no rule names for anyone; expected `DROP` on a host that is no router (setting `iptables.router`)'
            : `Unexpected \`${written}\` policy: this host forwards packets that no rule names for anyone; expected \`DROP\` on a host that is no router (setting \`iptables.router\`)`,
        file: doc.path,
        position: forward.policy?.node.position ?? filter.block.header.position!,
        actual: forward.policy?.value ?? 'ACCEPT',
        expected: ['DROP'],
        fix: {
          safety: 'unsafe',
          title: 'Set the FORWARD policy to DROP',
          risk: 'Containers, virtual machines or VPN clients that reach other networks through this host lose that, unless rules in FORWARD accept their traffic. On such a host set `iptables.router` to `true` instead.',
          edits: dropPolicy(config, filter.block, forward, style),
        },
      })
    }
  },
})
