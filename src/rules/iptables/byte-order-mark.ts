import {defineRule} from '../../core/rule.js'
import type {IptablesConfig} from '../../formats/iptables/semantics.js'
import {REFUSED_FILE_RISK} from './_shared.js'

/** No UTF-8 byte order mark: iptables-restore reads it as part of the first line and refuses the file. */
export default defineRule<IptablesConfig, Record<never, never>>({
  id: 'iptables/byte-order-mark',
  format: 'iptables',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'The file does not start with a UTF-8 byte order mark.',
    why: 'Some Windows editors save a byte order mark at the start of a file. iptables-restore reads it as the first characters of the first line, which then is no `*table`, comment or command ("iptables-restore: line 1 failed"), and loads none of the file: the host keeps whatever firewall it had when it booted, often none.',
    examples: [{bad: '\uFEFF*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n', good: '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n'}],
    fixSafety: `Unsafe: ${REFUSED_FILE_RISK}`,
    references: [{title: 'iptables-restore(8)', url: 'https://manpages.debian.org/bookworm/iptables/iptables-restore.8.en.html'}],
  },
  check(config, context) {
    const doc = config.main
    if (!doc.tree.bom) return
    context.report({
      message: 'Unexpected byte order mark at the start of the file: iptables-restore refuses the file ("line 1 failed")',
      file: doc.path,
      position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 2, offset: 1}},
      fix: {safety: 'unsafe', title: 'Remove the byte order mark', risk: REFUSED_FILE_RISK, edits: [{file: doc.path, start: 0, end: 1, text: ''}]},
    })
  },
})
