/**
 * What an `sshd_config` means, as sshd computes it (servconf.c, sshd_config(5)):
 *
 * - Arguments are unquoted like a shell word list; keywords ignore case.
 * - For most keywords the first value obtained wins; some add up (`Port`, `AllowUsers`, ...).
 * - `Include` is read in place, its arguments are globs expanded in sorted order, and a
 *   relative path is under `/etc/ssh`. An included file's `Match` blocks end with the file.
 * - A `Match` block applies only to connections it matches; among the blocks that match,
 *   the first that sets a keyword wins, over any global value.
 *
 * Rules ask these helpers; none of them re-learns the format.
 */
import {HardenConfigError, ConfigSyntaxError} from '../../core/errors.js'
import {documentReader} from '../../core/document.js'
import type {LoadOptions} from '../../core/format.js'
import {glob, segmentToRegExp} from '../../core/glob.js'
import type {Configuration, Document} from '../../core/rule.js'
import {allowedInMatch, canonicalKeyword, lookupKeyword, parseVersion, type KeywordInfo, type Version} from './keywords.js'
import {parse} from './parse.js'
import type {SshdDirective, SshdLine, SshdRoot} from './types.js'
import {isDropInPath} from './meta.js'

/** Where sshd looks for relative `Include` paths (SSHDIR). */
export const SSH_DIR = '/etc/ssh'

/** Settings of the sshd format. */
export interface SshdSettings {
  /** The OpenSSH release the file is for (`8.9`, `9.2p1`). Algorithms and keywords newer than it are never written. */
  version: string
  /**
   * A drop-in file (`/etc/ssh/sshd_config.d/00-harden-config.conf`) where new global
   * directives go, instead of the main file. It must be matched by an `Include` of the
   * main file; it is created when missing. Empty: new directives go into the main file.
   */
  dropIn: string
}

/** A document of an sshd configuration. */
export type SshdDocument = Document<SshdRoot>

/** One `Match` line that must match for an entry to apply. */
export interface SshdCondition {
  document: SshdDocument
  head: SshdDirective
  criteria: MatchCriterion[]
}

/** One criterion of a `Match` line: `User alice,bob` or `all`. */
export interface MatchCriterion {
  /** The criterion, lower case: `user`, `group`, `host`, `address`, `localaddress`, `localport`, `rdomain`, `all`, ... */
  name: string
  /** Its comma-separated patterns (a `!` negates one); empty for `all`. */
  patterns: string[]
}

/** A directive as sshd reads it: where it is, what it means, and when it applies. */
export interface SshdEntry {
  document: SshdDocument
  directive: SshdDirective
  /** The keyword as written, looked up (an alias stays itself); undefined when sshd does not know it. */
  written: KeywordInfo | undefined
  /** The keyword it sets (an alias resolved). */
  keyword: KeywordInfo | undefined
  /** The Match lines that must all match for it to apply; empty for a global directive. */
  conditions: SshdCondition[]
  /** The `Include` lines it was read through, outermost first. */
  via: SshdEntry[]
}

/** One argument of an `Include` line and the files it matched. */
export interface SshdInclude {
  entry: SshdEntry
  /** The pattern as sshd expands it (relative ones under /etc/ssh). */
  pattern: string
  /** The files it matched, in reading order. */
  files: string[]
}

/** A loaded sshd configuration: the named file, what it includes, and the directives in reading order. */
export interface SshdConfig extends Configuration<SshdRoot> {
  format: 'sshd'
  /** The OpenSSH release the configuration is for. */
  version: Version
  /**
   * True when the named file is a drop-in (in a `sshd_config.d` folder) checked on its
   * own: what it leaves out is decided elsewhere, so missing settings are not reported.
   */
  fragment: boolean
  /** Every directive, includes expanded in place, in the order sshd reads them. */
  entries: SshdEntry[]
  includes: SshdInclude[]
  /** The drop-in that receives new global directives, when one is set and included. */
  dropIn: SshdDocument | undefined
  /** The facts about the system that rules use to tell who a fix would lock out. */
  system: SshdSystem | undefined
}

/** A login account, as far as the files under the root tell. */
export interface SystemAccount {
  name: string
  uid: number
  home: string
  shell: string
  /** True when the shell lets the user log in (not `nologin` or `false`). */
  canLogIn: boolean
  /** Whether an authorized_keys file with a key exists; undefined when it cannot be told. */
  hasAuthorizedKey: boolean | undefined
  /** From /etc/shadow: `empty` (no password needed), `locked`, `set`, or undefined when unreadable. */
  password: 'empty' | 'locked' | 'set' | undefined
  /** Logged in over SSH recently (from wtmp or auth.log); with how. */
  recentLogin: 'password' | 'publickey' | 'other' | undefined
}

/** What rules may know about the system a configuration is for. */
export interface SshdSystem {
  accounts: SystemAccount[]
  /** Group name to member names (from /etc/group and primary groups). */
  groups: Map<string, string[]>
  /** Where the facts came from, to say so in messages. */
  sources: string[]
}

/**
 * An argument's value, unquoted the way sshd's argv_split does: `"..."` and `'...'` quote
 * (also mid-word), and a backslash escapes a quote, a backslash, or (outside quotes) a space.
 *
 * @param raw the argument as written
 */
export function unquote(raw: string): string {
  let out = ''
  let quote = ''
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c === '\\') {
      const next = raw[i + 1]
      if (next === "'" || next === '"' || next === '\\' || (quote === '' && next === ' ')) {
        out += next
        i++
      } else {
        out += c
      }
    } else if (quote === '' && (c === '"' || c === "'")) {
      quote = c
    } else if (quote !== '' && c === quote) {
      quote = ''
    } else {
      out += c
    }
  }
  return out
}

/**
 * A keyword's name without its quotes (`"Port"` is `Port`).
 *
 * @param directive the directive
 */
export function keywordName(directive: SshdDirective): string {
  return directive.keyword.value.replace(/"/g, '')
}

/**
 * The values of a directive's arguments, unquoted.
 *
 * @param directive the directive
 */
export function argumentValues(directive: SshdDirective): string[] {
  return directive.arguments.map((argument) => unquote(argument.value).replace(/\f+$/, ''))
}

/**
 * Whether a directive is a given keyword (aliases count as what they stand for).
 *
 * @param directive the directive
 * @param name the keyword, in any case
 */
export function isKeyword(directive: SshdDirective, name: string): boolean {
  return canonicalKeyword(keywordName(directive))?.name.toLowerCase() === name.toLowerCase()
}

/**
 * Splits a `Match` line's arguments into criteria.
 *
 * @param head the `Match` directive
 */
export function matchCriteria(head: SshdDirective): MatchCriterion[] {
  const values = argumentValues(head)
  const criteria: MatchCriterion[] = []
  for (let i = 0; i < values.length; i++) {
    const name = values[i]!.toLowerCase()
    if (name === 'all' || name === 'canonical' || name === 'final') {
      criteria.push({name, patterns: []})
      continue
    }
    // OpenSSH 9.x also accepts `Criterion=patterns` in one word.
    const eq = name.indexOf('=')
    if (eq > 0) {
      criteria.push({name: name.slice(0, eq), patterns: values[i]!.slice(eq + 1).split(',')})
      continue
    }
    criteria.push({name, patterns: (values[++i] ?? '').split(',').filter(Boolean)})
  }
  return criteria
}

/**
 * Whether a Match line applies to every connection (`Match all`).
 *
 * @param condition the condition
 */
export function matchesEveryone(condition: SshdCondition): boolean {
  return condition.criteria.length === 1 && condition.criteria[0]!.name === 'all'
}

/**
 * Describes a Match line for messages: `Match User backup`.
 *
 * @param condition the condition
 */
export function describeCondition(condition: SshdCondition): string {
  return `Match ${argumentValues(condition.head).join(' ')}`
}

/**
 * The directives of a keyword, in reading order (aliases included).
 *
 * @param config the configuration
 * @param name the keyword
 */
export function entriesOf(config: SshdConfig, name: string): SshdEntry[] {
  const lower = name.toLowerCase()
  return config.entries.filter((entry) => entry.keyword?.name.toLowerCase() === lower)
}

/**
 * The global directive of a single-valued keyword that sshd uses: the first one read
 * outside any Match block.
 *
 * @param config the configuration
 * @param name the keyword
 */
export function globalEntry(config: SshdConfig, name: string): SshdEntry | undefined {
  return entriesOf(config, name).find((entry) => entry.conditions.length === 0)
}

/**
 * The directives of a keyword inside Match blocks (each applies to the connections its
 * block matches, over the global value).
 *
 * @param config the configuration
 * @param name the keyword
 */
export function matchEntries(config: SshdConfig, name: string): SshdEntry[] {
  return entriesOf(config, name).filter((entry) => entry.conditions.length > 0)
}

/**
 * The first argument of a directive, unquoted; undefined when it has none.
 *
 * @param entry the directive
 */
export function firstValue(entry: SshdEntry): string | undefined {
  return argumentValues(entry.directive)[0]
}

/**
 * sshd's built-in values (OpenSSH 8.9 to 10.x, servconf.c `fill_default_server_options`)
 * for the keywords the rules read.
 */
export const builtinDefaults: Readonly<Record<string, string>> = {
  PermitRootLogin: 'prohibit-password',
  PasswordAuthentication: 'yes',
  KbdInteractiveAuthentication: 'yes',
  PermitEmptyPasswords: 'no',
  X11Forwarding: 'no',
  MaxAuthTries: '6',
  LoginGraceTime: '120',
  ClientAliveInterval: '0',
  ClientAliveCountMax: '3',
  LogLevel: 'INFO',
  PermitUserEnvironment: 'no',
  HostbasedAuthentication: 'no',
  IgnoreRhosts: 'yes',
  UsePAM: 'no',
  AuthorizedKeysFile: '.ssh/authorized_keys .ssh/authorized_keys2',
}

/**
 * The global value of a single-valued keyword: its first global directive, or sshd's
 * built-in value.
 *
 * @param config the configuration
 * @param name the keyword
 */
export function globalValue(config: SshdConfig, name: string): {value: string | undefined; entry: SshdEntry | undefined} {
  const entry = globalEntry(config, name)
  return {value: entry ? firstValue(entry) : builtinDefaults[name], entry}
}


/**
 * Reads an `sshd_config` and every file it includes, as sshd would.
 *
 * @param entry the file the user named (a system path)
 * @param options where to read, settings, limits and the parse cache
 */
export function loadSshdConfig(entry: string, options: LoadOptions<SshdSettings>): SshdConfig {
  const version = parseVersion(options.settings.version)
  if (version === undefined) throw new HardenConfigError(`Unexpected OpenSSH version \`${options.settings.version}\`, expected a release such as \`9.2\``, 'SETTING')
  const entries: SshdEntry[] = []
  const includes: SshdInclude[] = []

  const {documents, read: readDocument} = documentReader<SshdRoot>({format: 'sshd', parse, host: options.host, limits: options.limits, cache: options.cache})

  const walk = (doc: SshdDocument, outer: SshdCondition[], via: SshdEntry[], depth: number): void => {
    const visit = (line: SshdLine, conditions: SshdCondition[]): void => {
      if (line.type !== 'directive') return
      const written = lookupKeyword(keywordName(line))
      const keyword = written?.aliasOf === undefined ? written : canonicalKeyword(written.name)
      const item: SshdEntry = {document: doc, directive: line, written, keyword, conditions, via}
      entries.push(item)
      if (keyword?.name === 'Include') expandInclude(item, depth)
    }
    for (const child of doc.tree.children) {
      if (child.type === 'match') {
        const condition: SshdCondition = {document: doc, head: child.head, criteria: matchCriteria(child.head)}
        const inner = [...outer, condition]
        const head: SshdEntry = {document: doc, directive: child.head, written: lookupKeyword('Match'), keyword: lookupKeyword('Match'), conditions: outer, via}
        entries.push(head)
        for (const line of child.children) visit(line, inner)
      } else {
        visit(child, outer)
      }
    }
  }

  const expandInclude = (item: SshdEntry, depth: number): void => {
    const position = item.directive.position!
    if (depth + 1 > options.limits.maxIncludeDepth) {
      throw new ConfigSyntaxError(
        `Too many recursive configuration includes (more than ${options.limits.maxIncludeDepth} deep): sshd refuses this`,
        item.document.path,
        position.start,
        item.document.text,
      )
    }
    for (const value of argumentValues(item.directive)) {
      if (value === '') continue
      // sshd puts a relative path under /etc/ssh and does not expand `~` (glob(3) without GLOB_TILDE).
      const pattern = value.startsWith('/') || value.startsWith('~') ? value : `${SSH_DIR}/${value}`
      const files = glob(options.host, pattern).filter((file) => options.host.stat(file)?.kind === 'file')
      includes.push({entry: item, pattern, files})
      for (const file of files) {
        const doc = readDocument(file)
        if (doc !== undefined) walk(doc, item.conditions, [...item.via, item], depth + 1)
      }
    }
  }

  const main = readDocument(entry)
  if (main === undefined) throw new HardenConfigError(`${entry}: no such file`, 'ENOENT', entry)
  walk(main, [], [], 0)

  const fragment = isDropInPath(entry)
  const dropIn = fragment ? undefined : resolveDropIn(options, main, includes, documents)
  const config: SshdConfig = {format: 'sshd', main, documents, version, fragment, entries, includes, dropIn, system: undefined}
  return config
}

/**
 * The drop-in for new directives: the configured file if a global `Include` of the main
 * file matches it (read already, or a new empty document when it does not exist yet).
 */
function resolveDropIn(options: LoadOptions<SshdSettings>, main: SshdDocument, includes: SshdInclude[], documents: SshdDocument[]): SshdDocument | undefined {
  const target = options.settings.dropIn
  if (target === '') return undefined
  const included = includes.some(
    (include) => include.entry.document === main && include.entry.conditions.length === 0 && globMatches(include.pattern, target),
  )
  if (!included) return undefined
  const existing = documents.find((doc) => doc.path === target)
  if (existing) return existing
  const doc: SshdDocument = {path: target, realPath: options.host.realPath(target), text: '', encoding: 'utf8', tree: parse(''), exists: false}
  documents.push(doc)
  return doc
}

/**
 * Whether a glob pattern matches a path, component by component.
 *
 * @param pattern the pattern
 * @param candidate the path
 */
export function globMatches(pattern: string, candidate: string): boolean {
  const a = pattern.split('/')
  const b = candidate.split('/')
  return a.length === b.length && a.every((segment, i) => segmentToRegExp(segment).test(b[i]!) && !(b[i]!.startsWith('.') && !segment.startsWith('.')))
}

/**
 * Whether a keyword may stand where an entry is: a global-only keyword inside a Match
 * block makes sshd refuse the file.
 *
 * @param config the configuration
 * @param entry the directive
 */
export function misplacedInMatch(config: SshdConfig, entry: SshdEntry): boolean {
  return entry.conditions.length > 0 && entry.written !== undefined && entry.written.name !== 'Match' && !allowedInMatch(entry.written, config.version)
}

/**
 * Reads an sshd time value (sshd_config(5) TIME FORMATS): a number of seconds, or numbers
 * with units `s`, `m`, `h`, `d`, `w` added up (`1m30s`).
 *
 * @param value the value as written
 * @returns the number of seconds, or undefined when sshd would reject the value
 */
export function parseTime(value: string): number | undefined {
  if (!/^(?:\d+[smhdwSMHDW]?)+$/.test(value)) return undefined
  const units: Record<string, number> = {s: 1, m: 60, h: 3600, d: 86400, w: 604800}
  let total = 0
  for (const [, n, unit] of value.matchAll(/(\d+)([smhdwSMHDW]?)/g)) total += Number(n) * (unit === '' ? 1 : units[unit!.toLowerCase()]!)
  return total
}

/**
 * Reads a whole number as sshd does for counts (`MaxAuthTries 3`).
 *
 * @param value the value as written
 */
export function parseCount(value: string): number | undefined {
  return /^\d+$/.test(value) ? Number(value) : undefined
}
