import {defineRule} from '../../core/rule.js'
import {describeStatement, optionValue, termsOf, type NamedConfig} from '../../formats/named/semantics.js'
import {optionScopes, ownEntry, placeOf, setValue} from './_scope.js'

/** A value that gives a release away: `9.18.24`, `BIND 9.16.1-Ubuntu`. */
const RELEASE = /\d+\.\d+/

/** named does not tell its release to whoever asks `version.bind` (`version "none"`). */
export default defineRule<NamedConfig, Record<never, never>>({
  id: 'named/version-hidden',
  format: 'named',
  severity: 'warning',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'named does not tell its release to anyone who asks (`version "none"` in `options`).',
    why: 'By default named answers a TXT query for `version.bind` in class CHAOS with its exact release (`9.18.49-1~deb12u3-Debian`). Scanners collect these answers to find servers with known vulnerabilities; the release tells an attacker which exploit to try, and nobody else needs it. `version "none";` answers with the text `none` instead (`version none;`, unquoted, makes named refuse the query; both are accepted).',
    examples: [
      {bad: 'options {\n\tdirectory "/var/cache/bind";\n};\n', good: 'options {\n\tdirectory "/var/cache/bind";\n\tversion "none";\n};\n'},
      {bad: 'options { version "BIND 9.18.24"; };\n', good: 'options { version "none"; };\n'},
    ],
    fixSafety: 'Safe: the answer to `version.bind` changes, and nothing else; no client needs the release to resolve names.',
    references: [
      {title: 'DISA BIND 9.x STIG: the version of BIND is not disclosed (`version "none"`)'},
      {title: 'BIND 9 ARM: version', url: 'https://bind9.readthedocs.io/en/v9.18.0/reference.html#namedconf-statement-version'},
    ],
  },
  check(config, context) {
    const scope = optionScopes(config).find((s) => s.view === undefined)
    if (scope === undefined) return
    const own = ownEntry(scope, 'version')
    if (own !== undefined) {
      const value = optionValue(own)
      const quoted = termsOf(own.statement)[1]?.type === 'string'
      if (value === undefined || !RELEASE.test(value) || (!quoted && value.toLowerCase() === 'none')) return
    }
    const edit = setValue(config, scope, 'version', '"none"')
    context.report({
      message:
        own === undefined
          ? 'Missing `version` in `options`: named tells its release to anyone who asks for `version.bind`'
          : `Unexpected \`${describeStatement(own.statement)}\` in \`options\`, expected \`version "none"\`: named tells a release to anyone who asks for \`version.bind\``,
      ...placeOf(config, scope, own),
      actual: own === undefined ? undefined : optionValue(own),
      expected: ['"none"'],
      fix: edit === undefined ? undefined : {safety: 'safe', title: 'Set `version "none"` in `options`', edits: [edit]},
    })
  },
})
