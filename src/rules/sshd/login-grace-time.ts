import {integer} from '../../core/options.js'
import {defineRule} from '../../core/rule.js'
import {parseTime, type SshdConfig} from '../../formats/sshd/semantics.js'
import {checkSetting} from './_setting.js'

/** Unauthenticated connections are dropped soon (`LoginGraceTime 60`). */
export default defineRule<SshdConfig, {max: number}>({
  id: 'sshd/login-grace-time',
  format: 'sshd',
  severity: 'warning',
  fix: 'safe',
  profile: 'strict',
  options: {
    max: integer(1, 600, 60, 'The most seconds a connection may take to authenticate.'),
  },
  docs: {
    summary: 'A connection that has not authenticated after 60 seconds is dropped (option `max`).',
    why: 'Every unauthenticated connection holds a slot of `MaxStartups` (10 by default); the default grace time of 2 minutes lets a few slow clients keep real users out. `0` means no limit at all.',
    examples: [
      {bad: 'LoginGraceTime 2m\n', good: 'LoginGraceTime 60\n'},
      {bad: 'LoginGraceTime 0\n', good: 'LoginGraceTime 60\n'},
    ],
    fixSafety: 'Safe: it changes no one\'s access, only how long a login may take; someone typing a one-time code slowly has a minute.',
    references: [
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd LoginGraceTime is configured'},
      {title: 'sshd_config(5): LoginGraceTime', url: 'https://man.openbsd.org/sshd_config#LoginGraceTime'},
    ],
  },
  check(config, context) {
    const {max} = context.options
    checkSetting(config, context, {
      keyword: 'LoginGraceTime',
      accepts: (value) => {
        const seconds = parseTime(value)
        return seconds !== undefined && seconds > 0 && seconds <= max
      },
      target: String(max),
      safety: 'safe',
      consequence: `unauthenticated connections may stay longer than ${max} seconds and crowd out real users`,
      feature: 'a longer grace time',
    })
  },
})
