/**
 * The rules of the iptables format, in the order they run and are listed.
 */
import type {Rule} from '../../core/rule.js'
import type {IptablesConfig} from '../../formats/iptables/semantics.js'
import byteOrderMark from './byte-order-mark.js'
import defaultDrop from './default-drop.js'
import exposedService from './exposed-service.js'
import invalidLine from './invalid-line.js'
import ipv6Open from './ipv6-open.js'
import lineEnding from './line-ending.js'
import portRange from './port-range.js'
import shadowedRule from './shadowed-rule.js'

/** Every iptables rule. The option types are erased here: the engine checks each rule's options against its schema. */
export const rules: ReadonlyArray<Rule<IptablesConfig, unknown>> = [
  // What makes iptables-restore refuse the file: reported first.
  byteOrderMark,
  lineEnding,
  invalidLine,
  // The guides: drop by default, nothing sensitive facing the internet, no port ranges,
  // IPv6 no way around IPv4, no rule that cannot match.
  defaultDrop,
  exposedService,
  portRange,
  ipv6Open,
  shadowedRule,
] as ReadonlyArray<Rule<IptablesConfig, unknown>>
