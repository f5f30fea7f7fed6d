import {defineRule, type FixSafety} from '../../core/rule.js'
import {
  allZones,
  describeScope,
  describeStatement,
  describeView,
  entryIn,
  entryIsOpen,
  nameOf,
  optionsEntry,
  zoneType,
  type NamedConfig,
  type NamedEntry,
} from '../../formats/named/semantics.js'
import {nameList, optionScopes, ownEntry, placeOf, setList, type OptionScope} from './_scope.js'

/**
 * Zones every Debian system serves from its own files (RFC 1912 and RFC 6303): nobody
 * transfers them from this server.
 */
const LOCAL_ZONES = new Set(['localhost', '127.in-addr.arpa', '0.in-addr.arpa', '255.in-addr.arpa', '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa'])

/** Zone types whose data other servers may transfer from this one. */
const TRANSFERABLE = new Set(['primary', 'secondary', 'mirror'])

/** Zone transfers only to the secondaries a zone lists (`allow-transfer { none; }` as the default). */
export default defineRule<NamedConfig, Record<never, never>>({
  id: 'named/allow-transfer',
  format: 'named',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Nobody may transfer zones unless a zone lists its secondaries: `allow-transfer { none; }` in `options`, and no `allow-transfer` open to everybody in a view or a zone.',
    why: 'A zone transfer (AXFR) hands out a whole zone in one query: every host name and address, internal ones included, a map for an attacker. named 9.18 allows transfers to anybody by default (`allow-transfer { any; }`). The guides and the benchmarks ask for `none` as the default, and for each zone to name its secondaries (by address or, better, by TSIG key) in its own `allow-transfer`.',
    examples: [
      {bad: 'options {\n\tdirectory "/var/cache/bind";\n};\n', good: 'options {\n\tdirectory "/var/cache/bind";\n\tallow-transfer { none; };\n};\n'},
      {bad: 'options { allow-transfer { any; }; };\n', good: 'options { allow-transfer { none; }; };\n'},
    ],
    fixSafety:
      'Safe when no zone of the configuration (besides the local ones every Debian system has: localhost, 127, 0 and 255.in-addr.arpa) is a primary, secondary or mirror zone without its own `allow-transfer`: then nobody transfers anything today. Otherwise unsafe, and the risk names the zones: their secondaries stop receiving updates and, once the zone expires, stop answering for it. Give each such zone an `allow-transfer` with its secondaries first. An `allow-transfer` open to everybody inside a zone gets only a suggestion: its secondaries cannot be guessed.',
    references: [
      {title: 'DISA BIND 9.x STIG: zone transfers limited to authorized secondaries'},
      {title: 'NIST SP 800-81-2, Secure Domain Name System (DNS) Deployment Guide: restrict zone transfers'},
      {title: 'BIND 9 ARM: allow-transfer', url: 'https://bind9.readthedocs.io/en/v9.18.0/reference.html#namedconf-statement-allow-transfer'},
    ],
  },
  check(config, context) {
    for (const scope of optionScopes(config)) {
      const own = ownEntry(scope, 'allow-transfer')
      if (own !== undefined ? !entryIsOpen(config, own) : scope.view !== undefined) continue
      const where = describeView(scope.view)
      const safety = safetyFor(config, scope)
      const edit = setList(config, scope, 'allow-transfer', ['none'])
      context.report({
        message:
          own === undefined
            ? `Missing \`allow-transfer\` in ${where}: named's default lets anyone transfer every zone`
            : `Unexpected \`${describeStatement(own.statement)}\` in ${where}, expected \`allow-transfer { none; }\`: anyone can transfer every zone that does not set its own`,
        ...placeOf(config, scope, own),
        expected: ['{ none; }'],
        fix: edit === undefined ? undefined : {safety: safety.safety, title: `Set \`allow-transfer { none; }\` in ${where}`, risk: safety.risk, edits: [edit]},
      })
    }
    for (const zone of allZones(config)) {
      const own = entryIn(zone.body, 'allow-transfer')
      if (own === undefined || !entryIsOpen(config, own)) continue
      const edit = setList(config, {view: zone, owner: zone}, 'allow-transfer', ['none'])!
      context.report({
        message: `Unexpected \`${describeStatement(own.statement)}\` in ${describeScope(zone.body!)}: anyone can transfer the whole zone`,
        file: own.document.path,
        position: own.statement.position!,
        fix: {
          safety: 'suggestion',
          title: `Set \`allow-transfer { none; }\` in ${describeScope(zone.body!)}, then list its secondaries`,
          risk: 'The zone\'s secondaries can no longer transfer it. Write their addresses or TSIG keys in the list instead of `none`.',
          edits: [edit],
        },
      })
    }
  },
})

/**
 * How far `allow-transfer { none; }` in a scope can be trusted: safe when no zone that
 * inherits the scope's value (no `allow-transfer` of its own, and for `options` not in a
 * view with its own) is transferred today.
 */
function safetyFor(config: NamedConfig, scope: OptionScope): {safety: FixSafety; risk?: string | undefined} {
  const optionsBody = optionsEntry(config)?.body
  const inheriting = allZones(config).filter((zone: NamedEntry) => {
    if (entryIn(zone.body, 'allow-transfer') !== undefined) return false
    const view = zone.scope.owner
    if (scope.view !== undefined) return view === scope.view
    return view === undefined || (entryIn(view.body, 'allow-transfer') === undefined && scope.owner?.body === optionsBody)
  })
  const exposed = inheriting.filter((zone) => TRANSFERABLE.has(zoneType(zone) ?? '') && !LOCAL_ZONES.has((nameOf(zone) ?? '').toLowerCase().replace(/\.$/, '')))
  if (exposed.length === 0) return {safety: 'safe'}
  return {
    safety: 'unsafe',
    risk: `The secondaries of ${nameList(exposed.map((zone) => nameOf(zone) ?? ''))} can no longer transfer them: they stop receiving updates and, once the zones expire, stop answering for them. Give each zone an \`allow-transfer\` with its secondaries first.`,
  }
}
