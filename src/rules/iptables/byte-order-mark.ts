import {defineRule} from '../../core/rule.js'
import {byteOrderMarkFinding} from '../byte-order-mark.js'
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
    const finding = byteOrderMarkFinding(config.main, 'iptables-restore refuses the file ("line 1 failed")', {safety: 'unsafe', risk: REFUSED_FILE_RISK})
    if (finding !== undefined) context.report(finding)
  },
})
