import {defineRule} from '../../core/rule.js'
import {byteOrderMarkFinding} from '../byte-order-mark.js'
import type {ApacheConfig} from '../../formats/apache/semantics.js'

/** No UTF-8 byte order mark: httpd reads it as part of the first directive and refuses it. */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/byte-order-mark',
  format: 'apache',
  severity: 'error',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'No file starts with a UTF-8 byte order mark.',
    why: 'Some Windows editors save a byte order mark at the start of a file. httpd reads it as part of the first directive (`Invalid command \'\\xef\\xbb\\xbfServerTokens\'`) and refuses to start.',
    examples: [{bad: '\uFEFFServerTokens Prod\n', good: 'ServerTokens Prod\n'}],
    fixSafety: 'Safe: the mark is invisible, and removing it makes the file readable to httpd.',
    references: [{title: 'Apache httpd: Configuration Files, syntax', url: 'https://httpd.apache.org/docs/2.4/configuring.html'}],
  },
  check(config, context) {
    for (const doc of config.documents) {
      const finding = byteOrderMarkFinding(doc, 'httpd refuses the file')
      if (finding !== undefined) context.report(finding)
    }
  },
})
