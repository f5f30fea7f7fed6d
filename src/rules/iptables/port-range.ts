import {integer} from '../../core/options.js'
import {defineRule} from '../../core/rule.js'
import {describeRule, optionValues, portCount, wordValue, type CompiledRule, type IptablesConfig} from '../../formats/iptables/semantics.js'
import type {IptablesRule} from '../../formats/iptables/types.js'

interface Options {
  /** The most ports one range may open. */
  max: number
}

/** What a rule opens at once, for the message. */
function openedRanges(rule: CompiledRule, max: number): string | undefined {
  const ports = rule.spec.destinationPorts ?? rule.spec.anyPorts
  if (ports === undefined || ports.value.unknown.length > 0) return undefined
  const written = `${ports.negated ? '! ' : ''}${wordValue(ports.option.name)} ${optionValues(ports.option).join(' ')}`
  if (ports.negated) return `\`${written}\` (every port but ${portCount(ports.value)})`
  const wide = ports.value.ranges.filter(([from, to]) => to - from + 1 > max)
  if (wide.length === 0) return undefined
  const count = wide.reduce((n, [from, to]) => n + to - from + 1, 0)
  return `\`${written}\` (${count} ports in ${wide.length === 1 ? 'a range' : `${wide.length} ranges`})`
}

/** No rule accepts a whole range of ports at once ("do not bundle ranges of ports"). */
export default defineRule<IptablesConfig, Options>({
  id: 'iptables/port-range',
  format: 'iptables',
  severity: 'warning',
  fix: 'none',
  profile: 'baseline',
  options: {
    max: integer(1, 65536, 1, 'The most ports one range of an accepting rule may hold (`--dport 6000:6007` holds 8). Raise it for a service that needs a range, such as passive FTP.'),
  },
  docs: {
    summary: 'No rule accepts a range of ports (`--dport 1000:2000`, `! --dport 22`) where the services need single ports.',
    why: 'The Alliance\'s guide says "Do not bundle ranges of ports to allow access", and Nectar\'s "only keep the ports you are using open". A range opens every port in it to whatever listens there now or later: a debug server, a database started on the wrong interface, a service installed next year. `! --dport 22` is the widest range of all.',
    examples: [
      {
        bad: '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m tcp --dport 8000:8100 -j ACCEPT\nCOMMIT\n',
        good: '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m multiport --dports 8000,8080 -j ACCEPT\nCOMMIT\n',
      },
    ],
    fixSafety: 'No fix: which ports of the range the services need cannot be told from the rules.',
    references: [
      {title: 'Alliance: Security considerations when running a VM, Network security ("Do not bundle ranges of ports to allow access")', url: 'https://docs.alliancecan.ca/wiki/Security_considerations_when_running_a_VM/en'},
      {title: 'Nectar: Only keep the ports you are using open'},
    ],
  },
  check(config, context) {
    const doc = config.main
    const filter = config.file.ruleset.tables.get('filter')
    if (filter === undefined) return
    const reported = new Set<IptablesRule>()
    for (const chain of filter.chains.values()) {
      if (chain.name === 'OUTPUT') continue
      for (const rule of chain.rules) {
        if (rule.spec.target?.name !== 'ACCEPT' || reported.has(rule.node)) continue
        const opened = openedRanges(rule, context.options.max)
        if (opened === undefined) continue
        reported.add(rule.node)
        context.report({
          message: `Unexpected port range in \`${describeRule(rule.node)}\`: ${opened} accepted at once; accept the ports the services need, one by one`,
          file: doc.path,
          position: rule.node.position!,
        })
      }
    }
  },
})
