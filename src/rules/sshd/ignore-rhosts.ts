import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {checkSetting, oneOfWords} from './_setting.js'

/** sshd ignores users' `.rhosts` and `.shosts` (`IgnoreRhosts yes`). */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/ignore-rhosts',
  format: 'sshd',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'strict',
  options: {},
  docs: {
    summary: 'sshd ignores the `.rhosts` and `.shosts` files in users\' homes.',
    why: 'With `IgnoreRhosts no`, any user can declare hosts whose users may log in as them, with host-based authentication. The default is `yes`.',
    examples: [{bad: 'IgnoreRhosts no\n', good: 'IgnoreRhosts yes\n'}],
    fixSafety: 'Unsafe: users who log in through hosts listed in their own `.shosts` are locked out.',
    references: [
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd IgnoreRhosts is enabled'},
      {title: 'sshd_config(5): IgnoreRhosts', url: 'https://man.openbsd.org/sshd_config#IgnoreRhosts'},
    ],
  },
  check(config, context) {
    checkSetting(config, context, {
      keyword: 'IgnoreRhosts',
      accepts: oneOfWords('yes'),
      target: 'yes',
      safety: 'unsafe',
      risk: 'Users who log in from hosts listed in their own .rhosts or .shosts are locked out.',
      consequence: 'users can let other hosts\' users in as themselves',
      feature: 'per-user host trust',
    })
  },
})
