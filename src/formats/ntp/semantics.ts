/**
 * What an ntp.conf means, as ntpd computes it (ntp.conf(5), ntpd/ntp_parser.y,
 * ntp_config.c, ntp_restrict.c), for NTPsec 1.2.2 (the default) or ntpd 4.2.8:
 *
 * - Each line is read by the daemon's grammar. A line that does not fit is logged as a
 *   syntax error, and the part before the offending word still applies when it is a whole
 *   command by itself (bison's default reductions: `restrict default kod bogus noquery`
 *   applies `kod`); the next line is read as usual. {@link readCommand} says where each
 *   daemon stops and what it applies.
 * - `includefile` is read in place. NTPsec resolves a relative path against the folder of
 *   the file that holds the line and also takes a folder, whose `*.conf` files it pushes
 *   on its include stack in ascending name order, so that they are read in descending
 *   order (`20-b.conf` before `10-a.conf`; checked with ntpd 1.2.2). Includes nest at most
 *   5 files deep, counting every file pushed and not yet read. ntpd 4.2.8 opens the path
 *   as given (relative to its working folder, `/` under an init system) and reads no
 *   folder. `end` stops reading.
 * - NTPsec then reads the folder `ntp.d` beside the main file, the same way, with no line
 *   asking for it.
 * - `restrict` lines build the restrict table in reading order: a line for an address and
 *   mask already in the table ORs its flags into that entry; `unrestrict` clears flags, or
 *   removes the entry when it names none. A packet gets the flags of the most specific
 *   entry that matches its source, never those of `default` as well. The default entries
 *   exist before the file is read: NTPsec starts them with `noquery limited`, ntpd 4.2.8
 *   with nothing. `restrict default` sets both families, `-4 default` and `-6 default`
 *   one. NTPsec ignores `nopeer` and `notrap`.
 * - `enable` and `disable` apply after the whole file, every `disable` after every
 *   `enable`: a flag that any line disables is off. The monitor keeps running, whatever
 *   `disable monitor` says, while any restrict entry has `limited`.
 *
 * Rules ask these helpers; none of them re-learns the format.
 */
import {posix} from 'node:path'
import {documentReader} from '../../core/document.js'
import {HardenConfigError} from '../../core/errors.js'
import type {LoadOptions} from '../../core/format.js'
import type {Configuration, Document} from '../../core/rule.js'
import {formatNetwork, hostMask, maskOfPrefix, parseAddress, type Family} from './address.js'
import {
  associationKeywords,
  associationOptions,
  builtinDefaultFlags,
  commandKeywords,
  daemonNames,
  daemons,
  filegenStats,
  filegenTypes,
  isKeywordOf,
  keywords,
  restrictFlagsByName,
  systemFlags,
  tinkerOptions,
  type Daemon,
} from './keywords.js'
import {familyOf, isQuoted, spells, tokenClass, wordValue} from './lexer.js'
import {parse} from './parse.js'
import type {NtpCommand, NtpInclude, NtpRoot, NtpWord} from './types.js'
import {DROP_IN_FOLDER, isDropInPath} from './meta.js'

/** Settings of the ntp format. */
export interface NtpSettings {
  /**
   * The daemon that reads the file: `ntpsec` (NTPsec, Debian 12 and later, the default)
   * or `ntpd` (the classic ntpd 4.2.8 of ntp.org).
   */
  daemon: Daemon
}

/** A document of an ntp configuration. */
export type NtpDocument = Document<NtpRoot>

/** A command as ntpd reads it: where it is and how it was reached. */
export interface NtpEntry {
  document: NtpDocument
  /** The command (one nested in an `includefile` line is an entry of its own, read before the file it includes). */
  command: NtpCommand
  /** The line that holds it: the command itself, or the `includefile` line it is nested in. */
  line: NtpCommand
  /** The `includefile` lines it was read through, outermost first. */
  via: NtpEntry[]
  /** True for a file of the `ntp.d` folder beside the main file (NTPsec). */
  dropIn: boolean
}

/** An `includefile` line (or the `ntp.d` folder) and what it read. */
export interface NtpIncludeInfo {
  /** The line; undefined for the `ntp.d` folder, which NTPsec reads without one. */
  entry: NtpEntry | undefined
  /** The path as ntpd resolves it. */
  path: string
  /** The files it read, in reading order. */
  files: string[]
  /** Why ntpd reads nothing from it (as ntpd logs it), when it does not. */
  problem?: string | undefined
}

/** A loaded ntp configuration. */
export interface NtpConfig extends Configuration<NtpRoot> {
  format: 'ntp'
  daemon: Daemon
  /**
   * True when the named file is a file of an `ntp.d` folder checked on its own: what it
   * leaves out is decided elsewhere, so missing settings are not reported.
   */
  fragment: boolean
  /** Every command ntpd reads, includes expanded in place, in reading order. */
  entries: NtpEntry[]
  includes: NtpIncludeInfo[]
  /**
   * True when the main file has no byte at all: NTPsec then logs `line 0 column 0 syntax
   * error` (a file of a blank line or a comment is fine), and runs with its built-in
   * defaults.
   */
  emptyMain: boolean
}

/** Where a daemon's parser stops reading a line. */
export interface SyntaxProblem {
  /** The word it stops at; undefined when the line ends too early. */
  word: NtpWord | undefined
  /** Why, in a few words ("`bogus` is no restrict flag of NTPsec"). */
  reason: string
  /** Whether the daemon still applies the part of the line before the word. */
  appliesPrefix: boolean
}

/** What a `restrict` line is about. */
export type RestrictTarget =
  | {kind: 'default'; family: Family | undefined}
  | {kind: 'source'}
  | {
      kind: 'address'
      family: Family
      /** The address with the mask applied, as ntpd stores it. */
      address: bigint
      mask: bigint
      /** True when the address has bits outside the mask, which ntpd clears (`10.0.0.5 mask 255.0.0.0` is all of 10/8). */
      hostBitsSet: boolean
      /** NTPsec ignored a `/prefix` it cannot use (`/0`, a prefix too long): the line restricts one host. */
      cidrIgnored: boolean
    }
  | {kind: 'host'; name: string; family: Family | undefined; mask: bigint | undefined}
  | {kind: 'unusable'; reason: string}

/** How a daemon reads one command. */
export type CommandReading =
  | {
      kind: 'restrict'
      /** Whether the daemon applies (part of) the line. */
      applies: boolean
      problem: SyntaxProblem | undefined
      op: 'restrict' | 'unrestrict'
      target: RestrictTarget | undefined
      /** The flags it sets or clears, in the order written (no match flag, no ignored flag). */
      flags: string[]
      /** `ntpport`: the entry matches only packets from port 123. */
      ntpport: boolean
      /** Flag words the daemon reads and ignores (NTPsec: `nopeer`, `notrap`). */
      ignored: NtpWord[]
      /** The words read as flags, up to the problem. */
      flagWords: NtpWord[]
    }
  | {kind: 'association'; applies: boolean; problem: SyntaxProblem | undefined; type: string; address: string | undefined}
  | {kind: 'system'; applies: boolean; problem: SyntaxProblem | undefined; enable: boolean; flags: string[]; flagWords: NtpWord[]}
  | {kind: 'include'; applies: boolean; problem: SyntaxProblem | undefined; path: string | undefined}
  | {kind: 'end'; applies: boolean; problem: SyntaxProblem | undefined}
  | {kind: 'other'; applies: boolean; problem: SyntaxProblem | undefined; keyword: string}

/**
 * A word's text for messages: as written, quotes included.
 *
 * @param word the word
 */
function shown(word: NtpWord): string {
  return word.value
}

/** The words of a command in order, as written (a nested command's after the include's path). */
export function commandWords(command: NtpCommand): NtpWord[] {
  const list = (...parts: Array<NtpWord | undefined | NtpWord[]>): NtpWord[] =>
    parts.flatMap((part) => (part === undefined ? [] : Array.isArray(part) ? part : [part]))
  const options = (items: ReadonlyArray<{name: NtpWord; value?: NtpWord | undefined}>) => items.flatMap((o) => (o.value === undefined ? [o.name] : [o.name, o.value]))
  switch (command.type) {
    case 'restrict':
      return list(command.keyword, command.family, command.address, command.maskKeyword, command.mask, command.flags, command.rest)
    case 'association':
      return list(command.keyword, command.family, command.address, options(command.options), command.rest)
    case 'system':
      return list(command.keyword, command.flags, command.rest)
    case 'include':
      return list(command.keyword, command.path, command.command === undefined ? [] : commandWords(command.command), command.rest)
    case 'file':
      return list(command.keyword, command.path, command.value, command.rest)
    case 'filegen':
      return list(command.keyword, command.stat, options(command.options), command.rest)
    case 'tinker':
      return list(command.keyword, options(command.options), command.rest)
    case 'directive':
      return list(command.keyword, command.arguments)
  }
}

/**
 * A command as written, for messages: its words joined by single spaces (`restrict
 * default kod nomodify`).
 *
 * @param command the command
 */
export function describeCommand(command: NtpCommand): string {
  return commandWords(command).map(shown).join(' ')
}

// ----- Reading one command for a daemon ------------------------------------------------------

const readings = new WeakMap<NtpCommand, Map<Daemon, CommandReading>>()

/**
 * How a daemon reads a command: what it is, where the daemon's parser stops (if it does),
 * and whether the line still applies. Memoized per command node.
 *
 * @param command the command
 * @param daemon the daemon
 */
export function readCommand(command: NtpCommand, daemon: Daemon): CommandReading {
  let byDaemon = readings.get(command)
  if (byDaemon === undefined) readings.set(command, (byDaemon = new Map()))
  let reading = byDaemon.get(daemon)
  if (reading === undefined) byDaemon.set(daemon, (reading = computeReading(command, daemon)))
  return reading
}

/** Why a keyword is no command of a daemon, or undefined when it is one. */
function keywordProblem(keyword: NtpWord, daemon: Daemon, indent: string): SyntaxProblem | undefined {
  const value = wordValue(keyword.value)
  const quoted = isQuoted(keyword.value, indent)
  if (!quoted && commandKeywords[daemon].has(value)) return undefined
  const name = daemonNames[daemon]
  let reason: string
  if (quoted) reason = `a quoted word (or one after an empty \`""\`) is never a keyword to ${name}`
  else if (value.length === 1 && '{}(),;|='.includes(value)) reason = `no command starts with \`${value}\``
  else {
    const other = daemons.find((d) => d !== daemon && commandKeywords[d].has(value))
    const lower = [...commandKeywords[daemon]].find((known) => known.toLowerCase() === value.toLowerCase())
    if (other !== undefined) reason = `\`${value}\` is a command of ${daemonNames[other]}, not of ${name}`
    else if (lower !== undefined) reason = `${name} reads keywords case-sensitively: the command is \`${lower}\``
    else if (isKeywordOf(value, daemon)) reason = `\`${value}\` is a keyword of ${name}, but no command starts with it`
    else reason = `${name} knows no command \`${value}\``
  }
  return {word: keyword, reason, appliesPrefix: false}
}

function computeReading(command: NtpCommand, daemon: Daemon): CommandReading {
  const keywordIssue = keywordProblem(command.keyword, daemon, command.indent)
  const keyword = wordValue(command.keyword.value)
  switch (command.type) {
    case 'restrict':
      return readRestrict(command, daemon, keywordIssue)
    case 'association': {
      if (keywordIssue !== undefined) return {kind: 'association', applies: false, problem: keywordIssue, type: keyword, address: undefined}
      const problem = associationProblem(command, daemon)
      return {kind: 'association', applies: problem === undefined || problem.appliesPrefix, problem, type: keyword, address: command.address && wordValue(command.address.value)}
    }
    case 'system': {
      const enable = keyword === 'enable'
      if (keywordIssue !== undefined) return {kind: 'system', applies: false, problem: keywordIssue, enable, flags: [], flagWords: []}
      const flagWords: NtpWord[] = []
      let problem: SyntaxProblem | undefined
      for (const word of command.flags) {
        if (!systemFlags[daemon].has(wordValue(word.value))) {
          problem = {word, reason: `\`${word.value}\` is no flag of \`${keyword}\` in ${daemonNames[daemon]}`, appliesPrefix: flagWords.length > 0}
          break
        }
        flagWords.push(word)
      }
      if (problem === undefined && command.rest.length > 0) {
        const word = command.rest[0]!
        problem = {word, reason: `\`${word.value}\` is no flag of \`${keyword}\``, appliesPrefix: flagWords.length > 0}
      }
      if (problem === undefined && flagWords.length === 0) problem = {word: undefined, reason: `\`${keyword}\` needs at least one flag`, appliesPrefix: false}
      return {kind: 'system', applies: flagWords.length > 0, problem, enable, flags: flagWords.map((w) => wordValue(w.value)), flagWords}
    }
    case 'include': {
      if (keywordIssue !== undefined) return {kind: 'include', applies: false, problem: keywordIssue, path: undefined}
      if (command.path === undefined) return {kind: 'include', applies: false, problem: {word: undefined, reason: '`includefile` needs a file name', appliesPrefix: false}, path: undefined}
      if (tokenClass(command.path.value, daemon, 'string', command.path.before) === 'family') {
        return {kind: 'include', applies: false, problem: {word: command.path, reason: 'ntpd reads a name starting with -4 or -6 as an address family flag', appliesPrefix: false}, path: undefined}
      }
      const nested = command.command === undefined ? undefined : readCommand(command.command, daemon)
      const applies = nested === undefined || nested.problem === undefined || nested.problem.appliesPrefix
      return {kind: 'include', applies, problem: undefined, path: wordValue(command.path.value)}
    }
    case 'file':
      return {kind: 'other', keyword, ...fileReading(command, daemon, keywordIssue)}
    case 'filegen':
      return {kind: 'other', keyword, ...filegenReading(command, daemon, keywordIssue)}
    case 'tinker':
      return {kind: 'other', keyword, ...tinkerReading(command, daemon, keywordIssue)}
    case 'directive':
      if (keywordIssue !== undefined) return {kind: 'other', applies: false, problem: keywordIssue, keyword}
      // ntpd drops the rest of its input at `end` and then misses the line end it wants:
      // NTPsec logs a syntax error for it.
      if (keyword === 'end') return {kind: 'end', applies: true, problem: {word: command.keyword, reason: '`end` makes ntpd stop reading', appliesPrefix: true}}
      return {kind: 'other', applies: true, problem: undefined, keyword}
  }
}

function readRestrict(command: Extract<NtpCommand, {type: 'restrict'}>, daemon: Daemon, keywordIssue: SyntaxProblem | undefined): CommandReading {
  const op = wordValue(command.keyword.value) === 'unrestrict' ? 'unrestrict' : 'restrict'
  const none = (problem: SyntaxProblem): CommandReading => ({kind: 'restrict', applies: false, problem, op, target: undefined, flags: [], ntpport: false, ignored: [], flagWords: []})
  if (keywordIssue !== undefined) return none(keywordIssue)
  const name = daemonNames[daemon]
  const address = command.address
  if (address === undefined) {
    const word = command.rest[0]
    return none({word, reason: word === undefined ? `\`${op}\` needs an address, \`default\` or \`source\`` : `\`${word.value}\` is no address`, appliesPrefix: false})
  }
  const isDefault = spells(address.value, 'default', address.before)
  const isSource = spells(address.value, 'source', address.before)
  if (isSource && command.family !== undefined) return none({word: address, reason: '`source` takes no `-4` or `-6`', appliesPrefix: false})
  if (!isDefault && !isSource) {
    const kind = tokenClass(address.value, daemon, 'token', address.before)
    if (kind !== 'string') {
      const what = kind === 'keyword' ? `a keyword of ${name}` : kind === 'family' ? 'an address family flag' : kind === 'special' ? 'a special character' : 'a number'
      return none({word: address, reason: `\`${address.value}\` is ${what}, not an address (quote a host name that is spelled like a keyword)`, appliesPrefix: false})
    }
  }
  if (command.mask !== undefined && tokenClass(command.mask.value, daemon, 'token', command.mask.before) !== 'string') {
    return none({word: command.mask, reason: `\`${command.mask.value}\` is no mask`, appliesPrefix: false})
  }
  // `restrict address mask` with no mask after it: ntpd took `mask` and fails on what follows.
  if (command.maskKeyword === undefined && command.family === undefined && !isDefault && !isSource && command.flags.length === 0 && command.rest[0] !== undefined && spells(command.rest[0].value, 'mask', command.rest[0].before)) {
    const word = command.rest[1]
    return none({word, reason: word === undefined ? '`mask` needs a mask after it' : `\`${word.value}\` is no mask`, appliesPrefix: false})
  }
  const flagWords: NtpWord[] = []
  let problem: SyntaxProblem | undefined
  for (const word of command.flags) {
    const info = restrictFlagsByName.get(wordValue(word.value))
    if (info === undefined || !info.daemons.includes(daemon)) {
      problem = {word, reason: `\`${word.value}\` is no restrict flag of ${name}`, appliesPrefix: true}
      break
    }
    flagWords.push(word)
  }
  if (problem === undefined && command.rest.length > 0) {
    const word = command.rest[0]!
    problem = {word, reason: restrictRestReason(word, daemon), appliesPrefix: true}
  }
  const target = restrictTarget(command, daemon)
  const flags: string[] = []
  const ignored: NtpWord[] = []
  let ntpport = false
  for (const word of flagWords) {
    const info = restrictFlagsByName.get(wordValue(word.value))!
    if (info.match === true) ntpport = true
    else if (info.ignoredBy.includes(daemon)) ignored.push(word)
    else if (!flags.includes(info.name)) flags.push(info.name)
  }
  return {kind: 'restrict', applies: true, problem, op, target, flags, ntpport, ignored, flagWords}
}

function restrictRestReason(word: NtpWord, daemon: Daemon): string {
  if (spells(word.value, 'mask', word.before)) return '`mask` follows only a plain address (not `default`, `source`, `-4` or `-6`, nor a flag)'
  const kind = tokenClass(word.value, daemon, 'token', word.before)
  if (kind === 'special') return `\`${word.value}\` is no restrict flag (flags are separated by spaces)`
  return `\`${word.value}\` is no restrict flag of ${daemonNames[daemon]}`
}

/** What a restrict line's address, mask or `/prefix` stands for, as the daemon resolves it. */
function restrictTarget(command: Extract<NtpCommand, {type: 'restrict'}>, daemon: Daemon): RestrictTarget {
  const address = command.address!
  const family = command.family === undefined ? undefined : familyOf(command.family.value, 'token', command.family.before)
  if (spells(address.value, 'default', address.before)) return {kind: 'default', family}
  if (spells(address.value, 'source', address.before)) return {kind: 'source'}
  let text = wordValue(address.value)
  let prefix: number | undefined
  let cidrIgnored = false
  const slash = text.lastIndexOf('/')
  if (slash !== -1 && daemon === 'ntpsec') {
    // ntp_config.c fix_node_cidr: the `/...` is cut off the address first; then a prefix
    // that strtol cannot read, that is 0 or less, or too long for the family is ignored.
    const digits = /^\s*[+-]?\d+/.exec(text.slice(slash + 1))
    text = text.slice(0, slash)
    const length = digits === null ? NaN : Number.parseInt(digits[0], 10)
    const bits = text.includes(':') ? 128 : 32
    if (Number.isNaN(length) || length <= 0 || length > bits) cidrIgnored = true
    else prefix = length
  }
  const parsed = parseAddress(text, family)
  if (parsed === undefined) {
    if (family !== undefined && parseAddress(text) !== undefined) return {kind: 'unusable', reason: `\`${text}\` is no IPv${family} address, as \`-${family}\` asks`}
    if (slash !== -1 && daemon === 'ntpd') return {kind: 'unusable', reason: 'ntpd 4.2.8 knows no `address/prefix`: it looks the word up as a host name, which fails'}
    let mask: bigint | undefined
    if (command.mask !== undefined) mask = parseAddress(wordValue(command.mask.value))?.value
    return {kind: 'host', name: text, family, mask}
  }
  let mask = hostMask(parsed.family)
  if (prefix !== undefined) {
    mask = maskOfPrefix(parsed.family, prefix)
  } else if (command.mask !== undefined) {
    const maskText = wordValue(command.mask.value)
    const parsedMask = parseAddress(maskText)
    if (parsedMask === undefined || parsedMask.family !== parsed.family) return {kind: 'unusable', reason: `\`${maskText}\` is no IPv${parsed.family} mask`}
    mask = parsedMask.value
  }
  const masked = parsed.value & mask
  return {kind: 'address', family: parsed.family, address: masked, mask, hostBitsSet: masked !== parsed.value, cidrIgnored}
}

function associationProblem(command: Extract<NtpCommand, {type: 'association'}>, daemon: Daemon): SyntaxProblem | undefined {
  const name = daemonNames[daemon]
  const keyword = wordValue(command.keyword.value)
  if (!associationKeywords[daemon].has(keyword)) return {word: command.keyword, reason: `${name} knows no \`${keyword}\``, appliesPrefix: false}
  if (command.address === undefined) return {word: command.rest[0], reason: `\`${keyword}\` needs an address`, appliesPrefix: false}
  if (tokenClass(command.address.value, daemon, 'string', command.address.before) === 'family') return {word: command.address, reason: `\`${command.address.value}\` is read as an address family flag, not an address`, appliesPrefix: false}
  const options = associationOptions[daemon]
  for (const option of command.options) {
    const optionName = wordValue(option.name.value)
    const kind = options.get(optionName)
    if (kind === undefined) return {word: option.name, reason: `\`${optionName}\` is no option of \`${keyword}\` in ${name}`, appliesPrefix: true}
    if (option.value === undefined) continue
    const mode = keywords.get(optionName)?.followedBy === 'string' ? 'string' : 'token'
    const valueClass = tokenClass(option.value.value, daemon, mode, option.value.before)
    const fits =
      kind === 'integer' ? valueClass === 'integer' || valueClass === 'unsigned'
      : kind === 'number' ? valueClass === 'integer' || valueClass === 'double'
      : kind === 'boolean' ? valueClass === 'integer' || (valueClass === 'keyword' && ['true', 'false'].includes(wordValue(option.value.value)))
      : valueClass === 'string'
    if (!fits) return {word: option.value, reason: `\`${option.value.value}\` is no value for \`${optionName}\``, appliesPrefix: false}
  }
  const first = command.rest[0]
  if (first === undefined) return undefined
  const needsValue = options.get(wordValue(first.value))
  if (!isQuoted(first.value, first.before) && needsValue !== undefined && needsValue !== 'none') {
    return {word: command.rest[1], reason: `\`${first.value}\` needs a value after it`, appliesPrefix: false}
  }
  return {word: first, reason: `\`${first.value}\` is no option of \`${keyword}\` in ${name}`, appliesPrefix: true}
}

type Partial = {applies: boolean; problem: SyntaxProblem | undefined}

function fileReading(command: Extract<NtpCommand, {type: 'file'}>, daemon: Daemon, keywordIssue: SyntaxProblem | undefined): Partial {
  if (keywordIssue !== undefined) return {applies: false, problem: keywordIssue}
  const keyword = wordValue(command.keyword.value)
  if (command.path === undefined) {
    // `driftfile` alone turns the drift file off; the others need a name.
    if (keyword === 'driftfile' && command.rest.length === 0) return {applies: true, problem: undefined}
    return {applies: false, problem: {word: command.rest[0], reason: `\`${keyword}\` needs a file name`, appliesPrefix: false}}
  }
  if (tokenClass(command.path.value, daemon, 'string', command.path.before) === 'family') return {applies: false, problem: {word: command.path, reason: 'ntpd reads a name starting with -4 or -6 as an address family flag', appliesPrefix: false}}
  if (command.value !== undefined && tokenClass(command.value.value, daemon, 'token', command.value.before) !== 'double') {
    return {applies: true, problem: {word: command.value, reason: `\`${command.value.value}\` is no wander threshold (a number with a decimal point or exponent)`, appliesPrefix: true}}
  }
  const first = command.rest[0]
  if (first !== undefined) return {applies: true, problem: {word: first, reason: `\`${keyword}\` takes one file name`, appliesPrefix: true}}
  return {applies: true, problem: undefined}
}

function filegenReading(command: Extract<NtpCommand, {type: 'filegen'}>, daemon: Daemon, keywordIssue: SyntaxProblem | undefined): Partial {
  if (keywordIssue !== undefined) return {applies: false, problem: keywordIssue}
  const name = daemonNames[daemon]
  if (command.stat === undefined) return {applies: false, problem: {word: command.rest[0], reason: '`filegen` needs the name of a statistics file set', appliesPrefix: false}}
  if (!filegenStats[daemon].has(wordValue(command.stat.value))) return {applies: false, problem: {word: command.stat, reason: `\`${command.stat.value}\` is no statistics file set of ${name}`, appliesPrefix: false}}
  for (const option of command.options) {
    if (spells(option.name.value, 'type', option.name.before) && option.value !== undefined && !(filegenTypes.has(wordValue(option.value.value)) && tokenClass(option.value.value, daemon, 'token', option.value.before) === 'keyword')) {
      return {applies: false, problem: {word: option.value, reason: `\`${option.value.value}\` is no file generation type`, appliesPrefix: false}}
    }
  }
  const first = command.rest[0]
  if (first !== undefined) {
    const needsValue = spells(first.value, 'file', first.before) || spells(first.value, 'type', first.before)
    return {applies: !needsValue, problem: {word: needsValue ? command.rest[1] : first, reason: needsValue ? `\`${first.value}\` needs a value after it` : `\`${first.value}\` is no option of \`filegen\``, appliesPrefix: !needsValue}}
  }
  return {applies: true, problem: undefined}
}

function tinkerReading(command: Extract<NtpCommand, {type: 'tinker'}>, daemon: Daemon, keywordIssue: SyntaxProblem | undefined): Partial {
  if (keywordIssue !== undefined) return {applies: false, problem: keywordIssue}
  let read = 0
  for (const option of command.options) {
    const optionName = wordValue(option.name.value)
    if (!tinkerOptions[daemon].has(optionName)) return {applies: read > 0, problem: {word: option.name, reason: `\`${optionName}\` is no variable of \`tinker\` in ${daemonNames[daemon]}`, appliesPrefix: read > 0}}
    const kind = tokenClass(option.value!.value, daemon, 'token', option.value!.before)
    if (kind !== 'integer' && kind !== 'double') return {applies: false, problem: {word: option.value, reason: `\`${option.value!.value}\` is no number`, appliesPrefix: false}}
    read++
  }
  const first = command.rest[0]
  if (first !== undefined) {
    const needsValue = tinkerOptions[daemon].has(wordValue(first.value)) && !isQuoted(first.value, first.before)
    return {applies: read > 0 && !needsValue, problem: {word: needsValue ? command.rest[1] : first, reason: needsValue ? `\`${first.value}\` needs a number after it` : `\`${first.value}\` is no variable of \`tinker\``, appliesPrefix: read > 0 && !needsValue}}
  }
  if (read === 0) return {applies: false, problem: {word: undefined, reason: '`tinker` needs a variable and a number', appliesPrefix: false}}
  return {applies: true, problem: undefined}
}

// ----- Loading: includes, ntp.d, reading order -------------------------------------------

/** How deep ntpd nests included files (ntp_scanner.h `MAXINCLUDELEVEL`, both daemons). */
export const MAX_INCLUDE_LEVEL = 5


/**
 * Reads a configuration and everything it includes, as the daemon would.
 *
 * @param entry the file the user named (a system path)
 * @param options where to read, settings, limits and the parse cache
 */
export function loadNtpConfig(entry: string, options: LoadOptions<NtpSettings>): NtpConfig {
  const daemon = options.settings.daemon
  if (!daemons.includes(daemon)) throw new HardenConfigError(`Unexpected daemon \`${String(daemon)}\`, expected ${daemons.map((d) => `\`${d}\``).join(' or ')}`, 'SETTING')
  const {host, limits, cache} = options
  const entries: NtpEntry[] = []
  const includes: NtpIncludeInfo[] = []

  const {documents, read: readDocument} = documentReader<NtpRoot>({format: 'ntp', parse, host: host, limits: limits, cache: cache})

  /** A file on ntpd's include stack and the next line to read. */
  interface Frame {
    doc: NtpDocument
    next: number
    via: NtpEntry[]
    dropIn: boolean
  }

  /**
   * The files an include of a folder pushes, in push order (NTPsec lex_push_file: every
   * `*.conf` name, hidden ones too, sorted with strcmp; a sub-folder so named is pushed in
   * its turn). They are read from the last pushed to the first.
   */
  const folderFiles = (folder: string): string[] => {
    const names = (host.readDirectory(folder) ?? []).filter((name) => name.endsWith('.conf')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    return names.flatMap((name) => {
      const path = posix.join(folder, name)
      return host.stat(path)?.kind === 'directory' ? folderFiles(path) : [path]
    })
  }

  /** Pushes the files of an include (or of ntp.d); returns what ntpd says when it reads nothing. */
  const push = (stack: Frame[], path: string, include: NtpIncludeInfo, via: NtpEntry[], dropIn: boolean): void => {
    const stat = host.stat(path)
    let files: string[]
    if (stat?.kind === 'directory') {
      if (daemon === 'ntpd') {
        include.problem = 'ntpd 4.2.8 reads no folder'
        return
      }
      files = folderFiles(path)
      if (files.length === 0) {
        include.problem = 'the folder holds no *.conf file'
        return
      }
    } else {
      files = [path]
    }
    const pushed: string[] = []
    for (const file of files) {
      let doc: NtpDocument | undefined
      try {
        doc = readDocument(file)
      } catch (error) {
        // A file ntpd cannot open (a device, a folder, one it may not read) is logged and
        // skipped. Binary data and a file over the library's size limit are the library's
        // own limits, not ntpd's: they stop the run as they do for the main file.
        if (error instanceof HardenConfigError && error.code !== 'SYNTAX' && error.code !== 'EFBIG') doc = undefined
        else throw error
      }
      if (doc === undefined) {
        if (files.length === 1) include.problem = stat === undefined ? 'no such file' : 'it cannot be read'
        continue
      }
      stack.push({doc, next: 0, via, dropIn})
      pushed.push(file)
    }
    include.files = pushed.reverse()
  }

  const resolve = (fromFile: string, path: string): string => {
    if (path.startsWith('/')) return path
    // NTPsec: relative to the folder of the file that holds the line (ntp_scanner.c
    // reparent); ntpd 4.2.8: relative to its working folder, `/` under an init system.
    return daemon === 'ntpsec' ? posix.join(posix.dirname(fromFile), path) : posix.join('/', path)
  }

  /** Reads commands off the stack until it runs dry or `end`; the bottom frame is never popped (ntp_scanner.c lex_pop_file). */
  const run = (stack: Frame[]): void => {
    for (;;) {
      const top = stack[stack.length - 1]!
      const children = top.doc.tree.children
      if (top.next >= children.length) {
        if (stack.length === 1) return
        stack.pop()
        continue
      }
      const line = children[top.next++]!
      if (line.type === 'blank' || line.type === 'comment') continue
      if (visit(line, line, top, stack) === 'end') return
    }
  }

  const visit = (command: NtpCommand, line: NtpCommand, frame: Frame, stack: Frame[]): 'end' | undefined => {
    const item: NtpEntry = {document: frame.doc, command, line, via: frame.via, dropIn: frame.dropIn}
    entries.push(item)
    const reading = readCommand(command, daemon)
    if (command.type === 'include') {
      if (command.command !== undefined && visit(command.command, line, frame, stack) === 'end') return 'end'
      if (reading.kind === 'include' && reading.applies && reading.path !== undefined) {
        const include: NtpIncludeInfo = {entry: item, path: resolve(frame.doc.path, reading.path), files: []}
        includes.push(include)
        if (stack.length > MAX_INCLUDE_LEVEL) include.problem = `includes nest more than ${MAX_INCLUDE_LEVEL} files deep ("Maximum include file level exceeded")`
        else push(stack, include.path, include, [...frame.via, item], frame.dropIn)
      }
    }
    return reading.kind === 'end' && reading.applies ? 'end' : undefined
  }

  const main = readDocument(entry)
  if (main === undefined) throw new HardenConfigError(`${entry}: no such file`, 'ENOENT', entry)
  const fragment = isDropInPath(entry)
  const bottom: Frame = {doc: main, next: 0, via: [], dropIn: fragment}
  run([bottom])
  if (daemon === 'ntpsec' && !fragment) {
    // ntp_config.c readconfig: the folder beside the main file, after it, in a parse of
    // its own (the exhausted main file stays at the bottom of the stack).
    const folder = posix.join(posix.dirname(entry), DROP_IN_FOLDER)
    if (host.stat(folder)?.kind === 'directory') {
      const include: NtpIncludeInfo = {entry: undefined, path: folder, files: []}
      includes.push(include)
      const stack = [bottom]
      push(stack, folder, include, [], true)
      // An empty ntp.d is no problem: NTPsec then reads nothing and says nothing.
      if (include.files.length === 0) include.problem = undefined
      else run(stack)
    }
  }
  return {format: 'ntp', main, documents, daemon, fragment, entries, includes, emptyMain: !fragment && main.text === ''}
}

// ----- The restrict table --------------------------------------------------------------------

/** One entry of the restrict table. */
export interface RestrictEntry {
  family: Family
  /** The address, masked. */
  address: bigint
  mask: bigint
  /** `ntpport`: matches only packets from port 123. */
  ntpport: boolean
  flags: Set<string>
  /** One of the two default entries that exist before the file is read. */
  builtin: boolean
  /** The lines that set or cleared its flags, in reading order. */
  lines: NtpEntry[]
}

/** The restrict table ntpd builds from a configuration. */
export interface RestrictTable {
  daemon: Daemon
  /** Every entry, both families, the default entries first. */
  entries: RestrictEntry[]
  /** The default entries (`0.0.0.0/0` and `::/0`, without `ntpport`). */
  defaults: Readonly<Record<Family, RestrictEntry>>
  /** `restrict source`: the flags of the entries ntpd adds for its servers' addresses; the last line wins. */
  source: {flags: Set<string>; entry: NtpEntry} | undefined
  /** Lines with host names, which ntpd looks up when it starts and the library does not. */
  hosts: NtpEntry[]
}

const tables = new WeakMap<NtpConfig, RestrictTable>()

/**
 * The restrict table ntpd builds from a configuration (memoized).
 *
 * @param config the configuration
 */
export function restrictTable(config: NtpConfig): RestrictTable {
  let table = tables.get(config)
  if (table === undefined) tables.set(config, (table = buildRestrictTable(config)))
  return table
}

function buildRestrictTable(config: NtpConfig): RestrictTable {
  const daemon = config.daemon
  const makeDefault = (family: Family): RestrictEntry => ({family, address: 0n, mask: 0n, ntpport: false, flags: new Set(builtinDefaultFlags[daemon]), builtin: true, lines: []})
  const defaults = {4: makeDefault(4), 6: makeDefault(6)} as const
  // By family, address, mask and match flag: a line for the same ones ORs into the entry.
  const key = (family: Family, address: bigint, mask: bigint, ntpport: boolean) => `${family}/${address}/${mask}/${ntpport}`
  const byKey = new Map<string, RestrictEntry>([
    [key(4, 0n, 0n, false), defaults[4]],
    [key(6, 0n, 0n, false), defaults[6]],
  ])
  let source: RestrictTable['source']
  const hosts: NtpEntry[] = []
  const apply = (op: 'restrict' | 'unrestrict', family: Family, address: bigint, mask: bigint, ntpport: boolean, flags: readonly string[], line: NtpEntry): void => {
    const id = key(family, address, mask, ntpport)
    const existing = byKey.get(id)
    if (op === 'restrict') {
      if (existing === undefined) byKey.set(id, {family, address, mask, ntpport, flags: new Set(flags), builtin: false, lines: [line]})
      else {
        for (const flag of flags) existing.flags.add(flag)
        existing.lines.push(line)
      }
      return
    }
    if (existing === undefined) return
    // ntp_restrict.c: `unrestrict` with no flag (and no match flag) removes the entry, but
    // never a default one.
    if (flags.length === 0 && !ntpport) {
      if (!existing.builtin) byKey.delete(id)
      else existing.lines.push(line)
      return
    }
    for (const flag of flags) existing.flags.delete(flag)
    existing.lines.push(line)
  }
  for (const line of config.entries) {
    const reading = readCommand(line.command, daemon)
    if (reading.kind !== 'restrict' || !reading.applies || reading.target === undefined) continue
    const {target, op, flags, ntpport} = reading
    switch (target.kind) {
      case 'source':
        // "restrict source" replaces the template; `unrestrict source` does the same.
        source = {flags: new Set(flags), entry: line}
        break
      case 'default':
        for (const family of target.family === undefined ? ([4, 6] as const) : [target.family]) apply(op, family, 0n, 0n, ntpport, flags, line)
        break
      case 'address':
        apply(op, target.family, target.address, target.mask, ntpport, flags, line)
        break
      case 'host':
        hosts.push(line)
        break
      case 'unusable':
        break
    }
  }
  return {daemon, entries: [...byKey.values()], defaults, source, hosts}
}

/**
 * The entry whose flags apply to a packet from an address, as ntpd finds it
 * (ntp_restrict.c `match_restrict4_addr`): the list sorted by descending address, then
 * descending mask, then entries with `ntpport` first; the first entry that matches wins.
 *
 * @param table the restrict table
 * @param family the packet's family
 * @param address the source address
 * @param fromNtpPort whether the packet comes from port 123 (servers and peers; ntpq does not)
 */
export function lookupRestrict(table: RestrictTable, family: Family, address: bigint, fromNtpPort = false): RestrictEntry {
  const candidates = table.entries
    .filter((e) => e.family === family)
    .sort((a, b) => (a.address !== b.address ? (a.address > b.address ? -1 : 1) : a.mask !== b.mask ? (a.mask > b.mask ? -1 : 1) : Number(b.ntpport) - Number(a.ntpport)))
  return candidates.find((e) => (address & e.mask) === e.address && (!e.ntpport || fromNtpPort)) ?? table.defaults[family]
}

/**
 * Describes a restrict entry for messages: `default` (and the family), or its network.
 *
 * @param entry the entry
 */
export function describeRestrictEntry(entry: RestrictEntry): string {
  if (entry.builtin || (entry.mask === 0n && entry.address === 0n)) return entry.family === 4 ? 'the IPv4 default entry' : 'the IPv6 default entry'
  return formatNetwork(entry.family, entry.address, entry.mask)
}

// ----- Other settings --------------------------------------------------------------------------

/** Whether an `enable`/`disable` flag is on, and the lines that say so. */
export interface SystemFlagState {
  enabled: boolean
  /** The `enable` lines that name it. */
  enabledBy: NtpEntry[]
  /** The `disable` lines that name it (any of them wins over every `enable`). */
  disabledBy: NtpEntry[]
}

/** The built-in state of the flags the rules read (ntp.conf(5) "enable | disable"). */
const systemFlagDefaults: Readonly<Record<string, boolean>> = {monitor: true, kernel: true, ntp: true, calibrate: false, mode7: false}

/**
 * Whether an `enable`/`disable` flag is on: ntpd applies every `enable` line, then every
 * `disable` line (ntp_config.c config_system_opts), so any `disable` wins.
 *
 * @param config the configuration
 * @param flag the flag (`monitor`)
 */
export function systemFlag(config: NtpConfig, flag: string): SystemFlagState {
  const enabledBy: NtpEntry[] = []
  const disabledBy: NtpEntry[] = []
  for (const line of config.entries) {
    const reading = readCommand(line.command, config.daemon)
    if (reading.kind !== 'system' || !reading.applies || !reading.flags.includes(flag)) continue
    ;(reading.enable ? enabledBy : disabledBy).push(line)
  }
  const enabled = disabledBy.length > 0 ? false : enabledBy.length > 0 ? true : (systemFlagDefaults[flag] ?? false)
  return {enabled, enabledBy, disabledBy}
}

/**
 * Whether some entry of the restrict table has `limited`, which keeps the monitor (the list
 * of recent clients behind `monlist` and `mrulist`) running whatever `disable monitor` says.
 *
 * @param config the configuration
 */
export function limitedInUse(config: NtpConfig): boolean {
  return restrictTable(config).entries.some((entry) => entry.flags.has('limited'))
}

/**
 * The lines of a command keyword that the daemon applies (`controlkey`, `pool`, ...).
 *
 * @param config the configuration
 * @param keyword the keyword
 */
export function entriesOf(config: NtpConfig, keyword: string): NtpEntry[] {
  return config.entries.filter((line) => wordValue(line.command.keyword.value) === keyword && readCommand(line.command, config.daemon).applies)
}

/**
 * The restrict lines the daemon applies that are about a default entry (`restrict
 * default`, `-4 default`, `-6 default`), in reading order.
 *
 * @param config the configuration
 * @param family only lines that reach this family's default entry
 */
export function defaultRestrictLines(config: NtpConfig, family?: Family): NtpEntry[] {
  return config.entries.filter((line) => {
    const reading = readCommand(line.command, config.daemon)
    if (reading.kind !== 'restrict' || !reading.applies || reading.op !== 'restrict' || reading.target?.kind !== 'default' || reading.ntpport) return false
    return family === undefined || reading.target.family === undefined || reading.target.family === family
  })
}

/**
 * Whether a command is an `includefile` line, for callers that walk lines.
 *
 * @param command the command
 */
export function isInclude(command: NtpCommand): command is NtpInclude {
  return command.type === 'include'
}
