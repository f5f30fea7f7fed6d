/**
 * Facts about the system a configuration is for, read from its files through a host:
 * accounts (/etc/passwd, /etc/shadow, /etc/group) and who logged in lately (wtmp and
 * auth.log). Rules use them to tell who a fix would lock out; when a file cannot be read,
 * the fact is unknown, never guessed.
 */
import type {FileHost} from './host.js'
import {decodeBytes} from './text.js'

/** One line of /etc/passwd. */
export interface PasswdEntry {
  name: string
  uid: number
  gid: number
  home: string
  shell: string
}

/**
 * Reads a text file through a host; undefined when missing or unreadable.
 *
 * @param host where to read
 * @param systemPath the file
 */
export function readSystemText(host: FileHost, systemPath: string): string | undefined {
  try {
    const bytes = host.readFile(systemPath)
    return bytes === undefined ? undefined : decodeBytes(bytes).text
  } catch {
    return undefined
  }
}

/**
 * The accounts of /etc/passwd.
 *
 * @param host where to read
 */
export function readPasswd(host: FileHost): PasswdEntry[] | undefined {
  const text = readSystemText(host, '/etc/passwd')
  if (text === undefined) return undefined
  const entries: PasswdEntry[] = []
  for (const line of text.split('\n')) {
    const fields = line.split(':')
    if (fields.length < 7 || line.startsWith('#')) continue
    entries.push({name: fields[0]!, uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5]!, shell: fields[6]!.trim()})
  }
  return entries
}

/**
 * Password states from /etc/shadow: `empty` (no password needed), `locked` (`!`, `*`, or
 * `!` before a hash), `set`. Undefined when the file cannot be read (it is root's only).
 *
 * @param host where to read
 */
export function readShadow(host: FileHost): Map<string, 'empty' | 'locked' | 'set'> | undefined {
  const text = readSystemText(host, '/etc/shadow')
  if (text === undefined) return undefined
  const states = new Map<string, 'empty' | 'locked' | 'set'>()
  for (const line of text.split('\n')) {
    const fields = line.split(':')
    if (fields.length < 2) continue
    const hash = fields[1]!
    states.set(fields[0]!, hash === '' ? 'empty' : hash.startsWith('!') || hash.startsWith('*') ? 'locked' : 'set')
  }
  return states
}

/**
 * Group members from /etc/group, with each account added to its primary group.
 *
 * @param host where to read
 * @param accounts the accounts, for primary groups
 */
export function readGroups(host: FileHost, accounts: readonly PasswdEntry[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  const byGid = new Map<number, string>()
  for (const line of (readSystemText(host, '/etc/group') ?? '').split('\n')) {
    const fields = line.split(':')
    if (fields.length < 4) continue
    groups.set(fields[0]!, fields[3]!.split(',').map((s) => s.trim()).filter(Boolean))
    byGid.set(Number(fields[2]), fields[0]!)
  }
  for (const account of accounts) {
    const group = byGid.get(account.gid)
    if (group !== undefined && !groups.get(group)!.includes(account.name)) groups.get(group)!.push(account.name)
  }
  return groups
}

/**
 * Whether a login shell lets a user in.
 *
 * @param shell the shell field of /etc/passwd
 */
export function isLoginShell(shell: string): boolean {
  return shell !== '' && !/(?:^|\/)(?:nologin|false)$/.test(shell)
}

/** How a user last logged in over SSH, by user name. */
export type RecentLogins = Map<string, 'password' | 'publickey' | 'other'>

/**
 * Who logged in over SSH lately, and how: from `/var/log/auth.log` (and `.1`), whose
 * `Accepted <method> for <user>` lines tell the method, and from `/var/log/wtmp`, whose
 * records of remote sessions tell only the user.
 *
 * @param host where to read
 */
export function readRecentLogins(host: FileHost): RecentLogins {
  const logins: RecentLogins = new Map()
  for (const file of ['/var/log/auth.log.1', '/var/log/auth.log']) {
    const text = readSystemText(host, file)
    if (text === undefined) continue
    for (const match of text.matchAll(/sshd\[\d+\]: Accepted (\S+) for (\S+) from /g)) {
      const method = match[1]!
      logins.set(match[2]!, method === 'password' || method.startsWith('keyboard-interactive') ? 'password' : method === 'publickey' ? 'publickey' : 'other')
    }
  }
  let wtmp: Uint8Array | undefined
  try {
    wtmp = host.readFile('/var/log/wtmp')
  } catch {
    wtmp = undefined
  }
  if (wtmp !== undefined) for (const user of remoteWtmpUsers(wtmp)) if (!logins.has(user)) logins.set(user, 'other')
  return logins
}

/** Size of one `struct utmp` record on Linux (glibc, 64-bit and 32-bit alike). */
const UTMP_SIZE = 384
/** `ut_type` of a session: USER_PROCESS. */
const USER_PROCESS = 7

/**
 * The users of wtmp's remote sessions (a user process with a remote host).
 *
 * @param bytes the content of /var/log/wtmp
 */
export function remoteWtmpUsers(bytes: Uint8Array): Set<string> {
  const users = new Set<string>()
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let at = 0; at + UTMP_SIZE <= view.length; at += UTMP_SIZE) {
    if (view.readInt16LE(at) !== USER_PROCESS) continue
    const user = cString(view, at + 44, 32)
    const remote = cString(view, at + 76, 256)
    if (user !== '' && remote !== '') users.add(user)
  }
  return users
}

function cString(view: Buffer, start: number, length: number): string {
  const end = view.indexOf(0, start)
  return view.toString('utf8', start, end === -1 || end > start + length ? start + length : end)
}
