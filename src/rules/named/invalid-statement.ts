import {defineRule} from '../../core/rule.js'
import {describeScope, describeStatement, knownClauses, termsOf, viewEntries, zoneEntries, type NamedConfig, type NamedScope} from '../../formats/named/semantics.js'

/** Statements named refuses where they stand: unknown options, missing includes, zones outside views. */
export default defineRule<NamedConfig, Record<never, never>>({
  id: 'named/invalid-statement',
  format: 'named',
  severity: 'error',
  fix: 'none',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Every statement is one named accepts where it stands.',
    why: 'named refuses the whole configuration, and so does not start or reload, on a statement it does not know in `options`, a `view`, a `zone` or another block of options ("unknown option"), on an `include` of a file that does not exist ("open: ...: file not found"), and on a `zone` outside the views once there are views ("when using \'view\' statements, all zones must be in views"). A name server that does not start after an edit is an outage of its own, and the typo usually hides the setting its author meant.',
    examples: [
      {bad: 'options {\n\trecursoin no;\n};\n', good: 'options {\n\trecursion no;\n};\n'},
      {bad: 'view "internal" {\n\tmatch-clients { localnets; };\n};\nzone "example.org" {\n\ttype primary;\n\tfile "db.example.org";\n};\n', good: 'view "internal" {\n\tmatch-clients { localnets; };\n\tzone "example.org" {\n\t\ttype primary;\n\t\tfile "db.example.org";\n\t};\n};\n'},
    ],
    fixSafety: 'No fix: what the statement should say, or where the file is, cannot be guessed.',
    references: [
      {title: 'named.conf(5) (BIND 9.18): the statements of each block', url: 'https://bind9.readthedocs.io/en/v9.18.0/manpages.html#named-conf-configuration-file-for-named'},
      {title: 'BIND 9 ARM: Configuration File Grammar, `include`, `view`'},
    ],
  },
  check(config, context) {
    const visit = (scope: NamedScope): void => {
      const known = knownClauses(scope)
      for (const entry of scope.entries) {
        if (known !== undefined && entry.keyword !== 'include' && !known.has(entry.keyword)) {
          const first = termsOf(entry.statement)[0]
          const written = first?.type === 'block' ? describeStatement(entry.statement, 40) : first?.value ?? ''
          context.report({
            message: `Unexpected \`${written}\` in ${describeScope(scope)}: named does not know this statement there and refuses the configuration`,
            file: entry.document.path,
            position: entry.statement.position!,
          })
        }
        if (entry.body !== undefined) visit(entry.body)
      }
    }
    visit(config.root)
    for (const include of config.includes) {
      if (include.found) continue
      context.report({
        message: `Missing file \`${include.path}\` named by \`include "${include.written}"\`: named refuses the configuration`,
        file: include.entry.document.path,
        position: include.entry.statement.position!,
      })
    }
    if (viewEntries(config).length > 0) {
      for (const zone of zoneEntries(config.root)) {
        context.report({
          message: `Unexpected \`${describeStatement(zone.statement, 40)}\` outside the views: once there are views, named refuses a zone that is not in one`,
          file: zone.document.path,
          position: zone.statement.position!,
        })
      }
    }
  },
})
