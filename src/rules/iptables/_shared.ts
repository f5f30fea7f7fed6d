/**
 * What the iptables rules share: how a decider and a list of services read in a message,
 * where a finding about something missing points, and the risk of a fix that makes a file
 * iptables-restore refuses loadable.
 */
import type {Position} from 'unist'
import {describeService, type Service} from '../../formats/iptables/services.js'
import {describeRule, type Decider, type IptablesConfig} from '../../formats/iptables/semantics.js'

/** The start of a document, where findings about something missing point. */
export const START: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}

/**
 * The risk of a fix that turns a file iptables-restore refuses into one it loads: none of
 * the file's rules apply today, all of them will.
 */
export const REFUSED_FILE_RISK =
  'iptables-restore refuses this file as it is, so none of its rules are loaded (a host that boots with it keeps whatever firewall it had, often none). Once fixed, every rule in it applies: check that they keep your own way in open before you load it.'

/**
 * A list of services for a message: `SSH (TCP 22), MySQL (TCP 3306) and 3 more`.
 *
 * @param services the services
 * @param limit how many to name
 */
export function describeServices(services: readonly Service[], limit = 6): string {
  const named = services.slice(0, limit).map(describeService)
  const more = services.length - named.length
  if (more > 0) return `${named.join(', ')} and ${more} more`
  if (named.length <= 1) return named.join('')
  return `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
}

/**
 * Who decides a verdict, for a message: the rule as written and its line, or the policy.
 *
 * @param decider the rule or policy
 */
export function describeDecider(decider: Decider): string {
  if (decider.kind === 'rule') return `\`${describeRule(decider.rule.node)}\` (line ${decider.rule.node.position!.start.line})`
  const policy = decider.chain.policy
  return policy === undefined ? `the ACCEPT policy \`${decider.chain.name}\` gets when the file sets none` : `the \`${policy.value}\` policy of \`${decider.chain.name}\` (line ${policy.node.position!.start.line})`
}

/**
 * The family of the configuration's file, for messages: `IPv4`, `IPv6`.
 *
 * @param config the configuration
 */
export function familyName(config: IptablesConfig): string {
  return config.file.family.family === 'ipv6' ? 'IPv6' : 'IPv4'
}
