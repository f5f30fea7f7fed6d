/**
 * The algorithms of `Ciphers`, `MACs` and `KexAlgorithms`: which ones each OpenSSH release
 * knows and uses by default on the server (myproposal.h, cipher.c, mac.c, kex.c of 8.2 to
 * 10.x), which ones are weak, and the list sshd really uses for a configured value
 * (sshd_config(5): a list may start with `+` to append to the default, `-` to remove
 * entries matching patterns, `^` to put entries first, or name the whole list; entries of
 * a whole list may be patterns).
 */
import {atLeast, type Version} from './keywords.js'

/** The three algorithm keywords. */
export type AlgorithmKeyword = 'Ciphers' | 'MACs' | 'KexAlgorithms'

/** An algorithm and the first release that has it. */
interface Known {
  name: string
  since: Version
}

const OLD: Version = [0, 0]
const known = (names: string, since: Version = OLD): Known[] => names.split(',').map((name) => ({name, since}))

const all: Record<AlgorithmKeyword, Known[]> = {
  Ciphers: known('3des-cbc,aes128-cbc,aes192-cbc,aes256-cbc,rijndael-cbc@lysator.liu.se,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com'),
  MACs: known(
    'hmac-sha1,hmac-sha1-96,hmac-sha2-256,hmac-sha2-512,hmac-md5,hmac-md5-96,umac-64@openssh.com,umac-128@openssh.com,hmac-sha1-etm@openssh.com,hmac-sha1-96-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-md5-etm@openssh.com,hmac-md5-96-etm@openssh.com,umac-64-etm@openssh.com,umac-128-etm@openssh.com',
  ),
  KexAlgorithms: [
    ...known(
      'diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group14-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,diffie-hellman-group-exchange-sha256,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,curve25519-sha256,curve25519-sha256@libssh.org',
    ),
    ...known('sntrup761x25519-sha512@openssh.com', [8, 5]),
    ...known('sntrup761x25519-sha512,mlkem768x25519-sha256', [9, 9]),
  ],
}

/**
 * The algorithms a release knows.
 *
 * @param keyword the keyword
 * @param version the release
 */
export function knownAlgorithms(keyword: AlgorithmKeyword, version: Version): string[] {
  return all[keyword].filter((a) => atLeast(version, a.since)).map((a) => a.name)
}

const CIPHERS_OLD = 'chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com'
const CIPHERS_10 = 'chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr'
const MACS =
  'umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1'
const CURVES = 'curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521'
const GROUPS = 'diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256'

/**
 * The server's default list of a release (KEX_SERVER_* of myproposal.h).
 *
 * @param keyword the keyword
 * @param version the release
 */
export function defaultAlgorithms(keyword: AlgorithmKeyword, version: Version): string[] {
  if (keyword === 'Ciphers') return (atLeast(version, [10, 0]) ? CIPHERS_10 : CIPHERS_OLD).split(',')
  if (keyword === 'MACs') return MACS.split(',')
  // KexAlgorithms: post-quantum hybrids first from 9.0, ML-KEM from 9.9 (first from 10.0),
  // and no finite-field Diffie-Hellman on the server from 10.0.
  if (atLeast(version, [10, 0])) return `mlkem768x25519-sha256,sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,${CURVES}`.split(',')
  if (atLeast(version, [9, 9])) return `sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,mlkem768x25519-sha256,${CURVES},${GROUPS}`.split(',')
  if (atLeast(version, [9, 0])) return `sntrup761x25519-sha512@openssh.com,${CURVES},${GROUPS}`.split(',')
  if (atLeast(version, [8, 9])) return `${CURVES},sntrup761x25519-sha512@openssh.com,${GROUPS}`.split(',')
  return `${CURVES},${GROUPS}`.split(',')
}

/** Why an algorithm is weak, or undefined when it is not. */
export function weakness(keyword: AlgorithmKeyword, name: string, options: {allowNonEtm: boolean}): string | undefined {
  const lower = name.toLowerCase()
  if (keyword === 'Ciphers') {
    if (lower.endsWith('-cbc') || lower.startsWith('rijndael-cbc')) return 'CBC mode (plaintext recovery attacks)'
    if (lower.startsWith('arcfour') || lower.startsWith('blowfish') || lower.startsWith('cast128') || lower === '3des-cbc') return 'a broken or 64-bit block cipher'
    return undefined
  }
  if (keyword === 'MACs') {
    if (lower.includes('md5')) return 'MD5'
    if (lower.includes('sha1')) return 'SHA-1'
    if (lower.startsWith('umac-64')) return 'a 64-bit tag'
    if (lower.includes('ripemd')) return 'RIPEMD-160'
    if (!options.allowNonEtm && !lower.includes('-etm@')) return 'MAC-then-encrypt (not encrypt-then-MAC)'
    return undefined
  }
  if (lower.endsWith('-sha1') || lower === 'diffie-hellman-group1-sha1') return lower.includes('group1-') ? 'a 1024-bit group with SHA-1' : 'SHA-1'
  return undefined
}

/**
 * Whether a name matches an OpenSSH pattern (`*` and `?` wildcards). Case counts: sshd
 * compares algorithm names as they are written (`HMAC-SHA1*` removes nothing).
 *
 * @param pattern the pattern
 * @param name the name
 */
export function matchPattern(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${source}$`).test(name)
}

/**
 * The names of a configured value that sshd refuses: unknown to the release (names are
 * case-sensitive), in a whole list or one added with `+` or `^`; a pattern that matches
 * nothing is refused too. Removals with `-` are never refused.
 *
 * @param keyword the keyword
 * @param value the configured value
 * @param version the release
 */
export function unknownAlgorithms(keyword: AlgorithmKeyword, value: string, version: Version): string[] {
  if (value.startsWith('-')) return []
  const supported = knownAlgorithms(keyword, version)
  const list = /^[+^]/.test(value) ? value.slice(1) : value
  return list
    .split(',')
    .filter(Boolean)
    .filter((entry) => (/[*?]/.test(entry) ? !supported.some((name) => matchPattern(entry, name)) : !supported.includes(entry)))
}

/**
 * The list sshd uses for a configured value (kex.c kex_assemble_names).
 *
 * @param keyword the keyword
 * @param value the configured value (one comma-separated argument), or undefined for the default
 * @param version the release
 */
export function effectiveAlgorithms(keyword: AlgorithmKeyword, value: string | undefined, version: Version): string[] {
  const defaults = defaultAlgorithms(keyword, version)
  if (value === undefined) return defaults
  const supported = knownAlgorithms(keyword, version)
  const expand = (list: string): string[] =>
    list
      .split(',')
      .filter(Boolean)
      .flatMap((entry) => (/[*?]/.test(entry) ? supported.filter((name) => matchPattern(entry, name)) : [entry]))
  const unique = (names: string[]): string[] => [...new Set(names)]
  if (value.startsWith('+')) return unique([...defaults, ...expand(value.slice(1))])
  if (value.startsWith('^')) return unique([...expand(value.slice(1)), ...defaults])
  if (value.startsWith('-')) {
    const patterns = value.slice(1).split(',').filter(Boolean)
    const left = defaults.filter((name) => !patterns.some((p) => matchPattern(p, name)))
    // sshd goes back to the default when a removal leaves nothing.
    return left.length > 0 ? left : defaults
  }
  return unique(expand(value))
}
