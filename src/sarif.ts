/**
 * The SARIF 2.1.0 report, for code scanning (GitHub's, and any SARIF viewer): one run whose
 * driver describes every rule that has a result (help text and a link to its
 * documentation), one result per finding with its region, and each fix as
 * `artifactChanges` with replacements over the file as it was read. A finding that a
 * comment suppresses is a result with an `inSource` suppression and its reason; a
 * suppression comment that suppresses nothing is a result of `harden-config/unused-suppression`.
 */
import {posix, relative, sep} from 'node:path'
import {pathToFileURL} from 'node:url'
import type * as Sarif from 'sarif'
import type {Position} from 'unist'
import type {Finding, Rule, Severity} from './core/rule.js'
import {LineIndex} from './core/text.js'
import {ruleDocsUrl, RULES_DOCS_URL} from './docs-url.js'
import {allRules} from './formats/index.js'
import type {HardenResult} from './harden.js'

/** The rule id of results about suppression comments that suppress nothing. */
export const UNUSED_SUPPRESSION_RULE = 'harden-config/unused-suppression'

/** Options of {@link sarifReport}. */
export interface SarifOptions {
  tool: {name: string; version: string}
  /**
   * Where a system path is on this machine (the host's `toNative`: under `--root`, the
   * file's path in the tree). Default: the system path itself.
   */
  toNative?: ((systemPath: string) => string) | undefined
  /**
   * Files under this folder get URIs relative to it, as code scanning wants them for a
   * repository's files; others get absolute `file:` URIs. Default: none (all absolute).
   */
  cwd?: string | undefined
  /** The rules results may name (default: every built-in rule). */
  rules?: ReadonlyArray<Rule<never, never>> | undefined
}

/** The base of relative URIs: the working folder, a repository's checkout in CI. */
const SRCROOT = '%SRCROOT%'

const LEVEL: Record<Severity, Sarif.Result.level> = {error: 'error', warning: 'warning', info: 'note'}

/** GitHub reads `security-severity` (0.1 to 10) to rank security alerts as high, medium or low. */
const SECURITY_SEVERITY: Record<Severity, string> = {error: '8.0', warning: '5.0', info: '2.0'}

/**
 * The SARIF log of a run, as JSON text.
 *
 * @param result what harden found
 * @param options the tool, and how to name files
 */
export function sarifReport(result: HardenResult, options: SarifOptions): string {
  return `${JSON.stringify(sarifLog(result, options), null, 2)}\n`
}

function sarifLog(result: HardenResult, options: SarifOptions): Sarif.Log {
  const known = new Map<string, Rule<never, never>>((options.rules ?? (allRules() as unknown as Array<Rule<never, never>>)).map((rule) => [rule.id, rule]))
  const descriptors: Sarif.ReportingDescriptor[] = []
  const ruleIndex = new Map<string, number>()
  const describe = (id: string): number => {
    let index = ruleIndex.get(id)
    if (index === undefined) {
      index = descriptors.length
      ruleIndex.set(id, index)
      descriptors.push(descriptor(id, known.get(id)))
    }
    return index
  }

  const toNative = options.toNative ?? ((path: string) => path)
  let relativeUris = false
  const uri = (systemPath: string): Sarif.ArtifactLocation => {
    const native = toNative(systemPath)
    if (options.cwd !== undefined) {
      const inside = relative(options.cwd, native)
      if (inside !== '' && !inside.startsWith('..') && !posix.isAbsolute(inside)) {
        relativeUris = true
        return {uri: inside.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT}
      }
    }
    return {uri: pathToFileURL(native).href}
  }
  const texts = new Map<string, LineIndex>()
  const indexOf = (systemPath: string): LineIndex | undefined => {
    if (!texts.has(systemPath)) {
      const file = result.files.find((f) => f.path === systemPath || f.realPath === systemPath)
      if (file !== undefined) texts.set(systemPath, new LineIndex(file.original))
    }
    return texts.get(systemPath)
  }
  const location = (file: string, position: Position | undefined, message?: string): Sarif.Location => ({
    physicalLocation: {artifactLocation: uri(file), ...(position === undefined ? {} : {region: region(position)})},
    ...(message === undefined ? {} : {message: {text: message}}),
  })

  const findingResult = (finding: Finding, applied: boolean): Sarif.Result => {
    const fix = finding.fix
    return {
      ruleId: finding.ruleId,
      ruleIndex: describe(finding.ruleId),
      level: LEVEL[finding.severity],
      message: {text: finding.message},
      locations: [location(finding.file, finding.position)],
      ...(finding.related === undefined || finding.related.length === 0
        ? {}
        : {relatedLocations: finding.related.map((related, id) => ({...location(related.file, related.position, related.message), id}))}),
      ...(fix === undefined || fix.edits.length === 0
        ? {}
        : {
            fixes: [
              {
                description: {text: `${fix.safety === 'unsafe' ? 'Unsafe: ' : fix.safety === 'suggestion' ? 'Suggestion: ' : ''}${fix.title}${fix.risk ? `. ${fix.risk}` : ''}`},
                artifactChanges: [...new Set(fix.edits.map((edit) => edit.file))].map((file) => ({
                  artifactLocation: uri(file),
                  replacements: fix.edits
                    .filter((edit) => edit.file === file)
                    .map((edit) => {
                      const index = indexOf(file)
                      const span = index === undefined ? {} : region({start: index.point(edit.start), end: index.point(edit.end)})
                      return {deletedRegion: {...span, charOffset: edit.start, charLength: edit.end - edit.start}, insertedContent: {text: edit.text}}
                    }),
                })),
              },
            ],
          }),
      properties: {
        ...(fix === undefined ? {} : {fixSafety: fix.safety, fixApplied: applied, ...(fix.risk === undefined ? {} : {fixRisk: fix.risk})}),
        ...(finding.actual === undefined ? {} : {actual: finding.actual}),
        ...(finding.expected === undefined ? {} : {expected: finding.expected}),
      },
    }
  }

  const applied = new Set(result.applied)
  const results: Sarif.Result[] = result.findings.map((finding) => findingResult(finding, applied.has(finding)))
  for (const {finding, suppression} of result.suppressed) {
    results.push({
      ...findingResult(finding, false),
      suppressions: [
        {
          kind: 'inSource',
          status: 'accepted',
          ...(suppression.reason === undefined ? {} : {justification: suppression.reason}),
          location: location(suppression.file, suppression.position),
        },
      ],
    })
  }
  for (const unused of result.unusedSuppressions) {
    results.push({
      ruleId: UNUSED_SUPPRESSION_RULE,
      ruleIndex: describe(UNUSED_SUPPRESSION_RULE),
      level: unused.level === 'error' ? 'error' : 'warning',
      message: {text: unused.message},
      locations: [location(unused.file, unused.position)],
    })
  }

  const artifacts = result.files.map((file): Sarif.Artifact => ({
    location: uri(file.path),
    ...(file.realPath === file.path ? {} : {description: {text: `A link to ${file.realPath}, where fixes are written`}}),
    ...(file.created ? {roles: ['added']} : {}),
    properties: {format: file.format},
  }))

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            version: options.tool.version,
            semanticVersion: options.tool.version,
            informationUri: 'https://www.npmjs.com/package/harden-config',
            rules: descriptors,
          },
        },
        ...(relativeUris ? {originalUriBaseIds: {[SRCROOT]: {uri: pathToFileURL(`${options.cwd!.replace(/\/$/, '')}/`).href}}} : {}),
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  }
}

/**
 * A SARIF region from a unist position: 1-based lines and columns, the end column
 * exclusive as SARIF and unist both have it.
 *
 * @param position the position
 */
function region(position: Position): Sarif.Region {
  const {start, end} = position
  return {startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column}
}

/**
 * A rule's descriptor: its summary, its documentation as help, its link, and its default
 * level.
 *
 * @param id the rule's id
 * @param rule the rule, when it is known
 */
function descriptor(id: string, rule: Rule<never, never> | undefined): Sarif.ReportingDescriptor {
  if (rule === undefined) {
    const text = 'A suppression comment (`# harden-config-disable-next-line RULE -- reason`) that suppresses nothing, or names a rule that does not exist. Remove it, or correct the rule id.'
    return {
      id,
      name: 'UnusedSuppression',
      shortDescription: {text: 'Suppression comments suppress something.'},
      fullDescription: {text},
      help: {text, markdown: text},
      helpUri: RULES_DOCS_URL,
      defaultConfiguration: {level: 'warning'},
      properties: {tags: ['maintainability']},
    }
  }
  const {docs} = rule
  const references = docs.references.map((ref) => (ref.url === undefined ? `- ${ref.title}` : `- [${ref.title}](${ref.url})`))
  const markdown = [`**${docs.summary}**`, '', docs.why, '', `**Fix safety** (${rule.fix}): ${docs.fixSafety}`, '', 'References:', '', ...references].join('\n')
  const text = [docs.summary, '', docs.why, '', `Fix safety (${rule.fix}): ${docs.fixSafety}`, '', 'References:', ...docs.references.map((ref) => `- ${ref.title}${ref.url === undefined ? '' : ` <${ref.url}>`}`)].join('\n')
  return {
    id,
    name: id
      .split(/[/-]/)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(''),
    shortDescription: {text: docs.summary},
    fullDescription: {text: docs.why},
    help: {text, markdown},
    helpUri: ruleDocsUrl(id),
    defaultConfiguration: {level: LEVEL[rule.severity]},
    properties: {tags: ['security', rule.format, rule.profile], 'security-severity': SECURITY_SEVERITY[rule.severity], precision: 'high', fix: rule.fix},
  }
}
