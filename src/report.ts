/**
 * Reports: the readable one (one line per finding, then what to check for risky fixes) and
 * the JSON one (findings with positions and edits, the files and the patch), whose shape is
 * versioned by `REPORT_VERSION`.
 */
import type {Finding} from './core/rule.js'
import type {HardenResult} from './harden.js'
import {wrap} from './harden.js'

/** The version of the JSON report's shape; it changes only when a field changes meaning or goes away. */
export const REPORT_VERSION = 1

/**
 * The fix label of a finding in the text report.
 *
 * @param finding the finding
 */
function fixLabel(finding: Finding): string {
  const fix = finding.fix
  if (fix === undefined) return ''
  return fix.safety === 'suggestion' ? '  [suggestion]' : `  [${fix.safety} fix]`
}

/**
 * The readable report: `file:line:column  severity  message  rule-id  [safe fix]`, the risk
 * of each unsafe fix or suggestion below it, and a summary.
 *
 * @param result what harden found
 * @param mode what was done with the fixes, for the summary
 */
export function textReport(result: HardenResult, mode: 'patch' | 'check' | 'write'): string {
  const lines: string[] = result.configFiles.map((file) => `Configuration: ${file}`)
  for (const finding of result.findings) {
    const {line, column} = finding.position.start
    lines.push(`${finding.file}:${line}:${column}  ${finding.severity}  ${finding.message}  ${finding.ruleId}${fixLabel(finding)}`)
    for (const related of finding.related ?? []) {
      lines.push(`    ${related.file}:${related.position.start.line}:${related.position.start.column}: ${related.message}`)
    }
    if (finding.fix?.risk) {
      const label = finding.fix.safety === 'suggestion' ? 'Not applied' : 'Risk'
      lines.push(...wrap(`${label}: ${finding.fix.risk}`, 96).map((text) => `    ${text}`))
    }
  }
  for (const unused of result.unusedSuppressions) {
    const {line, column} = unused.position.start
    lines.push(`${unused.file}:${line}:${column}  ${unused.level === 'error' ? 'error' : 'warning'}  ${unused.message}  harden-config/unused-suppression`)
  }
  lines.push(summary(result, mode))
  return `${lines.join('\n')}\n`
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

function summary(result: HardenResult, mode: 'patch' | 'check' | 'write'): string {
  const {findings} = result
  const suppressed = result.suppressed.length === 0 ? '' : ` ${count(result.suppressed.length, 'finding')} suppressed by comments.`
  if (findings.length === 0) return `No findings.${suppressed}`
  const bySeverity = ['error', 'warning', 'info']
    .map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => count(n, severity))
  const safety = (level: string) => findings.filter((f) => f.fix?.safety === level).length
  const fixes = [count(safety('safe'), 'safe fix', 'safe fixes'), count(safety('unsafe'), 'unsafe fix', 'unsafe fixes'), count(safety('suggestion'), 'suggestion')]
  const changed = result.files.filter((f) => f.changed).length
  const outcome =
    mode === 'check'
      ? 'Nothing was changed (--check).'
      : mode === 'write'
        ? `${count(result.applied.length, 'fix', 'fixes')} written to ${count(changed, 'file')}.`
        : result.patch === ''
          ? 'The patch is empty.'
          : `The patch holds ${count(result.applied.length, 'fix', 'fixes')} in ${count(changed, 'file')}.`
  return `${count(findings.length, 'finding')} (${bySeverity.join(', ')}): ${fixes.join(', ')}. ${outcome}${suppressed}`
}

/**
 * The JSON report.
 *
 * @param result what harden found
 * @param tool the tool's name and version
 */
export function jsonReport(result: HardenResult, tool: {name: string; version: string}): string {
  const applied = new Set(result.applied)
  const report = {
    reportVersion: REPORT_VERSION,
    tool,
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      file: finding.file,
      position: finding.position,
      ...(finding.actual === undefined ? {} : {actual: finding.actual}),
      ...(finding.expected === undefined ? {} : {expected: finding.expected}),
      ...(finding.related === undefined ? {} : {related: finding.related}),
      fix:
        finding.fix === undefined
          ? null
          : {
              safety: finding.fix.safety,
              title: finding.fix.title,
              ...(finding.fix.risk === undefined ? {} : {risk: finding.fix.risk}),
              applied: applied.has(finding),
              edits: finding.fix.edits,
            },
    })),
    suppressed: result.suppressed.map(({finding, suppression}) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      file: finding.file,
      position: finding.position,
      suppression: {file: suppression.file, position: suppression.position, kind: suppression.kind, ...(suppression.reason === undefined ? {} : {reason: suppression.reason})},
    })),
    unusedSuppressions: result.unusedSuppressions,
    configFiles: result.configFiles,
    files: result.files.map((file) => ({path: file.path, realPath: file.realPath, patchPath: file.patchPath, format: file.format, changed: file.changed, created: file.created})),
    patch: result.patch,
  }
  return `${JSON.stringify(report, null, 2)}\n`
}
