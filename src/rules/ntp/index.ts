/**
 * The rules of the ntp format, in the order they run and are listed.
 */
import type {Rule} from '../../core/rule.js'
import type {NtpConfig} from '../../formats/ntp/semantics.js'
import disableMonitor from './disable-monitor.js'
import invalidLine from './invalid-line.js'
import restrictDefault from './restrict-default.js'
import restrictLocalhost from './restrict-localhost.js'
import wideRestrict from './wide-restrict.js'

/** Every ntp rule. The option types are erased here: the engine checks each rule's options against its schema. */
export const rules: ReadonlyArray<Rule<NtpConfig, unknown>> = [
  // What ntpd skips: reported first.
  invalidLine,
  // The baseline of the guides and benchmarks.
  restrictDefault,
  restrictLocalhost,
  disableMonitor,
  wideRestrict,
] as ReadonlyArray<Rule<NtpConfig, unknown>>
