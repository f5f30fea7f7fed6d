/**
 * `harden()`: the whole job for library users and the CLI alike. Reads the named files and
 * what they include, checks them, applies fixes up to a safety level, and returns the
 * findings, the fixed texts and one unified diff. It never prints, never exits, and never
 * writes a file: writing is the caller's choice (see `write.ts`).
 */
import {posix} from 'node:path'
import {findConfigFile, readConfigFile, checkConfigFile, type ConfigFile, type ConfigFileContents, type UnusedSuppressionLevel} from './config-file.js'
import {fixConfigurations, selectRules, type FileResult} from './core/engine.js'
import {HardenConfigError} from './core/errors.js'
import type {Limits} from './core/format.js'
import {cachedHost} from './core/host-cache.js'
import {nodeHost, overlayHost, type FileHost} from './core/host.js'
import {OptionError, resolveOptions} from './core/options.js'
import {createFilePatch} from './core/patch.js'
import {encodeText} from './core/text.js'
import type {Finding, Profile, RuleFixLevel} from './core/rule.js'
import type {SuppressedFinding, Suppression} from './core/suppress.js'
import {formats, type AnyFormat} from './formats/index.js'

/** A file to harden: its system path, or its path and text (standard input, an editor buffer). */
export type HardenInput = string | {path: string; text: string}

/** Options of {@link harden}. */
export interface HardenOptions {
  /** Force the format (`sshd`) instead of telling it from each file's name. */
  type?: string | undefined
  /** Read the system under this folder (an image, a test tree). */
  root?: string | undefined
  /** The working folder for relative paths (default: the process's). */
  cwd?: string | undefined
  /** Read files through this host instead of the file system. */
  host?: FileHost | undefined
  /** Which rules run (default `baseline`). */
  profile?: Profile | undefined
  /** Run only these rules. */
  rules?: readonly string[] | undefined
  /** Never run these rules. */
  disable?: readonly string[] | undefined
  /**
   * Options by rule id (`{'sshd/permit-root-login': {allow: 'prohibit-password'}}`) and
   * settings by format id (`{sshd: {version: '9.2'}}`).
   */
  options?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined
  /** The least trusted fixes to apply: `unsafe` (the default: the patch is a proposal), `safe`, or `none`. */
  fix?: 'safe' | 'unsafe' | 'none' | undefined
  /** Limits against hostile input. */
  limits?: Partial<Limits> | undefined
  /** The formats to know (default: every built-in format); a plugin format can be added here. */
  formats?: readonly AnyFormat[] | undefined
  /**
   * The configuration file: by default the `.harden-config.json` (or `package.json` with a
   * `harden-config` key) nearest above each file, read through the host (under `root`); a
   * path to read that file instead (on this machine, relative to `cwd`, never under
   * `root`); or `false` for none. The options given here win over the file's.
   */
  configFile?: string | false | undefined
  /** A configuration given as the file would hold it; no file is looked for then. */
  config?: ConfigFileContents | undefined
  /** The most each rule's fixes may be trusted, by rule id (over the file's). */
  fixCaps?: Readonly<Record<string, RuleFixLevel>> | undefined
  /** How suppression comments that suppress nothing are reported (over the file's; default `warn`). */
  unusedSuppressions?: UnusedSuppressionLevel | undefined
}

/** One file of the result. */
export interface HardenedFile extends FileResult {
  /** The format it was read as. */
  format: string
  /** Its path in the patch, without `a/` or `b/`. */
  patchPath: string
  /** Whether the fixes change it. */
  changed: boolean
  /** Its part of the patch (empty when unchanged). */
  patch: string
}

/** A suppression comment that suppresses nothing, or names no rule. */
export interface UnusedSuppression {
  /** The file, by system path. */
  file: string
  /** Where the comment is. */
  position: Suppression['position']
  /** What is wrong with it, in one sentence. */
  message: string
  /** The rule ids concerned (empty: the comment names none). */
  ruleIds: string[]
  /** `error` makes the run fail (exit 1), as a finding would. */
  level: 'warn' | 'error'
}

/** What {@link harden} found and proposes. */
export interface HardenResult {
  /** Every finding, over the original files, in file and position order. */
  findings: Finding[]
  /** Findings that a comment in the file suppresses: neither in `findings` nor fixed. */
  suppressed: SuppressedFinding[]
  /** Every suppression comment read, with how many findings it suppressed. */
  suppressions: Suppression[]
  /** Suppression comments to clean up (unless the level is `off`). */
  unusedSuppressions: UnusedSuppression[]
  /** The configuration files that applied, by the name shown to the user. */
  configFiles: string[]
  /** The findings whose fixes the result holds. */
  applied: Finding[]
  /** Every file read (changed or not), in reading order. */
  files: HardenedFile[]
  /**
   * The unified diff of every changed file, after a preamble (lines starting with `#`, which
   * `patch` and `git apply` ignore) that lists each unsafe fix in it and its risk. Empty
   * when nothing changes.
   */
  patch: string
}

/**
 * The patch as bytes, each file's part in that file's own encoding: a file that is not
 * valid UTF-8 is read as Latin-1 (one character per byte), and its context lines must go
 * out as the bytes they came from, or `patch` and `git apply` would not find them.
 *
 * @param result what harden returned
 */
export function encodePatch(result: HardenResult): Buffer {
  const body = result.files.filter((file) => file.changed)
  const preamble = result.patch.slice(0, result.patch.length - body.reduce((n, file) => n + file.patch.length, 0))
  return Buffer.concat([Buffer.from(preamble, 'utf8'), ...body.map((file) => encodeText(file.patch, file.encoding))])
}

/**
 * The path of a file in a patch: an absolute path without its leading slash (so that
 * `patch -p1 -d /` applies it), a relative one as it is.
 *
 * @param systemPath the file's system path
 */
export function patchPath(systemPath: string): string {
  if (posix.isAbsolute(systemPath)) return posix.normalize(systemPath).slice(1)
  return posix.normalize(systemPath).replace(/^\.\//, '')
}

/**
 * Checks that the rule ids and option keys a caller named exist.
 *
 * @param options the options
 */
function validateNames(options: HardenOptions, known: readonly AnyFormat[]): void {
  const named = [...(options.rules ?? []), ...(options.disable ?? []), ...Object.keys(options.fixCaps ?? {})]
  const keys = Object.keys(options.options ?? {})
  // Only when there are names to check: the rules of every format are loaded for it.
  if (named.length === 0 && keys.length === 0) return
  const ruleIds = new Set(known.flatMap((format) => format.rules.map((rule) => rule.id)))
  for (const id of named) {
    if (!ruleIds.has(id)) throw new OptionError('rule', id, 'a rule id such as `sshd/permit-root-login` (see --list-rules)')
  }
  for (const key of keys) {
    if (!ruleIds.has(key) && !known.some((format) => format.id === key)) {
      throw new OptionError('options', key, `a rule id or a format id (${known.map((f) => `\`${f.id}\``).join(', ')})`)
    }
  }
}

/**
 * Hardens configuration files: reads each named file with everything it includes, checks
 * it, and applies fixes up to the chosen safety level until nothing more applies.
 *
 * @param given the files: system paths, or paths with their text
 * @param options formats, rules, fix level, root and limits
 * @returns findings, fixed texts and the patch
 * @throws {HardenConfigError} for a missing, unreadable or oversized file, and a ConfigSyntaxError for input the daemon would reject
 * @throws {OptionError} for an unknown rule id or a bad option value
 */
export function harden(given: readonly HardenInput[], options: HardenOptions = {}): HardenResult {
  const known = options.formats ?? formats
  validateNames(options, known)
  // Every fix pass loads the configuration again: it reads each file once, and all passes see the same disk.
  const base = cachedHost(() => options.host ?? nodeHost({root: options.root, cwd: options.cwd}))
  const texts = new Map<string, Uint8Array>()
  // Under a root, a relative path is relative to the root: it names a system file all the same.
  const systemPath = (file: string) => (options.root !== undefined && !posix.isAbsolute(file) ? `/${posix.normalize(file)}` : file)
  const inputs = given.map((input) => (typeof input === 'string' ? systemPath(input) : {...input, path: systemPath(input.path)}))
  for (const input of inputs) if (typeof input !== 'string') texts.set(base.realPath(input.path), Buffer.from(input.text, 'utf8'))
  const host = texts.size > 0 ? overlayHost(base, texts) : base

  const configFor = configResolver(options, host, base, known)

  // Group the entries by format and configuration file, in the order they first appear.
  const groups = new Map<string, {format: AnyFormat; config: ShownConfig | undefined; entries: string[]}>()
  for (const input of inputs) {
    const file = typeof input === 'string' ? input : input.path
    const format = options.type === undefined ? known.find((f) => f.detect(file)) : known.find((f) => f.id === options.type)
    if (format === undefined) {
      if (options.type !== undefined) throw new OptionError('type', options.type, known.map((f) => `\`${f.id}\``).join(' | '))
      throw new HardenConfigError(`Cannot tell the format of ${file} from its name: name it with --type (${known.map((f) => f.id).join(', ')})`, 'FORMAT', file)
    }
    const config = configFor(file)
    const key = `${format.id}\0${config?.path ?? ''}`
    const group = groups.get(key) ?? {format, config, entries: []}
    group.entries.push(file)
    groups.set(key, group)
  }

  const result: HardenResult = {findings: [], suppressed: [], suppressions: [], unusedSuppressions: [], configFiles: [], applied: [], files: [], patch: ''}
  for (const {format, config, entries} of groups.values()) {
    if (config !== undefined && !result.configFiles.includes(config.shown)) result.configFiles.push(config.shown)
    const merged = mergeConfig(options, config)
    const rules = selectRules(format.rules, {profile: merged.profile, only: options.rules, disable: merged.disable, enable: merged.enable, ruleOptions: merged.options, fixCaps: merged.fixCaps})
    const outcome = fixConfigurations({
      format,
      entries,
      host,
      settings: resolveOptions(format.settings, merged.options[format.id], format.id),
      rules,
      apply: options.fix ?? 'unsafe',
      limits: options.limits,
    })
    result.findings.push(...outcome.findings)
    result.suppressed.push(...outcome.suppressed)
    result.suppressions.push(...outcome.suppressions)
    if (merged.unusedSuppressions !== 'off') {
      const active = new Set(rules.map(({rule}) => rule.id))
      result.unusedSuppressions.push(...unusedSuppressions(outcome.suppressions, active, merged.unusedSuppressions))
    }
    result.applied.push(...outcome.applied)
    for (const file of outcome.files) {
      const changed = file.edits.length > 0 || (file.created && file.fixed !== '')
      const target = patchPath(file.realPath)
      const patch = changed ? createFilePatch({path: target, original: file.original, edits: file.edits, create: file.created}) : ''
      result.files.push({...file, format: format.id, patchPath: target, changed: patch !== '', patch})
    }
  }
  const body = result.files.map((file) => file.patch).join('')
  result.patch = body === '' ? '' : preamble(result) + body
  return result
}

/** A configuration file as harden uses it: with the name shown to the user. */
type ShownConfig = ConfigFile & {shown: string}

/**
 * How each file's configuration file is found: the one the caller named or gave, or the
 * nearest one above the file, each read once.
 *
 * @param options the caller's options
 * @param host the host files are read through
 * @param base the host without the caller's texts, which may name files on this machine
 * @param known the formats
 */
function configResolver(options: HardenOptions, host: FileHost, base: FileHost, known: readonly AnyFormat[]): (file: string) => ShownConfig | undefined {
  if (options.config !== undefined) {
    const given: ShownConfig = {...checkConfigFile(options.config, '(the config option)', known), shown: '(the config option)'}
    return () => given
  }
  if (options.configFile === false) return () => undefined
  if (options.configFile !== undefined) {
    const cwd = options.cwd ?? process.cwd()
    const named = readConfigFile(nodeHost({cwd}), posix.resolve(cwd, options.configFile), known, options.configFile)
    if (named === undefined) throw new HardenConfigError(`${options.configFile}: the package.json has no \`harden-config\` key`, 'CONFIG', options.configFile)
    const shown: ShownConfig = {...named, shown: options.configFile}
    return () => shown
  }
  const toNative = 'toNative' in base && typeof base.toNative === 'function' ? (base.toNative as (path: string) => string).bind(base) : (path: string) => path
  const read = new Map<string, ShownConfig | undefined>()
  const cwd = options.root === undefined ? (options.cwd ?? process.cwd()) : '/'
  return (file) => {
    const found = findConfigFile(host, posix.resolve(cwd, file))
    if (found === undefined) return undefined
    if (!read.has(found)) {
      const shown = toNative(found)
      const config = readConfigFile(host, found, known, shown)
      read.set(found, config === undefined ? undefined : {...config, shown})
    }
    return read.get(found)
  }
}

/**
 * The caller's options over a configuration file's: the caller's profile, options and caps
 * win; the file's rules that the caller runs by name are not disabled.
 *
 * @param options the caller's options
 * @param config the configuration file
 */
function mergeConfig(options: HardenOptions, config: ConfigFile | undefined) {
  const only = new Set(options.rules ?? [])
  const merged: Record<string, Record<string, unknown>> = {}
  for (const [key, values] of [...Object.entries(config?.options ?? {}), ...Object.entries(options.options ?? {})]) merged[key] = {...merged[key], ...values}
  return {
    profile: options.profile ?? config?.profile,
    enable: config?.enable ?? [],
    disable: [...(config?.disable ?? []).filter((id) => !only.has(id)), ...(options.disable ?? [])],
    options: merged,
    fixCaps: {...config?.fixCaps, ...options.fixCaps},
    unusedSuppressions: options.unusedSuppressions ?? config?.unusedSuppressions ?? 'warn',
  }
}

/**
 * The suppression comments to clean up: one naming a rule that does not exist, naming a
 * rule that ran and found nothing there, or naming no rule and suppressing nothing. A rule
 * that did not run (another profile, `--rule`) cannot tell, and is not reported.
 *
 * @param suppressions the comments, with their uses counted
 * @param active the rules that ran
 * @param level how to report them
 */
function unusedSuppressions(suppressions: readonly Suppression[], active: ReadonlySet<string>, level: 'warn' | 'error'): UnusedSuppression[] {
  const found: UnusedSuppression[] = []
  for (const suppression of suppressions) {
    const {file, position} = suppression
    if (suppression.unknownRules.length > 0) {
      const names = suppression.unknownRules.map((id) => `\`${id}\``).join(', ')
      found.push({file, position, level, ruleIds: suppression.unknownRules, message: `Suppression comment names ${names}, which is no rule (see --list-rules)`})
    }
    if (suppression.ruleIds.length === 0) {
      if (suppression.uses === 0) found.push({file, position, level, ruleIds: [], message: 'Unused suppression comment: there is no finding to suppress here'})
      continue
    }
    const unused = suppression.ruleIds.filter((id) => active.has(id) && !suppression.usedRules.includes(id))
    if (unused.length > 0) {
      found.push({file, position, level, ruleIds: unused, message: `Unused suppression of ${unused.map((id) => `\`${id}\``).join(', ')}: there is no such finding here`})
    }
  }
  return found
}

/**
 * The lines before the first `---` of a patch: which unsafe fixes it holds and what each
 * risks. Every line starts with `#`, which `patch` and `git apply` skip.
 *
 * @param result the result so far
 */
function preamble(result: HardenResult): string {
  const unsafe = result.applied.filter((finding) => finding.fix?.safety === 'unsafe')
  const lines = [`# harden-config: ${result.files.filter((f) => f.changed).length} file(s) changed, ${result.applied.length} fix(es), ${unsafe.length} of them unsafe.`]
  if (unsafe.length > 0) {
    lines.push('# Unsafe fixes can lock someone out or take something offline. Review each before applying this patch:')
    for (const finding of unsafe) {
      // Name the place the fix changes, which may be another file than the finding's (a drop-in).
      const edit = finding.fix!.edits[0]!
      const file = result.files.find((f) => f.path === edit.file)
      const line = file === undefined ? finding.position.start.line : file.original.slice(0, edit.start).split('\n').length
      lines.push(`#   ${file?.patchPath ?? finding.file}:${line}: ${finding.fix!.title} (${finding.ruleId})`)
      if (finding.fix!.risk) lines.push(...wrap(finding.fix!.risk, 86).map((line) => `#     ${line}`))
    }
  }
  return `${lines.join('\n')}\n`
}

/**
 * Wraps prose at word boundaries.
 *
 * @param text the prose
 * @param width the widest line
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  if (line !== '') lines.push(line)
  return lines
}
