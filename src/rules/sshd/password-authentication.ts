import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {passwordLockout} from './_lockout.js'
import {checkSetting, oneOfWords} from './_setting.js'

/** No password logins (`PasswordAuthentication no`): keys only. */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/password-authentication',
  format: 'sshd',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Users log in with keys, not passwords.',
    why: 'A server on the internet meets thousands of password guesses a week; any weak password falls. Keys cannot be guessed. sshd\'s default is `yes`, and cloud images often turn it back on in a drop-in (`sshd_config.d/50-cloud-init.conf`) that wins over the main file, since sshd uses the first value it reads. The fix lands where the value is decided.',
    examples: [
      {bad: 'PasswordAuthentication yes\n', good: 'PasswordAuthentication no\n'},
      {bad: '#PasswordAuthentication yes\nUsePAM yes\n', good: '#PasswordAuthentication yes\nPasswordAuthentication no\nUsePAM yes\n'},
    ],
    fixSafety:
      'Unsafe: users who log in with a password and have no key are locked out. Where the system\'s files are readable and no login account has an authorized key, or a user without a key logged in with a password lately, the fix is lowered to a suggestion that names them.',
    references: [
      {title: 'Nectar: Security guidelines, 1. Log into your VM using SSH (PasswordAuthentication no)'},
      {title: 'CSC cPouta: Disable password login - use keys'},
      {title: 'Alliance: Security considerations when running a VM (SSH key authentication)'},
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd PasswordAuthentication is disabled'},
      {title: 'sshd_config(5): PasswordAuthentication', url: 'https://man.openbsd.org/sshd_config#PasswordAuthentication'},
    ],
  },
  check(config, context) {
    const verdict = passwordLockout(config.system, 'PasswordAuthentication no')
    checkSetting(config, context, {
      keyword: 'PasswordAuthentication',
      accepts: oneOfWords('no'),
      target: 'no',
      safety: verdict.safety,
      risk: verdict.risk,
      consequence: 'passwords can be guessed over SSH',
      feature: 'password login',
    })
  },
})
