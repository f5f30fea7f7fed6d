/**
 * The rules of the sshd format, in the order they run and are listed.
 */
import type {Rule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import allowUsers from './allow-users.js'
import byteOrderMark from './byte-order-mark.js'
import ciphers from './ciphers.js'
import clientAlive from './client-alive.js'
import deprecatedKeyword from './deprecated-keyword.js'
import duplicateDirective from './duplicate-directive.js'
import hostbasedAuthentication from './hostbased-authentication.js'
import ignoreRhosts from './ignore-rhosts.js'
import invalidDirective from './invalid-directive.js'
import kbdInteractiveAuthentication from './kbd-interactive-authentication.js'
import kexAlgorithms from './kex-algorithms.js'
import logLevel from './log-level.js'
import loginGraceTime from './login-grace-time.js'
import macs from './macs.js'
import maxAuthTries from './max-auth-tries.js'
import passwordAuthentication from './password-authentication.js'
import permitEmptyPasswords from './permit-empty-passwords.js'
import permitRootLogin from './permit-root-login.js'
import permitUserEnvironment from './permit-user-environment.js'
import unknownKeyword from './unknown-keyword.js'
import x11Forwarding from './x11-forwarding.js'

/** Every sshd rule. The option types are erased here: the engine checks each rule's options against its schema. */
export const rules: ReadonlyArray<Rule<SshdConfig, unknown>> = [
  // What makes sshd refuse the file: reported first.
  byteOrderMark,
  unknownKeyword,
  invalidDirective,
  // The baseline of the guides.
  permitRootLogin,
  passwordAuthentication,
  kbdInteractiveAuthentication,
  permitEmptyPasswords,
  x11Forwarding,
  allowUsers,
  duplicateDirective,
  deprecatedKeyword,
  // The strict profile.
  maxAuthTries,
  loginGraceTime,
  clientAlive,
  logLevel,
  permitUserEnvironment,
  hostbasedAuthentication,
  ignoreRhosts,
  ciphers,
  macs,
  kexAlgorithms,
] as ReadonlyArray<Rule<SshdConfig, unknown>>
