import {oneOf} from '../../core/options.js'
import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {rootLockout} from './_lockout.js'
import {checkSetting, oneOfWords} from './_setting.js'

/** No root logins over SSH (`PermitRootLogin no`). */
export default defineRule<SshdConfig, {allow: 'no' | 'prohibit-password'}>({
  id: 'sshd/permit-root-login',
  format: 'sshd',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {
    allow: oneOf(
      ['no', 'prohibit-password'],
      'no',
      'The most root may do: `no` (the guides), or `prohibit-password` to accept root logins with a key only.',
    ),
  },
  docs: {
    summary: 'Root cannot log in over SSH.',
    why: 'An attacker who guesses or steals root\'s credentials owns the host at once, and logs name only "root". Administrators should log in as themselves and use sudo. sshd\'s default, `prohibit-password`, still lets root in with a key; the guides ask for `no` (set the option `allow` to `prohibit-password` to accept key-only root logins).',
    examples: [
      {bad: 'PermitRootLogin yes\n', good: 'PermitRootLogin no\n'},
      {bad: 'PermitRootLogin no\nMatch Address 10.0.0.0/8\n\tPermitRootLogin yes\n', good: 'PermitRootLogin no\nMatch Address 10.0.0.0/8\n\tPermitRootLogin no\n'},
      {bad: 'PermitRootLogin yes\n', good: 'PermitRootLogin prohibit-password\n', options: {allow: 'prohibit-password'}},
    ],
    fixSafety:
      'Unsafe: whoever reaches the host as root is locked out. Where the system\'s files are readable (the configuration was named by its system path, or with --root) and root is the only account with an authorized key or a recent SSH login, the fix is lowered to a suggestion.',
    references: [
      {title: 'Nectar: Security guidelines, 8. Disable root access from SSH'},
      {title: 'CSC cPouta: Security guidelines (root with ssh disabled)'},
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd PermitRootLogin is disabled'},
      {title: 'sshd_config(5): PermitRootLogin', url: 'https://man.openbsd.org/sshd_config#PermitRootLogin'},
    ],
  },
  check(config, context) {
    const {allow} = context.options
    const verdict = rootLockout(config.system)
    checkSetting(config, context, {
      keyword: 'PermitRootLogin',
      accepts: allow === 'no' ? oneOfWords('no') : oneOfWords('no', 'prohibit-password', 'without-password'),
      target: allow,
      safety: verdict.safety,
      risk: verdict.risk,
      consequence: allow === 'no' ? 'root can log in over SSH' : 'root can log in over SSH with a password',
      feature: 'root login',
    })
  },
})
