import {integer} from '../../core/options.js'
import {defineRule} from '../../core/rule.js'
import {parseCount, parseTime, type SshdConfig} from '../../formats/sshd/semantics.js'
import {checkSetting} from './_setting.js'

/** Dead sessions are noticed and closed (`ClientAliveInterval 300`, `ClientAliveCountMax 3`). */
export default defineRule<SshdConfig, {interval: number; countMax: number}>({
  id: 'sshd/client-alive',
  format: 'sshd',
  severity: 'info',
  fix: 'safe',
  profile: 'strict',
  options: {
    interval: integer(1, 3600, 300, 'The most seconds between two checks that the client still answers.'),
    countMax: integer(1, 10, 3, 'How many unanswered checks close the session.'),
  },
  docs: {
    summary: 'sshd checks that the client still answers every 300 seconds and closes the session after 3 unanswered checks.',
    why: 'By default sshd never asks (`ClientAliveInterval 0`), so a session whose client vanished stays open, logged in, until TCP gives up hours later. With both set, a dead session closes within `interval` x `countMax` seconds (15 minutes here). A `ClientAliveCountMax` of 0 disables the closing.',
    examples: [
      {bad: 'ClientAliveInterval 0\nClientAliveCountMax 3\n', good: 'ClientAliveInterval 300\nClientAliveCountMax 3\n'},
      {bad: 'ClientAliveInterval 300\nClientAliveCountMax 0\n', good: 'ClientAliveInterval 300\nClientAliveCountMax 3\n'},
    ],
    fixSafety: 'Safe: a client that answers keeps its session however long it is idle; only sessions whose client is gone are closed.',
    references: [
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd ClientAliveInterval and ClientAliveCountMax are configured'},
      {title: 'sshd_config(5): ClientAliveInterval', url: 'https://man.openbsd.org/sshd_config#ClientAliveInterval'},
    ],
  },
  check(config, context) {
    const {interval, countMax} = context.options
    checkSetting(config, context, {
      keyword: 'ClientAliveInterval',
      accepts: (value) => {
        const seconds = parseTime(value)
        return seconds !== undefined && seconds > 0 && seconds <= interval
      },
      target: String(interval),
      safety: 'safe',
      consequence: 'a session whose client is gone stays open',
      feature: 'sessions that never time out',
    })
    checkSetting(config, context, {
      keyword: 'ClientAliveCountMax',
      accepts: (value) => {
        const count = parseCount(value)
        return count !== undefined && count > 0 && count <= countMax
      },
      target: String(countMax),
      safety: 'safe',
      consequence: 'a session whose client is gone is kept open too long',
      feature: 'sessions that never time out',
    })
  },
})
