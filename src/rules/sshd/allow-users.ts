import {list} from '../../core/options.js'
import {defineRule, type FixSafety} from '../../core/rule.js'
import {describeDirective, insertGlobalDirective, setArguments} from '../../formats/sshd/edit.js'
import {argumentValues, entriesOf, type SshdConfig, type SshdSystem} from '../../formats/sshd/semantics.js'
import {loginAccounts, nameList} from '../../formats/sshd/system.js'
import {START} from './_setting.js'

/** The pattern of a user or group entry: a name, with `*`/`?` wildcards, optionally `@host`. */
const ENTRY = /^[A-Za-z0-9._*?!-][A-Za-z0-9._*?!@%:/-]*$/

/**
 * Who would be left out: accounts that can log in today (a key, or a recent login) that
 * the new lists do not name.
 */
function leftOut(system: SshdSystem | undefined, users: string[], groups: string[]): string[] | undefined {
  if (system === undefined) return undefined
  const inGroups = new Set(groups.flatMap((group) => system.groups.get(group) ?? []))
  const named = (name: string) => users.some((pattern) => new RegExp(`^${pattern.split('@')[0]!.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(name))
  return loginAccounts(system)
    .filter((a) => a.hasAuthorizedKey === true || a.recentLogin !== undefined)
    .filter((a) => !named(a.name) && !inGroups.has(a.name))
    .map((a) => a.name)
}

/** Only named users or groups may log in over SSH (`AllowUsers`, `AllowGroups`). */
export default defineRule<SshdConfig, {users: string[]; groups: string[]}>({
  id: 'sshd/allow-users',
  format: 'sshd',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {
    users: list(ENTRY, [], 'The users allowed to log in over SSH (`AllowUsers` patterns, `user` or `user@host`).', 'user patterns'),
    groups: list(ENTRY, [], 'The groups allowed to log in over SSH (`AllowGroups`).', 'group names'),
  },
  docs: {
    summary: 'sshd names the users or groups that may log in (`AllowUsers`, `AllowGroups`).',
    why: 'Without a list, every account with a login shell may try to log in, including ones a package created with a default password, or one opened for a day and forgotten. The guides ask for a list of the accounts that need SSH. The rule reports a missing list; with the option `users` or `groups` set, it proposes the list.',
    examples: [
      {bad: 'PermitRootLogin no\n', good: 'PermitRootLogin no\nAllowUsers alice bob\n', options: {users: ['alice', 'bob']}},
      {bad: 'AllowUsers alice\n', good: 'AllowUsers alice bob\n', options: {users: ['alice', 'bob']}},
    ],
    fixSafety:
      'Unsafe: every account the list leaves out is locked out. Where the system\'s files are readable (the configuration was named by its system path, or with --root), an account with an authorized key or a recent SSH login that the list leaves out lowers the fix to a suggestion naming it.',
    references: [
      {title: 'Nectar: Security guidelines, 8. (AllowUsers)'},
      {title: 'Nectar: Security API, Securing SSH (AllowUsers)'},
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd access is configured'},
      {title: 'sshd_config(5): AllowUsers', url: 'https://man.openbsd.org/sshd_config#AllowUsers'},
    ],
  },
  check(config, context) {
    const {users, groups} = context.options
    const allowUsers = entriesOf(config, 'AllowUsers').filter((e) => e.conditions.length === 0)
    const allowGroups = entriesOf(config, 'AllowGroups').filter((e) => e.conditions.length === 0)
    const configured = users.length > 0 || groups.length > 0
    const missing = leftOut(config.system, users, groups)
    const safety: FixSafety = missing !== undefined && missing.length > 0 ? 'suggestion' : 'unsafe'
    const risk =
      missing !== undefined && missing.length > 0
        ? `${nameList(missing)} can log in today (a key or a recent login) and would be locked out: add ${missing.length === 1 ? 'it' : 'them'} to the list first.`
        : 'Every account the list leaves out can no longer log in over SSH; check that everyone who needs SSH is in it.'
    if (allowUsers.length === 0 && allowGroups.length === 0) {
      if (config.fragment) return
      const edits = []
      if (users.length > 0) edits.push(insertGlobalDirective(config, 'AllowUsers', users))
      if (groups.length > 0) edits.push(insertGlobalDirective(config, 'AllowGroups', groups))
      context.report({
        message: configured
          ? `Missing \`AllowUsers\` and \`AllowGroups\`: every account with a login shell may log in over SSH, expected ${[users.length > 0 ? `\`AllowUsers ${users.join(' ')}\`` : '', groups.length > 0 ? `\`AllowGroups ${groups.join(' ')}\`` : ''].filter(Boolean).join(' and ')}`
          : 'Missing `AllowUsers` and `AllowGroups`: every account with a login shell may log in over SSH (name the accounts with the option `users` or `groups` to get a fix)',
        file: config.main.path,
        position: START,
        fix: configured ? {safety, title: `Allow only ${[...users, ...groups.map((g) => `group ${g}`)].join(', ')}`, risk, edits} : undefined,
      })
      return
    }
    // A list exists. With a configured list, one line that differs is set to it.
    const compare = (entries: typeof allowUsers, wanted: string[], keyword: string) => {
      if (wanted.length === 0 || entries.length !== 1) return
      const entry = entries[0]!
      const have = argumentValues(entry.directive)
      if (have.length === wanted.length && have.every((v, i) => v === wanted[i])) return
      context.report({
        message: `Unexpected \`${describeDirective(entry.directive)}\`, expected \`${keyword} ${wanted.join(' ')}\` (the configured list)`,
        file: entry.document.path,
        position: entry.directive.position!,
        actual: have.join(' '),
        expected: [wanted.join(' ')],
        fix: {safety, title: `Set \`${keyword} ${wanted.join(' ')}\``, risk, edits: [setArguments(entry.document, entry.directive, wanted)]},
      })
    }
    compare(allowUsers, users, 'AllowUsers')
    compare(allowGroups, groups, 'AllowGroups')
  },
})
