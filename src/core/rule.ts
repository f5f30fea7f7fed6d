/**
 * Rules, findings and fixes: the vocabulary every format shares.
 *
 * A rule reads a configuration and reports findings; it never changes anything. A finding
 * may carry a fix: a list of text edits over the original files, with a safety level that
 * says how far the fix can be trusted (after Ruff's applicability and Biome's fix kinds):
 *
 * - `safe`: cannot change who or what can connect. Applied by `--write`.
 * - `unsafe`: valid, but can lock someone out or close a service. In the patch (which the
 *   administrator reviews), applied by `--write` only with `--unsafe-fixes`.
 * - `suggestion`: shown, never applied; the finding says what to check first.
 */
import type {Position} from 'unist'
import type {OptionsSchema} from './options.js'
import type {TextEncoding} from './text.js'

/** How bad a finding is. Separate from how risky its fix is. */
export type Severity = 'error' | 'warning' | 'info'

/** How far a fix can be trusted; see the module comment. */
export type FixSafety = 'safe' | 'unsafe' | 'suggestion'

/** The most a rule's fixes may be trusted, or `none` for a rule that only reports. */
export type RuleFixLevel = FixSafety | 'none'

/** Which set of rules runs. `strict` holds every `baseline` rule and more. */
export type Profile = 'baseline' | 'strict'

/** Safety levels from the most trusted to the least. */
export const safetyOrder: readonly FixSafety[] = ['safe', 'unsafe', 'suggestion']

/**
 * Whether a fix of one safety may be applied when fixes up to another are allowed.
 *
 * @param safety the fix's safety
 * @param allowed the least trusted level that may be applied (`safe` or `unsafe`)
 */
export function isApplicable(safety: FixSafety, allowed: 'safe' | 'unsafe'): boolean {
  return safety !== 'suggestion' && safetyOrder.indexOf(safety) <= safetyOrder.indexOf(allowed)
}

/**
 * The less trusted of two safety levels.
 *
 * @param a one level
 * @param b another
 */
export function leastSafe(a: FixSafety, b: FixSafety): FixSafety {
  return safetyOrder.indexOf(a) >= safetyOrder.indexOf(b) ? a : b
}

/**
 * Replace `[start, end)` of a file's original text with `text`. Offsets are UTF-16 code
 * units of the text as it was read. An insertion has `start === end`.
 */
export interface TextEdit {
  /** The file, by the system path of its {@link Document}. */
  file: string
  start: number
  end: number
  text: string
}

/** A fix: what to do, how far to trust it, and the edits that do it. */
export interface Fix {
  /** How far the fix can be trusted. */
  safety: FixSafety
  /** What the fix does, in the imperative: "Set `PermitRootLogin no`". */
  title: string
  /**
   * For `unsafe` and `suggestion` fixes: who could be locked out and what to check before
   * applying it. Shown in the report and in the patch's preamble.
   */
  risk?: string | undefined
  /** The edits, over the original text of each file. They do not overlap. */
  edits: TextEdit[]
}

/** Another place that explains a finding ("the value set here wins"). */
export interface RelatedLocation {
  file: string
  position: Position
  message: string
}

/** What a rule found. */
export interface Finding {
  /** The rule, by its id (`sshd/permit-root-login`). */
  ruleId: string
  severity: Severity
  /** One sentence in the project's voice: "Unexpected `PermitRootLogin yes`, expected `no`". */
  message: string
  /** The file, by system path. */
  file: string
  /** Where in the file (1-based lines and columns, 0-based offsets). */
  position: Position
  /** The value found, when the finding is about one. */
  actual?: string | undefined
  /** The values that would be accepted. */
  expected?: string[] | undefined
  /** Other places that explain the finding. */
  related?: RelatedLocation[] | undefined
  fix?: Fix | undefined
}

/** What a rule passes to {@link RuleContext.report}. */
export type ReportInput = Omit<Finding, 'ruleId' | 'severity'> & {severity?: Severity | undefined}

/** What a rule gets besides the configuration. */
export interface RuleContext<O> {
  /** The rule's options, defaults filled in. */
  readonly options: O
  /** Reports a finding. */
  report(finding: ReportInput): void
}

/** One example of the documentation: a configuration that is reported, and its fixed form. */
export interface RuleExample {
  /** Text the rule reports. */
  bad: string
  /** The same text after the rule's fix (or as it should be written by hand). */
  good: string
  /** Options to run the example with. */
  options?: Record<string, unknown> | undefined
  /**
   * Other files of the system the example needs, by system path: text, or text with a
   * mode (`{content: '', mode: 0o644}` for a log file that everyone can read).
   */
  files?: Record<string, string | {content: string; mode: number}> | undefined
}

/** The documentation of a rule: data, from which the README's rule list is generated. */
export interface RuleDocs {
  /** One line: what the rule wants. */
  summary: string
  /** Why it matters: the attack or accident it prevents. */
  why: string
  /** Examples; each runs as a test (the bad text is reported, and fixes to the good one). */
  examples: RuleExample[]
  /** How far the fix can be trusted, and who it could lock out. */
  fixSafety: string
  /** Where the rule comes from: a guide in the project's seeds, a benchmark, a man page. */
  references: Array<{title: string; url?: string | undefined}>
}

/**
 * A rule: one file under `src/rules/<format>/`, with its test beside it.
 *
 * @typeParam C the configuration type of its format
 * @typeParam O its options
 */
export interface Rule<C = unknown, O = unknown> {
  /** `<format>/<kebab-case-topic>`; never changes once published. */
  id: string
  /** The format it belongs to. */
  format: string
  severity: Severity
  /** The most its fixes may be trusted. */
  fix: RuleFixLevel
  /** The least profile that runs it. */
  profile: Profile
  docs: RuleDocs
  options: OptionsSchema<O>
  /** Reads the configuration and reports findings; pure. */
  check(config: C, context: RuleContext<O>): void
}

/**
 * Declares a rule. Only the types are checked; the function exists so that a rule file
 * reads as one declaration and gets its option types inferred.
 *
 * @param rule the rule
 */
export function defineRule<C, O>(rule: Rule<C, O>): Rule<C, O> {
  return rule
}

/** One file of a configuration, parsed. */
export interface Document<Tree> {
  /** The system path it was read by (or will be created at). */
  path: string
  /** The system path of the real file behind any symbolic links: where a fix is written. */
  realPath: string
  /** Its text, decoded losslessly. */
  text: string
  encoding: TextEncoding
  tree: Tree
  /** False for a file that does not exist yet (a fix may create it). */
  exists: boolean
}

/** A configuration: the file a user named and every file it includes, in reading order. */
export interface Configuration<Tree> {
  /** The format's id. */
  format: string
  /** The file the user named. */
  main: Document<Tree>
  /** Every file read, the main one first, each once. */
  documents: Document<Tree>[]
}
