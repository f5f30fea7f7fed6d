/**
 * The configuration file: a project's or a host's own choices, found beside the files it
 * is about. `.harden-config.json`, or the `harden-config` key of a `package.json`, in the
 * checked file's folder or the nearest folder above it that has one (the nearest wins;
 * files are not merged), or a file named with `--config`:
 *
 *     {
 *       "profile": "strict",
 *       "rules": {
 *         "sshd/x11-forwarding": "off",
 *         "sshd/allow-users": {"options": {"users": ["alice", "bob"]}},
 *         "sshd/password-authentication": {"fix": "suggestion"}
 *       },
 *       "settings": {"named": {"role": "resolver"}},
 *       "unusedSuppressions": "error"
 *     }
 *
 * A rule is `"off"`, `"on"` (run it whatever the profile), or an object: `options` for
 * the rule, `fix`, the most its fixes may be trusted (`safe`, `unsafe`, `suggestion`: never
 * applied, `none`: report only), and `enabled` (default true). Every key and value is
 * checked: a mistake is an error that names the file, the key and what is expected.
 */
import {posix} from 'node:path'
import {ConfigSyntaxError, HardenConfigError} from './core/errors.js'
import type {FileHost} from './core/host.js'
import {OptionError, resolveOptions} from './core/options.js'
import type {Profile, RuleFixLevel} from './core/rule.js'
import {decodeBytes} from './core/text.js'
import type {AnyFormat} from './formats/index.js'

/** The configuration file's name. */
export const CONFIG_FILE_NAME = '.harden-config.json'

/** The key of `package.json` that holds the configuration. */
export const PACKAGE_KEY = 'harden-config'

/** How unused suppression comments are reported. */
export type UnusedSuppressionLevel = 'off' | 'warn' | 'error'

/** A rule's entry in the file. */
export type RuleEntry = 'off' | 'on' | {enabled?: boolean; options?: Record<string, unknown>; fix?: RuleFixLevel}

/** The file's contents, as written. */
export interface ConfigFileContents {
  $schema?: string
  profile?: Profile
  rules?: Record<string, RuleEntry>
  settings?: Record<string, Record<string, unknown>>
  unusedSuppressions?: UnusedSuppressionLevel
}

/** A configuration file, read and checked. */
export interface ConfigFile {
  /** Where it is, by system path (a `package.json` when the key is there). */
  path: string
  profile?: Profile | undefined
  /** Rules to run whatever the profile. */
  enable: string[]
  /** Rules never to run. */
  disable: string[]
  /** Options by rule id and settings by format id, as `harden()` takes them. */
  options: Record<string, Record<string, unknown>>
  /** The most each rule's fixes may be trusted. */
  fixCaps: Record<string, RuleFixLevel>
  unusedSuppressions?: UnusedSuppressionLevel | undefined
}

/** A mistake in a configuration file: its file, its key and what is expected. */
export class ConfigFileError extends HardenConfigError {
  /**
   * @param file the configuration file
   * @param key the key, as a path (`rules.sshd/allow-users.options.users`)
   * @param value what was given
   * @param expected what is accepted
   * @param line the key's line, when it can be found
   */
  constructor(
    file: string,
    readonly key: string,
    readonly value: unknown,
    readonly expected: string,
    line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: unexpected ${describe(value)} at \`${key}\`, expected ${expected}`, 'CONFIG', file)
    this.name = 'ConfigFileError'
  }
}

function describe(value: unknown): string {
  return value === undefined ? 'key' : `value ${JSON.stringify(value)}`
}

const TOP_KEYS = ['$schema', 'profile', 'rules', 'settings', 'unusedSuppressions'] as const
const FIX_LEVELS: readonly RuleFixLevel[] = ['safe', 'unsafe', 'suggestion', 'none']
const RULE_KEYS = ['enabled', 'options', 'fix'] as const

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function list(words: readonly string[]): string {
  return words.map((word) => `\`${word}\``).join(', ')
}

/**
 * Checks a configuration and turns it into what `harden()` takes.
 *
 * @param contents the parsed JSON
 * @param file the file's name, for errors
 * @param formats the formats whose rules and settings may be named
 * @param text the file's text, to find a key's line for errors
 */
export function checkConfigFile(contents: unknown, file: string, formats: readonly AnyFormat[], text = ''): ConfigFile {
  const lineOf = (name: string): number | undefined => {
    const at = text.indexOf(JSON.stringify(name))
    return at < 0 ? undefined : text.slice(0, at).split('\n').length
  }
  const fail = (key: string, value: unknown, expected: string, name = key.split('.').pop()!): never => {
    throw new ConfigFileError(file, key, value, expected, lineOf(name))
  }
  if (!isRecord(contents)) fail('(top)', contents, 'an object with the keys ' + list(TOP_KEYS))
  const config = contents as Record<string, unknown>
  for (const key of Object.keys(config)) if (!(TOP_KEYS as readonly string[]).includes(key)) fail(key, undefined, `one of ${list(TOP_KEYS)}`)
  if (config.$schema !== undefined && typeof config.$schema !== 'string') fail('$schema', config.$schema, 'a string (the JSON schema)')

  const result: ConfigFile = {path: file, enable: [], disable: [], options: {}, fixCaps: {}}
  if (config.profile !== undefined) {
    if (config.profile !== 'baseline' && config.profile !== 'strict') fail('profile', config.profile, '`baseline` or `strict`')
    result.profile = config.profile as Profile
  }
  if (config.unusedSuppressions !== undefined) {
    const levels = ['off', 'warn', 'error']
    if (!levels.includes(config.unusedSuppressions as string)) fail('unusedSuppressions', config.unusedSuppressions, list(levels))
    result.unusedSuppressions = config.unusedSuppressions as UnusedSuppressionLevel
  }

  const rules = new Map(formats.flatMap((format) => format.rules.map((rule) => [rule.id, rule] as const)))
  if (config.rules !== undefined) {
    if (!isRecord(config.rules)) fail('rules', config.rules, 'an object of rule ids')
    for (const [id, entry] of Object.entries(config.rules as Record<string, unknown>)) {
      const rule = rules.get(id)
      if (rule === undefined) fail(`rules.${id}`, undefined, 'a rule id such as `sshd/permit-root-login` (see `harden-config --list-rules`)', id)
      const at = `rules.${id}`
      if (entry === 'off' || entry === 'on') {
        ;(entry === 'off' ? result.disable : result.enable).push(id)
        continue
      }
      if (!isRecord(entry)) fail(at, entry, '`"off"`, `"on"`, or an object with the keys ' + list(RULE_KEYS), id)
      const object = entry as Record<string, unknown>
      for (const key of Object.keys(object)) if (!(RULE_KEYS as readonly string[]).includes(key)) fail(`${at}.${key}`, undefined, `one of ${list(RULE_KEYS)}`)
      if (object.enabled !== undefined && typeof object.enabled !== 'boolean') fail(`${at}.enabled`, object.enabled, '`true` or `false`')
      ;(object.enabled === false ? result.disable : result.enable).push(id)
      if (object.fix !== undefined) {
        if (!FIX_LEVELS.includes(object.fix as RuleFixLevel)) fail(`${at}.fix`, object.fix, list(FIX_LEVELS))
        result.fixCaps[id] = object.fix as RuleFixLevel
      }
      if (object.options !== undefined) {
        if (!isRecord(object.options)) fail(`${at}.options`, object.options, `an object of the rule's options`)
        try {
          resolveOptions(rule!.options as never, object.options as Record<string, unknown>, id)
        } catch (error) {
          if (!(error instanceof OptionError)) throw error
          const key = error.key.slice(id.length + 1)
          fail(`${at}.options.${key}`, error.value, error.expected, key)
        }
        result.options[id] = object.options as Record<string, unknown>
      }
    }
  }

  if (config.settings !== undefined) {
    if (!isRecord(config.settings)) fail('settings', config.settings, `an object of format ids (${list(formats.map((f) => f.id))})`)
    for (const [id, settings] of Object.entries(config.settings as Record<string, unknown>)) {
      const format = formats.find((f) => f.id === id)
      if (format === undefined) fail(`settings.${id}`, undefined, `a format id: ${list(formats.map((f) => f.id))}`, id)
      if (!isRecord(settings)) fail(`settings.${id}`, settings, "an object of the format's settings", id)
      try {
        resolveOptions(format!.settings as never, settings as Record<string, unknown>, id)
      } catch (error) {
        if (!(error instanceof OptionError)) throw error
        const key = error.key.slice(id.length + 1)
        fail(`settings.${id}.${key}`, error.value, error.expected, key)
      }
      result.options[id] = settings as Record<string, unknown>
    }
  }
  return result
}

/**
 * Reads a configuration file: a `.harden-config.json`, any JSON file named by the user, or
 * a `package.json` (its `harden-config` key; `undefined` when it has none).
 *
 * @param host where to read it
 * @param systemPath its system path
 * @param formats the formats whose rules and settings may be named
 * @param shown the name to show in errors (default: the system path)
 */
export function readConfigFile(host: FileHost, systemPath: string, formats: readonly AnyFormat[], shown = systemPath): ConfigFile | undefined {
  const bytes = host.readFile(systemPath)
  if (bytes === undefined) throw new HardenConfigError(`${shown}: no such configuration file`, 'ENOENT', shown)
  const text = decodeBytes(bytes).text.replace(/^\uFEFF/, '')
  let contents: unknown
  try {
    contents = JSON.parse(text)
  } catch (error) {
    const at = /at position (\d+)/.exec((error as Error).message)
    const offset = at === null ? text.length : Number(at[1])
    const before = text.slice(0, offset).split('\n')
    const reason = (error as Error).message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '')
    throw new ConfigSyntaxError(`not valid JSON: ${reason}`, shown, {line: before.length, column: before.at(-1)!.length + 1}, text, [], {cause: error})
  }
  if (posix.basename(systemPath) === 'package.json') {
    if (!isRecord(contents) || !(PACKAGE_KEY in contents)) return undefined
    return {...checkConfigFile(contents[PACKAGE_KEY], shown, formats, text), path: systemPath}
  }
  return {...checkConfigFile(contents, shown, formats, text), path: systemPath}
}

/**
 * The configuration file that applies to a file: `.harden-config.json` or a `package.json`
 * with a `harden-config` key, in the file's folder or the nearest folder above.
 *
 * @param host where to look
 * @param systemPath the checked file, by absolute system path
 * @returns the configuration file's system path, or `undefined`
 */
export function findConfigFile(host: FileHost, systemPath: string): string | undefined {
  let folder = posix.dirname(systemPath)
  for (;;) {
    const candidate = posix.join(folder, CONFIG_FILE_NAME)
    if (host.stat(candidate)?.kind === 'file') return candidate
    const pkg = posix.join(folder, 'package.json')
    if (host.stat(pkg)?.kind === 'file' && hasPackageKey(host, pkg)) return pkg
    const parent = posix.dirname(folder)
    if (parent === folder) return undefined
    folder = parent
  }
}

function hasPackageKey(host: FileHost, path: string): boolean {
  try {
    const contents: unknown = JSON.parse(decodeBytes(host.readFile(path)!).text)
    return isRecord(contents) && PACKAGE_KEY in contents
  } catch {
    // A package.json that is not JSON is not ours to judge.
    return false
  }
}
