import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {checkSetting, oneOfWords} from './_setting.js'

/** No host-based logins (`HostbasedAuthentication no`). */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/hostbased-authentication',
  format: 'sshd',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'strict',
  options: {},
  docs: {
    summary: 'sshd does not let a user in because of the host the connection comes from.',
    why: 'Host-based authentication trusts every user of a trusted host: whoever gets into one host of the group gets into all. The default is `no`.',
    examples: [{bad: 'HostbasedAuthentication yes\n', good: 'HostbasedAuthentication no\n'}],
    fixSafety: 'Unsafe: users who log in through a trusted host, without a key of their own, are locked out.',
    references: [
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd HostbasedAuthentication is disabled'},
      {title: 'sshd_config(5): HostbasedAuthentication', url: 'https://man.openbsd.org/sshd_config#HostbasedAuthentication'},
    ],
  },
  check(config, context) {
    checkSetting(config, context, {
      keyword: 'HostbasedAuthentication',
      accepts: oneOfWords('no'),
      target: 'no',
      safety: 'unsafe',
      risk: 'Users who log in from a trusted host without a key of their own are locked out; give them keys first.',
      consequence: 'anyone on a trusted host can log in as its users',
      feature: 'host-based login',
    })
  },
})
