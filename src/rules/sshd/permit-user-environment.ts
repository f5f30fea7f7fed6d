import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {checkSetting, oneOfWords} from './_setting.js'

/** Users cannot set the environment sshd starts their session with (`PermitUserEnvironment no`). */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/permit-user-environment',
  format: 'sshd',
  severity: 'warning',
  fix: 'safe',
  profile: 'strict',
  options: {},
  docs: {
    summary: 'sshd ignores `~/.ssh/environment` and `environment=` in authorized_keys.',
    why: 'A user who may set variables such as `LD_PRELOAD` for the session sshd starts can get around `ForceCommand` and other restrictions on their account. The default is `no`.',
    examples: [{bad: 'PermitUserEnvironment yes\n', good: 'PermitUserEnvironment no\n'}],
    fixSafety: 'Safe: no one loses access; sessions start without the variables users set themselves.',
    references: [
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd PermitUserEnvironment is disabled'},
      {title: 'sshd_config(5): PermitUserEnvironment', url: 'https://man.openbsd.org/sshd_config#PermitUserEnvironment'},
    ],
  },
  check(config, context) {
    checkSetting(config, context, {
      keyword: 'PermitUserEnvironment',
      accepts: oneOfWords('no'),
      target: 'no',
      safety: 'safe',
      consequence: 'users can set LD_PRELOAD and the like for their own sessions and get around restrictions',
      feature: 'user environments',
    })
  },
})
