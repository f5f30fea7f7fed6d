import type {Position} from 'unist'
import {defineRule} from '../../core/rule.js'
import {describeScope, knownClauses, nameOf, termsOf, type NamedConfig, type NamedEntry, type NamedScope} from '../../formats/named/semantics.js'

/** Named things defined twice: the second definition makes named refuse the configuration. */
const NAMED_DEFINITIONS: Record<string, string> = {acl: 'acl', view: 'view', zone: 'zone', key: 'key'}

/** No statement set twice in one block, no `acl`, `view`, `zone` or `key` defined twice. */
export default defineRule<NamedConfig, Record<never, never>>({
  id: 'named/duplicate-option',
  format: 'named',
  severity: 'error',
  fix: 'none',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'No option is set twice in one block, and no `acl`, `view`, `zone` or `key` is defined twice.',
    why: 'Unlike sshd (first value wins) or Apache (last value wins), named refuses a configuration that sets an option twice in the same block ("\'recursion\' redefined") or defines an ACL, view, zone or key twice ("attempt to redefine acl", "already exists"). It does not start or reload. Such duplicates creep in when a line is appended by hand or by a script without looking, or when two included files set the same option; the two values usually disagree, and which one was meant is only known to the author. Options that the grammar lets repeat (`listen-on`, `zone`, `check-names`, ...) are not reported.',
    examples: [
      {bad: 'options {\n\trecursion no;\n\trecursion yes;\n};\n', good: 'options {\n\trecursion no;\n};\n'},
      {bad: 'acl trusted { 192.0.2.0/24; };\nacl trusted { localhost; };\n', good: 'acl trusted { 192.0.2.0/24; localhost; };\n'},
    ],
    fixSafety: 'No fix: which of the two values was meant cannot be told; the finding points at both.',
    references: [
      {title: 'BIND 9 ARM: Configuration File Grammar (each option at most once per block)'},
      {title: 'named-checkconf 9.18: "\'recursion\' redefined", "attempt to redefine acl"'},
    ],
  },
  check(config, context) {
    const related = (first: NamedEntry, what: string): Array<{file: string; position: Position; message: string}> => [
      {file: first.document.path, position: first.statement.position!, message: `${what} first here`},
    ]
    const visit = (scope: NamedScope): void => {
      const known = knownClauses(scope)
      const firsts = new Map<string, NamedEntry>()
      for (const entry of scope.entries) {
        const info = known?.get(entry.keyword)
        if (info !== undefined && !info.multi) {
          const first = firsts.get(entry.keyword)
          if (first === undefined) firsts.set(entry.keyword, entry)
          else {
            const written = termsOf(entry.statement)[0]!.type === 'word' ? (termsOf(entry.statement)[0] as {value: string}).value : entry.keyword
            context.report({
              message: `Unexpected second \`${written}\` in ${describeScope(scope)}: named refuses an option set twice in one block ('${entry.keyword}' redefined)`,
              file: entry.document.path,
              position: entry.statement.position!,
              related: related(first, `\`${written}\` is set`),
            })
          }
        }
        if (entry.body !== undefined) visit(entry.body)
      }
      // Definitions by name: acl, view, key at the top level; zone at the top level and in each view.
      for (const keyword of Object.keys(NAMED_DEFINITIONS)) {
        const seen = new Map<string, NamedEntry>()
        for (const entry of scope.entries) {
          if (entry.keyword !== keyword) continue
          const name = nameOf(entry)
          if (name === undefined) continue
          // Zone names are domain names: case and a final dot do not make another zone.
          const key = keyword === 'zone' ? name.toLowerCase().replace(/(.)\.$/, '$1') : name
          const first = seen.get(key)
          if (first === undefined) {
            seen.set(key, entry)
            continue
          }
          context.report({
            message: `Unexpected second definition of \`${keyword} ${termsOf(entry.statement)[1]!.type === 'string' ? `"${name}"` : name}\` in ${describeScope(scope)}: named refuses to define it twice`,
            file: entry.document.path,
            position: entry.statement.position!,
            related: related(first, `\`${keyword} ${name}\` is defined`),
          })
        }
      }
    }
    visit(config.root)
  },
})
