/**
 * Who a fix would lock out, told from the system's own files (when the configuration was
 * read from a system, possibly under `--root`): accounts, authorized keys, recent logins.
 * A proven lock-out lowers a fix to a suggestion; otherwise the risk names who to check.
 */
import type {FixSafety} from '../../core/rule.js'
import type {SshdSystem} from '../../formats/sshd/semantics.js'
import {loginAccounts, nameList} from '../../formats/sshd/system.js'

/** The safety a fix keeps, and what to tell the user. */
export interface LockoutVerdict {
  safety: FixSafety
  risk: string
}

/**
 * What turning password logins off does to the system's users.
 *
 * @param system the facts, when known
 * @param what the directive that turns passwords off, for messages
 * @param unsafe the safety to keep when no lock-out is proven
 */
export function passwordLockout(system: SshdSystem | undefined, what: string, unsafe: FixSafety = 'unsafe'): LockoutVerdict {
  const general = `With \`${what}\`, users who log in with a password and have no authorized key can no longer log in. Check that every SSH user has a working key first.`
  if (system === undefined) return {safety: unsafe, risk: general}
  const accounts = loginAccounts(system)
  if (accounts.some((a) => a.hasAuthorizedKey === undefined)) return {safety: unsafe, risk: `${general} (Keys come from AuthorizedKeysCommand, which this check cannot see.)`}
  const withKeys = accounts.filter((a) => a.hasAuthorizedKey === true)
  if (withKeys.length === 0) {
    return {
      safety: 'suggestion',
      risk: `No login account has an authorized key (checked ${nameList(accounts.map((a) => a.name))}): \`${what}\` would lock everyone out. Install a key for an administrator and log in with it before applying this.`,
    }
  }
  const passwordUsers = accounts.filter((a) => a.hasAuthorizedKey !== true && a.recentLogin === 'password')
  if (passwordUsers.length > 0) {
    return {
      safety: 'suggestion',
      risk: `${nameList(passwordUsers.map((a) => a.name))} logged in with a password lately and ${passwordUsers.length === 1 ? 'has' : 'have'} no authorized key: \`${what}\` would lock ${passwordUsers.length === 1 ? 'that user' : 'them'} out. Give them keys first.`,
    }
  }
  const keyless = accounts.filter((a) => a.hasAuthorizedKey !== true).map((a) => a.name)
  return {
    safety: unsafe,
    risk: keyless.length > 0 ? `${nameList(keyless)} ${keyless.length === 1 ? 'has' : 'have'} no authorized key and could no longer log in. ${nameList(withKeys.map((a) => a.name))} can, with a key.` : general,
  }
}

/**
 * What forbidding root logins does: when root is the only account that can log in with a
 * key or did lately, nobody could administer the host any more.
 *
 * @param system the facts, when known
 */
export function rootLockout(system: SshdSystem | undefined): LockoutVerdict {
  const general = 'Root can no longer log in over SSH. If that is how you reach this host, first create an account with an authorized key and sudo rights, and check that it can log in.'
  if (system === undefined) return {safety: 'unsafe', risk: general}
  const others = loginAccounts(system).filter((a) => a.uid !== 0 && (a.hasAuthorizedKey !== false || a.recentLogin !== undefined))
  const root = system.accounts.find((a) => a.uid === 0)
  if (others.length === 0 && (root?.hasAuthorizedKey === true || root?.recentLogin !== undefined)) {
    return {
      safety: 'suggestion',
      risk: 'Root is the only account with an authorized key or a recent SSH login: without root logins nobody could administer this host. Create an account with a key and sudo rights, and log in with it, before applying this.',
    }
  }
  return {safety: 'unsafe', risk: others.length > 0 ? `${general} ${nameList(others.map((a) => a.name))} can log in instead.` : general}
}
