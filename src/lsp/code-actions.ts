/**
 * Code actions: one quick fix per finding, with every edit of its fix, and one fix-all
 * (`source.fixAll`) that applies the safe fixes only.
 *
 * A title says how far a fix can be trusted, as the command's report does: a safe fix is
 * its title and rule; an unsafe one starts with "Unsafe fix" and ends with its risk (who
 * could be locked out); a suggestion starts with "Suggestion, review first". Only safe
 * fixes are preferred (what an editor applies on a single key press), and only safe fixes
 * go into fix-all, which an editor may run on every save.
 */
import type {CodeAction, Diagnostic, Range} from 'vscode-languageserver/node'
import {CodeActionKind} from 'vscode-languageserver/node'
import type {Finding, Fix} from '../core/rule.js'
import type {HardenResult} from '../harden.js'
import type {DocumentCheck} from './check.js'
import type {FileLocator} from './locator.js'
import {FileTexts, rangesTouch} from './texts.js'
import {groupEdits, toWorkspaceEdit, type EditSupport} from './workspace-edit.js'

/** The title of the fix-all action. */
export const FIX_ALL_TITLE = 'Apply every safe harden-config fix'

/**
 * The title of a finding's quick fix.
 *
 * @param ruleId the finding's rule
 * @param fix its fix
 */
export function fixTitle(ruleId: string, fix: Fix): string {
  const risk = fix.risk === undefined || fix.risk === '' ? '' : ` Risk: ${fix.risk}`
  if (fix.safety === 'unsafe') return `Unsafe fix: ${fix.title} (${ruleId}).${risk}`
  if (fix.safety === 'suggestion') return `Suggestion, review first: ${fix.title} (${ruleId}).${risk}`
  return `${fix.title} (${ruleId})`
}

/** What building code actions needs besides the check. */
export interface ActionContext {
  locator: FileLocator
  support: EditSupport
}

/**
 * The quick fixes of the findings shown at a range of the document.
 *
 * @param check the document's current check
 * @param range the range the editor asks about (the cursor, a selection)
 * @param context locator and client support
 */
export function quickFixes(check: DocumentCheck, range: Range, context: ActionContext): CodeAction[] {
  const actions: CodeAction[] = []
  check.findings.forEach((finding, index) => {
    const diagnostic = check.diagnostics[index]
    if (diagnostic === undefined || !rangesTouch(diagnostic.range, range)) return
    const action = quickFix(finding, diagnostic, check.texts, context)
    if (action !== undefined) actions.push(action)
  })
  return actions
}

/**
 * The quick fix of one finding, or `undefined` when it has none.
 *
 * @param finding the finding
 * @param diagnostic its diagnostic
 * @param texts the texts the fix's offsets are over
 * @param context locator and client support
 */
export function quickFix(finding: Finding, diagnostic: Diagnostic, texts: FileTexts, context: ActionContext): CodeAction | undefined {
  const fix = finding.fix
  if (fix === undefined || fix.edits.length === 0) return undefined
  const changes = groupEdits(fix.edits, (path) => texts.file(path)?.created ?? false)
  return {
    title: fixTitle(finding.ruleId, fix),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.safety === 'safe',
    edit: toWorkspaceEdit(changes, texts, context.locator, context.support),
  }
}

/**
 * The fix-all action: every safe fix, applied pass after pass as the command's `--write`
 * does (a fix that waits for another is in it too), as edits over the texts as they are.
 *
 * @param result `harden()` of the document with safe fixes applied
 * @param check the document's current check (its diagnostics are the ones the action fixes)
 * @param context locator and client support
 * @returns the action, or `undefined` when no safe fix applies
 */
export function fixAll(result: HardenResult, check: DocumentCheck, context: ActionContext): CodeAction | undefined {
  const changed = result.files.filter((file) => file.edits.length > 0)
  if (changed.length === 0) return undefined
  const texts = new FileTexts(result.files)
  const diagnostics = check.findings.flatMap((finding, index) => (result.applied.some((applied) => sameFinding(applied, finding)) ? [check.diagnostics[index]!] : []))
  return {
    title: FIX_ALL_TITLE,
    kind: CodeActionKind.SourceFixAll,
    diagnostics,
    edit: toWorkspaceEdit(
      changed.map((file) => ({path: file.path, created: file.created, edits: file.edits})),
      texts,
      context.locator,
      context.support,
    ),
  }
}

/** Whether two findings of two runs over the same text are the same. */
function sameFinding(a: Finding, b: Finding): boolean {
  return a.ruleId === b.ruleId && a.file === b.file && a.position.start.offset === b.position.start.offset && a.fix?.title === b.fix?.title
}
