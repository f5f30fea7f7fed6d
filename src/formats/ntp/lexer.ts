/**
 * How ntpd's scanner (ntpd/ntp_scanner.c, the same in NTPsec 1.2.2 and ntpd 4.2.8) reads
 * one word of ntp.conf, for the grammar and the semantics alike:
 *
 * - Bytes above 0x7f are dropped before anything else (`lex_getch` reads "7-bit ASCII"):
 *   a byte order mark, a no-break space or an accented letter are invisible, also in the
 *   middle of a word (`restr\u00e9ict` is `restrict`). In a decoded text every character
 *   above U+007F stands for such bytes, whether the file was read as UTF-8 or Latin-1.
 * - White space is what C's `isspace` says: space, tab, `\v`, `\f` and `\r`. Only `\n`
 *   ends a command, so CRLF line ends and a lone `\r` read as white space.
 * - A `"` starts a string that runs to the next `"` or to the end of the line, and is
 *   glued to the word before it (`ab"c d"` is one word, `abc d`). A quoted word is never a
 *   keyword or a number. An empty `""` standing alone is skipped, but the scanner then
 *   reads the next word of the line as a string too (it keeps its "in a string" state
 *   while it looks for a non-empty word: `"" noquery` is the string `noquery`; checked
 *   with NTPsec 1.2.2).
 * - `#` starts a comment anywhere outside quotes, even inside a word: `nomodify#x kod`
 *   is `nomodify`.
 * - In token mode, `{ } ( ) , ; | =` are words of their own; after a keyword that wants a
 *   string (`server`, `driftfile`, ...) they are ordinary characters.
 * - A word is then a keyword (exact spelling), an integer, an unsigned integer (also in
 *   hex, `0x...`), a floating-point number, or a string.
 */
import {isKeywordOf, type Daemon} from './keywords.js'

/**
 * The text the scanner reads from a word: characters above U+007F dropped, quotes removed.
 *
 * @param raw the word as written
 */
export function wordValue(raw: string): string {
  let value = ''
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i)
    if (code > 0x7f || code === 0x22) continue
    value += raw[i]
  }
  return value
}

/**
 * Whether a word is read as a string whatever it spells: it holds a quoted part, or an
 * empty `""` stands in the trivia before it.
 *
 * @param raw the word as written
 * @param before the trivia before it (a word's `before`, a command's indent)
 */
export function isQuoted(raw: string, before = ''): boolean {
  return raw.includes('"') || before.includes('"')
}

/**
 * Whether a word, unquoted, spells a given keyword.
 *
 * @param raw the word as written
 * @param keyword the keyword
 * @param before the trivia before it
 */
export function spells(raw: string, keyword: string, before = ''): boolean {
  return !isQuoted(raw, before) && wordValue(raw) === keyword
}

/**
 * What the scanner makes of a word: a keyword of the daemon, an address family flag
 * (`-4`, `-6`), a number, a special character, or a string.
 */
export type TokenClass = 'keyword' | 'family' | 'integer' | 'unsigned' | 'double' | 'string' | 'special'

/**
 * Where a word stands: in token mode the scanner looks for keywords and numbers; in string
 * mode (after `server`, `driftfile`, ...) everything is a string.
 */
export type ScanMode = 'token' | 'string'

/** The characters that are words of their own in token mode. */
export const SPECIAL_CHARACTERS = '{}(),;|='

/**
 * Whether the scanner reads a word as a signed integer (`is_integer`: an optional `-`, then
 * digits, no larger than INT_MAX without the sign).
 */
function isInteger(value: string): boolean {
  if (!/^-?\d+$/.test(value)) return false
  return value.startsWith('-') || Number(value) <= 0x7fffffff
}

/** `is_u_int`: digits, or `0x` and hex digits (after `is_integer` said no). */
function isUnsigned(value: string): boolean {
  return /^(?:0[xX][0-9a-fA-F]*|\d+)$/.test(value)
}

/** `is_double`: sign, digits, a point, digits (at least one digit in all), an exponent, then `g`/`G` era suffixes. */
function isDouble(value: string): boolean {
  return /^[+-]?(?=\.?\d)\d*(?:\.\d*)?(?:[eE][+-]?\d*)?[gG]*$/.test(value)
}

/**
 * What a word is to a daemon's scanner. A string whose text starts with `-4` or `-6` is an
 * address family flag: the scanner checks only those two characters of any word it reads
 * as a string, quoted or in string mode ("a terrible hack", ntp_scanner.c); in token mode
 * an unquoted word must spell `-4` or `-6` exactly, as the keyword table has them.
 *
 * @param raw the word as written
 * @param daemon the daemon
 * @param mode token mode (the default) or string mode
 * @param before the trivia before it
 */
export function tokenClass(raw: string, daemon: Daemon, mode: ScanMode = 'token', before = ''): TokenClass {
  const value = wordValue(raw)
  if (mode === 'string' || isQuoted(raw, before)) return /^-[46]/.test(value) ? 'family' : 'string'
  if (value.length === 1 && SPECIAL_CHARACTERS.includes(value)) return 'special'
  if (value === '-4' || value === '-6') return 'family'
  if (isKeywordOf(value, daemon)) return 'keyword'
  if (isInteger(value)) return 'integer'
  if (isUnsigned(value)) return 'unsigned'
  if (isDouble(value)) return 'double'
  return 'string'
}

/**
 * Whether a word is a plain string to a daemon in token mode (what `T_String` places take:
 * a host after `restrict`, a mask).
 *
 * @param raw the word as written
 * @param daemon the daemon
 */
export function isStringToken(raw: string, daemon: Daemon): boolean {
  return tokenClass(raw, daemon) === 'string'
}

/**
 * Whether a word is a number to a daemon's scanner (an integer or a floating-point one).
 *
 * @param raw the word as written
 * @param daemon the daemon
 */
export function isNumberToken(raw: string, daemon: Daemon): boolean {
  const kind = tokenClass(raw, daemon)
  return kind === 'integer' || kind === 'double'
}

/**
 * Whether a word is an integer to a daemon's scanner (`T_Integer`, or `T_U_int` where the
 * grammar takes either).
 *
 * @param raw the word as written
 * @param daemon the daemon
 * @param unsigned whether an unsigned integer (hex, or above INT_MAX) is also accepted
 */
export function isIntegerToken(raw: string, daemon: Daemon, unsigned = false): boolean {
  const kind = tokenClass(raw, daemon)
  return kind === 'integer' || (unsigned && kind === 'unsigned')
}

/**
 * The address family a word stands for, when the scanner reads it as `-4` or `-6`.
 *
 * @param raw the word as written
 * @param mode where the word stands
 * @param before the trivia before it
 */
export function familyOf(raw: string, mode: ScanMode = 'token', before = ''): 4 | 6 | undefined {
  // The family flags are keywords of both daemons: any daemon answers the same here.
  if (tokenClass(raw, 'ntpsec', mode, before) !== 'family') return undefined
  return wordValue(raw).startsWith('-4') ? 4 : 6
}
