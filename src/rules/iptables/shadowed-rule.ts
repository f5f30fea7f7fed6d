import {defineRule} from '../../core/rule.js'
import {removeLine} from '../../formats/iptables/edit.js'
import {describeRule, ruleCovers, type CompiledRule, type IptablesConfig} from '../../formats/iptables/semantics.js'
import type {IptablesRule} from '../../formats/iptables/types.js'

/** Whether no packet that a rule matches goes on to the next rule of its chain. */
function stopsTheChain(rule: CompiledRule): boolean {
  const target = rule.spec.target
  if (target === undefined) return false
  // A goto does not come back; ACCEPT, DROP, REJECT and RETURN end the walk of the chain.
  return target.goto || ['ACCEPT', 'DROP', 'REJECT', 'RETURN'].includes(target.name)
}

/** No rule is placed where an earlier rule of its chain already takes every packet it would match. */
export default defineRule<IptablesConfig, Record<never, never>>({
  id: 'iptables/shadowed-rule',
  format: 'iptables',
  severity: 'warning',
  fix: 'suggestion',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Every rule can match some packet: no earlier rule of its chain takes all of its packets first.',
    why: 'Rules are tried in order, and the first that matches with ACCEPT, DROP, REJECT, RETURN or a goto decides. A rule after a wider one never runs: a `DROP` for a bad network written after `-A INPUT -p tcp -j ACCEPT` blocks nothing, and the file reads as safer than it is. Often the order is the mistake, not the rule.',
    examples: [
      {
        bad: '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 198.51.100.0/24 -p tcp -m tcp --dport 22 -j DROP\nCOMMIT\n',
        good: '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 198.51.100.0/24 -p tcp -m tcp --dport 22 -j DROP\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      },
    ],
    fixSafety: 'A suggestion, never applied: removing the rule changes nothing a packet meets, but the rule may say what its author wanted (move it above the wider rule instead). The reading proves a rule shadowed only from matches it fully understands; a rate limit or an ipset in the earlier rule proves nothing.',
    references: [
      {title: 'iptables(8): "If the packet does not match, the next rule in the chain is examined"', url: 'https://manpages.debian.org/bookworm/iptables/iptables.8.en.html'},
      {title: 'CSC cPouta security guidelines: Run a restrictive firewall'},
    ],
  },
  check(config, context) {
    const doc = config.main
    for (const table of config.file.ruleset.tables.values()) {
      for (const chain of table.chains.values()) {
        const shadowed = new Map<IptablesRule, {by: CompiledRule; count: number}>()
        const expansions = new Map<IptablesRule, number>()
        for (const rule of chain.rules) expansions.set(rule.node, (expansions.get(rule.node) ?? 0) + 1)
        chain.rules.forEach((rule, index) => {
          for (let i = 0; i < index; i++) {
            const earlier = chain.rules[i]!
            if (earlier.node === rule.node || !stopsTheChain(earlier)) continue
            if (!ruleCovers(earlier, rule)) continue
            const found = shadowed.get(rule.node)
            shadowed.set(rule.node, {by: found?.by ?? earlier, count: (found?.count ?? 0) + 1})
            break
          }
        })
        for (const [node, {by, count}] of shadowed) {
          // A line with an address list is shadowed only when every rule it adds is.
          if (count !== expansions.get(node)) continue
          context.report({
            message: `Unexpected \`${describeRule(node)}\`: no packet reaches it, line ${by.node.position!.start.line} (\`${describeRule(by.node)}\`) takes every packet it would match`,
            file: doc.path,
            position: node.position!,
            fix: {
              safety: 'suggestion',
              title: 'Remove the rule, or move it above the rule that shadows it',
              risk: `Removing it changes nothing a packet meets today; if it says what you meant, move it above line ${by.node.position!.start.line} instead.`,
              edits: [removeLine(doc, node)],
            },
          })
        }
      }
    }
  },
})
