/**
 * The language server's settings, and the one place where the options given to `harden()`
 * are made. Settings come from the client's `initializationOptions` and from the
 * `harden-config` section of `workspace/configuration` (pulled) or
 * `workspace/didChangeConfiguration` (pushed); a later layer wins key by key. They are
 * kept to what an editor user needs: the rules to run and their options, a root for
 * editing a mounted image, and the delay before a re-check.
 *
 * Everything else (a `.harden-config.json` beside the file, suppression comments in it)
 * belongs to `harden()` itself, so the editor sees what the command sees.
 */
import type {FileHost} from '../core/host.js'
import type {Profile} from '../core/rule.js'
import type {AnyFormat} from '../formats/index.js'
import type {HardenOptions} from '../harden.js'

/** The configuration section the server asks the client for. */
export const SETTINGS_SECTION = 'harden-config'

/** What a user can set, in `initializationOptions` or the `harden-config` section. */
export interface LanguageServerSettings {
  /** Which rules run: `baseline` (default) or `strict`. */
  profile?: Profile | undefined
  /** Run only these rules (ids). */
  rules?: string[] | undefined
  /** Never run these rules (ids). */
  disable?: string[] | undefined
  /** Rule options by rule id and format settings by format id, as `HardenOptions.options`. */
  options?: Record<string, Record<string, unknown>> | undefined
  /**
   * Read the system under this folder (a mounted image, a test tree): a document at
   * `<root>/etc/ssh/sshd_config` is the system's `/etc/ssh/sshd_config`, and its absolute
   * includes are read under the root too.
   */
  root?: string | undefined
  /** Milliseconds to wait after a change before checking again (default 0: the next turn). */
  debounce?: number | undefined
}

/** Settings read from the client, and what was wrong with them. */
export interface ReadSettings {
  settings: LanguageServerSettings
  /** One sentence per value left out, naming the key and what it expects. */
  problems: string[]
}

const KEYS = ['profile', 'rules', 'disable', 'options', 'root', 'debounce'] as const

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string')

/**
 * Reads settings sent by a client. Accepts the settings themselves or an object holding them
 * under `harden-config` (as `didChangeConfiguration` pushes them). Unknown keys and values of
 * the wrong kind are left out and named in `problems`; rule ids and option values are
 * checked by `harden()`, which names the rule and the values it expects.
 *
 * @param raw what the client sent (`null` and `undefined` are no settings)
 */
export function readSettings(raw: unknown): ReadSettings {
  const problems: string[] = []
  if (raw === undefined || raw === null) return {settings: {}, problems}
  if (!isRecord(raw)) return {settings: {}, problems: [`Unexpected ${JSON.stringify(raw)} for the harden-config settings, expected an object`]}
  const source = isRecord(raw[SETTINGS_SECTION]) ? raw[SETTINGS_SECTION] : raw
  const settings: LanguageServerSettings = {}
  const expect = (key: string, expected: string) => problems.push(`Unexpected ${JSON.stringify(source[key])} for the setting \`${SETTINGS_SECTION}.${key}\`, expected ${expected}`)
  for (const key of Object.keys(source)) {
    if (key === SETTINGS_SECTION) continue
    if (!(KEYS as readonly string[]).includes(key)) problems.push(`Unknown setting \`${SETTINGS_SECTION}.${key}\`, expected one of ${KEYS.map((k) => `\`${k}\``).join(', ')}`)
  }
  const {profile, rules, disable, options, root, debounce} = source
  if (profile !== undefined && profile !== null) {
    if (profile === 'baseline' || profile === 'strict') settings.profile = profile
    else expect('profile', '`baseline` or `strict`')
  }
  if (rules !== undefined && rules !== null) {
    if (isStringList(rules)) settings.rules = rules
    else expect('rules', 'a list of rule ids')
  }
  if (disable !== undefined && disable !== null) {
    if (isStringList(disable)) settings.disable = disable
    else expect('disable', 'a list of rule ids')
  }
  if (options !== undefined && options !== null) {
    if (isRecord(options) && Object.values(options).every(isRecord)) settings.options = options as Record<string, Record<string, unknown>>
    else expect('options', 'an object of objects, such as {"sshd/permit-root-login": {"allow": "prohibit-password"}}')
  }
  if (root !== undefined && root !== null && root !== '') {
    if (typeof root === 'string' && root.startsWith('/')) settings.root = root
    else expect('root', 'an absolute folder path')
  }
  if (debounce !== undefined && debounce !== null) {
    if (typeof debounce === 'number' && Number.isInteger(debounce) && debounce >= 0 && debounce <= 10_000) settings.debounce = debounce
    else expect('debounce', 'a number of milliseconds from 0 to 10000')
  }
  return {settings, problems}
}

/**
 * Settings in layers, the later winning key by key (`options` merged rule by rule).
 *
 * @param layers from the least to the most specific (defaults, initializationOptions, configuration)
 */
export function mergeSettings(...layers: readonly LanguageServerSettings[]): LanguageServerSettings {
  const merged: LanguageServerSettings = {}
  for (const layer of layers) {
    for (const key of KEYS) {
      if (layer[key] === undefined) continue
      if (key === 'options') merged.options = {...merged.options, ...layer.options}
      else Object.assign(merged, {[key]: layer[key]})
    }
  }
  return merged
}

/** What the server knows about one check besides the settings. */
export interface CheckContext {
  /** The files as the server sees them: the disk through its cache, open documents over it. */
  host: FileHost
  /** The format to read the document as, when a first-line hint or the language id names it. */
  type?: string | undefined
  /** The least trusted fixes to apply: `none` to check, `safe` for fix-all, `unsafe` for the patch. */
  fix: 'none' | 'safe' | 'unsafe'
  /** The formats to know (default: every built-in format). */
  formats?: readonly AnyFormat[] | undefined
}

/**
 * The options of every `harden()` call the server makes. Keep it the only place they are
 * made, so that diagnostics, quick fixes, fix-all and the patch agree.
 *
 * @param settings the merged settings
 * @param context the host, the format, the fix level and the known formats of this call
 */
export function hardenOptions(settings: LanguageServerSettings, context: CheckContext): HardenOptions {
  return {
    host: context.host,
    root: settings.root,
    type: context.type,
    profile: settings.profile,
    rules: settings.rules,
    disable: settings.disable,
    options: settings.options,
    fix: context.fix,
    formats: context.formats,
  }
}
