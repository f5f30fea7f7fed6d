/**
 * The engine: picks the rules to run, checks a configuration, and applies fixes pass after
 * pass until nothing more can be fixed (a fixed point), keeping every file's changes as
 * edits over its original text.
 */
import {EditScript, splicesOverlap, type Splice} from './edits.js'
import {DEFAULT_LIMITS, type Format, type Limits} from './format.js'
import type {FileHost} from './host.js'
import {overlayHost} from './host.js'
import {resolveOptions} from './options.js'
import {isApplicable, leastSafe, type Configuration, type Document, type Finding, type Profile, type Rule, type RuleFixLevel} from './rule.js'
import {findSuppressions, suppressFindings, type SuppressedFinding, type Suppression} from './suppress.js'
import {encodeText, type TextEncoding} from './text.js'

/** At most this many fix passes; a fix that keeps finding work is a bug, not a reason to loop. */
export const MAX_FIX_PASSES = 10

/** Which rules run, and with which options. */
export interface RuleSelection {
  /** The profile (default `baseline`). */
  profile?: Profile | undefined
  /** Run only these rules (ids), whatever the profile. */
  only?: readonly string[] | undefined
  /** Never run these rules. */
  disable?: readonly string[] | undefined
  /** Options per rule id. */
  ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined
  /** Run these rules too, whatever the profile (unless disabled). */
  enable?: readonly string[] | undefined
  /**
   * The most each rule's fixes may be trusted, by rule id: `unsafe` makes its safe fixes
   * unsafe, `suggestion` keeps them from being applied, `none` drops them (report only).
   */
  fixCaps?: Readonly<Record<string, RuleFixLevel>> | undefined
}

/** A rule with its options resolved. */
export interface ActiveRule<C> {
  rule: Rule<C, unknown>
  options: unknown
  /** The most its fixes may be trusted, when the selection caps it. */
  fixCap?: RuleFixLevel | undefined
}

/**
 * The rules of a format that a selection runs, with their options checked.
 *
 * @param rules the format's rules, in order
 * @param selection profile, rule ids and options
 */
export function selectRules<C>(rules: ReadonlyArray<Rule<C, unknown>>, selection: RuleSelection = {}): Array<ActiveRule<C>> {
  const profile = selection.profile ?? 'baseline'
  const only = selection.only !== undefined && selection.only.length > 0 ? new Set(selection.only) : undefined
  const disabled = new Set(selection.disable ?? [])
  const enabled = new Set(selection.enable ?? [])
  return rules
    .filter((rule) => {
      if (disabled.has(rule.id)) return false
      if (only !== undefined) return only.has(rule.id)
      return profile === 'strict' || rule.profile === 'baseline' || enabled.has(rule.id)
    })
    .map((rule) => ({rule, options: resolveOptions(rule.options, selection.ruleOptions?.[rule.id], rule.id), fixCap: selection.fixCaps?.[rule.id]}))
}

/**
 * Runs rules over a configuration.
 *
 * @param config the loaded configuration
 * @param rules the rules to run
 * @returns the findings, in file order then position order
 */
export function checkConfiguration<C extends Configuration<unknown>>(config: C, rules: ReadonlyArray<ActiveRule<C>>): Finding[] {
  const findings: Finding[] = []
  for (const {rule, options, fixCap} of rules) {
    rule.check(config, {
      options,
      report(input) {
        const finding: Finding = {...input, ruleId: rule.id, severity: input.severity ?? rule.severity}
        findings.push(fixCap === undefined ? finding : capFix(finding, fixCap))
      },
    })
  }
  const order = new Map(config.documents.map((doc, index) => [doc.path, index]))
  return findings.sort(
    (a, b) =>
      (order.get(a.file) ?? Infinity) - (order.get(b.file) ?? Infinity) ||
      (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0),
  )
}

/**
 * A finding with its fix made no more trusted than a cap.
 *
 * @param finding the finding
 * @param cap the most its fix may be trusted
 */
function capFix(finding: Finding, cap: RuleFixLevel): Finding {
  if (finding.fix === undefined) return finding
  if (cap === 'none') return {...finding, fix: undefined}
  const safety = leastSafe(finding.fix.safety, cap)
  return safety === finding.fix.safety ? finding : {...finding, fix: {...finding.fix, safety}}
}

/** A file read by a run, before and after its fixes. */
export interface FileResult {
  /** The system path it was read by. */
  path: string
  /** The real file behind any links: where a write goes. */
  realPath: string
  original: string
  fixed: string
  encoding: TextEncoding
  /** Whether the file is new (a fix creates it). */
  created: boolean
  /** The changes, as edits over the original text (empty for an unchanged file). */
  edits: Splice[]
}

/** What {@link fixConfigurations} needs. */
export interface FixRun<S> {
  format: Format<unknown, Configuration<unknown>, S>
  /** The files the user named; each is loaded as a configuration with its includes. */
  entries: readonly string[]
  host: FileHost
  settings: S
  rules: ReadonlyArray<ActiveRule<Configuration<unknown>>>
  /** The least trusted fixes to apply: `safe`, `unsafe`, or `none` to only check. */
  apply: 'safe' | 'unsafe' | 'none'
  limits?: Partial<Limits> | undefined
}

/** What a fix run found and changed. */
export interface FixOutcome {
  /** Findings of the first pass, over the original files. */
  findings: Finding[]
  /**
   * Findings whose fixes were applied, in any pass: the first pass's finding where there is
   * one (its position and edits are over the original files).
   */
  applied: Finding[]
  /** Every file read, in reading order. */
  files: FileResult[]
  /** The configurations as first loaded (an entry that another entry reads is left out). */
  configurations: Array<Configuration<unknown>>
  /** Findings of the first pass that a comment suppresses: neither reported nor fixed. */
  suppressed: SuppressedFinding[]
  /** The suppression comments of the files as first read, each with what it suppressed. */
  suppressions: Suppression[]
}

/**
 * Loads each entry's configuration, checks it, and applies fixes pass after pass until
 * none applies (at most {@link MAX_FIX_PASSES} passes). Fixes whose edits overlap wait for
 * the next pass, where they are found again on the fixed text.
 *
 * @param run what to load, check and fix
 */
export function fixConfigurations<S>(run: FixRun<S>): FixOutcome {
  const limits: Limits = {...DEFAULT_LIMITS, ...run.limits}
  const cache = new Map<string, unknown>()
  const overlay = new Map<string, Uint8Array>()
  const scripts = new Map<string, EditScript>()
  const host = overlayHost(run.host, overlay)
  const load = (entry: string): Configuration<unknown> => run.format.load(entry, {host, settings: run.settings, limits, cache})

  // Load every entry once. An entry named twice, or read by another entry's configuration
  // (a drop-in named beside its main file), is checked as part of that configuration.
  const loaded = run.entries.map(load)
  const configurations = loaded.filter((config, index) => {
    const main = config.main.realPath
    if (loaded.findIndex((other) => other.main.realPath === main) !== index) return false
    return !loaded.some((other) => other.main.realPath !== main && other.documents.some((d) => d.realPath === main))
  })

  const findings: Finding[] = []
  const applied: Finding[] = []
  /** The first version of every file read, by real path: the originals of the patch. */
  const originals = new Map<string, Document<unknown>>()
  const remember = (config: Configuration<unknown>): void => {
    for (const doc of config.documents) if (!originals.has(doc.realPath)) originals.set(doc.realPath, doc)
  }

  const knownRules = new Set(run.format.rules.map((rule) => rule.id))
  const suppressed: SuppressedFinding[] = []
  const suppressions: Suppression[] = []
  for (const initial of configurations) {
    let config = initial
    remember(config)
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const directives = config.documents.flatMap((doc) => findSuppressions(doc, knownRules))
      const checked = suppressFindings(checkConfiguration(config, run.rules), directives)
      const found = checked.kept
      if (pass === 0) {
        findings.push(...found)
        suppressed.push(...checked.suppressed)
        suppressions.push(...directives)
      }
      if (run.apply === 'none') break
      const chosen = chooseFixes(found, run.apply, config)
      if (chosen.length === 0) break
      const byFile = new Map<string, Splice[]>()
      for (const finding of chosen) {
        for (const edit of finding.fix!.edits) {
          // chooseFixes keeps only edits of files in this configuration.
          const doc = config.documents.find((d) => d.path === edit.file)!
          byFile.set(doc.realPath, [...(byFile.get(doc.realPath) ?? []), edit])
        }
      }
      for (const [realPath, edits] of byFile) {
        const original = originals.get(realPath)!
        const script = scripts.get(realPath) ?? new EditScript(original.text)
        scripts.set(realPath, script)
        script.apply(edits)
        overlay.set(realPath, encodeText(script.current, original.encoding))
      }
      applied.push(...chosen)
      config = load(initial.main.path)
      remember(config)
    }
  }

  // A fix deferred to a later pass (its edits overlapped another's) is found again there, as
  // a new finding over the text of that pass. Report the first pass's finding as applied,
  // so that its position and edits are over the original files.
  const key = (f: Finding) => `${f.ruleId}\0${f.file}\0${f.fix?.title}`
  const firstPass = new Set(findings)
  const appliedInitially: Finding[] = []
  const taken = new Set(applied.filter((f) => firstPass.has(f)))
  for (const finding of applied) {
    if (firstPass.has(finding)) {
      appliedInitially.push(finding)
      continue
    }
    // Each first-pass finding stands for at most one later fix.
    const match = findings.find((f) => !taken.has(f) && key(f) === key(finding))
    if (match !== undefined) taken.add(match)
    appliedInitially.push(match ?? finding)
  }

  const files: FileResult[] = [...originals.values()].map((doc) => {
    const script = scripts.get(doc.realPath)
    return {
      path: doc.path,
      realPath: doc.realPath,
      original: doc.text,
      fixed: script?.current ?? doc.text,
      encoding: doc.encoding,
      created: !doc.exists,
      edits: script?.edits() ?? [],
    }
  })
  return {findings, applied: appliedInitially, files, configurations, suppressed, suppressions}
}

/**
 * The fixes to apply in one pass: applicable ones whose edits stay inside the
 * configuration's files and do not overlap an edit chosen before them.
 *
 * @param findings the findings of the pass, in order
 * @param allowed the least trusted level to apply
 * @param config the configuration they are about
 */
function chooseFixes(findings: readonly Finding[], allowed: 'safe' | 'unsafe', config: Configuration<unknown>): Finding[] {
  const chosen: Finding[] = []
  const taken: Array<Splice & {file: string}> = []
  const files = new Set(config.documents.map((d) => d.path))
  for (const finding of findings) {
    const fix = finding.fix
    if (fix === undefined || fix.edits.length === 0 || !isApplicable(fix.safety, allowed)) continue
    if (!fix.edits.every((edit) => files.has(edit.file))) continue
    if (fix.edits.some((edit) => taken.some((other) => other.file === edit.file && splicesOverlap(edit, other)))) continue
    chosen.push(finding)
    taken.push(...fix.edits)
  }
  return chosen
}
