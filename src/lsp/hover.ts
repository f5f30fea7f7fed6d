/**
 * A hover over a finding: the rule's documentation (summary, why it matters, how far its
 * fix can be trusted), this finding's fix and risk, and a link to the rule's section of
 * the shipped docs/rules.md.
 */
import type {Hover, Position} from 'vscode-languageserver/node'
import {MarkupKind} from 'vscode-languageserver/node'
import type {Finding, RuleDocs} from '../core/rule.js'
import {ruleDocsUrl} from '../docs-url.js'
import type {DocumentCheck} from './check.js'
import {rangesTouch} from './texts.js'

/**
 * The documentation of a finding's rule, as Markdown.
 *
 * @param finding the finding
 * @param rule its rule, when the server knows it
 */
export function findingMarkdown(finding: Finding, rule: {docs: RuleDocs} | undefined): string {
  const parts = [`**${finding.ruleId}** (${finding.severity})`]
  if (rule !== undefined) parts.push(rule.docs.summary, rule.docs.why)
  const fix = finding.fix
  if (fix !== undefined && fix.edits.length > 0) {
    const label = fix.safety === 'safe' ? 'Safe fix' : fix.safety === 'unsafe' ? 'Unsafe fix' : 'Suggestion'
    parts.push(`**${label}:** ${fix.title}${fix.risk ? `\n\n**Risk:** ${fix.risk}` : ''}`)
  }
  if (rule !== undefined) parts.push(`**Fix safety:** ${rule.docs.fixSafety}`)
  parts.push(`[Documentation of ${finding.ruleId}](${ruleDocsUrl(finding.ruleId)})`)
  return parts.join('\n\n')
}

/**
 * The hover at a position of a document: the documentation of every finding shown there,
 * or `null` when there is none.
 *
 * @param check the document's current check
 * @param position where the pointer is
 * @param ruleById the rules, by id
 */
export function hoverAt(check: DocumentCheck, position: Position, ruleById: (id: string) => {docs: RuleDocs} | undefined): Hover | null {
  const at = {start: position, end: position}
  const sections: string[] = []
  let range: Hover['range']
  check.findings.forEach((finding, index) => {
    const diagnostic = check.diagnostics[index]
    if (diagnostic === undefined || !rangesTouch(diagnostic.range, at)) return
    range ??= diagnostic.range
    sections.push(findingMarkdown(finding, ruleById(finding.ruleId)))
  })
  if (sections.length === 0) return null
  return {contents: {kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n')}, ...(range === undefined ? {} : {range})}
}
