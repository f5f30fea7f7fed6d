/**
 * The rules of the apache format, in the order they run and are listed.
 */
import type {Rule} from '../../core/rule.js'
import type {ApacheConfig} from '../../formats/apache/semantics.js'

/** Every apache rule. */
export const rules: ReadonlyArray<Rule<ApacheConfig, unknown>> = []
