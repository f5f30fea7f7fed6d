import {list} from '../../core/options.js'
import {defineRule, type Fix} from '../../core/rule.js'
import {formatAddress, isAnyAddress, parseAddressSpec, type AddressMask} from '../../formats/iptables/addresses.js'
import {insertAfterWord, replaceWord} from '../../formats/iptables/edit.js'
import {describeRule, serviceExposure, type CompiledRule, type IptablesConfig} from '../../formats/iptables/semantics.js'
import {parseServiceSpec, SENSITIVE_SERVICES, SERVICE_SPEC, type Service} from '../../formats/iptables/services.js'
import type {IptablesRule} from '../../formats/iptables/types.js'
import {describeServices} from './_shared.js'

interface Options {
  /** Source ranges allowed to reach the services (CIDR, IPv4 and IPv6 alike). */
  trusted: string[]
  /** More services that must not face the internet. */
  services: string[]
}

/** A rule that opens sensitive services, with what it opens. */
interface Exposing {
  rule: CompiledRule
  services: Service[]
  certain: boolean
  /** A DNAT that sends the connections on to this rule (Docker's published ports). */
  via: CompiledRule | undefined
}

/**
 * Whether the fix may restrict a rule's source: it names no source yet, and every port it
 * accepts belongs to a sensitive service (restricting a rule that also opens HTTPS would
 * close HTTPS to the world).
 */
function restrictable(rule: CompiledRule, sensitive: readonly Service[]): boolean {
  const spec = rule.spec
  if (spec.sources !== undefined && !(spec.sources.value.length === 1 && spec.sources.value[0] !== undefined && isAnyAddress(spec.sources.value[0]) && !spec.sources.negated)) return false
  const ports = spec.destinationPorts
  const protocol = spec.protocol
  if (ports === undefined || ports.negated || ports.value.unknown.length > 0 || protocol === undefined || protocol.negated) return false
  return ports.value.ranges.every(([from, to]) => sensitive.some((s) => s.protocol === protocol.value && s.ports.some(([a, b]) => a <= from && to <= b)))
}

/** Sensitive services accepted from the whole internet are reported; with trusted ranges, their rule is restricted to them. */
export default defineRule<IptablesConfig, Options>({
  id: 'iptables/exposed-service',
  format: 'iptables',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {
    trusted: list(
      /^[0-9A-Fa-f:.]+\/\d{1,3}$/,
      [],
      'Source ranges that may reach the services (`192.0.2.0/24,2001:db8::/32`): with them, the fix restricts each exposing rule to the ranges of the file\'s family.',
      'CIDR ranges such as `192.0.2.0/24`',
    ),
    services: list(SERVICE_SPEC, [], 'More services that must not face the internet, such as `tcp/9090` (on top of SSH, RDP, VNC, databases, NoSQL stores, Tomcat, ...).', 'services such as `tcp/9090`'),
  },
  docs: {
    summary: 'Remote logins, databases and management ports (SSH 22, RDP 3389, VNC 5900-5906, MySQL 3306, PostgreSQL 5432, NoSQL stores, Tomcat, ...) are not accepted from the whole internet.',
    why: 'The Alliance\'s guide lists services that "aren\'t meant to be publicly accessible": ssh (22), RDP (3389) and VNC (5900-5906), which "MUST NOT be made publicly accessible", mysql (3306), postgresql (5432), nosql, tomcat. Sikt\'s says "never expose ports used for remote management on the public internet". Every address on the internet is scanned for them within minutes: a database or a login prompt that answers everyone is guessed at, brute-forced and exploited. The rule walks INPUT as the kernel does (jumps, RETURN, goto, policy) and reports the rule that accepts each such service from any source.',
    examples: [
      {
        bad: '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 3306 -j ACCEPT\nCOMMIT\n',
        good: '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 3306 -j ACCEPT\nCOMMIT\n',
        options: {trusted: ['10.0.0.0/8']},
      },
    ],
    fixSafety:
      'Unsafe, and only with the option `trusted`: the rule that accepts the service is restricted to the trusted ranges of the file\'s family (`-s 10.0.0.0/8,192.0.2.0/24`, which iptables loads as one rule per range), so everyone else, you included when you connect from elsewhere, is refused. A rule that also opens ports that are no such service (or every port) is reported without a fix: restricting it would close those too.',
    references: [
      {title: 'Alliance: Security considerations when running a VM, Network security', url: 'https://docs.alliancecan.ca/wiki/Security_considerations_when_running_a_VM/en'},
      {title: 'Sikt: Virtual machines, Isolate the computer (never expose ports used for remote management on the public internet)'},
      {title: 'Nectar: Only keep the ports you are using open'},
    ],
  },
  check(config, context) {
    const doc = config.main
    const family = config.file.family.family
    const ruleset = config.file.ruleset
    const open = config.settings.open.map(parseServiceSpec).filter((s): s is Service => s !== undefined)
    const isOpenOnPurpose = (service: Service) => open.some((o) => o.protocol === service.protocol && service.ports.every(([a, b]) => o.ports.some(([x, y]) => x <= a && b <= y)))
    const extra = context.options.services.map(parseServiceSpec).filter((s): s is Service => s !== undefined)
    const sensitive = [...SENSITIVE_SERVICES, ...extra].filter((service) => !isOpenOnPurpose(service))
    const byRule = new Map<IptablesRule, Exposing>()
    for (const service of sensitive) {
      for (const outcome of serviceExposure(ruleset, service).accepting) {
        if (outcome.by.kind !== 'rule') continue
        const rule = outcome.by.rule
        const found = byRule.get(rule.node) ?? {rule, services: [], certain: true, via: outcome.via}
        if (!found.services.includes(service)) found.services.push(service)
        found.certain &&= outcome.certain
        byRule.set(rule.node, found)
      }
    }
    const trusted = context.options.trusted.map((text) => parseAddressSpec(text, family)).filter((s): s is AddressMask => s !== undefined && s.family === family)
    for (const [node, {rule, services, certain, via}] of byRule) {
      let fix: Fix | undefined
      if (trusted.length > 0 && restrictable(rule, sensitive)) {
        const ranges = trusted.map(formatAddress).join(',')
        const source = rule.spec.sources?.option
        const command = node.children.find((child) => child.type === 'command')!
        const last = command.arguments[command.arguments.length - 1] ?? command.name
        fix = {
          safety: 'unsafe',
          title: `Accept ${describeServices(services)} only from ${ranges}`,
          risk: `Connections to ${describeServices(services)} from anywhere but ${ranges} will be refused: check that everyone who needs them, you included, connects from these ranges.`,
          edits: [source !== undefined ? replaceWord(doc, source.arguments[0]!, ranges) : insertAfterWord(doc, last, ` -s ${ranges}`)],
        }
      }
      const what = describeServices(services)
      context.report({
        message: `Unexpected \`${describeRule(node)}\`: it ${certain ? 'opens' : 'may open (its other matches decide)'} ${what} to the whole internet${via === undefined ? '' : `, which the DNAT of line ${via.node.position!.start.line} sends on to it`}${fix === undefined && trusted.length === 0 ? ' (name the ranges that may connect with the option `trusted` to get a fix)' : ''}`,
        file: doc.path,
        position: node.position!,
        fix,
      })
    }
  },
})
