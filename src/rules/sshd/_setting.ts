/**
 * The check shared by the rules that want one sshd setting to have a safe value
 * (`PermitRootLogin no`, `X11Forwarding no`, ...): it reads the value sshd really uses,
 * reports it where it is decided, and proposes the fix there.
 *
 * - The global value is the first global directive (in any included file), or sshd's
 *   default when there is none. A bad value is changed in place; a missing one is added
 *   where {@link insertGlobalDirective} puts new global directives.
 * - A Match block that sets the keyword to a bad value turns the setting back on for the
 *   connections it matches. It is reported at its line; its fix is never safe, since the
 *   block was written for someone on purpose.
 * - A drop-in checked on its own reports only the values it sets.
 */
import type {Position} from 'unist'
import {leastSafe, type Fix, type FixSafety, type RuleContext} from '../../core/rule.js'
import {describeDirective, insertGlobalDirective, setArguments} from '../../formats/sshd/edit.js'
import {
  builtinDefaults,
  describeCondition,
  firstValue,
  globalEntry,
  keywordName,
  matchEntries,
  type SshdConfig,
  type SshdEntry,
} from '../../formats/sshd/semantics.js'

/** What a setting rule wants. */
export interface SettingSpec {
  /** The keyword, as the man page spells it. */
  keyword: string
  /** Whether a value is acceptable (compare without case: sshd reads these words so). */
  accepts(value: string): boolean
  /** The value a fix writes. */
  target: string
  /** The safety of the fix of the global value. */
  safety: FixSafety
  /** Why the fix is not safe (for unsafe fixes and suggestions): who it could lock out. */
  risk?: string | undefined
  /** What the bad value lets happen, said after the finding: "root can log in over SSH". */
  consequence: string
  /**
   * What a Match block with a bad value turns back on, for its message:
   * "password login". Also used in the fix's risk.
   */
  feature: string
}

/** The start of a document, where findings about something missing point. */
export const START: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}

/**
 * Reports the global value of a setting and every Match block that sets it badly.
 *
 * @param config the configuration
 * @param context the rule's context
 * @param spec what the rule wants
 */
export function checkSetting(config: SshdConfig, context: RuleContext<unknown>, spec: SettingSpec): void {
  const {keyword} = spec
  const entry = globalEntry(config, keyword)
  const fix = (edits: Fix['edits'], safety: FixSafety, risk: string | undefined): Fix => ({
    safety,
    title: `Set \`${keyword} ${spec.target}\``,
    risk: safety === 'safe' ? undefined : risk,
    edits,
  })
  if (entry !== undefined) {
    const value = firstValue(entry)
    if (value === undefined || !spec.accepts(value)) {
      context.report({
        message: `Unexpected \`${describeDirective(entry.directive)}\`, expected \`${keyword} ${spec.target}\`: ${spec.consequence}`,
        file: entry.document.path,
        position: entry.directive.position!,
        actual: value,
        expected: [spec.target],
        related: overriddenBy(config, entry),
        fix: fix([setArguments(entry.document, entry.directive, [spec.target])], spec.safety, spec.risk),
      })
    }
  } else if (!config.fragment) {
    const fallback = builtinDefaults[keyword]
    if (fallback !== undefined && !spec.accepts(fallback)) {
      context.report({
        message: `Unexpected default \`${keyword} ${fallback}\` (the configuration does not set it), expected \`${keyword} ${spec.target}\`: ${spec.consequence}`,
        file: config.main.path,
        position: START,
        actual: fallback,
        expected: [spec.target],
        fix: fix([insertGlobalDirective(config, keyword, [spec.target])], spec.safety, spec.risk),
      })
    }
  }
  for (const override of matchEntries(config, keyword)) {
    const value = firstValue(override)
    if (value !== undefined && spec.accepts(value)) continue
    const blocks = override.conditions.map(describeCondition).join(' and ')
    context.report({
      message: `Unexpected \`${describeDirective(override.directive)}\` in \`${blocks}\`, expected \`${keyword} ${spec.target}\`: it turns ${spec.feature} back on for the connections the block matches`,
      file: override.document.path,
      position: override.directive.position!,
      actual: value,
      expected: [spec.target],
      fix: fix(
        [setArguments(override.document, override.directive, [spec.target])],
        leastSafe(spec.safety, 'unsafe'),
        `This changes \`${blocks}\`, which was written for those connections on purpose: they lose ${spec.feature}. Check who the block is for before applying it.`,
      ),
    })
  }
}

/**
 * The later global lines of the same keyword, which sshd ignores because the first wins:
 * said beside a finding, so that nobody fixes the line that does not count.
 */
function overriddenBy(config: SshdConfig, entry: SshdEntry): Array<{file: string; position: Position; message: string}> | undefined {
  const ignored = config.entries.filter(
    (other) => other.directive !== entry.directive && other.keyword === entry.keyword && other.conditions.length === 0 && config.entries.indexOf(other) > config.entries.indexOf(entry),
  )
  if (ignored.length === 0) return undefined
  return ignored.map((other) => ({
    file: other.document.path,
    position: other.directive.position!,
    message: `\`${keywordName(other.directive)}\` is set again here, but sshd uses the first value`,
  }))
}

/**
 * Compares words as sshd does for yes/no options and the like: without case.
 *
 * @param values the accepted words
 */
export function oneOfWords(...values: string[]): (value: string) => boolean {
  const set = new Set(values.map((v) => v.toLowerCase()))
  return (value) => set.has(value.toLowerCase())
}
