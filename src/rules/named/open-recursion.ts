import {list} from '../../core/options.js'
import {defineRule, type TextEdit} from '../../core/rule.js'
import {insertIntoBlock} from '../../formats/named/edit.js'
import {
  blockOf,
  describeStatement,
  describeView,
  entryIn,
  optionValue,
  optionsEntry,
  recursionAccess,
  viewEntries,
  type AclSource,
  type NamedConfig,
} from '../../formats/named/semantics.js'
import {optionScopes, ownEntry, placeOf, setLists, setValue} from './_scope.js'

const RISK_LIMIT =
  'Clients outside this host\'s own networks (`localnets`) that use this server as their resolver lose recursion and cached answers: remote offices, VPN users, other subnets routed to it. Name their networks in the option `trusted` (or in an `acl`) before applying this.'
const RISK_OFF =
  'Every client that uses this server as its resolver loses name resolution, this host too when /etc/resolv.conf names 127.0.0.1 or ::1. Apply it only to a server that answers for its own zones and nothing else.'

/** Recursion only for trusted clients, or none on an authoritative-only server. */
export default defineRule<NamedConfig, {trusted: string[]}>({
  id: 'named/open-recursion',
  format: 'named',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {
    trusted: list(
      /^!?(?:[A-Za-z0-9_.:/-]+|"[^"]+")$/,
      ['localhost', 'localnets'],
      'The address match list recursion is limited to: built-in ACLs (`localhost`, `localnets`), `acl` names, addresses and prefixes.',
      'address match elements',
    ),
  },
  docs: {
    summary: 'Only trusted clients may use the server for recursion and read its cache (`allow-recursion` and `allow-query-cache` set in `options` and in every view), or, on an authoritative-only server (`named.role=authoritative`), `recursion no`.',
    why: 'An open resolver answers anyone\'s recursive queries: it is used to amplify denial-of-service attacks (a small spoofed query, a large answer sent to the victim), its cache can be probed and poisoned from outside, and it hides abuse behind this server\'s address. named inherits the recursion ACLs from each other: without `allow-recursion`, recursion is allowed to `allow-query-cache`, else to `allow-query`, so `allow-query { any; };` alone, which looks harmless for an authoritative server, makes an open resolver. Setting both ACLs explicitly stops that. A server that only answers for its own zones needs no recursion at all (set the format setting `named.role` to `authoritative`).',
    examples: [
      {
        bad: 'options {\n\tdirectory "/var/cache/bind";\n\tallow-query { any; };\n};\n',
        good: 'options {\n\tdirectory "/var/cache/bind";\n\tallow-query { any; };\n\tallow-recursion { localhost; localnets; };\n\tallow-query-cache { localhost; localnets; };\n};\n',
      },
      {bad: 'options { allow-recursion { any; }; };\n', good: 'options { allow-recursion { localhost; localnets; }; allow-query-cache { localhost; localnets; }; };\n'},
      {
        bad: 'acl trusted { 192.0.2.0/24; };\noptions {\n\trecursion yes;\n\tallow-recursion { any; };\n};\n',
        good: 'acl trusted { 192.0.2.0/24; };\noptions {\n\trecursion yes;\n\tallow-recursion { trusted; };\n\tallow-query-cache { trusted; };\n};\n',
        options: {trusted: ['trusted']},
      },
    ],
    fixSafety:
      'Unsafe. Limiting recursion to `localhost; localnets;` (the option `trusted`) cuts off every client outside this host\'s own networks that uses it as a resolver: remote offices, VPN users, subnets routed to it. `recursion no` (role `authoritative`) cuts off every client, this host too when its /etc/resolv.conf names 127.0.0.1. Check who queries the server (query logs, `rndc stats`) first.',
    references: [
      {title: 'Nectar: Security guidelines, 11. No open recursive name servers ("only allow recursion from trusted hosts")'},
      {title: 'DISA BIND 9.x STIG: recursion limited to authorized clients; authoritative servers do not recurse'},
      {title: 'BIND 9 ARM: allow-recursion, allow-query-cache, recursion', url: 'https://bind9.readthedocs.io/en/v9.18.0/reference.html#namedconf-statement-allow-recursion'},
      {title: 'ISC Knowledge Base: "Why is my DNS server an open resolver?"'},
    ],
  },
  check(config, context) {
    const trusted = context.options.trusted
    const access = recursionAccess(config)
    const optionsAccess = recursionAccessOfOptions(config)
    const optionsBody = optionsEntry(config)?.body
    const inherited = (source: AclSource) => source.open && source.entry !== undefined && source.entry.scope === optionsBody
    const optionsReported =
      (optionsBody !== undefined || !config.fragment) &&
      optionsAccess.recursion.enabled &&
      (optionsAccess.allowRecursion.open || optionsAccess.allowQueryCache.open) &&
      (access[0]!.view === undefined || access.some((a) => a.recursion.enabled && (inherited(a.allowRecursion) || inherited(a.allowQueryCache))))
    for (const scope of optionScopes(config)) {
      const state = scope.view === undefined ? optionsAccess : access.find((a) => a.view === scope.view)!
      if (!state.recursion.enabled) continue
      const where = describeView(scope.view)
      if (config.role === 'authoritative') {
        const own = ownEntry(scope, 'recursion')
        // A view without its own `recursion` takes the one of `options`, reported there.
        if (scope.view !== undefined && own === undefined) continue
        if (scope.view === undefined && viewEntries(config).length > 0 && viewEntries(config).every((view) => entryIn(view.body, 'recursion') !== undefined)) continue
        const edit = setValue(config, scope, 'recursion', 'no')
        context.report({
          message:
            own === undefined
              ? `Unexpected default \`recursion yes\` in ${where} (the configuration does not set it), expected \`recursion no\` on an authoritative-only server: it resolves names for its clients`
              : `Unexpected \`${describeStatement(own.statement)}\` in ${where}, expected \`recursion no\` on an authoritative-only server: it resolves names for its clients`,
          ...placeOf(config, scope, own),
          actual: own === undefined ? 'yes' : optionValue(own),
          expected: ['no'],
          fix: edit === undefined ? undefined : {safety: 'unsafe', title: `Set \`recursion no\` in ${where}`, risk: RISK_OFF, edits: [edit]},
        })
        continue
      }
      const open = [state.allowRecursion, state.allowQueryCache].filter((source) => source.open)
      if (open.length === 0) continue
      // In a view, an open ACL that comes from `options` is reported (and fixed) there, when
      // `options` is reported; with views, `options` counts only through a recursing view
      // that inherits an open ACL from it.
      if (scope.view !== undefined && optionsReported && !open.some((source) => source.entry?.scope === scope.view!.body)) continue
      if (scope.view === undefined && !optionsReported) continue
      const parts = [describeSource('allow-recursion', state.allowRecursion), describeSource('allow-query-cache', state.allowQueryCache)].filter((part): part is string => part !== undefined)
      const cause = open.find((source) => source.entry?.scope === scope.owner?.body)?.entry
      const edits: TextEdit[] | undefined = setLists(config, scope, ['allow-recursion', 'allow-query-cache'], trusted)
      if (edits !== undefined && scope.view === undefined) edits.push(...pinViews(config, access))
      const list = `{ ${trusted.map((e) => `${e};`).join(' ')} }`
      context.report({
        message: `Unexpected open recursion in ${where}: ${parts.join('; ')}; expected \`allow-recursion\` and \`allow-query-cache\` set to \`${list}\`: anyone can use this server as a resolver`,
        ...placeOf(config, scope, cause),
        expected: [list],
        fix: edits === undefined ? undefined : {safety: 'unsafe', title: `Set \`allow-recursion ${list}\` and \`allow-query-cache ${list}\` in ${where}`, risk: RISK_LIMIT, edits},
      })
    }
  },
})

/**
 * Once `options` sets both recursion ACLs, a view that sets only one of them (or only
 * `allow-query`) no longer inherits the other from its own statement but from `options`:
 * `view "internal" { allow-recursion { internal-nets; }; }` would get the cache ACL of
 * `options` and its clients would lose recursion. Such views get the ACL they inherit
 * today written out, so that the fix changes nothing for them.
 */
function pinViews(config: NamedConfig, access: ReturnType<typeof recursionAccess>): TextEdit[] {
  const edits: TextEdit[] = []
  for (const state of access) {
    const view = state.view
    if (view === undefined || view.body === undefined || !state.recursion.enabled) continue
    const pinned: string[] = []
    for (const [keyword, source] of [['allow-recursion', state.allowRecursion], ['allow-query-cache', state.allowQueryCache]] as const) {
      if (source.open || source.from === 'set' || source.entry === undefined || source.entry.scope !== view.body) continue
      const block = blockOf(source.entry.statement)!
      pinned.push(`${keyword} ${source.entry.document.text.slice(block.position!.start.offset!, block.position!.end.offset!)}`)
    }
    if (pinned.length > 0) edits.push(insertIntoBlock(view.document, view.statement, pinned))
  }
  return edits
}

/** The recursion ACLs of `options` alone (what views without their own inherit). */
function recursionAccessOfOptions(config: NamedConfig) {
  const noViews: NamedConfig = {...config, root: {...config.root, entries: config.root.entries.filter((entry) => entry.keyword !== 'view')}}
  return recursionAccess(noViews)[0]!
}

/** Says why one recursion ACL is open: `` `allow-recursion { any; }` `` or `` `allow-query-cache` inherits `allow-query { any; }` ``. */
function describeSource(name: string, source: AclSource): string | undefined {
  if (!source.open || source.entry === undefined) return undefined
  const written = `\`${describeStatement(source.entry.statement)}\``
  return source.from === 'set' ? written : `\`${name}\` inherits ${written}`
}
