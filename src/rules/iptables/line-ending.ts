import {defineRule, type TextEdit} from '../../core/rule.js'
import type {IptablesConfig} from '../../formats/iptables/semantics.js'
import {REFUSED_FILE_RISK} from './_shared.js'

/** LF line ends: iptables-restore reads the `\r` of CRLF as part of the line's last word. */
export default defineRule<IptablesConfig, Record<never, never>>({
  id: 'iptables/line-ending',
  format: 'iptables',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Lines end with LF, not CRLF.',
    why: 'iptables-restore splits a line on blanks and the line feed only: the `\\r` of a CRLF line end stays in the last word, so `*filter\\r` names no table ("table name \'filter\\r\' invalid") and `-j ACCEPT\\r` no target. A file saved by a Windows editor is refused whole, and the host keeps whatever firewall it had, often none.',
    examples: [{bad: '*filter\r\n:INPUT DROP [0:0]\r\nCOMMIT\r\n', good: '*filter\n:INPUT DROP [0:0]\nCOMMIT\n'}],
    fixSafety: `Unsafe: ${REFUSED_FILE_RISK}`,
    references: [{title: 'iptables-restore(8)', url: 'https://manpages.debian.org/bookworm/iptables/iptables-restore.8.en.html'}],
  },
  check(config, context) {
    const doc = config.main
    const edits: TextEdit[] = []
    let first = -1
    for (let at = doc.text.indexOf('\r\n'); at !== -1; at = doc.text.indexOf('\r\n', at + 2)) {
      if (first === -1) first = at
      edits.push({file: doc.path, start: at, end: at + 1, text: ''})
    }
    if (edits.length === 0) return
    const line = doc.text.slice(0, first).split('\n').length
    const column = first - doc.text.lastIndexOf('\n', first - 1)
    context.report({
      message: `Unexpected CRLF line end${edits.length > 1 ? `s (${edits.length} lines)` : ''}: iptables-restore keeps the \`\\r\` in the last word of each line and refuses the file`,
      file: doc.path,
      position: {start: {line, column, offset: first}, end: {line, column: column + 2, offset: first + 2}},
      fix: {safety: 'unsafe', title: 'Use LF line ends', risk: REFUSED_FILE_RISK, edits},
    })
  },
})
