import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {checkSetting, oneOfWords} from './_setting.js'

/** No X11 forwarding (`X11Forwarding no`). */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/x11-forwarding',
  format: 'sshd',
  severity: 'warning',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'X11 forwarding is off.',
    why: 'X11 forwarding opens a channel from the server to the user\'s display: a compromised server, or another root user on it, can read keystrokes and screens of everyone who forwards X. Debian\'s shipped sshd_config turns it on. A host that really needs it for one group can keep it in a Match block.',
    examples: [
      {bad: 'X11Forwarding yes\n', good: 'X11Forwarding no\n'},
      {bad: 'X11Forwarding no\nMatch Group gui\n    X11Forwarding yes\n', good: 'X11Forwarding no\nMatch Group gui\n    X11Forwarding no\n'},
    ],
    fixSafety: 'Safe for the global value: it changes no one\'s access, only whether graphical programs can be forwarded. A Match block that turns it on is changed only by an unsafe fix, since it was written for its users on purpose.',
    references: [
      {title: 'Sikt: Virtual machines, Authentication and logon (Disable X11-forwarding)'},
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd X11Forwarding is disabled'},
      {title: 'sshd_config(5): X11Forwarding', url: 'https://man.openbsd.org/sshd_config#X11Forwarding'},
    ],
  },
  check(config, context) {
    checkSetting(config, context, {
      keyword: 'X11Forwarding',
      accepts: oneOfWords('no'),
      target: 'no',
      safety: 'safe',
      consequence: 'the server can reach the display of everyone who forwards X',
      feature: 'X11 forwarding',
    })
  },
})
