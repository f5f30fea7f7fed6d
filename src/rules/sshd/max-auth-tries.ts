import {integer} from '../../core/options.js'
import {defineRule} from '../../core/rule.js'
import {parseCount, type SshdConfig} from '../../formats/sshd/semantics.js'
import {checkSetting} from './_setting.js'

/** Few authentication attempts per connection (`MaxAuthTries 4`). */
export default defineRule<SshdConfig, {max: number}>({
  id: 'sshd/max-auth-tries',
  format: 'sshd',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'strict',
  options: {
    max: integer(1, 10, 4, 'The most authentication attempts a connection may make.'),
  },
  docs: {
    summary: 'A connection may try to authenticate at most 4 times (option `max`).',
    why: 'Fewer attempts per connection slow down password guessing and make failures show in the logs sooner (sshd logs once half the attempts are used). The benchmarks ask for 4 (CIS), 3 or 2; 4 is the default here because an SSH agent offers every key it holds, and a user with four keys would fail on a lower limit before reaching the right one ("Too many authentication failures"). Set `max` lower where users hold one key each.',
    examples: [
      {bad: 'MaxAuthTries 6\n', good: 'MaxAuthTries 4\n'},
      {bad: 'Port 22\n', good: 'Port 22\nMaxAuthTries 4\n'},
      {bad: 'MaxAuthTries 4\n', good: 'MaxAuthTries 3\n', options: {max: 3}},
    ],
    fixSafety: 'Unsafe: a user whose agent offers more keys than the limit before the right one is refused; `ssh -o IdentitiesOnly=yes -i KEY` or an `IdentityFile` per host avoids it.',
    references: [
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd MaxAuthTries is configured'},
      {title: 'sshd_config(5): MaxAuthTries', url: 'https://man.openbsd.org/sshd_config#MaxAuthTries'},
    ],
  },
  check(config, context) {
    const {max} = context.options
    checkSetting(config, context, {
      keyword: 'MaxAuthTries',
      accepts: (value) => (parseCount(value) ?? Infinity) <= max,
      target: String(max),
      safety: 'unsafe',
      risk: `Users whose SSH agent offers more than ${max} keys before the right one are refused ("Too many authentication failures") until they pick the key with IdentitiesOnly.`,
      consequence: `a connection may make more than ${max} guesses`,
      feature: 'more authentication attempts',
    })
  },
})
