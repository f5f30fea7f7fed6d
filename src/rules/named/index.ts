/**
 * The rules of the named format, in the order they run and are listed.
 */
import type {Rule} from '../../core/rule.js'
import type {NamedConfig} from '../../formats/named/semantics.js'
import allowTransfer from './allow-transfer.js'
import byteOrderMark from './byte-order-mark.js'
import dnssecValidation from './dnssec-validation.js'
import duplicateOption from './duplicate-option.js'
import invalidStatement from './invalid-statement.js'
import openRecursion from './open-recursion.js'
import versionHidden from './version-hidden.js'

/** Every named rule. The option types are erased here: the engine checks each rule's options against its schema. */
export const rules: ReadonlyArray<Rule<NamedConfig, unknown>> = [
  // What makes named refuse the configuration: reported first.
  byteOrderMark,
  invalidStatement,
  duplicateOption,
  // The baseline of the guides.
  openRecursion,
  allowTransfer,
  versionHidden,
  dnssecValidation,
] as ReadonlyArray<Rule<NamedConfig, unknown>>
