/**
 * What a `named.conf` means, as named reads it (named.conf(5), the BIND 9 ARM, and
 * named-checkconf 9.18 where they are vague):
 *
 * - Keywords ignore case; a quoted string loses its quotes (`\"` stands for `"`).
 * - Statements live in scopes: the top level, `options`, each `view`, each `zone` (at the
 *   top or in a view), `logging`, ... A view's value overrides the one in `options`, which
 *   overrides named's built-in default. A statement set twice in one scope is an error to
 *   named ("'recursion' redefined"), unless the grammar lets it repeat (`zone`, `listen-on`).
 * - `include "file";` is read in place wherever a statement may stand (not inside an
 *   address match list). See {@link loadNamedConfig} for how relative paths resolve.
 * - Address match lists are read first match first: `!` negates, nested lists and `acl`
 *   names expand in place, `any`, `none`, `localhost` and `localnets` are built in.
 * - The recursion ACLs inherit from each other (see {@link recursionAccess}).
 *
 * Rules ask these helpers; none of them re-learns the format.
 */
import {posix} from 'node:path'
import {documentReader} from '../../core/document.js'
import {ConfigSyntaxError, HardenConfigError} from '../../core/errors.js'
import type {LoadOptions} from '../../core/format.js'
import type {Configuration, Document} from '../../core/rule.js'
import {scopes as knownScopes, type ClauseInfo} from './keywords.js'
import {parse} from './parse.js'
import type {NamedBlock, NamedRoot, NamedStatement, NamedTerm} from './types.js'

/** What the server is for, as the administrator says (the format setting `role`). */
export type NamedRole = 'resolver' | 'authoritative' | 'both'

/** Settings of the named format. */
export interface NamedSettings {
  /**
   * What the server is for: `resolver` (answers its own clients' queries by recursion),
   * `authoritative` (serves its zones to everyone, resolves for nobody), or `both`
   * (the default: recursion for trusted clients, zones for everyone).
   */
  role: NamedRole
}

/** A document of a named configuration. */
export type NamedDocument = Document<NamedRoot>

/**
 * A scope: the top level of the configuration, or the block of a statement that holds
 * options (`options`, a `view`, a `zone`, `logging`, a `channel`, ...).
 */
export interface NamedScope {
  /** The scope's path in {@link knownScopes}: `root`, `options`, `view`, `zone`, `logging.channel`, `view.server`, ... */
  name: string
  /** The statement whose block this is; undefined for the top level. */
  owner: NamedEntry | undefined
  parent: NamedScope | undefined
  /** Its statements, includes read in place, in reading order. */
  entries: NamedEntry[]
}

/** A statement as named reads it: where it is, what it is, and in which scope. */
export interface NamedEntry {
  document: NamedDocument
  statement: NamedStatement
  /** The first term in lower case when it is a bare word (`options`, `allow-query`); `''` otherwise. */
  keyword: string
  /** The scope it stands in. */
  scope: NamedScope
  /** For a statement whose block holds options: that block as a scope. */
  body: NamedScope | undefined
  /** The `include` statements it was read through, outermost first. */
  via: NamedEntry[]
}

/** One `include` statement and the file it names. */
export interface NamedInclude {
  entry: NamedEntry
  /** The path as written. */
  written: string
  /** The system path it was read from (relative paths resolved, see {@link loadNamedConfig}). */
  path: string
  /** Whether the file exists (named refuses a configuration that includes a missing file). */
  found: boolean
}

/** A loaded named configuration: the named file, what it includes, and its scopes. */
export interface NamedConfig extends Configuration<NamedRoot> {
  format: 'named'
  role: NamedRole
  /** The top level, includes read in place. */
  root: NamedScope
  /** Every statement of every scope, in reading order. */
  entries: NamedEntry[]
  includes: NamedInclude[]
  /**
   * True when the named file is not a whole configuration but a piece another file
   * includes (Debian's `named.conf.options`, `named.conf.local`), checked on its own: what
   * it leaves out is decided elsewhere, so missing settings are not reported.
   */
  fragment: boolean
}

// ----- Tokens -------------------------------------------------------------------------------

/**
 * A quoted string's value: without its quotes, `\"` read as `"` (BIND's lexer keeps every
 * other backslash).
 *
 * @param raw the string as written, quotes included
 */
export function unquote(raw: string): string {
  return raw.slice(1, -1).replace(/\\"/g, '"')
}

/**
 * The terms of a statement (its words, strings, negations and blocks), without trivia.
 *
 * @param statement the statement
 */
export function termsOf(statement: NamedStatement): NamedTerm[] {
  return statement.children.filter((child): child is NamedTerm => child.type !== 'whitespace' && child.type !== 'comment')
}

/**
 * The value of a word or string term (a string without its quotes); undefined for a block
 * or a negation.
 *
 * @param term the term
 */
export function termValue(term: NamedTerm | undefined): string | undefined {
  if (term?.type === 'word') return term.value
  if (term?.type === 'string') return unquote(term.value)
  return undefined
}

/**
 * The keyword of a statement in lower case, or `''` when it does not start with a bare
 * word (an element of an address match list such as `"trusted";` or `!10.0.0.1;`).
 *
 * @param statement the statement
 */
export function keywordOf(statement: NamedStatement): string {
  const first = statement.children[0]
  return first?.type === 'word' ? first.value.toLowerCase() : ''
}

/**
 * The first block of a statement: the body of `options { ... }`, the list of
 * `allow-query { ... }`, or of `allow-transfer port 53 { ... }`.
 *
 * @param statement the statement
 */
export function blockOf(statement: NamedStatement): NamedBlock | undefined {
  return statement.children.find((child): child is NamedBlock => child.type === 'block')
}

/**
 * The statements of a block, without trivia.
 *
 * @param block the block
 */
export function statementsOf(block: {children: ReadonlyArray<{type: string}>}): NamedStatement[] {
  return block.children.filter((child): child is NamedStatement => child.type === 'statement')
}

/**
 * The name a statement gives (`zone "example.org"`, `view internal`, `acl trusted`): its
 * second term's value.
 *
 * @param entry the statement
 */
export function nameOf(entry: NamedEntry): string | undefined {
  return termValue(termsOf(entry.statement)[1])
}

/**
 * A statement for messages, on one line: `allow-query { any; }`, with white space
 * collapsed, comments dropped, and long lists cut.
 *
 * @param statement the statement
 * @param max the longest text before it is cut with `...`
 */
export function describeStatement(statement: NamedStatement, max = 80): string {
  const render = (terms: readonly NamedTerm[]): string =>
    terms
      .map((term) => (term.type === 'block' ? `{ ${statementsOf(term).map((s) => `${render(termsOf(s))};`).join(' ')}${statementsOf(term).length > 0 ? ' ' : ''}}` : term.value))
      .join(' ')
      .replace(/! /g, '!')
  const text = render(termsOf(statement))
  return text.length > max ? `${text.slice(0, max - 3)}...` : text
}

/**
 * Reads a boolean as named does: `yes`, `true`, `1` or `no`, `false`, `0`, in any case.
 *
 * @param value the value as written
 * @returns the boolean, or undefined when it is none
 */
export function parseBoolean(value: string | undefined): boolean | undefined {
  const lower = value?.toLowerCase()
  if (lower === 'yes' || lower === 'true' || lower === '1') return true
  if (lower === 'no' || lower === 'false' || lower === '0') return false
  return undefined
}

// ----- Scopes -------------------------------------------------------------------------------

/**
 * The statements named knows in a scope, or undefined for a scope this library does not
 * know (then nothing in it is checked).
 *
 * @param scope the scope
 */
export function knownClauses(scope: NamedScope): ReadonlyMap<string, ClauseInfo> | undefined {
  return knownScopes[scope.name]
}

/**
 * The path of the scope a statement's block opens, when that block holds options:
 * `options`, `view`, `zone`, `logging.channel`, ... The top level's `zone` and a view's
 * `zone` are the same scope.
 */
function childScopeName(parent: NamedScope, keyword: string): string | undefined {
  if (keyword === '' || keyword === 'include') return undefined
  const name = parent.name === 'root' ? keyword : parent.name === 'view' && keyword === 'zone' ? 'zone' : `${parent.name}.${keyword}`
  return knownScopes[name] === undefined ? undefined : name
}

/**
 * The statements of a scope with a keyword, in reading order.
 *
 * @param scope the scope
 * @param keyword the keyword, in lower case
 */
export function entriesIn(scope: NamedScope | undefined, keyword: string): NamedEntry[] {
  return scope === undefined ? [] : scope.entries.filter((entry) => entry.keyword === keyword)
}

/**
 * The first statement of a scope with a keyword (named allows only one of most).
 *
 * @param scope the scope
 * @param keyword the keyword, in lower case
 */
export function entryIn(scope: NamedScope | undefined, keyword: string): NamedEntry | undefined {
  return scope?.entries.find((entry) => entry.keyword === keyword)
}

/**
 * The `options` statement (the first one; a second is an error to named).
 *
 * @param config the configuration
 */
export function optionsEntry(config: NamedConfig): NamedEntry | undefined {
  return entryIn(config.root, 'options')
}

/**
 * The `view` statements, in reading order.
 *
 * @param config the configuration
 */
export function viewEntries(config: NamedConfig): NamedEntry[] {
  return entriesIn(config.root, 'view')
}

/**
 * The `zone` statements of the top level or of a view.
 *
 * @param scope the top level or a view's body
 */
export function zoneEntries(scope: NamedScope | undefined): NamedEntry[] {
  return entriesIn(scope, 'zone')
}

/**
 * Every zone of the configuration, at the top level and in every view.
 *
 * @param config the configuration
 */
export function allZones(config: NamedConfig): NamedEntry[] {
  return [...zoneEntries(config.root), ...viewEntries(config).flatMap((view) => zoneEntries(view.body))]
}

/**
 * A zone's type in lower case, with the old names read as the new ones (`master` is
 * `primary`, `slave` is `secondary`); undefined when the zone sets none.
 *
 * @param zone the `zone` statement
 */
export function zoneType(zone: NamedEntry): string | undefined {
  const type = optionValue(entryIn(zone.body, 'type'))?.toLowerCase()
  return type === 'master' ? 'primary' : type === 'slave' ? 'secondary' : type
}

/**
 * The value of a one-value option (`recursion no;`, `version "x";`), without quotes.
 *
 * @param entry the statement
 */
export function optionValue(entry: NamedEntry | undefined): string | undefined {
  return entry === undefined ? undefined : termValue(termsOf(entry.statement)[1])
}

// ----- Address match lists ------------------------------------------------------------------

/** The built-in ACLs (ARM, "Address Match Lists"). */
export const BUILTIN_ACLS = ['any', 'none', 'localhost', 'localnets'] as const

/** One element of an address match list, as named reads it. */
export type AddressMatchElement = {
  /** The statement it is written as, inside the list's block. */
  statement: NamedStatement
  /** An odd number of `!` before it. */
  negated: boolean
} & (
  | {kind: 'builtin'; name: (typeof BUILTIN_ACLS)[number]}
  | {kind: 'acl'; name: string; definition: NamedEntry | undefined}
  | {kind: 'prefix'; address: string; length: number; family: 4 | 6}
  | {kind: 'key'; name: string}
  | {kind: 'list'; elements: AddressMatchElement[]}
  | {kind: 'other'; text: string}
)

const IPV4 = /^(?:\d{1,3})(?:\.\d{1,3}){0,3}$/
const IPV6 = /^[0-9a-f:.]*:[0-9a-f:.]*(?:%\S+)?$/i

/**
 * Reads the elements of an address match list.
 *
 * @param config the configuration (for `acl` names)
 * @param block the list's block
 */
export function addressMatchList(config: NamedConfig, block: NamedBlock): AddressMatchElement[] {
  return statementsOf(block).map((statement) => readElement(config, statement))
}

function readElement(config: NamedConfig, statement: NamedStatement): AddressMatchElement {
  const terms = termsOf(statement)
  let bangs = 0
  while (terms[bangs]?.type === 'negation') bangs++
  const negated = bangs % 2 === 1
  const rest = terms.slice(bangs)
  const first = rest[0]
  if (first?.type === 'block') return {statement, negated, kind: 'list', elements: addressMatchList(config, first)}
  const word = termValue(first) ?? ''
  if (first?.type === 'word' && word.toLowerCase() === 'key') return {statement, negated, kind: 'key', name: termValue(rest[1]) ?? ''}
  // named reads `10.0.0.0 / 8` as `10.0.0.0/8`: join the words of the element.
  const text = rest.map((term) => termValue(term) ?? '').join('')
  const builtin = BUILTIN_ACLS.find((name) => name === text.toLowerCase())
  if (builtin !== undefined && rest.length === 1) return {statement, negated, kind: 'builtin', name: builtin}
  const prefix = /^([^/]+)(?:\/(\d+))?$/.exec(text)
  if (prefix !== null && first?.type === 'word') {
    const address = prefix[1]!
    const family = IPV4.test(address) ? 4 : IPV6.test(address) ? 6 : undefined
    if (family !== undefined) {
      // A prefix without a length covers the address alone (an IPv4 address written short, `10/8`, needs its length).
      const length = prefix[2] !== undefined ? Number(prefix[2]) : family === 4 ? 32 : 128
      return {statement, negated, kind: 'prefix', address, length, family}
    }
  }
  if (rest.length === 1 && (first?.type === 'word' || first?.type === 'string')) {
    return {statement, negated, kind: 'acl', name: text, definition: aclDefinition(config, text)}
  }
  return {statement, negated, kind: 'other', text: rest.map((term) => (term.type === 'block' ? '{...}' : term.value)).join(' ')}
}

/**
 * The `acl` statement that defines a name (ACL names are case-sensitive).
 *
 * @param config the configuration
 * @param name the name
 */
export function aclDefinition(config: NamedConfig, name: string): NamedEntry | undefined {
  return entriesIn(config.root, 'acl').find((entry) => nameOf(entry) === name)
}

/**
 * How far an address match list lets clients in:
 *
 * - `open`: a positive element that every address of a family matches (`any`,
 *   `0.0.0.0/0`, `::/0`), or one that covers a large part of the Internet (an IPv4 prefix
 *   shorter than /8, an IPv6 one shorter than /16, which no site owns), is reached before
 *   any negated element that matches every address; an ACL name or a nested list counts as
 *   what it holds;
 * - `limited`: any other list (localhost, localnets, named ACLs, addresses, keys).
 *
 * Elements are read in order, first match first, as named does.
 *
 * @param config the configuration
 * @param elements the list's elements
 * @returns the verdict, and the element that opens the list
 */
export function listOpenness(config: NamedConfig, elements: readonly AddressMatchElement[]): {open: boolean; element?: AddressMatchElement | undefined} {
  return opennessOf(config, elements, new Set())
}

function opennessOf(config: NamedConfig, elements: readonly AddressMatchElement[], seen: Set<string>): {open: boolean; element?: AddressMatchElement | undefined} {
  for (const element of elements) {
    const universal = coversEveryone(config, element, seen)
    if (universal && element.negated) return {open: false}
    if (universal) return {open: true, element}
  }
  return {open: false}
}

/** Whether an element (read without its negation) matches every client or a large part of the Internet. */
function coversEveryone(config: NamedConfig, element: AddressMatchElement, seen: Set<string>): boolean {
  switch (element.kind) {
    case 'builtin':
      return element.name === 'any'
    case 'prefix':
      return element.family === 4 ? element.length < 8 : element.length < 16
    case 'list':
      return opennessOf(config, element.elements, seen).open
    case 'acl': {
      if (element.definition === undefined || seen.has(element.name)) return false
      const block = blockOf(element.definition.statement)
      if (block === undefined) return false
      return opennessOf(config, addressMatchList(config, block), new Set([...seen, element.name])).open
    }
    default:
      return false
  }
}

// ----- Recursion ----------------------------------------------------------------------------

/** Where the value of a recursion ACL comes from. */
export interface AclSource {
  /** The statement whose list applies; undefined for named's built-in default. */
  entry: NamedEntry | undefined
  /**
   * How it was found: set in the view or in `options` (`set`), inherited from another ACL
   * (`allow-query-cache`, `allow-recursion`, `allow-query`), or named's default
   * (`localnets; localhost;`).
   */
  from: 'set' | 'allow-query-cache' | 'allow-recursion' | 'allow-query' | 'default'
  /** Whether the list lets everybody in (see {@link listOpenness}). */
  open: boolean
}

/** Who may use a view's recursion and cache, as named computes it. */
export interface RecursionAccess {
  /** The view; undefined for the one implicit view of a configuration without `view` statements. */
  view: NamedEntry | undefined
  /** Whether recursion is on: the view's `recursion`, else the one in `options`, else named's default (yes). */
  recursion: {enabled: boolean; entry: NamedEntry | undefined}
  allowRecursion: AclSource
  allowQueryCache: AclSource
}

/**
 * Who may recurse and read the cache in each view, following named's inheritance
 * (bin/named/server.c, ARM `allow-recursion`, `allow-query-cache`; checked with a running
 * named, ../shared/notes/daemons.md):
 *
 * 1. Each of `allow-query`, `allow-query-cache` and `allow-recursion` is the view's own
 *    statement, else the one in `options`.
 * 2. `allow-query-cache` unset: it is `allow-recursion` when that is set, else `allow-query`.
 *    `allow-recursion` unset: it is `allow-query-cache` when that is set, else `allow-query`.
 *    So `allow-query { any; };` alone makes an open resolver.
 * 3. Still unset: named's default, `localnets; localhost;`.
 *
 * A client may recurse only when both ACLs let it in.
 *
 * @param config the configuration
 */
export function recursionAccess(config: NamedConfig): RecursionAccess[] {
  const options = optionsEntry(config)?.body
  const views = viewEntries(config)
  const targets: Array<NamedEntry | undefined> = views.length > 0 ? views : [undefined]
  return targets.map((view) => {
    const lookup = (keyword: string): NamedEntry | undefined => entryIn(view?.body, keyword) ?? entryIn(options, keyword)
    const query = lookup('allow-query')
    const cache = lookup('allow-query-cache')
    const recursion = lookup('allow-recursion')
    const source = (entry: NamedEntry | undefined, from: AclSource['from']): AclSource => ({entry, from, open: entry === undefined ? false : entryIsOpen(config, entry)})
    const allowQueryCache = cache ? source(cache, 'set') : recursion ? source(recursion, 'allow-recursion') : query ? source(query, 'allow-query') : source(undefined, 'default')
    const allowRecursion = recursion ? source(recursion, 'set') : cache ? source(cache, 'allow-query-cache') : query ? source(query, 'allow-query') : source(undefined, 'default')
    const switchEntry = lookup('recursion')
    return {view, recursion: {enabled: parseBoolean(optionValue(switchEntry)) ?? true, entry: switchEntry}, allowRecursion, allowQueryCache}
  })
}

/**
 * Whether the address match list of a statement lets everybody in.
 *
 * @param config the configuration
 * @param entry an `allow-...` statement
 */
export function entryIsOpen(config: NamedConfig, entry: NamedEntry): boolean {
  const block = blockOf(entry.statement)
  return block === undefined ? false : listOpenness(config, addressMatchList(config, block)).open
}

/**
 * Describes a view for messages: `view "internal"`, or `options` for a configuration
 * without views.
 *
 * @param view the view, or undefined
 */
export function describeView(view: NamedEntry | undefined): string {
  if (view === undefined) return '`options`'
  const name = termsOf(view.statement)[1]
  return name?.type === 'word' || name?.type === 'string' ? `\`view ${name.value}\`` : '`view`'
}

// ----- Loading ------------------------------------------------------------------------------

/**
 * Whether a file is a piece of a configuration rather than a whole one: Debian's split
 * files `named.conf.options`, `named.conf.local`, `named.conf.default-zones`, and anything
 * else named `named.conf.*`.
 *
 * @param systemPath the file
 */
export function isFragmentPath(systemPath: string): boolean {
  return /^named\.conf\.[^/]+$/.test(posix.basename(systemPath))
}

/**
 * Reads a `named.conf` and every file it includes, as named does.
 *
 * Relative `include` paths resolve as named resolves them: against its working folder,
 * which it changes to the `directory` option as soon as it reads it (named-checkconf does
 * the same). The working folder is `/` for a configuration named by its absolute system
 * path, as for the daemon systemd starts (and `named-checkconf -t ROOT`, which reads
 * `include "named.conf.local";` as `/named.conf.local`), and the host's working folder for
 * one named by a relative path (a copy checked where it lies, as `named-checkconf FILE`
 * run there does). So `include "named.conf.local";` in `/etc/bind/named.conf` is
 * `/named.conf.local` before `options { directory "/var/cache/bind"; }` and
 * `/var/cache/bind/named.conf.local` after it: neither is `/etc/bind/named.conf.local`,
 * and a rule reports the missing file.
 *
 * An included file that does not exist is recorded with `found: false` (a rule reports it:
 * named refuses the configuration). A file that includes itself, directly or not, or
 * includes nested deeper than the limit, is a syntax error.
 *
 * @param entry the file the user named (a system path)
 * @param options where to read, settings, limits and the parse cache
 */
export function loadNamedConfig(entry: string, options: LoadOptions<NamedSettings>): NamedConfig {
  const entries: NamedEntry[] = []
  const includes: NamedInclude[] = []

  const {documents, read: readDocument} = documentReader<NamedRoot>({format: 'named', parse, host: options.host, limits: options.limits, cache: options.cache})

  let folder = posix.isAbsolute(entry) ? '/' : '.'
  const root: NamedScope = {name: 'root', owner: undefined, parent: undefined, entries: []}

  const walk = (doc: NamedDocument, statements: readonly NamedStatement[], scope: NamedScope, via: NamedEntry[], stack: readonly string[]): void => {
    for (const statement of statements) {
      const keyword = keywordOf(statement)
      const item: NamedEntry = {document: doc, statement, keyword, scope, body: undefined, via}
      entries.push(item)
      scope.entries.push(item)
      if (keyword === 'include') {
        include(item, stack)
        continue
      }
      const name = childScopeName(scope, keyword)
      const block = blockOf(statement)
      if (name !== undefined && block !== undefined) {
        item.body = {name, owner: item, parent: scope, entries: []}
        walk(doc, statementsOf(block), item.body, via, stack)
      }
      if (keyword === 'directory' && scope.name === 'options') {
        const value = optionValue(item)
        if (value !== undefined && value !== '') folder = posix.isAbsolute(value) ? posix.normalize(value) : posix.join(folder, value)
      }
    }
  }

  const include = (item: NamedEntry, stack: readonly string[]): void => {
    const written = optionValue(item)
    if (written === undefined) return
    const path = posix.isAbsolute(written) ? posix.normalize(written) : posix.join(folder, written)
    const position = item.statement.position!
    if (stack.includes(path)) {
      throw new ConfigSyntaxError(`\`include "${written}"\` includes a file that is already being read: named would read it for ever`, item.document.path, position.start, item.document.text)
    }
    if (stack.length > options.limits.maxIncludeDepth) {
      throw new ConfigSyntaxError(`Includes nested more than ${options.limits.maxIncludeDepth} deep`, item.document.path, position.start, item.document.text)
    }
    const doc = options.host.stat(path)?.kind === 'file' ? readDocument(path) : undefined
    includes.push({entry: item, written, path, found: doc !== undefined})
    if (doc !== undefined) walk(doc, statementsOf(doc.tree), item.scope, [...item.via, item], [...stack, path])
  }

  const main = readDocument(entry)
  if (main === undefined) throw new HardenConfigError(`${entry}: no such file`, 'ENOENT', entry)
  walk(main, statementsOf(main.tree), root, [], [entry])
  return {format: 'named', role: options.settings.role, main, documents, root, entries, includes, fragment: isFragmentPath(entry)}
}

/**
 * Describes a scope for messages: `the top level`, `` `options` ``, `` `view "internal"` ``,
 * `` `zone "example.org"` ``, `` `channel default_log` ``.
 *
 * @param scope the scope
 */
export function describeScope(scope: NamedScope): string {
  const owner = scope.owner
  if (owner === undefined) return 'the top level'
  const name = termsOf(owner.statement)[1]
  const written = termsOf(owner.statement)[0]?.type === 'word' ? (termsOf(owner.statement)[0] as {value: string}).value : owner.keyword
  return name === undefined || name.type === 'block' || name.type === 'negation' ? `\`${written}\`` : `\`${written} ${name.value}\``
}
