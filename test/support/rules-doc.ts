/**
 * The rule documentation, generated from the rules' own data: the table in the README and
 * one section per rule in docs/rules.md. `npm run docs` writes them; a test fails when
 * they are out of date.
 */
import type {OptionSpec} from '../../src/core/options.js'
import type {Rule} from '../../src/core/rule.js'
import {ruleAnchor} from '../../src/docs-url.js'

/** The anchor of a rule's section in docs/rules.md. */
export function anchor(id: string): string {
  return ruleAnchor(id)
}

const fixLabel: Record<string, string> = {safe: 'safe', unsafe: 'unsafe', suggestion: 'suggestion', none: 'none'}

/**
 * The README's table of rules.
 *
 * @param rules every rule
 */
export function rulesTable(rules: ReadonlyArray<Rule<unknown, unknown>>): string {
  const rows = rules.map((rule) => `| [\`${rule.id}\`](docs/rules.md#${anchor(rule.id)}) | ${rule.profile} | ${rule.severity} | ${fixLabel[rule.fix]} | ${rule.docs.summary.replace(/\|/g, '\\|')} |`)
  return ['| rule | profile | severity | fix | what it wants |', '| --- | --- | --- | --- | --- |', ...rows].join('\n')
}

function fence(text: string): string {
  const visible = text.replace(/\uFEFF/g, '<U+FEFF>')
  return `\`\`\`\n${visible}${visible.endsWith('\n') ? '' : '\n'}\`\`\``
}

/**
 * docs/rules.md: every rule with its reasons, options, fix safety, examples and sources.
 *
 * @param rules every rule
 */
export function rulesDocument(rules: ReadonlyArray<Rule<unknown, unknown>>): string {
  const parts = [
    '# harden-config rules',
    '',
    '<!-- Generated from the rules in src/rules/ by `npm run docs`; do not edit by hand. -->',
    '',
    'Each rule has a severity (how bad the finding is) and a fix level, the most its fixes can be trusted:',
    '`safe` fixes cannot change who or what can connect and are applied by `--write`; `unsafe` fixes are',
    'valid but can lock someone out, are in the patch for review, and are applied by `--write` only with',
    '`--unsafe-fixes`; `suggestion`s are shown, never applied. A finding may lower its rule\'s level when it',
    'can prove a lock-out. The `baseline` profile runs by default; `--profile strict` adds the `strict` rules.',
    '',
  ]
  for (const rule of rules) {
    parts.push(`## ${rule.id}`, '', `<a id="${anchor(rule.id)}"></a>`, '', `**${rule.docs.summary}**`, '')
    parts.push(`Profile: \`${rule.profile}\`. Severity: \`${rule.severity}\`. Fix: \`${rule.fix}\`.`, '')
    parts.push('### Why', '', rule.docs.why, '')
    const options = Object.entries(rule.options as Record<string, OptionSpec<unknown>>)
    if (options.length > 0) {
      parts.push('### Options', '')
      for (const [key, spec] of options) {
        parts.push(`- \`${key}\` (default \`${JSON.stringify(spec.default)}\`; ${spec.expected}): ${spec.description}  `, `  \`--option ${rule.id}.${key}=...\``)
      }
      parts.push('')
    }
    parts.push('### Fix safety', '', rule.docs.fixSafety, '')
    parts.push('### Examples', '')
    for (const example of rule.docs.examples) {
      if (example.options) parts.push(`With options \`${JSON.stringify(example.options)}\`:`, '')
      if (example.files) {
        const files = Object.entries(example.files).map(([path, entry]) => (typeof entry === 'string' ? `\`${path}\`` : `\`${path}\` (mode ${entry.mode.toString(8)})`))
        parts.push(`With the files ${files.join(', ')} on the system (fixed: others may not read them):`, '')
      }
      parts.push('Reported:', '', fence(example.bad), '', rule.fix === 'none' || rule.fix === 'suggestion' ? 'Written by hand:' : 'Fixed:', '', fence(example.good), '')
    }
    parts.push('### References', '')
    for (const reference of rule.docs.references) parts.push(`- ${reference.url ? `[${reference.title}](${reference.url})` : reference.title}`)
    parts.push('')
  }
  return parts.join('\n')
}

/**
 * Puts generated text between two markers of a document.
 *
 * @param document the document
 * @param name the markers' name (`rules` for `<!-- rules:start -->`)
 * @param content what goes between them
 */
export function replaceBetween(document: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from === -1 || to === -1) throw new Error(`Missing ${start} ... ${end}`)
  return `${document.slice(0, from + start.length)}\n${content}\n${document.slice(to)}`
}
