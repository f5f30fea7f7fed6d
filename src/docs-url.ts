/**
 * Where a rule's documentation is read: `docs/rules.md` of the installed version, which the
 * package ships, at the rule's anchor. SARIF's `helpUri`, the editor's hover and the
 * unified messages link there.
 */
import {VERSION} from './version.js'

/** The rules document of this version. */
export const RULES_DOCS_URL = `https://unpkg.com/harden-config@${VERSION}/docs/rules.md`

/**
 * The anchor of a rule in docs/rules.md: its id without the slash (`sshdpermit-root-login`).
 *
 * @param ruleId the rule's id
 */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/[^a-z0-9-]/g, '')
}

/**
 * The address of a rule's documentation.
 *
 * @param ruleId the rule's id (`sshd/permit-root-login`)
 */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULES_DOCS_URL}#${ruleAnchor(ruleId)}`
}
