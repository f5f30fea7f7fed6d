import {defineRule} from '../../core/rule.js'
import {byteOrderMarkFinding} from '../byte-order-mark.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'

/** No UTF-8 byte order mark: sshd reads it as part of the first keyword and refuses the file. */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/byte-order-mark',
  format: 'sshd',
  severity: 'error',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'The file does not start with a UTF-8 byte order mark.',
    why: 'Some Windows editors save a byte order mark at the start of a file. sshd reads it as part of the first keyword ("Bad configuration option: \\357\\273\\277Port") and refuses to start.',
    examples: [{bad: '\uFEFFPort 22\n', good: 'Port 22\n'}],
    fixSafety: 'Safe: the mark is invisible, and removing it makes the file readable to sshd.',
    references: [{title: 'sshd(8) reading sshd_config as plain bytes'}],
  },
  check(config, context) {
    for (const doc of config.documents) {
      const finding = byteOrderMarkFinding(doc, 'sshd refuses the file')
      if (finding !== undefined) context.report(finding)
    }
  },
})
