/**
 * `harden()`: the whole job for library users and the CLI alike. Reads the named files and
 * what they include, checks them, applies fixes up to a safety level, and returns the
 * findings, the fixed texts and one unified diff. It never prints, never exits, and never
 * writes a file: writing is the caller's choice (see `write.ts`).
 */
import {posix} from 'node:path'
import {fixConfigurations, selectRules, type FileResult} from './core/engine.js'
import {HardenConfigError} from './core/errors.js'
import type {Limits} from './core/format.js'
import {nodeHost, overlayHost, type FileHost} from './core/host.js'
import {OptionError, resolveOptions} from './core/options.js'
import {createFilePatch} from './core/patch.js'
import {encodeText} from './core/text.js'
import type {Finding, Profile} from './core/rule.js'
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

/** What {@link harden} found and proposes. */
export interface HardenResult {
  /** Every finding, over the original files, in file and position order. */
  findings: Finding[]
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
  const ruleIds = new Set(known.flatMap((format) => format.rules.map((rule) => rule.id)))
  for (const id of [...(options.rules ?? []), ...(options.disable ?? [])]) {
    if (!ruleIds.has(id)) throw new OptionError('rule', id, 'a rule id such as `sshd/permit-root-login` (see --list-rules)')
  }
  for (const key of Object.keys(options.options ?? {})) {
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
  const base = options.host ?? nodeHost({root: options.root, cwd: options.cwd})
  const texts = new Map<string, Uint8Array>()
  // Under a root, a relative path is relative to the root: it names a system file all the same.
  const systemPath = (file: string) => (options.root !== undefined && !posix.isAbsolute(file) ? `/${posix.normalize(file)}` : file)
  const inputs = given.map((input) => (typeof input === 'string' ? systemPath(input) : {...input, path: systemPath(input.path)}))
  for (const input of inputs) if (typeof input !== 'string') texts.set(base.realPath(input.path), Buffer.from(input.text, 'utf8'))
  const host = texts.size > 0 ? overlayHost(base, texts) : base

  // Group the entries by format, keeping the order in which formats first appear.
  const groups = new Map<AnyFormat, string[]>()
  for (const input of inputs) {
    const file = typeof input === 'string' ? input : input.path
    const format = options.type === undefined ? known.find((f) => f.detect(file)) : known.find((f) => f.id === options.type)
    if (format === undefined) {
      if (options.type !== undefined) throw new OptionError('type', options.type, known.map((f) => `\`${f.id}\``).join(' | '))
      throw new HardenConfigError(`Cannot tell the format of ${file} from its name: name it with --type (${known.map((f) => f.id).join(', ')})`, 'FORMAT', file)
    }
    groups.set(format, [...(groups.get(format) ?? []), file])
  }

  const result: HardenResult = {findings: [], applied: [], files: [], patch: ''}
  for (const [format, entries] of groups) {
    const outcome = fixConfigurations({
      format,
      entries,
      host,
      settings: resolveOptions(format.settings, options.options?.[format.id], format.id),
      rules: selectRules(format.rules, {profile: options.profile, only: options.rules, disable: options.disable, ruleOptions: options.options}),
      apply: options.fix ?? 'unsafe',
      limits: options.limits,
    })
    result.findings.push(...outcome.findings)
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
