/**
 * What an httpd configuration means, as httpd 2.4 builds it (server/config.c, core.c,
 * mod_so, the Include and If* directives):
 *
 * - A word's value: continuations removed, `${VAR}` replaced (from `Define` and the
 *   environment httpd starts with, which Debian sets in `envvars`), quotes and `\\`/`\"`
 *   escapes resolved (ap_getword_conf).
 * - `Include` and `IncludeOptional` are read in place, in the section they stand in:
 *   relative paths under `ServerRoot` (by default the main file's folder), wildcards and
 *   folders expanded in sorted order, links followed to the real file.
 * - `<IfModule>`, `<IfDefine>`, `<IfVersion>` are decided while reading: a module counts once
 *   a `LoadModule` for it was read (or it is compiled in).
 * - Server-wide single-valued directives: the last one read wins.
 *
 * Rules ask these helpers; none of them re-learns the format.
 */
import {posix} from 'node:path'
import {ConfigSyntaxError, HardenConfigError} from '../../core/errors.js'
import {documentReader} from '../../core/document.js'
import type {LoadOptions} from '../../core/format.js'
import type {FileHost, FileStat} from '../../core/host.js'
import {glob, hasMagic} from '../../core/glob.js'
import type {Configuration, Document} from '../../core/rule.js'
import {readSystemText} from '../../core/system.js'
import {parse} from './parse.js'
import type {ApacheContent, ApacheDirective, ApacheRoot, ApacheSection, ApacheWord} from './types.js'

/** Settings of the apache format. */
export interface ApacheSettings {
  /** The httpd release the configuration is for (for `<IfVersion>`). */
  version: string
  /** Names defined on httpd's command line (`-D NAME`), for `<IfDefine>`. */
  defines: string[]
  /** `ServerRoot` when the configuration does not set it (default: the main file's folder). */
  serverRoot: string
}

/** A document of an httpd configuration. */
export type ApacheDocument = Document<ApacheRoot>

/** A section a directive stands in. */
export interface ApacheScope {
  document: ApacheDocument
  section: ApacheSection
  /** The section's name, lower case (`virtualhost`, `directory`, `ifmodule`, ...). */
  kind: string
  /** Its arguments' values. */
  args: string[]
}

/** A directive as httpd reads it: where it is, its values, and where it applies. */
export interface ApacheEntry {
  document: ApacheDocument
  directive: ApacheDirective
  /** The name, lower case. */
  name: string
  /** The arguments' values. */
  args: string[]
  /**
   * True when each value is the value of the word written at the same place: no `${VAR}`
   * expanded into several words or none. Rules edit a word by its index only then.
   */
  literal: boolean
  /** The sections it stands in, outermost first (across includes). */
  scopes: ApacheScope[]
  /** False inside an `<IfModule>`, `<IfDefine>` or `<IfVersion>` that does not hold. */
  active: boolean
  /** The `Include` lines it was read through, outermost first. */
  via: ApacheEntry[]
}

/** A section as httpd reads it, with the same facts as a directive. */
export interface ApacheSectionEntry {
  document: ApacheDocument
  section: ApacheSection
  kind: string
  args: string[]
  scopes: ApacheScope[]
  active: boolean
}

/** A loaded httpd configuration. */
export interface ApacheConfig extends Configuration<ApacheRoot> {
  format: 'apache'
  /**
   * True when the named file is not a main configuration (`apache2.conf`, `httpd.conf`):
   * a fragment such as `userdir.conf` checked on its own. Conditions on modules then
   * count as holding, and what a fragment leaves out is not reported.
   */
  fragment: boolean
  /** The folder relative paths are read under. */
  serverRoot: string
  /** Every directive, includes expanded in place, in reading order. */
  entries: ApacheEntry[]
  /** Every section, in reading order. */
  sections: ApacheSectionEntry[]
  /** Modules loaded (identifiers such as `ssl_module`) at the end of reading. */
  modules: Set<string>
  /** Variables for `${VAR}`: the environment (envvars) and `Define`s, as they stand at the end of reading. */
  variables: Variables
  /**
   * The log files the configuration writes, with what the file system says of them: only
   * when the configuration was read by its system path (possibly under `--root`).
   */
  logFiles: LogFile[] | undefined
}

/** A log file the configuration writes. */
export interface LogFile {
  /** The directive that names it (`ErrorLog`, `CustomLog`, ...). */
  entry: ApacheEntry
  /** Its system path. */
  path: string
  /** Its mode, owner and group, or undefined when it does not exist (yet). */
  stat: FileStat | undefined
}

/** Directives whose first argument is a log file. */
export const LOG_DIRECTIVES = new Set(['errorlog', 'customlog', 'transferlog', 'globallog', 'forensiclog', 'scriptlog', 'rewritelog'])

/**
 * The log files of a configuration (piped logs and syslog left out), with their modes.
 *
 * @param config the configuration
 * @param host where to look
 */
export function gatherLogFiles(config: ApacheConfig, host: FileHost): LogFile[] {
  const files: LogFile[] = []
  for (const entry of config.entries) {
    if (!entry.active || !LOG_DIRECTIVES.has(entry.name)) continue
    const target = entry.args[0]
    if (target === undefined || target.startsWith('|') || target.startsWith('syslog') || target.includes('${')) continue
    const path = posix.isAbsolute(target) ? target : posix.join(config.serverRoot, target)
    files.push({entry, path, stat: host.stat(path)})
  }
  return files
}

/** The modules compiled into Debian's httpd (`apache2 -l`): always loaded. */
export const STATIC_MODULES = ['core_module', 'so_module', 'watchdog_module', 'http_module', 'log_config_module', 'logio_module', 'version_module', 'unixd_module']

/** Sections that only decide whether their content is read. */
export const CONDITIONAL_SECTIONS = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection'])

/** Sections that scope their content to a virtual host or to requests. */
export const CONTEXT_SECTIONS = new Set(['virtualhost', 'directory', 'directorymatch', 'files', 'filesmatch', 'location', 'locationmatch', 'proxy', 'proxymatch', 'limit', 'limitexcept', 'if', 'elseif', 'else', 'macro', 'mdomain', 'mdomainset'])

/**
 * The names `${VAR}` can stand for: `Define`s, whose names httpd keeps in a table that
 * ignores case, and the environment httpd starts with (Debian's `envvars`), whose names do
 * not. `UnDefine` removes a define, never the environment's value.
 */
export class Variables {
  private readonly defines = new Map<string, string>()

  /**
   * @param environment the environment (envvars), by exact name
   */
  constructor(readonly environment: ReadonlyMap<string, string> = new Map()) {}

  /**
   * Defines a name (`Define NAME value`).
   *
   * @param name the name
   * @param value its value
   */
  define(name: string, value: string): void {
    this.defines.set(name.toLowerCase(), value)
  }

  /**
   * Removes a define (`UnDefine NAME`).
   *
   * @param name the name
   */
  undefine(name: string): void {
    this.defines.delete(name.toLowerCase())
  }

  /**
   * The value of a name, as ap_resolve_env looks it up: defines first, then the environment.
   *
   * @param name the name
   */
  lookup(name: string): string | undefined {
    return this.defines.get(name.toLowerCase()) ?? this.environment.get(name)
  }
}

/**
 * Splits text into words as ap_getword_conf does: white space separates; a word that
 * starts with a quote runs to the same quote (`\\"` and `\\\\` escape inside) or to the end;
 * a new word may start right after a closing quote. Each word's value is unquoted.
 *
 * @param text the text, continuations already removed
 */
export function splitWords(text: string): string[] {
  const words: string[] = []
  let at = 0
  const space = /[ \t\n\v\f\r]/
  while (at < text.length) {
    while (at < text.length && space.test(text[at]!)) at++
    if (at >= text.length) break
    const quote = text[at]
    let end: number
    if (quote === '"' || quote === "'") {
      end = at + 1
      while (end < text.length && text[end] !== quote) end += text[end] === '\\' && (text[end + 1] === quote || text[end + 1] === '\\') ? 2 : 1
      words.push(unquote(text.slice(at, end + 1)))
      end = Math.min(end + 1, text.length)
    } else {
      end = at
      while (end < text.length && !space.test(text[end]!)) end++
      words.push(unquote(text.slice(at, end)))
    }
    at = end
  }
  return words
}

/** A word's value once continuations and variables are dealt with: quotes and escapes resolved. */
function unquote(text: string): string {
  const quote = text[0]
  if (quote === '"' || quote === "'") {
    const end = findClosingQuote(text, quote)
    const inner = text.slice(1, end === -1 ? text.length : end)
    return inner.replace(new RegExp(`\\\\([\\\\${quote}])`, 'g'), '$1')
  }
  return text.replace(/\\\\/g, '\\')
}

/**
 * The value of a word: continuations removed, variables replaced, quotes and escapes
 * resolved as ap_getword_conf does.
 *
 * @param raw the word as written
 * @param variables the variables for `${VAR}` (unknown ones stay as they are, as httpd leaves them with a warning)
 */
export function wordValue(raw: string, variables?: Variables): string {
  let text = raw.replace(/\\\r?\n/g, '')
  if (variables !== undefined) text = resolveVariables(text, variables)
  return unquote(text)
}

/**
 * The values of a line's words as httpd reads them (server/config.c): variables are
 * replaced in the whole text first (so one `${VAR}` can stand for several words), then it
 * is split into words.
 *
 * @param words the words as written
 * @param variables the variables
 * @returns the values, and whether they match the written words one to one
 */
export function wordValues(words: readonly ApacheWord[], variables: Variables): {values: string[]; literal: boolean} {
  if (!words.some((word) => word.value.includes('${'))) return {values: words.map((word) => wordValue(word.value)), literal: true}
  const text = words.map((word, i) => (i === 0 ? '' : word.before) + word.value).join('').replace(/\\\r?\n/g, '')
  return {values: splitWords(resolveVariables(text, variables)), literal: false}
}

/**
 * A section's name without continuations, lower case (`directory`).
 *
 * @param raw the name as written
 */
export function sectionKind(raw: string): string {
  return raw.replace(/\\\r?\n/g, '').toLowerCase()
}

function findClosingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\' && (text[i + 1] === quote || text[i + 1] === '\\')) i++
    else if (text[i] === quote) return i
  }
  return -1
}

/**
 * Replaces `${VAR}` as httpd does (ap_resolve_env): the name runs from `${` to the first
 * `}`; a known name is replaced by its value, anything else is left as written (so
 * `${${A}}` stays as it is).
 *
 * @param text the text
 * @param variables the variables
 */
export function resolveVariables(text: string, variables: Variables): string {
  return text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => variables.lookup(name) ?? whole)
}

/**
 * The variables Debian's `envvars` exports (`export NAME=value`; `$SUFFIX` is empty for
 * the main instance), read from the folder of the main configuration.
 *
 * @param text the envvars script
 */
export function readEnvvars(text: string): Map<string, string> {
  const variables = new Map<string, string>()
  for (const match of text.matchAll(/^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*$/gm)) {
    const value = match[2]!.replace(/^["']|["']$/g, '').replace(/\$\{?SUFFIX\}?/g, '')
    variables.set(match[1]!, value)
  }
  return variables
}

/** Modules whose source file is not `mod_<name>.c` (the `name` field of their module struct). */
const SOURCE_FILES: Readonly<Record<string, string>> = {
  core_module: 'core.c',
  http_module: 'http_core.c',
  mpm_prefork_module: 'prefork.c',
  mpm_worker_module: 'worker.c',
  mpm_event_module: 'event.c',
}

/**
 * The source file httpd knows a module by (`mod_ssl.c` for `ssl_module`, `prefork.c` for
 * `mpm_prefork_module`).
 *
 * @param id the module's identifier
 */
export function moduleSourceFile(id: string): string {
  return SOURCE_FILES[id] ?? `mod_${id.replace(/_module$/, '')}.c`
}

/**
 * Whether a module `<IfModule>` names is loaded: by its identifier (`ssl_module`), or by
 * its source file (`mod_ssl.c`, `prefork.c`), as httpd's ap_find_linked_module does.
 *
 * @param name the name in the section
 * @param loaded the identifiers of the loaded modules
 */
export function moduleLoaded(name: string, loaded: ReadonlySet<string>): boolean {
  if (!name.endsWith('.c')) return loaded.has(name)
  for (const id of loaded) if (moduleSourceFile(id) === name) return true
  return false
}

/**
 * Whether a conditional section's condition holds.
 *
 * @param kind the section, lower case
 * @param args its arguments' values
 * @param state what is known at this point of the reading
 */
function conditionHolds(kind: string, args: string[], state: {modules: Set<string>; defines: Set<string>; version: string; fragment: boolean}): boolean {
  if (kind === 'ifversion') return versionHolds(args, state.version)
  // httpd takes a `!` off the text, then reads one word: `! x` and `!"x"` are `!x`.
  const [first = ''] = args
  const negate = first.startsWith('!')
  const rest = negate ? first.slice(1) : first
  const name = negate && rest === '' ? (args[1] ?? '') : wordValue(rest)
  let holds: boolean
  switch (kind) {
    case 'ifmodule':
      // A fragment is checked as if every module it names were loaded.
      holds = state.fragment || moduleLoaded(name, state.modules)
      break
    case 'ifdefine':
      holds = state.defines.has(name.toLowerCase())
      break
    default:
      // IfFile, IfDirective, IfSection: what the machine has decides; read the content.
      return true
  }
  return negate ? !holds : holds
}

/**
 * `<IfVersion [[!]operator] version>`: `=`/`==`, `<`, `<=`, `>`, `>=`, or `~` for a regular
 * expression (also `/regex/`).
 */
function versionHolds(args: string[], version: string): boolean {
  let [operator = '=', wanted = ''] = args.length === 1 ? ['=', args[0]!] : args
  const negate = operator.startsWith('!')
  if (negate) operator = operator.slice(1)
  let holds: boolean
  if (operator === '~' || /^\/.*\/$/.test(wanted)) {
    holds = new RegExp(wanted.replace(/^\/|\/$/g, '')).test(version)
  } else {
    const compare = compareVersions(version, wanted)
    holds = operator === '<' ? compare < 0 : operator === '<=' ? compare <= 0 : operator === '>' ? compare > 0 : operator === '>=' ? compare >= 0 : compare === 0
  }
  return negate ? !holds : holds
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number)
  const y = b.split('.').map(Number)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/**
 * Whether a path is a main httpd configuration (not a fragment).
 *
 * @param systemPath the file
 */
export function isMainConfig(systemPath: string): boolean {
  const base = posix.basename(systemPath)
  return base === 'apache2.conf' || base === 'httpd.conf'
}

/**
 * Reads an httpd configuration and everything it includes, as httpd would.
 *
 * @param entry the file the user named (a system path)
 * @param options where to read, settings, limits and the parse cache
 */
export function loadApacheConfig(entry: string, options: LoadOptions<ApacheSettings>): ApacheConfig {
  const entries: ApacheEntry[] = []
  const sections: ApacheSectionEntry[] = []
  const fragment = !isMainConfig(entry)
  const mainFolder = posix.dirname(entry)
  let serverRoot = options.settings.serverRoot === '' ? mainFolder : options.settings.serverRoot
  // Debian's envvars is beside apache2.conf; a fragment's is in the folder above its own.
  const envvars = [options.settings.serverRoot, mainFolder, posix.dirname(mainFolder)]
    .filter((folder) => folder !== '')
    .map((folder) => readSystemText(options.host, posix.join(folder, 'envvars')))
    .find((text) => text !== undefined)
  const variables = new Variables(envvars === undefined ? new Map() : readEnvvars(envvars))
  const state = {modules: new Set(STATIC_MODULES), defines: new Set(options.settings.defines.map((name) => name.toLowerCase())), version: options.settings.version, fragment}

  const {documents, read: readDocument} = documentReader<ApacheRoot>({format: 'apache', parse, host: options.host, limits: options.limits, cache: options.cache, sameFile: 'realPath'})


  const walk = (doc: ApacheDocument, children: readonly ApacheContent[], scopes: ApacheScope[], active: boolean, via: ApacheEntry[], depth: number): void => {
    for (const child of children) {
      if (child.type === 'section') {
        const kind = sectionKind(child.open.name.value)
        const args = wordValues(child.open.arguments, variables).values
        const holds = active && (!CONDITIONAL_SECTIONS.has(kind) || conditionHolds(kind, args, state))
        sections.push({document: doc, section: child, kind, args, scopes, active: holds})
        walk(doc, child.children, [...scopes, {document: doc, section: child, kind, args}], holds, via, depth)
        continue
      }
      if (child.type !== 'directive') continue
      const name = wordValue(child.name.value).toLowerCase()
      const {values: args, literal} = wordValues(child.arguments, variables)
      const item: ApacheEntry = {document: doc, directive: child, name, args, literal, scopes, active, via}
      entries.push(item)
      if (!active) continue
      // Directives httpd runs while it reads (EXEC_ON_READ) change what follows.
      if (name === 'define' && args[0] !== undefined) {
        state.defines.add(args[0].toLowerCase())
        if (args[1] !== undefined) variables.define(args[0], args[1])
      } else if (name === 'undefine' && args[0] !== undefined) {
        state.defines.delete(args[0].toLowerCase())
        variables.undefine(args[0])
      } else if (name === 'loadmodule' && args[0] !== undefined) {
        state.modules.add(args[0])
      } else if (name === 'serverroot' && args[0] !== undefined) {
        serverRoot = args[0]
      } else if (name === 'include' || name === 'includeoptional') {
        include(item, name === 'includeoptional', depth)
      }
    }
  }

  const include = (item: ApacheEntry, optional: boolean, depth: number): void => {
    if (depth + 1 > options.limits.maxIncludeDepth) {
      throw new ConfigSyntaxError(`Too many nested includes (more than ${options.limits.maxIncludeDepth} deep)`, item.document.path, item.directive.position!.start, item.document.text)
    }
    for (const value of item.args) {
      const pattern = posix.isAbsolute(value) ? value : posix.join(serverRoot, value)
      const files = expandInclude(options, pattern)
      if (files.length === 0 && !optional && !fragment) {
        throw new ConfigSyntaxError(
          hasMagic(pattern) ? `Include ${value}: no file matches it, and httpd refuses that (use IncludeOptional)` : `Include ${value}: no such file, and httpd refuses that (use IncludeOptional)`,
          item.document.path,
          item.directive.position!.start,
          item.document.text,
        )
      }
      for (const file of files) {
        const doc = readDocument(file)
        if (doc !== undefined) walk(doc, doc.tree.children, item.scopes, item.active, [...item.via, item], depth + 1)
      }
    }
  }

  const main = readDocument(entry)
  if (main === undefined) throw new HardenConfigError(`${entry}: no such file`, 'ENOENT', entry)
  walk(main, main.tree.children, [], true, [], 0)
  return {format: 'apache', main, documents, fragment, serverRoot, entries, sections, modules: state.modules, variables, logFiles: undefined}
}

/**
 * The files an `Include` names: a file, the files matching a wildcard, or every file in a
 * folder and the folders below it, sorted (httpd's ap_process_fnmatch_configs and
 * ap_process_resource_config).
 */
function expandInclude(options: LoadOptions<ApacheSettings>, pattern: string): string[] {
  const matches = glob(options.host, pattern)
  const files: string[] = []
  const visit = (path: string): void => {
    const stat = options.host.stat(path)
    if (stat?.kind === 'file') files.push(path)
    else if (stat?.kind === 'directory') {
      for (const name of (options.host.readDirectory(path) ?? []).sort()) visit(posix.join(path, name))
    }
  }
  for (const match of matches) visit(match)
  return files
}

/**
 * Whether an entry stands at server level: in no virtual host, directory, location or
 * files section (conditional sections do not count).
 *
 * @param entry the directive or section
 */
export function atServerLevel(entry: {scopes: readonly ApacheScope[]}): boolean {
  return entry.scopes.every((scope) => CONDITIONAL_SECTIONS.has(scope.kind))
}

/**
 * The nearest enclosing section of a kind (`virtualhost`, `directory`, ...), or undefined.
 *
 * @param entry the directive or section
 * @param kind the kind, lower case
 */
export function enclosing(entry: {scopes: readonly ApacheScope[]}, kind: string): ApacheScope | undefined {
  return [...entry.scopes].reverse().find((scope) => scope.kind === kind)
}

/**
 * The active directives of a name, in reading order.
 *
 * @param config the configuration
 * @param name the directive, any case
 */
export function activeEntries(config: ApacheConfig, name: string): ApacheEntry[] {
  const lower = name.toLowerCase()
  return config.entries.filter((entry) => entry.active && entry.name === lower)
}

/**
 * The server-level value of a single-valued directive: the last active one read outside
 * virtual hosts and request sections, as httpd keeps it.
 *
 * @param config the configuration
 * @param name the directive
 */
export function serverEntry(config: ApacheConfig, name: string): ApacheEntry | undefined {
  return activeEntries(config, name).filter(atServerLevel).at(-1)
}

/**
 * The active sections of a kind (`virtualhost`, `directory`, ...), in reading order.
 *
 * @param config the configuration
 * @param kind the kind, lower case
 */
export function activeSections(config: ApacheConfig, kind: string): ApacheSectionEntry[] {
  return config.sections.filter((section) => section.active && section.kind === kind)
}

/**
 * The active directives directly governed by a section (not those of sections nested in
 * it, but those read through an `Include` inside it, and inside conditional sections).
 *
 * @param config the configuration
 * @param section the section
 */
export function entriesIn(config: ApacheConfig, section: ApacheSection): ApacheEntry[] {
  return config.entries.filter((entry) => {
    if (!entry.active) return false
    const index = entry.scopes.findIndex((scope) => scope.section === section)
    return index !== -1 && entry.scopes.slice(index + 1).every((scope) => CONDITIONAL_SECTIONS.has(scope.kind))
  })
}

/** A `Listen` address: what the line says, and whether it is only reachable locally. */
export interface ListenAddress {
  entry: ApacheEntry
  /** The address part, or undefined for all addresses. */
  host: string | undefined
  port: string
  /** True for 127.0.0.0/8 and ::1. */
  loopback: boolean
}

/**
 * The addresses httpd listens on (`Listen [address:]port [protocol]`).
 *
 * @param config the configuration
 */
export function listenAddresses(config: ApacheConfig): ListenAddress[] {
  return activeEntries(config, 'Listen').map((entry) => {
    const value = entry.args[0] ?? ''
    const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(value)
    const colon = /^([^:]+):(\d+)$/.exec(value)
    const [host, port] = bracket ? [bracket[1], bracket[2]!] : colon ? [colon[1], colon[2]!] : [undefined, value]
    const loopback = host !== undefined && (/^127\./.test(host) || host === '::1' || host === 'localhost')
    return {entry, host, port, loopback}
  })
}

/**
 * The `<Directory>` sections that govern a path, in the order httpd merges them (shortest
 * path first; regular-expression ones after) — the last one that sets a directive wins.
 *
 * @param config the configuration
 * @param path the path asked about
 * @param virtualHost only the main server's sections and those of this virtual host
 */
export function directoriesFor(config: ApacheConfig, path: string, virtualHost?: ApacheSection): ApacheSectionEntry[] {
  const inScope = (section: ApacheSectionEntry) => {
    const host = enclosing(section, 'virtualhost')
    return host === undefined || host.section === virtualHost
  }
  const plain = activeSections(config, 'directory')
    .filter((section) => inScope(section) && section.args[0] !== '~' && directoryMatches(section.args[0] ?? '', path))
    .sort((a, b) => (a.args[0] ?? '').split('/').length - (b.args[0] ?? '').split('/').length)
  const regex = [...activeSections(config, 'directory').filter((s) => s.args[0] === '~'), ...activeSections(config, 'directorymatch')].filter(
    (section) => inScope(section) && safeRegExp(section.args.at(-1) ?? '')?.test(path),
  )
  return [...plain, ...regex]
}

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source)
  } catch {
    return undefined
  }
}

/** Whether a `<Directory>` path (wildcards allowed) covers a path or one of its parents. */
function directoryMatches(pattern: string, path: string): boolean {
  const parts = pattern.replace(/\/+$/, '').split('/')
  const target = path.replace(/\/+$/, '').split('/')
  if (pattern === '/') return true
  if (parts.length > target.length) return false
  return parts.every((part, i) => new RegExp(`^${part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`).test(target[i]!))
}

/** One word of an `Options` list. */
export interface OptionWord {
  /** Which argument of the directive it is. */
  index: number
  sign: '+' | '-' | ''
  /** The option, lower case (`indexes`, `followsymlinks`). */
  name: string
}

/**
 * The words of an `Options` directive (core.c set_options).
 *
 * @param args the directive's values
 */
export function optionWords(args: readonly string[]): OptionWord[] {
  return args.map((arg, index) => {
    const sign = arg.startsWith('+') ? '+' : arg.startsWith('-') ? '-' : ''
    return {index, sign, name: (sign === '' ? arg : arg.slice(1)).toLowerCase()}
  })
}

/**
 * How an `Options` list is written, as httpd 2.4 reads it (checked with `apache2 -t`):
 *
 * - `unsigned`: no word signed; the list replaces the inherited set.
 * - `signed`: every word signed; they edit the inherited set.
 * - `based`: an unsigned `All` or `None`, then signed words that edit it
 *   (`Options None +Indexes`, `Options All -Indexes`).
 * - `mixed`: anything else with signs, which httpd refuses ("Either all Options must start
 *   with + or -, or no Option may").
 *
 * @param words the words
 */
export function optionsKind(words: readonly OptionWord[]): 'signed' | 'unsigned' | 'based' | 'mixed' {
  const firstSigned = words.findIndex((word) => word.sign !== '')
  if (firstSigned === -1) return 'unsigned'
  if (words.slice(firstSigned).some((word) => word.sign === '')) return 'mixed'
  if (firstSigned === 0) return 'signed'
  return firstSigned === 1 && (words[0]!.name === 'all' || words[0]!.name === 'none') ? 'based' : 'mixed'
}

/** The protocols `SSLProtocol all` stands for with OpenSSL 1.1 and later (built without SSLv3). */
export const ALL_TLS_PROTOCOLS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']

/** mod_ssl's `SSLProtocol` when nothing sets it (httpd 2.4.17 and later). */
export const DEFAULT_SSL_PROTOCOL = ['all', '-SSLv3']

/**
 * The protocols an `SSLProtocol` value enables (ssl_engine_config.c ssl_cmd_protocol_parse):
 * a word without a sign sets the list to itself, `+` adds, `-` removes; `all` stands for
 * every protocol the library has.
 *
 * @param args the values
 */
export function sslProtocols(args: readonly string[]): Set<string> {
  let enabled = new Set<string>()
  for (const arg of args) {
    const sign = arg[0] === '+' || arg[0] === '-' ? arg[0] : ''
    const name = sign === '' ? arg : arg.slice(1)
    const names = name.toLowerCase() === 'all' ? ALL_TLS_PROTOCOLS : [name.replace(/^tlsv/i, 'TLSv').replace(/^sslv/i, 'SSLv')]
    if (sign === '') enabled = new Set(names)
    else if (sign === '+') for (const n of names) enabled.add(n)
    else for (const n of names) enabled.delete(n)
  }
  return enabled
}
