/**
 * The rules of the ntp format, in the order they run and are listed.
 */
import type {Rule} from '../../core/rule.js'
import type {NtpConfig} from '../../formats/ntp/semantics.js'

/** Every ntp rule. The option types are erased here: the engine checks each rule's options against its schema. */
export const rules: ReadonlyArray<Rule<NtpConfig, unknown>> = [] as ReadonlyArray<Rule<NtpConfig, unknown>>
