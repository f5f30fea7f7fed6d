import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {loginAccounts, nameList} from '../../formats/sshd/system.js'
import {checkSetting, oneOfWords} from './_setting.js'

/** No logins to accounts with an empty password (`PermitEmptyPasswords no`). */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/permit-empty-passwords',
  format: 'sshd',
  severity: 'error',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Accounts with an empty password cannot log in over SSH.',
    why: 'An account with an empty password is open to anyone who knows its name. sshd\'s default is already `no`; an explicit `yes` is almost always a mistake left from testing.',
    examples: [{bad: 'PermitEmptyPasswords yes\n', good: 'PermitEmptyPasswords no\n'}],
    fixSafety:
      'Safe when the system\'s /etc/shadow could be read and no login account has an empty password, since then nobody loses access. Otherwise unsafe: an account whose password is empty would no longer log in over SSH.',
    references: [
      {title: 'Nectar: Security guidelines, 8. (PermitEmptyPasswords no)'},
      {title: 'Nectar: Security API, Securing SSH (PermitEmptyPasswords no)'},
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd PermitEmptyPasswords is disabled'},
      {title: 'sshd_config(5): PermitEmptyPasswords', url: 'https://man.openbsd.org/sshd_config#PermitEmptyPasswords'},
    ],
  },
  check(config, context) {
    const accounts = config.system === undefined ? undefined : loginAccounts(config.system)
    const known = accounts !== undefined && accounts.every((a) => a.password !== undefined)
    const empty = accounts?.filter((a) => a.password === 'empty').map((a) => a.name) ?? []
    checkSetting(config, context, {
      keyword: 'PermitEmptyPasswords',
      accepts: oneOfWords('no'),
      target: 'no',
      safety: known && empty.length === 0 ? 'safe' : 'unsafe',
      risk:
        empty.length > 0
          ? `${nameList(empty)} ${empty.length === 1 ? 'has' : 'have'} an empty password and could no longer log in over SSH: give ${empty.length === 1 ? 'it' : 'them'} a password or a key first.`
          : 'An account whose password is empty could no longer log in over SSH (/etc/shadow could not be read to check).',
      consequence: 'anyone who knows the name of an account with an empty password can log in',
      feature: 'logins with empty passwords',
    })
  },
})
