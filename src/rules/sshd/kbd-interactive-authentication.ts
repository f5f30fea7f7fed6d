import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {passwordLockout} from './_lockout.js'
import {checkSetting, oneOfWords} from './_setting.js'

/** No keyboard-interactive logins (`KbdInteractiveAuthentication no`), which take passwords through PAM. */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/kbd-interactive-authentication',
  format: 'sshd',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Keyboard-interactive logins are off, so that no password prompt is left.',
    why: 'With `UsePAM yes` (Debian and Ubuntu), keyboard-interactive authentication asks PAM, and PAM asks for the account\'s password: `PasswordAuthentication no` alone still lets passwords in. sshd\'s default is `yes`. The old name `ChallengeResponseAuthentication` sets the same thing. Keep it on only for a second factor (an OTP through PAM) together with `AuthenticationMethods`.',
    examples: [
      {bad: 'KbdInteractiveAuthentication yes\n', good: 'KbdInteractiveAuthentication no\n'},
      {bad: 'UsePAM yes\n', good: 'UsePAM yes\nKbdInteractiveAuthentication no\n'},
    ],
    fixSafety:
      'Unsafe: users who type their password at a keyboard-interactive prompt, or a one-time code from PAM, are locked out. Lowered to a suggestion when the system\'s files show that nobody could log in with a key.',
    references: [
      {title: 'Nectar: Security guidelines, 1. Log into your VM using SSH (disable password access)'},
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd KbdInteractiveAuthentication is disabled'},
      {title: 'sshd_config(5): KbdInteractiveAuthentication', url: 'https://man.openbsd.org/sshd_config#KbdInteractiveAuthentication'},
    ],
  },
  check(config, context) {
    const verdict = passwordLockout(config.system, 'KbdInteractiveAuthentication no')
    checkSetting(config, context, {
      keyword: 'KbdInteractiveAuthentication',
      accepts: oneOfWords('no'),
      target: 'no',
      safety: verdict.safety,
      risk: verdict.risk,
      consequence: 'PAM still takes passwords at a keyboard-interactive prompt',
      feature: 'keyboard-interactive (password) login',
    })
  },
})
