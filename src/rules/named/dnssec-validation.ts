import {defineRule} from '../../core/rule.js'
import {describeStatement, describeView, entriesIn, optionValue, parseBoolean, type NamedConfig} from '../../formats/named/semantics.js'
import {optionScopes, ownEntry, placeOf, setValue} from './_scope.js'

/** Statements that give named trust anchors of its own (for `dnssec-validation yes`). */
const ANCHORS = ['trust-anchors', 'managed-keys', 'trusted-keys']

/** DNSSEC validation on (`dnssec-validation auto`) on a server that recurses. */
export default defineRule<NamedConfig, Record<never, never>>({
  id: 'named/dnssec-validation',
  format: 'named',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'A server that resolves names validates DNSSEC signatures (`dnssec-validation auto`, named\'s default, or `yes` with trust anchors).',
    why: 'Without validation a resolver believes any answer that arrives first: a forged answer (cache poisoning, a hostile network on the way) sends its clients to the attacker\'s addresses, and signed zones give no protection. `dnssec-validation no` turns that off; `yes` without a `trust-anchors` statement validates nothing, because named 9.18 uses its built-in root key only with `auto`. An authoritative-only server (`named.role=authoritative`) does not resolve, and is not checked.',
    examples: [
      {bad: 'options {\n\tdnssec-validation no;\n};\n', good: 'options {\n\tdnssec-validation auto;\n};\n'},
      {bad: 'options { dnssec-validation yes; };\n', good: 'options { dnssec-validation auto; };\n'},
    ],
    fixSafety:
      'Unsafe: with validation on, named answers SERVFAIL for names whose signatures do not verify (a zone with broken DNSSEC, or every signed name when this host\'s clock is far off), so clients lose those names. Check the clock (NTP) and that the server reaches the root servers over UDP and TCP first.',
    references: [
      {title: 'DISA BIND 9.x STIG: DNSSEC validation enabled on recursive servers'},
      {title: 'BIND 9 ARM: dnssec-validation', url: 'https://bind9.readthedocs.io/en/v9.18.0/reference.html#namedconf-statement-dnssec-validation'},
      {title: 'Debian 12 bind9: named.conf.options ships `dnssec-validation auto;`'},
    ],
  },
  check(config, context) {
    if (config.role === 'authoritative') return
    const anchored = ANCHORS.some((keyword) => entriesIn(config.root, keyword).length > 0)
    for (const scope of optionScopes(config)) {
      const own = ownEntry(scope, 'dnssec-validation')
      if (own === undefined) continue
      const value = optionValue(own)?.toLowerCase()
      const off = parseBoolean(value) === false
      const unanchored = parseBoolean(value) === true && !anchored && !(scope.view !== undefined && ANCHORS.some((keyword) => entriesIn(scope.view!.body, keyword).length > 0))
      if (!off && !unanchored) continue
      const where = describeView(scope.view)
      const edit = setValue(config, scope, 'dnssec-validation', 'auto')
      context.report({
        message: off
          ? `Unexpected \`${describeStatement(own.statement)}\` in ${where}, expected \`dnssec-validation auto\`: answers are not checked, so forged ones reach the clients`
          : `Unexpected \`${describeStatement(own.statement)}\` in ${where} without \`trust-anchors\`, expected \`dnssec-validation auto\`: named has no key to validate with, so nothing is checked`,
        ...placeOf(config, scope, own),
        actual: value,
        expected: ['auto'],
        fix: edit === undefined ? undefined : {safety: 'unsafe', title: `Set \`dnssec-validation auto\` in ${where}`, risk: 'named answers SERVFAIL for names whose DNSSEC signatures do not verify (a broken zone, or every signed name when this host\'s clock is wrong): clients lose those names. Check the clock and that the root servers are reachable first.', edits: [edit]},
      })
    }
  },
})
