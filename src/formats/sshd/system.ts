/**
 * What the system a configuration is for says about its SSH users: who can log in, who has
 * an authorized key, who logged in lately and how. Read only through the host, so that
 * `--root` reads an image's files and never the running system's.
 */
import {posix} from 'node:path'
import type {FileHost} from '../../core/host.js'
import {isLoginShell, readGroups, readPasswd, readRecentLogins, readShadow, readSystemText} from '../../core/system.js'
import {argumentValues, builtinDefaults, globalEntry, type SshdConfig, type SshdSystem} from './semantics.js'

/**
 * Expands the tokens of an `AuthorizedKeysFile` path for a user (sshd_config(5) TOKENS):
 * `%h` home, `%u` user, `%U` uid, `%%` a percent sign; a relative path is under the home.
 *
 * @param pattern the path as configured
 * @param account the user
 */
export function expandKeysPath(pattern: string, account: {name: string; uid: number; home: string}): string {
  const expanded = pattern.replace(/%([%hUu])/g, (_, token: string) =>
    token === '%' ? '%' : token === 'h' ? account.home : token === 'u' ? account.name : String(account.uid),
  )
  return posix.isAbsolute(expanded) ? expanded : posix.join(account.home, expanded)
}

/**
 * Whether an authorized_keys text holds at least one key line.
 *
 * @param text the file's text
 */
export function hasKeyLine(text: string): boolean {
  return text.split('\n').some((line) => {
    const trimmed = line.trim()
    return trimmed !== '' && !trimmed.startsWith('#')
  })
}

/**
 * Gathers the facts about the system's SSH users, or undefined when /etc/passwd cannot be
 * read (nothing can be told then).
 *
 * @param config the configuration (for `AuthorizedKeysFile` and `AuthorizedKeysCommand`)
 * @param host where to read
 */
export function gatherSystem(config: SshdConfig, host: FileHost): SshdSystem | undefined {
  const passwd = readPasswd(host)
  if (passwd === undefined) return undefined
  const shadow = readShadow(host)
  const logins = readRecentLogins(host)
  const keysEntry = globalEntry(config, 'AuthorizedKeysFile')
  const keyFiles = keysEntry ? argumentValues(keysEntry.directive) : builtinDefaults.AuthorizedKeysFile!.split(' ')
  const command = globalEntry(config, 'AuthorizedKeysCommand')
  // Keys from a command (LDAP, a cloud agent) cannot be seen in files.
  const keysUnknowable = command !== undefined && argumentValues(command.directive)[0]?.toLowerCase() !== 'none'
  const sources = ['/etc/passwd']
  if (shadow !== undefined) sources.push('/etc/shadow')
  const accounts = passwd.map((entry) => {
    const canLogIn = isLoginShell(entry.shell)
    let hasAuthorizedKey: boolean | undefined = false
    if (keysUnknowable) hasAuthorizedKey = undefined
    else if (canLogIn) {
      hasAuthorizedKey = keyFiles
        .filter((file) => file.toLowerCase() !== 'none')
        .some((file) => {
          const text = readSystemText(host, expandKeysPath(file, entry))
          return text !== undefined && hasKeyLine(text)
        })
    }
    return {
      name: entry.name,
      uid: entry.uid,
      home: entry.home,
      shell: entry.shell,
      canLogIn,
      hasAuthorizedKey,
      password: shadow?.get(entry.name),
      recentLogin: logins.get(entry.name),
    }
  })
  return {accounts, groups: readGroups(host, passwd), sources}
}

/**
 * The accounts that log in over SSH as people do: a login shell, and either root or a
 * regular user (uid 1000 and up, as Debian and Ubuntu number them) or anyone seen logging
 * in lately.
 *
 * @param system the facts
 */
export function loginAccounts(system: SshdSystem): SshdSystem['accounts'] {
  return system.accounts.filter((a) => a.canLogIn && (a.uid === 0 || (a.uid >= 1000 && a.uid < 60000) || a.recentLogin !== undefined))
}

/**
 * A list of names for a message: `alice, bob and carol` (at most `limit`, then `and N more`).
 *
 * @param names the names
 * @param limit how many to name
 */
export function nameList(names: readonly string[], limit = 5): string {
  const shown = names.slice(0, limit).map((n) => `\`${n}\``)
  if (names.length > limit) return `${shown.join(', ')} and ${names.length - limit} more`
  if (shown.length <= 1) return shown.join('')
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}
