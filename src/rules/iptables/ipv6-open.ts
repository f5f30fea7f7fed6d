import {posix} from 'node:path'
import {defineRule} from '../../core/rule.js'
import {
  serviceExposure,
  twinPath,
  unnamedPort,
  type Decider,
  type IptablesConfig,
  type Ruleset,
} from '../../formats/iptables/semantics.js'
import {parseServiceSpec, PUBLIC_SERVICES, SENSITIVE_SERVICES, type Service} from '../../formats/iptables/services.js'
import {describeDecider, describeServices, START} from './_shared.js'

/** The services to compare: the usual ones, those of the setting `open`, and every port either file accepts. */
function servicesToCompare(config: IptablesConfig, rulesets: readonly Ruleset[]): Array<Service & {unnamed?: boolean}> {
  const services: Array<Service & {unnamed?: boolean}> = [...SENSITIVE_SERVICES, ...PUBLIC_SERVICES]
  for (const text of config.settings.open) {
    const service = parseServiceSpec(text)
    if (service !== undefined) services.push(service)
  }
  const known = (protocol: string, port: number) => services.some((s) => s.protocol === protocol && s.ports.some(([a, b]) => a <= port && port <= b))
  for (const ruleset of rulesets) {
    const input = ruleset.tables.get('filter')?.chains
    for (const chain of input?.values() ?? []) {
      for (const rule of chain.rules) {
        const protocol = rule.spec.protocol
        const ports = rule.spec.destinationPorts
        if (protocol === undefined || protocol.negated || (protocol.value !== 'tcp' && protocol.value !== 'udp') || ports === undefined || ports.negated) continue
        for (const [from, to] of ports.value.ranges) {
          if (!known(protocol.value, from)) services.push({title: `port ${from === to ? from : `${from}-${to}`}`, protocol: protocol.value, ports: [[from, to]]})
        }
      }
    }
  }
  for (const protocol of ['tcp', 'udp'] as const) {
    const port = unnamedPort(rulesets, protocol)
    services.push({title: 'a port no rule names', protocol, ports: [[port, port]], unnamed: true})
  }
  return services
}

/** The node a decider points at, for the finding's position. */
function deciderKey(decider: Decider): object {
  return decider.kind === 'rule' ? decider.rule.node : decider.chain
}

/** A service one family closes is closed in the other too: IPv6 is no way around an IPv4 firewall. */
export default defineRule<IptablesConfig, Record<never, never>>({
  id: 'iptables/ipv6-open',
  format: 'iptables',
  severity: 'error',
  fix: 'none',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'What the IPv4 rules close, the IPv6 rules close too (and the other way round); an IPv4 file has its IPv6 twin.',
    why: 'A host with a global IPv6 address is reached over IPv6 as well as IPv4, and iptables filters only IPv4: ip6tables has rules of its own, in `rules.v6` beside `rules.v4`. A careful IPv4 rule set next to an empty IPv6 one leaves every service open to anyone who uses the host\'s IPv6 address, which scanners and DNS (AAAA records) give away. The rule reads the file of the other family (the usual name beside the file, or the setting `iptables.twin`) and reports each service that one family closes and the other accepts from the whole internet.',
    examples: [
      {
        bad: '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n',
        good: '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n',
        files: {'/etc/iptables/rules.v6': '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p ipv6-icmp -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n'},
      },
    ],
    fixSafety: 'No fix: which family is right cannot be told. `iptables/default-drop` fixes a policy that accepts everything; a rule that opens a service in one family only is for you to write in the other or remove.',
    references: [
      {title: 'Sikt: Virtual machines, Isolate the computer (block everything by default)'},
      {title: 'Alliance: Security considerations when running a VM, Network security', url: 'https://docs.alliancecan.ca/wiki/Security_considerations_when_running_a_VM/en'},
      {title: 'iptables-persistent: /etc/iptables/rules.v4 and rules.v6', url: 'https://manpages.debian.org/bookworm/iptables-persistent/netfilter-persistent.8.en.html'},
    ],
  },
  check(config, context) {
    const doc = config.main
    const here = config.file
    const twin = config.twin
    const family = here.family.family === 'ipv6' ? 'IPv6' : 'IPv4'
    if (twin === undefined) {
      // A file with the usual name whose twin is missing: the other family is not filtered at all.
      const expected = config.settings.twin === '' ? twinPath(doc.path) : undefined
      if (expected === undefined || config.settings.twin === 'none') return
      const closedHere = !serviceExposure(here.ruleset, {protocol: 'tcp', ports: [[unnamedPort([here.ruleset]), unnamedPort([here.ruleset])]]}).open
      if (!closedHere) return
      const other = family === 'IPv4' ? 'IPv6' : 'IPv4'
      context.report({
        severity: 'warning',
        message: `Missing \`${posix.basename(expected)}\` beside this file: ${other} traffic is not filtered at all, while this file drops it by default (unless ${other} is off on this host)`,
        file: doc.path,
        position: START,
      })
      return
    }
    const other = twin.family.family === 'ipv6' ? 'IPv6' : 'IPv4'
    const services = servicesToCompare(config, [here.ruleset, twin.ruleset])
    const byDecider = new Map<object, {decider: Decider; services: Array<Service & {unnamed?: boolean}>}>()
    for (const service of services) {
      const mine = serviceExposure(here.ruleset, service)
      if (!mine.open || serviceExposure(twin.ruleset, service).open) continue
      const decider = mine.accepting[0]!.by
      const key = deciderKey(decider)
      const found = byDecider.get(key) ?? {decider, services: []}
      found.services.push(service)
      byDecider.set(key, found)
    }
    for (const {decider, services: opened} of byDecider.values()) {
      const named = opened.filter((s) => !s.unnamed)
      const unnamed = opened.some((s) => s.unnamed)
      const what = [named.length > 0 ? describeServices(named) : '', unnamed ? 'every port no rule names' : ''].filter(Boolean).join(', and ')
      const position = decider.kind === 'rule' ? decider.rule.node.position! : (decider.chain.policy?.node.position ?? here.ruleset.tables.get('filter')?.block.header.position ?? START)
      context.report({
        message: `Unexpected open ${family} access: ${what} ${opened.length === 1 && !unnamed ? 'is' : 'are'} open to the whole internet over ${family} here (${describeDecider(decider)}), while ${posix.basename(twin.document.path)} closes ${opened.length === 1 && !unnamed ? 'it' : 'them'} over ${other}`,
        file: doc.path,
        position,
      })
    }
  },
})
