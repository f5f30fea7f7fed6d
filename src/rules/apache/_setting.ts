/**
 * The check shared by the rules that want one httpd directive to have a safe value
 * (`ServerTokens Prod`, `TraceEnable Off`, ...).
 *
 * - Server-wide, httpd keeps the last value it reads. The last active one outside virtual
 *   hosts and request sections is changed in place (through a link, in its real file);
 *   when there is none and httpd's default is unsafe, the directive is added at the end of
 *   the main file, after everything it includes, where it is read last.
 * - In a virtual host or a request section, a value overrides the server's for what the
 *   section covers: each bad one is reported and changed where it stands.
 * - A fragment checked on its own reports only what it sets.
 */
import type {Position} from 'unist'
import type {FixSafety, RuleContext} from '../../core/rule.js'
import {appendServerDirective, describeDirective, setArguments} from '../../formats/apache/edit.js'
import {activeEntries, atServerLevel, type ApacheConfig, type ApacheEntry} from '../../formats/apache/semantics.js'

/** What a setting rule wants. */
export interface ApacheSettingSpec {
  /** The directive, as the documentation spells it. */
  name: string
  /** Whether values are acceptable (compare without case: httpd reads these words so). */
  accepts(args: readonly string[]): boolean
  /** The values a fix writes. */
  target: string[]
  /** httpd's default when nothing sets it. */
  defaultValue: string
  safety: FixSafety
  risk?: string | undefined
  /** What the bad value lets happen. */
  consequence: string
}

/** The start of a document, where findings about something missing point. */
export const START: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}

/**
 * Where an entry stands, for messages: `in <VirtualHost *:80>` or nothing at server level.
 *
 * @param entry the directive
 */
export function whereIs(entry: ApacheEntry): string {
  const scope = [...entry.scopes].reverse().find((s) => s.kind !== 'ifmodule' && s.kind !== 'ifdefine' && s.kind !== 'ifversion')
  return scope === undefined ? '' : ` in <${scope.section.open.name.value} ${scope.args.join(' ')}>`
}

/**
 * Reports a directive's bad values: the server-wide one and each override.
 *
 * @param config the configuration
 * @param context the rule's context
 * @param spec what the rule wants
 */
export function checkApacheSetting(config: ApacheConfig, context: RuleContext<unknown>, spec: ApacheSettingSpec): void {
  const all = activeEntries(config, spec.name)
  const server = all.filter(atServerLevel)
  const effective = server.at(-1)
  const title = `Set \`${[spec.name, ...spec.target].join(' ')}\``
  const expected = `\`${[spec.name, ...spec.target].join(' ')}\``
  const risk = spec.safety === 'safe' ? undefined : spec.risk
  const report = (entry: ApacheEntry) =>
    context.report({
      message: `Unexpected \`${describeDirective(entry.directive)}\`${whereIs(entry)}, expected ${expected}: ${spec.consequence}`,
      file: entry.document.path,
      position: entry.directive.position!,
      actual: entry.args.join(' '),
      expected: [spec.target.join(' ')],
      fix: {safety: spec.safety, title, risk, edits: [setArguments(entry.document, entry.directive, spec.target)]},
    })
  if (effective !== undefined) {
    if (!spec.accepts(effective.args)) report(effective)
  } else if (!config.fragment && !spec.accepts([spec.defaultValue])) {
    context.report({
      message: `Unexpected default \`${spec.name} ${spec.defaultValue}\` (the configuration does not set it), expected ${expected}: ${spec.consequence}`,
      file: config.main.path,
      position: START,
      actual: spec.defaultValue,
      expected: [spec.target.join(' ')],
      fix: {safety: spec.safety, title, risk, edits: [appendServerDirective(config, spec.name, spec.target)]},
    })
  }
  for (const entry of all) {
    if (!atServerLevel(entry) && !spec.accepts(entry.args)) report(entry)
  }
}

/**
 * Compares words as httpd does for On/Off and the like: without case.
 *
 * @param values the accepted words
 */
export function oneOfWords(...values: string[]): (args: readonly string[]) => boolean {
  const set = new Set(values.map((v) => v.toLowerCase()))
  return (args) => args.length === 1 && set.has(args[0]!.toLowerCase())
}
