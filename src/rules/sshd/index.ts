/**
 * The rules of the sshd format, in the order they run and are listed.
 */
import type {Rule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import kbdInteractiveAuthentication from './kbd-interactive-authentication.js'
import passwordAuthentication from './password-authentication.js'
import permitEmptyPasswords from './permit-empty-passwords.js'
import permitRootLogin from './permit-root-login.js'
import x11Forwarding from './x11-forwarding.js'

/** Every sshd rule. The option types are erased here: the engine checks each rule's options against its schema. */
export const rules: ReadonlyArray<Rule<SshdConfig, unknown>> = [
  permitRootLogin,
  passwordAuthentication,
  kbdInteractiveAuthentication,
  permitEmptyPasswords,
  x11Forwarding,
] as ReadonlyArray<Rule<SshdConfig, unknown>>
