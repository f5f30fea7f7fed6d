import {defineRule} from '../../core/rule.js'
import {byteOrderMarkFinding} from '../byte-order-mark.js'
import type {NamedConfig} from '../../formats/named/semantics.js'

/** No UTF-8 byte order mark: named reads it as part of the first word and refuses the file. */
export default defineRule<NamedConfig, Record<never, never>>({
  id: 'named/byte-order-mark',
  format: 'named',
  severity: 'error',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'The file does not start with a UTF-8 byte order mark.',
    why: 'Some Windows editors save a byte order mark at the start of a file. BIND\'s lexer does not take it for white space: it becomes part of the first word ("unknown option \'\\xEF\\xBB\\xBFoptions\'"), and named refuses the whole configuration, so the name server does not start or reload.',
    examples: [{bad: '\uFEFFoptions { recursion no; };\n', good: 'options { recursion no; };\n'}],
    fixSafety: 'Safe: the mark is invisible, and removing it makes the file readable to named.',
    references: [{title: 'named-checkconf 9.18 on a file with a byte order mark: "unknown option"'}],
  },
  check(config, context) {
    for (const doc of config.documents) {
      const finding = byteOrderMarkFinding(doc, 'named refuses the configuration')
      if (finding !== undefined) context.report(finding)
    }
  },
})
