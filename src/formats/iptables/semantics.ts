/**
 * What an iptables-save file means, as iptables-restore and the kernel read it
 * (iptables(8), iptables-restore(8), iptables-extensions(8), iptables 1.8.9):
 *
 * - Each `*table ... COMMIT` block flushes its table and builds it again from its lines; a
 *   table named twice is built by its last block; tables the file does not name are left
 *   as they are.
 * - The lines of a block are commands run in order: `:CHAIN POLICY` declares a chain, `-A`
 *   appends, `-I` inserts, `-D` deletes, `-R` replaces, `-N`, `-X`, `-F`, `-P`, `-E`...
 *   `-s` and `-d` with a comma-separated list add one rule per address (and per pair).
 * - A packet walks a built-in chain rule by rule; the first rule that matches with a
 *   deciding target (ACCEPT, DROP, REJECT) decides. A jump (`-j CHAIN`) runs the chain and
 *   comes back after the jump when that chain ends or hits RETURN; a goto (`-g CHAIN`) does
 *   not come back to the chain that went. Targets such as LOG do not stop the walk. At the
 *   end of a built-in chain its policy decides.
 *
 * {@link compileRuleset} builds the chains of each table from the commands, and
 * {@link traverse} walks a packet through them, answering with every verdict the packet can
 * meet. A match the helpers cannot judge (a rate limit, an ipset, a destination address of
 * the host) is "maybe": the walk then follows both ways. Rules ask these helpers; none of
 * them re-learns the format.
 */
import {posix} from 'node:path'
import {readText} from '../../core/document.js'
import {HardenConfigError} from '../../core/errors.js'
import type {LoadOptions} from '../../core/format.js'
import type {Configuration, Document} from '../../core/rule.js'
import {addressCovers, addressFamily, addressIn, isAnyAddress, parseAddressSpec, type AddressMask, type AddressSpec, type Family} from './addresses.js'
import {lookupOption, unquoteWord} from './option-table.js'
import {parse} from './parse.js'
import {print} from './print.js'
import {servicePort, type PortProtocol, type Service} from './services.js'
import type {IptablesChain, IptablesCommand, IptablesLine, IptablesMatch, IptablesOption, IptablesParameter, IptablesRoot, IptablesRule, IptablesTable, IptablesTarget, IptablesWord} from './types.js'

export type {Family} from './addresses.js'

// ----- Words and options ------------------------------------------------------------------

/**
 * The value of a word as iptables reads it: quotes removed, escapes in quotes resolved.
 *
 * @param word the word
 */
export function wordValue(word: IptablesWord): string {
  return unquoteWord(word.value)
}

/** Any node that holds an option's words. */
export type OptionNode = IptablesCommand | IptablesParameter | IptablesOption | IptablesMatch | IptablesTarget

/**
 * The name iptables knows an option by (`--dport` for `--destination-port`, `-s` for
 * `--source`), or the word as written when the option table does not know it.
 *
 * @param option the option
 */
export function optionName(option: OptionNode): string {
  const written = wordValue(option.name)
  return lookupOption(written)?.info.canonical ?? written
}

/**
 * The argument values of an option, an argument glued to a short option first (`-dport`
 * is `-d` with `port`).
 *
 * @param option the option
 */
export function optionValues(option: OptionNode): string[] {
  const found = lookupOption(wordValue(option.name))
  const values = option.arguments.map(wordValue)
  return found?.attached !== undefined ? [found.attached, ...values] : values
}

/**
 * Every option of a command line in the order written, the options of matches and targets
 * included, each with the match or target it was written after.
 *
 * @param rule the command line
 */
export function flatOptions(rule: IptablesRule): Array<{option: OptionNode; parent: IptablesMatch | IptablesTarget | undefined}> {
  const out: Array<{option: OptionNode; parent: IptablesMatch | IptablesTarget | undefined}> = []
  for (const child of rule.children) {
    out.push({option: child, parent: undefined})
    if (child.type === 'match' || child.type === 'target') for (const option of child.children) out.push({option, parent: child})
  }
  return out
}

/**
 * A command line as written, without counters and line end: for messages.
 *
 * @param rule the line
 */
export function describeRule(rule: IptablesRule): string {
  return rule.children.map((child) => print(child)).join('').trim()
}

// ----- Tables and chains ------------------------------------------------------------------

/** The tables iptables knows, with their built-in chains (iptables(8) "TABLES"). */
export const BUILTIN_CHAINS: Readonly<Record<string, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
}

/** Chain names longer than this are refused (`XT_EXTENSION_MAXNAMELEN` - 1). */
export const MAX_CHAIN_NAME = 28

/** Targets that decide a packet's fate, as a policy or a rule's target. */
const VERDICTS: Readonly<Record<string, Verdict>> = {ACCEPT: 'accept', DROP: 'drop', REJECT: 'reject', QUEUE: 'queue', NFQUEUE: 'queue'}

/**
 * Targets that do something and let the packet go on through the chain (iptables-extensions(8)):
 * logging, marking, accounting. A target not listed here nor in {@link VERDICTS} may stop
 * the walk or not; the walk says so ("unknown").
 */
const CONTINUING_TARGETS = new Set([
  'LOG', 'NFLOG', 'ULOG', 'MARK', 'CONNMARK', 'CT', 'NOTRACK', 'TRACE', 'AUDIT', 'CLASSIFY', 'DSCP', 'TOS', 'TTL', 'HL', 'SET',
  'TCPMSS', 'CHECKSUM', 'IDLETIMER', 'LED', 'SECMARK', 'CONNSECMARK', 'TEE', 'RATEEST', 'ECN', 'TCPOPTSTRIP', 'CONNLIMIT',
])

/** Targets of the nat table: each ends the walk of its chain, having rewritten the packet's addresses. */
const NAT_TARGETS = new Set(['DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP'])

/** Other targets iptables knows that end the walk of their chain in ways the walk does not follow. */
const OTHER_TARGETS = new Set(['TPROXY', 'SYNPROXY', 'RETURN'])

/**
 * Whether a name is a target iptables knows (as opposed to a user chain).
 *
 * @param name the target
 */
export function isKnownTarget(name: string): boolean {
  return name in VERDICTS || CONTINUING_TARGETS.has(name) || NAT_TARGETS.has(name) || OTHER_TARGETS.has(name)
}

/**
 * The name of a table block, as iptables-restore reads it.
 *
 * @param table the block
 */
export function tableName(table: IptablesTable): string | undefined {
  return table.header.name === undefined ? undefined : table.header.name.value
}

/**
 * The table blocks of a file, in order.
 *
 * @param root the file
 */
export function tableBlocks(root: IptablesRoot): IptablesTable[] {
  return root.children.filter((child): child is IptablesTable => child.type === 'table')
}

// ----- The family -------------------------------------------------------------------------

/** How the family of a file was told. */
export interface FamilyReading {
  family: Family
  /** What told it: the setting, the `# Generated by` header, an address, the file's name, or nothing (IPv4). */
  reason: 'setting' | 'header' | 'address' | 'name' | 'default'
}

/**
 * Whether a file holds IPv4 or IPv6 rules: from the header `ip6tables-save` writes
 * (`# Generated by ip6tables-save v1.8.9 ...`); else from a name that says which tool loads
 * it (`rules.v6` is loaded by ip6tables-restore, `rules.v4` and `iptables.rules` by
 * iptables-restore); else from the first address or IPv6-only protocol of its rules; else
 * IPv4. An address of the other family in a file named for one is then reported as such.
 *
 * @param root the file
 * @param path its system path
 */
export function detectFamily(root: IptablesRoot, path: string): FamilyReading {
  const comments = root.children.filter((child) => child.type === 'comment')
  for (const comment of comments) {
    const generated = /^#\s*Generated by (ip6?)tables/.exec(comment.value)
    if (generated !== null) return {family: generated[1] === 'ip6' ? 'ipv6' : 'ipv4', reason: 'header'}
  }
  const base = posix.basename(path)
  if (/(^|[^a-z])(ip6|v6|ipv6)([^a-z]|$)|6tables|\.v6$/i.test(base)) return {family: 'ipv6', reason: 'name'}
  if (/\.v4$|(^|[^6])iptables/i.test(base)) return {family: 'ipv4', reason: 'name'}
  for (const table of tableBlocks(root)) {
    for (const line of table.children) {
      if (line.type !== 'rule') continue
      for (const {option} of flatOptions(line)) {
        const name = optionName(option)
        const values = optionValues(option)
        if (name === '-s' || name === '-d') {
          for (const item of (values[0] ?? '').split(',')) {
            const family = addressFamily(item)
            if (family !== undefined && !(family === 'ipv4' && item.split('/')[0] === '0')) return {family, reason: 'address'}
          }
        }
        if ((name === '-p' && /^(ipv6-icmp|icmpv6|icmp6|58)$/i.test(values[0] ?? '')) || name === '--icmpv6-type') return {family: 'ipv6', reason: 'address'}
        if (name === '--icmp-type') return {family: 'ipv4', reason: 'address'}
      }
    }
  }
  return {family: 'ipv4', reason: 'default'}
}

// ----- What a rule says -------------------------------------------------------------------

/** A value with the `!` that negates it. */
export interface Negatable<T> {
  value: T
  negated: boolean
  /** The option that says it. */
  option: OptionNode
}

/** Inclusive port ranges; `unknown` holds names that are not in /etc/services. */
export interface PortSet {
  ranges: Array<readonly [number, number]>
  unknown: string[]
}

/** The command of a line, read. */
export interface CommandSpec {
  /** The command, by its short option: `-A`, `-I`, `-D`, `-R`, `-N`, `-X`, `-F`, `-Z`, `-P`, `-E`, `-L`, `-S`, `-C`. */
  name: string
  node: IptablesCommand
  chain?: string | undefined
  /** `-I chain N`, `-D chain N`, `-R chain N`, `-Z chain N`. */
  ruleNumber?: number | undefined
  /** `-P chain POLICY`. */
  policy?: string | undefined
  /** `-E old NEW`. */
  newName?: string | undefined
}

/** Where a rule sends a packet. */
export interface TargetSpec {
  name: string
  /** `-g` rather than `-j`. */
  goto: boolean
  node: IptablesTarget
}

/** TCP flags tested by `--tcp-flags MASK COMP` or `--syn`. */
export interface TcpFlagsSpec {
  mask: string[]
  compare: string[]
  negated: boolean
  option: OptionNode
}

/**
 * What a command line says, read from its options. Options the reading does not cover are
 * listed in `unmodeled`: a packet may or may not match them.
 */
export interface RuleSpec {
  rule: IptablesRule
  command: CommandSpec | undefined
  /** The protocol, lower case, numbers as names (`6` is `tcp`); absent for any protocol. */
  protocol: Negatable<string> | undefined
  /** `-s`, each item of its list read. */
  sources: Negatable<Array<AddressSpec | undefined>> | undefined
  destinations: Negatable<Array<AddressSpec | undefined>> | undefined
  inInterface: Negatable<string> | undefined
  outInterface: Negatable<string> | undefined
  /** `-f`: only second and later fragments. */
  fragment: Negatable<true> | undefined
  /** `--dport`, `--dports`: the destination ports. */
  destinationPorts: Negatable<PortSet> | undefined
  /** `--sport`, `--sports`. */
  sourcePorts: Negatable<PortSet> | undefined
  /** `--ports` of multiport: source or destination. */
  anyPorts: Negatable<PortSet> | undefined
  /** `--ctstate` and `--state` sets, upper case; a packet must be in each. */
  states: Array<Negatable<Set<string>>>
  tcpFlags: TcpFlagsSpec | undefined
  /** `--src-type` and `--dst-type` of addrtype, upper case. */
  sourceTypes: Negatable<Set<string>> | undefined
  destinationTypes: Negatable<Set<string>> | undefined
  /** The text of `-m comment --comment`, unquoted. */
  comments: string[]
  /** `-m` modules, in order. */
  matches: string[]
  target: TargetSpec | undefined
  /** Match options the reading does not judge, and unknown options. */
  unmodeled: OptionNode[]
}

/** Protocol numbers iptables prints by name (/etc/protocols). */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  '0': 'all', '1': 'icmp', '2': 'igmp', '4': 'ipencap', '6': 'tcp', '17': 'udp', '33': 'dccp', '41': 'ipv6', '47': 'gre',
  '50': 'esp', '51': 'ah', '58': 'ipv6-icmp', '89': 'ospf', '103': 'pim', '112': 'vrrp', '132': 'sctp', '136': 'udplite',
}
const PROTOCOL_ALIASES: Readonly<Record<string, string>> = {icmpv6: 'ipv6-icmp', icmp6: 'ipv6-icmp', 'ip-encap': 'ipencap', ipip: 'ipencap'}

/**
 * A protocol as iptables compares it: lower case, by name (`TCP`, `6` and `tcp` are one).
 *
 * @param value the argument of `-p`
 */
export function canonicalProtocol(value: string): string {
  const lower = value.toLowerCase()
  return PROTOCOL_NAMES[lower] ?? PROTOCOL_ALIASES[lower] ?? lower
}

/** Protocols whose ports `--dport` and multiport can match. */
const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'udplite', 'dccp', 'sctp'])

/** A port number as iptables reads it (strtoul with base 0: `0x16` is 22), or a service name. */
function parsePort(text: string, protocol: string | undefined): number | undefined {
  let value: number | undefined
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = parseInt(text.slice(2), 16)
  else if (/^0[0-7]*$/.test(text)) value = text.length === 1 ? 0 : parseInt(text.slice(1), 8)
  else if (/^[1-9]\d*$/.test(text)) value = Number(text)
  else value = servicePort(text, protocol === 'udp' || protocol === 'udplite' ? 'udp' : 'tcp')
  return value !== undefined && value <= 65535 ? value : undefined
}

/**
 * Reads a port argument: `22`, `ssh`, `1000:2000`, `:1024`, `3000:`, or a multiport list
 * (`22,80:90,https`).
 *
 * @param text the argument
 * @param protocol the rule's protocol, for service names
 * @param list whether commas separate several items (multiport)
 * @returns the ranges, or undefined when an item is malformed (iptables refuses the rule)
 */
export function parsePortSet(text: string, protocol: string | undefined, list: boolean): PortSet | undefined {
  const set: PortSet = {ranges: [], unknown: []}
  for (const item of list ? text.split(',') : [text]) {
    const colon = item.indexOf(':')
    if (colon === -1) {
      const port = parsePort(item, protocol)
      if (port !== undefined) set.ranges.push([port, port])
      else if (/^[A-Za-z][A-Za-z0-9._-]*$/.test(item)) set.unknown.push(item)
      else return undefined
      continue
    }
    const fromText = item.slice(0, colon)
    const toText = item.slice(colon + 1)
    const from = fromText === '' ? 0 : parsePort(fromText, protocol)
    const to = toText === '' ? 65535 : parsePort(toText, protocol)
    if (from === undefined || to === undefined) {
      if (/^[A-Za-z0-9._:-]+$/.test(item)) set.unknown.push(item)
      else return undefined
      continue
    }
    if (from > to) return undefined
    set.ranges.push([from, to])
  }
  return set
}

/** How many ports a set names (ranges counted whole). */
export function portCount(set: PortSet): number {
  return set.ranges.reduce((n, [from, to]) => n + to - from + 1, 0)
}

/** Options whose meaning a packet's walk judges (the rest are `unmodeled`). */
const MODELED = new Set([
  '-p', '-s', '-d', '-i', '-o', '-f', '-m', '-j', '-g', '-c', '-4', '-6',
  '--dport', '--sport', '--dports', '--sports', '--ports', '--ctstate', '--state', '--comment', '--syn', '--tcp-flags',
  '--src-type', '--dst-type',
])

/** The options of targets: they say what the target does, not which packets match. */
function isTargetOption(parent: IptablesMatch | IptablesTarget | undefined): boolean {
  return parent?.type === 'target'
}

/**
 * Reads what a command line says.
 *
 * @param rule the line
 * @param family the rule set's family (for addresses)
 */
export function ruleSpec(rule: IptablesRule, family: Family): RuleSpec {
  const spec: RuleSpec = {
    rule,
    command: undefined,
    protocol: undefined,
    sources: undefined,
    destinations: undefined,
    inInterface: undefined,
    outInterface: undefined,
    fragment: undefined,
    destinationPorts: undefined,
    sourcePorts: undefined,
    anyPorts: undefined,
    states: [],
    tcpFlags: undefined,
    sourceTypes: undefined,
    destinationTypes: undefined,
    comments: [],
    matches: [],
    target: undefined,
    unmodeled: [],
  }
  const options = flatOptions(rule)
  // The protocol first: service names in port options are looked up for it.
  for (const {option} of options) {
    if (option.type === 'parameter' && optionName(option) === '-p') {
      const value = optionValues(option)[0]
      const protocol = value === undefined ? undefined : canonicalProtocol(value)
      if (protocol !== undefined && protocol !== 'all') spec.protocol = {value: protocol, negated: option.not !== undefined, option}
    }
  }
  const protocol = spec.protocol?.negated === false ? spec.protocol.value : undefined
  for (const {option, parent} of options) {
    const name = optionName(option)
    const values = optionValues(option)
    const negated = option.not !== undefined
    const first = values[0] ?? ''
    if (option.type === 'command') {
      if (spec.command !== undefined) continue
      const command: CommandSpec = {name, node: option}
      if (values[0] !== undefined) command.chain = values[0]
      if (name === '-P') command.policy = values[1]
      else if (name === '-E') command.newName = values[1]
      else if (values[1] !== undefined && /^\d+$/.test(values[1])) command.ruleNumber = Number(values[1])
      spec.command = command
      continue
    }
    if (option.type === 'target') {
      spec.target = {name: first, goto: name === '-g', node: option}
      continue
    }
    if (option.type === 'match') {
      spec.matches.push(first)
      continue
    }
    if (isTargetOption(parent)) continue
    switch (name) {
      case '-p':
        break
      case '-s':
      case '-d': {
        const list = {value: first.split(',').map((item) => parseAddressSpec(item, family)), negated, option}
        if (name === '-s') spec.sources = list
        else spec.destinations = list
        break
      }
      case '-i':
        spec.inInterface = {value: first, negated, option}
        break
      case '-o':
        spec.outInterface = {value: first, negated, option}
        break
      case '-f':
        spec.fragment = {value: true, negated, option}
        break
      case '--dport':
      case '--sport':
      case '--dports':
      case '--sports':
      case '--ports': {
        const set = parsePortSet(first, protocol, name.endsWith('s'))
        if (set === undefined) {
          spec.unmodeled.push(option)
          break
        }
        const value = {value: set, negated, option}
        if (name === '--dport' || name === '--dports') spec.destinationPorts = value
        else if (name === '--ports') spec.anyPorts = value
        else spec.sourcePorts = value
        break
      }
      case '--ctstate':
      case '--state':
        spec.states.push({value: new Set(first.toUpperCase().split(',')), negated, option})
        break
      case '--comment':
        spec.comments.push(first)
        break
      case '--syn':
        spec.tcpFlags = {mask: ['FIN', 'SYN', 'RST', 'ACK'], compare: ['SYN'], negated, option}
        break
      case '--tcp-flags':
        spec.tcpFlags = {mask: tcpFlagList(values[0] ?? ''), compare: tcpFlagList(values[1] ?? ''), negated, option}
        break
      case '--src-type':
      case '--dst-type': {
        const value = {value: new Set(first.toUpperCase().split(',')), negated, option}
        if (name === '--src-type') spec.sourceTypes = value
        else spec.destinationTypes = value
        break
      }
      default:
        if (!MODELED.has(name) || option.type === 'option') spec.unmodeled.push(option)
    }
  }
  return spec
}

/** `SYN,ACK`, `ALL`, `NONE` as a list of flag names. */
function tcpFlagList(text: string): string[] {
  const all = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG']
  const out = new Set<string>()
  for (const flag of text.toUpperCase().split(',')) {
    if (flag === 'ALL') for (const f of all) out.add(f)
    else if (flag !== 'NONE' && flag !== '') out.add(flag)
  }
  return [...out]
}

// ----- Building the chains from the commands ------------------------------------------------

/** A rule in a chain: a command line, expanded by its address lists (one rule per address pair). */
export interface CompiledRule {
  /** The line that added it. */
  node: IptablesRule
  spec: RuleSpec
  /** This rule's source, one item of the line's `-s` list. */
  source: AddressSpec | undefined
  destination: AddressSpec | undefined
  table: string
  chain: string
}

/** A chain as the file leaves it. */
export interface CompiledChain {
  name: string
  /** The table it belongs to. */
  table: string
  builtin: boolean
  /** The policy of a built-in chain, and the line that set it; absent when the file does not set it. */
  policy?: {value: string; node: IptablesChain | IptablesRule} | undefined
  /** The line that declared it (`:NAME` or `-N NAME`), for a user chain. */
  declaration?: IptablesChain | IptablesRule | undefined
  rules: CompiledRule[]
}

/** A table as its last block builds it. */
export interface CompiledTable {
  name: string
  /** The block that builds it (the last one that names it). */
  block: IptablesTable
  /** Earlier blocks of the same table, which the last one replaces. */
  replaced: IptablesTable[]
  chains: Map<string, CompiledChain>
  /** Old names of renamed chains (`-E OLD NEW`): jumps written to the old name go to the new one. */
  renamed: Map<string, string>
}

/**
 * The chain a jump or goto goes to, following renames (`-E`), or undefined when the table
 * has no such chain.
 *
 * @param table the table
 * @param name the target as written
 */
export function chainByTarget(table: CompiledTable, name: string): CompiledChain | undefined {
  let current = name
  for (let i = 0; i < 64 && table.renamed.has(current); i++) current = table.renamed.get(current)!
  return table.chains.get(current)
}

/** Something iptables-restore or the kernel would refuse, found while building the chains. */
export interface RulesetProblem {
  node: IptablesRule | IptablesChain | OptionNode | IptablesWord
  message: string
  severity: 'error' | 'warning'
}

/** Every table a file builds. */
export interface Ruleset {
  family: Family
  tables: Map<string, CompiledTable>
  problems: RulesetProblem[]
}

/**
 * A key that two command lines share when they stand for the same rule (`-D chain RULE`
 * deletes the first rule whose key is the key of RULE): options by their canonical name,
 * values without quotes, the command left out.
 */
function ruleKey(spec: RuleSpec, family: Family, source: AddressSpec | undefined, destination: AddressSpec | undefined): string {
  const parts: string[] = []
  for (const {option, parent} of flatOptions(spec.rule)) {
    if (option.type === 'command' || (option.type === 'parameter' && ['-s', '-d'].includes(optionName(option)))) continue
    parts.push(`${parent?.type ?? ''}${option.not ? '!' : ''}${optionName(option)}=${optionValues(option).join(' ')}`)
  }
  const address = (spec_: AddressSpec | undefined) => (spec_ === undefined ? '' : spec_.family === undefined ? spec_.name : `${spec_.address}/${spec_.mask}`)
  parts.push(`s=${address(source)}`, `d=${address(destination)}`, family)
  return parts.sort().join('\0')
}

/**
 * Builds every table a file names from its commands, as iptables-restore does (the last
 * block of a table wins), and collects what iptables-restore or the kernel would refuse.
 *
 * A built-in chain whose policy the block does not declare keeps no `policy` here: the
 * nf_tables backend then sets ACCEPT, the legacy one keeps whatever the chain had before.
 *
 * @param root the file
 * @param family its family
 */
export function compileRuleset(root: IptablesRoot, family: Family): Ruleset {
  const ruleset: Ruleset = {family, tables: new Map(), problems: []}
  const problem = (node: RulesetProblem['node'], message: string, severity: RulesetProblem['severity'] = 'error') => ruleset.problems.push({node, message, severity})
  const blocks = tableBlocks(root)
  for (const block of blocks) {
    const name = tableName(block)
    if (name === undefined || !(name in BUILTIN_CHAINS)) continue
    const previous = ruleset.tables.get(name)
    const chains = new Map<string, CompiledChain>()
    for (const chain of BUILTIN_CHAINS[name]!) chains.set(chain, {name: chain, table: name, builtin: true, rules: []})
    const table: CompiledTable = {name, block, replaced: previous === undefined ? [] : [...previous.replaced, previous.block], chains, renamed: new Map()}
    ruleset.tables.set(name, table)
    // Problems of a replaced block still make iptables-restore refuse the file.
    for (const line of block.children) {
      if (line.type === 'chain') declareChain(table, line, problem)
      else if (line.type === 'rule') runCommand(table, line, family, problem)
    }
    checkJumps(table, problem)
  }
  return ruleset
}

type Report = (node: RulesetProblem['node'], message: string, severity?: RulesetProblem['severity']) => void

/** `:NAME POLICY [counters]`. */
function declareChain(table: CompiledTable, line: IptablesChain, problem: Report): void {
  if (line.name === undefined) return
  const name = line.name.value
  const policy = line.policy?.value
  const existing = table.chains.get(name)
  if (existing?.builtin) {
    if (policy === 'ACCEPT' || policy === 'DROP') existing.policy = {value: policy, node: line}
    else if (policy !== undefined) problem(line.policy!, `Unexpected policy \`${policy}\` for \`${name}\`: a built-in chain's policy is ACCEPT or DROP ("Bad policy name")`)
    return
  }
  if (!validChainName(name)) {
    problem(line.name, `Unexpected chain name \`${name}\`: iptables refuses names longer than ${MAX_CHAIN_NAME} characters or starting with \`-\` or \`!\``)
    return
  }
  if (policy !== undefined && policy !== '-') {
    problem(line.policy!, `Unexpected policy \`${policy}\` for the user chain \`${name}\`: only built-in chains have a policy (the legacy backend refuses the line, nf_tables ignores the policy); write \`-\``)
  }
  // Declaring a chain again is allowed (iptables-restore ignores EEXIST).
  if (existing === undefined) table.chains.set(name, {name, table: table.name, builtin: false, declaration: line, rules: []})
}

/** Whether iptables accepts a user chain name. */
function validChainName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_CHAIN_NAME && !name.startsWith('-') && !name.startsWith('!') && !isKnownTarget(name)
}

/** Runs one command line against a table being built. */
function runCommand(table: CompiledTable, line: IptablesRule, family: Family, problem: Report): void {
  const spec = ruleSpec(line, family)
  checkOptions(line, spec, family, problem)
  const command = spec.command
  if (command === undefined) {
    if (line.children.length === 0 || !line.children.some((c) => c.type === 'option' && !wordValue(c.name).startsWith('-'))) {
      problem(line, 'Missing command: iptables-restore refuses a line without `-A`, `-I`, `-N`, `-P`... ("no command specified")')
    }
    return
  }
  const chainName = command.chain
  const chain = chainName === undefined ? undefined : table.chains.get(chainName)
  const missingChain = () => problem(command.node, `Unexpected chain \`${chainName}\`: it does not exist in table \`${table.name}\` ("Chain '${chainName}' does not exist"); declare it with \`:${chainName} - [0:0]\` first`)
  const expand = (): CompiledRule[] => {
    const sources = spec.sources?.value ?? [undefined]
    const destinations = spec.destinations?.value ?? [undefined]
    const out: CompiledRule[] = []
    for (const source of sources) for (const destination of destinations) out.push({node: line, spec, source, destination, table: table.name, chain: chainName!})
    return out
  }
  switch (command.name) {
    case '-A':
    case '-I':
    case '-R':
    case '-D':
    case '-C': {
      if (chain === undefined) {
        if (chainName !== undefined) missingChain()
        return
      }
      const rules = expand()
      if (command.name === '-A') chain.rules.push(...rules)
      else if (command.name === '-I') {
        const at = (command.ruleNumber ?? 1) - 1
        if (at > chain.rules.length) problem(command.node, `Unexpected rule number ${command.ruleNumber}: \`${chainName}\` has ${chain.rules.length} rules here ("Index of insertion too big")`)
        else chain.rules.splice(at, 0, ...rules)
      } else if (command.name === '-R') {
        const at = (command.ruleNumber ?? 0) - 1
        if (at < 0 || at >= chain.rules.length || rules.length !== 1) problem(command.node, `Unexpected rule number ${command.ruleNumber ?? ''}: \`${chainName}\` has ${chain.rules.length} rules here ("Index of replacement too big")`)
        else {
          chain.rules.splice(at, 1, rules[0]!)
          // Every rule of a table block was added by the block itself (restore flushes the table).
          problem(command.node, `Unexpected \`-R\`: iptables-nft-restore 1.8.9 crashes (segmentation fault) replacing a rule that the same file added; write the rule in its place instead`)
        }
      } else if (command.name === '-D') {
        if (command.ruleNumber !== undefined) {
          if (command.ruleNumber < 1 || command.ruleNumber > chain.rules.length) problem(command.node, `Unexpected rule number ${command.ruleNumber}: \`${chainName}\` has ${chain.rules.length} rules here ("Index of deletion too big")`)
          else chain.rules.splice(command.ruleNumber - 1, 1)
        } else {
          for (const rule of rules) {
            const key = ruleKey(rule.spec, family, rule.source, rule.destination)
            const at = chain.rules.findIndex((r) => ruleKey(r.spec, family, r.source, r.destination) === key)
            if (at === -1) problem(command.node, `Unexpected \`-D\`: \`${chainName}\` has no such rule here, and the kernel refuses to delete it ("Bad rule (does a matching rule exist in that chain?)")`)
            else chain.rules.splice(at, 1)
          }
        }
      }
      return
    }
    case '-N':
      if (chainName === undefined) return
      if (chain !== undefined) problem(command.node, `Unexpected \`-N ${chainName}\`: the chain exists already ("Chain already exists")`)
      else if (!validChainName(chainName)) problem(command.node, `Unexpected chain name \`${chainName}\`: iptables refuses names longer than ${MAX_CHAIN_NAME} characters or starting with \`-\` or \`!\``)
      else table.chains.set(chainName, {name: chainName, table: table.name, builtin: false, declaration: line, rules: []})
      return
    case '-F':
      if (chainName === undefined) for (const c of table.chains.values()) c.rules = []
      else if (chain === undefined) missingChain()
      else chain.rules = []
      return
    case '-X':
      if (chainName === undefined) {
        for (const [name, c] of table.chains) if (!c.builtin) table.chains.delete(name)
      } else if (chain === undefined) missingChain()
      else if (chain.builtin) problem(command.node, `Unexpected \`-X ${chainName}\`: a built-in chain cannot be deleted`)
      else table.chains.delete(chainName)
      return
    case '-P':
      if (chain === undefined) {
        if (chainName !== undefined) missingChain()
      } else if (!chain.builtin) problem(command.node, `Unexpected \`-P ${chainName}\`: only built-in chains have a policy ("Bad built-in chain name")`)
      else if (command.policy !== 'ACCEPT' && command.policy !== 'DROP') problem(command.node, `Unexpected policy \`${command.policy ?? ''}\`: a built-in chain's policy is ACCEPT or DROP ("Bad policy name")`)
      else chain.policy = {value: command.policy, node: line}
      return
    case '-E':
      if (chain === undefined) {
        if (chainName !== undefined) missingChain()
      } else if (command.newName === undefined || chain.builtin || table.chains.has(command.newName)) {
        problem(command.node, `Unexpected \`-E ${chainName} ${command.newName ?? ''}\`: only a user chain can be renamed, to a name not in use`)
      } else {
        table.chains.delete(chainName!)
        chain.name = command.newName
        table.chains.set(command.newName, chain)
        table.renamed.set(chainName!, command.newName)
        table.renamed.delete(command.newName)
        for (const c of table.chains.values()) for (const rule of c.rules) if (rule.chain === chainName) rule.chain = command.newName
      }
      return
    default:
      // -Z, -L, -S change nothing a packet meets.
      return
  }
}

/** Options that iptables refuses on the line itself, whatever the chains. */
function checkOptions(line: IptablesRule, spec: RuleSpec, family: Family, problem: Report): void {
  const commands = line.children.filter((child) => child.type === 'command')
  if (commands.length > 1) problem(commands[1]!, `Unexpected second command \`${wordValue(commands[1]!.name)}\`: a line holds one command ("Cannot use ${wordValue(commands[1]!.name)} with ${wordValue(commands[0]!.name)}")`)
  const seen = new Map<string, OptionNode>()
  for (const {option, parent} of flatOptions(line)) {
    const written = wordValue(option.name)
    if (!written.startsWith('-') || written.length < 2) {
      problem(option, `Unexpected \`${written}\`: iptables reads it as no option ("Bad argument \`${written}'")`)
      continue
    }
    const found = lookupOption(written)
    if (found === undefined) continue
    if (found.attached !== undefined && found.info.min > 0) {
      problem(option, `Unexpected \`${written}\`: iptables reads it as \`${found.info.canonical} ${found.attached}\``, 'warning')
    }
    const need = found.info.min - (found.attached === undefined ? 0 : 1)
    if (option.arguments.length < need) problem(option, `Missing argument after \`${written}\` ("option requires an argument")`)
    if (option.not !== undefined && (found.info.kind === 'command' || found.info.kind === 'match')) problem(option, `Unexpected \`!\` before \`${written}\` ("unexpected ! flag")`)
    // The same option twice in one match or target (or among iptables's own) is refused.
    const scope = `${parent === undefined ? 'rule' : `${parent.position?.start.offset}`}\0${found.info.canonical}`
    if (found.info.kind !== 'command' && found.info.kind !== 'match' && found.info.canonical !== '-c') {
      if (seen.has(scope)) problem(option, `Unexpected second \`${written}\`: iptables allows it once here ("multiple ${found.info.canonical} flags not allowed")`)
      seen.set(scope, option)
    }
  }
  const chain = spec.command?.chain
  if (spec.outInterface !== undefined && (chain === 'INPUT' || chain === 'PREROUTING')) problem(spec.outInterface.option, `Unexpected \`-o\` in \`${chain}\`: a packet there has no output interface yet ("Can't use -o with ${chain}")`)
  if (spec.inInterface !== undefined && (chain === 'OUTPUT' || chain === 'POSTROUTING')) problem(spec.inInterface.option, `Unexpected \`-i\` in \`${chain}\`: a packet there has no input interface ("Can't use -i with ${chain}")`)
  for (const list of [spec.sources, spec.destinations]) {
    if (list === undefined) continue
    const items = optionValues(list.option)[0]?.split(',') ?? []
    if (list.negated && items.length > 1) problem(list.option, 'Unexpected `!` before a list of addresses ("! not allowed with multiple source or destination IP addresses")')
    list.value.forEach((item, i) => {
      const text = items[i] ?? ''
      const other = addressFamily(text)
      if (other !== undefined && other !== family) {
        problem(list.option, `Unexpected ${other === 'ipv6' ? 'IPv6' : 'IPv4'} address \`${text}\` in an ${family === 'ipv6' ? 'IPv6' : 'IPv4'} file: ${family === 'ipv6' ? 'ip6tables' : 'iptables'}-restore refuses it ("host/network \`${text}' not found")`)
      } else if (item === undefined) {
        problem(list.option, `Unexpected address \`${text}\` ("host/network \`${text}' not found")`)
      } else if (item.family === undefined) {
        problem(list.option, `Unexpected host name \`${text}\`: it is looked up in DNS when the rules are loaded, so the rule depends on DNS at boot and on whoever controls that name`, 'warning')
      } else if (list.negated && isAnyAddress(item)) {
        problem(list.option, `Unexpected \`! ${wordValue(list.option.name)} ${text}\`: it matches no packet, and the nf_tables backend refuses it ("RULE_APPEND failed (Invalid argument)")`)
      }
    })
  }
  for (const ports of [spec.destinationPorts, spec.sourcePorts, spec.anyPorts]) {
    if (ports === undefined) continue
    const name = optionName(ports.option)
    const multiport = name.endsWith('s')
    const protocol = spec.protocol?.negated === false ? spec.protocol.value : undefined
    if (protocol === undefined || !PORT_PROTOCOLS.has(protocol)) {
      problem(ports.option, `Unexpected \`${wordValue(ports.option.name)}\` without \`-p tcp\` or \`-p udp\`: iptables does not know the option without a protocol that has ports${multiport ? ' ("multiport needs `-p tcp`, `-p udp`, ...")' : ` ("unknown option \`${wordValue(ports.option.name)}'")`}`)
    }
    for (const unknown of ports.value.unknown) problem(ports.option, `Unexpected port \`${unknown}\`: it is not a service name of Debian's /etc/services ("invalid port/service \`${unknown}' specified")`)
    if (multiport && ports.value.ranges.reduce((n, [a, b]) => n + (a === b ? 1 : 2), 0) > 15) problem(ports.option, 'Unexpected multiport list of more than 15 ports (a range counts as two): iptables refuses it ("too many ports specified")')
  }
  for (const option of spec.unmodeled) {
    const name = optionName(option)
    if (['--dport', '--sport', '--dports', '--sports', '--ports'].includes(name)) problem(option, `Unexpected port \`${optionValues(option)[0] ?? ''}\` ("invalid port/service specified")`)
  }
  for (const states of spec.states) {
    const known = new Set(['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'SNAT', 'DNAT'])
    for (const state of states.value) if (!known.has(state)) problem(states.option, `Unexpected state \`${state}\` ("Bad ctstate")`)
  }
  for (const comment of spec.comments) if (comment.length > 256) problem(line, 'Unexpected comment of more than 256 characters ("COMMENT can be no longer than 256")')
  for (const {option} of flatOptions(line)) {
    for (const word of [option.name, ...option.arguments]) {
      const quote = word.value.indexOf('"')
      if (quote !== -1 && !closesQuote(word.value, quote)) {
        problem(word, 'Unexpected quote that is never closed: iptables-restore takes the rest of the line into this word', 'warning')
      }
    }
  }
}

/** Whether the quoted part of a word that starts at `quote` is closed. */
function closesQuote(raw: string, quote: number): boolean {
  for (let i = quote + 1; i < raw.length; i++) {
    if (raw[i] === '\\') i++
    else if (raw[i] === '"') return true
  }
  return false
}

/** Jumps and gotos to chains the table does not have (the kernel refuses them at COMMIT). */
function checkJumps(table: CompiledTable, problem: Report): void {
  for (const chain of table.chains.values()) {
    for (const rule of chain.rules) {
      const target = rule.spec.target
      if (target === undefined) continue
      const jumped = chainByTarget(table, target.name)
      if (jumped?.builtin) problem(target.node, `Unexpected ${target.goto ? 'goto' : 'jump'} to the built-in chain \`${target.name}\`: only user chains can be jumped to`)
      else if (jumped === undefined && (target.goto || !isKnownTarget(target.name))) {
        problem(target.node, `Unexpected target \`${target.name}\`: no such chain in table \`${table.name}\`, and no target iptables knows ("Chain '${target.name}' does not exist")`)
      }
    }
  }
}

// ----- Walking a packet through the chains ---------------------------------------------------

/** What a chain can do to a packet. `queue` hands it to a program; `unknown` is a target the walk cannot judge. */
export type Verdict = 'accept' | 'drop' | 'reject' | 'queue' | 'unknown'

/** A packet, as far as the rules look at it. */
export interface Packet {
  /** `tcp`, `udp`, `icmp`, `ipv6-icmp`, ... */
  protocol: string
  /** The destination port (TCP, UDP). */
  port?: number | undefined
  /** The source port, when known; unknown ports make port matches "maybe". */
  sourcePort?: number | undefined
  /**
   * Where it comes from: an address of the file's family; `internet`, a host out there in
   * none of the ranges the rules name (so `-s 10.0.0.0/8` does not match it and
   * `! -s 10.0.0.0/8` does: "is it open to the whole internet?"); `any`, some host the walk
   * does not fix (so every `-s` matches "maybe": "is it reachable from anywhere?"); or
   * `loopback`, the host itself.
   */
  source: AddressMask | 'internet' | 'any' | 'loopback'
  /**
   * Where it goes, when known: an address a `DNAT` rewrote it to. Otherwise the host's own
   * address, which the rules cannot tell, so that `-d` matches "maybe".
   */
  destination?: AddressMask | undefined
  /** The interface it comes in on: `lo`, a name, or `external` (a real interface of unknown name). */
  inInterface: string
  /** Its connection tracking state. */
  state: 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED'
}

/** A packet of a new connection from a host out there to a port of this host. */
export function newConnection(protocol: PortProtocol | string, port?: number): Packet {
  return {protocol, port, source: 'internet', inInterface: 'external', state: 'NEW'}
}

/** Three-valued truth: a match the walk cannot judge is `maybe`. */
type Truth = 'yes' | 'no' | 'maybe'

function not(truth: Truth, negated: boolean): Truth {
  if (!negated || truth === 'maybe') return truth
  return truth === 'yes' ? 'no' : 'yes'
}

function all(truths: Truth[]): Truth {
  if (truths.includes('no')) return 'no'
  return truths.includes('maybe') ? 'maybe' : 'yes'
}

/**
 * Interfaces that face no network of strangers: loopback, and the bridges and veth ends that
 * Docker, Podman, libvirt, LXC/LXD and Kubernetes' usual CNIs make for their guests. A
 * connection from the internet never comes in on one (it comes in on the host's uplink,
 * whose name the rules cannot tell).
 */
const INTERNAL_INTERFACE = /^(lo|docker\d*|br-[0-9a-f]*|veth[0-9a-f]*|virbr\d*|vnet\d*|cni\d*|lxcbr\d*|lxdbr\d*|podman\d*|cali[0-9a-f]*|flannel\.?\d*|kube-bridge|cilium_\w*)$/

/** Whether an interface name of a rule (`eth0`, `eth+`, `+`) covers an interface. */
function interfaceMatches(pattern: string, name: string): Truth {
  if (name === 'external') {
    if (pattern === '+') return 'yes'
    // `docker0`, or a wildcard (`veth+`) whose every name is an internal one.
    const fixed = pattern.endsWith('+') ? pattern.slice(0, -1) : pattern
    if (INTERNAL_INTERFACE.test(fixed) && (fixed !== '' || !pattern.endsWith('+'))) return 'no'
    return 'maybe'
  }
  if (pattern.endsWith('+')) return name.startsWith(pattern.slice(0, -1)) ? 'yes' : 'no'
  return pattern === name ? 'yes' : 'no'
}

function portsMatch(set: PortSet, port: number | undefined): Truth {
  if (port === undefined) return 'maybe'
  if (set.ranges.some(([from, to]) => port >= from && port <= to)) return 'yes'
  return set.unknown.length > 0 ? 'maybe' : 'no'
}

/** Whether a source address spec of a rule covers a packet's source. */
function sourceMatches(spec: AddressSpec, source: Packet['source'], family: Family): Truth {
  if (spec.family === undefined) return source === 'internet' ? 'no' : 'maybe'
  if (isAnyAddress(spec)) return 'yes'
  if (source === 'any') return 'maybe'
  if (source === 'internet') return 'no'
  if (source === 'loopback') {
    const loopback = family === 'ipv4' ? {family, address: 0x7f000001n, mask: (1n << 32n) - 1n} : {family, address: 1n, mask: (1n << 128n) - 1n}
    return spec.family === family && addressIn(spec, loopback.address) ? 'yes' : 'no'
  }
  return spec.family === source.family && addressIn(spec, source.address) ? 'yes' : 'no'
}

/**
 * Whether a rule matches a packet: `yes`, `no`, or `maybe` when it tests something the walk
 * cannot know (a rate limit, an ipset, the host's own addresses).
 *
 * @param rule the rule
 * @param packet the packet
 * @param family the rule set's family
 */
export function ruleMatches(rule: CompiledRule, packet: Packet, family: Family): Truth {
  const spec = rule.spec
  const truths: Truth[] = []
  if (spec.protocol !== undefined) truths.push(not(canonicalProtocol(packet.protocol) === spec.protocol.value ? 'yes' : 'no', spec.protocol.negated))
  if (rule.source !== undefined) truths.push(not(sourceMatches(rule.source, packet.source, family), spec.sources!.negated))
  if (rule.destination !== undefined && !isAnyAddress(rule.destination)) {
    const known = packet.destination
    const truth: Truth = known === undefined || rule.destination.family === undefined ? 'maybe' : rule.destination.family === known.family && addressIn(rule.destination, known.address) ? 'yes' : 'no'
    truths.push(not(truth, spec.destinations!.negated))
  }
  if (spec.inInterface !== undefined) truths.push(not(interfaceMatches(spec.inInterface.value, packet.inInterface), spec.inInterface.negated))
  if (spec.outInterface !== undefined) truths.push('maybe')
  if (spec.fragment !== undefined) truths.push(not('no', spec.fragment.negated))
  if (spec.destinationPorts !== undefined) truths.push(not(portsMatch(spec.destinationPorts.value, packet.port), spec.destinationPorts.negated))
  if (spec.sourcePorts !== undefined) truths.push(not(portsMatch(spec.sourcePorts.value, packet.sourcePort), spec.sourcePorts.negated))
  if (spec.anyPorts !== undefined) {
    const either = portsMatch(spec.anyPorts.value, packet.port) === 'yes' ? 'yes' : portsMatch(spec.anyPorts.value, packet.sourcePort) === 'yes' ? 'yes' : 'maybe'
    truths.push(not(either, spec.anyPorts.negated))
  }
  for (const states of spec.states) truths.push(not(states.value.has(packet.state) ? 'yes' : 'no', states.negated))
  if (spec.tcpFlags !== undefined) {
    // The first packet of a new TCP connection carries SYN alone; later ones are not known.
    const flags = packet.state === 'NEW' && canonicalProtocol(packet.protocol) === 'tcp' ? new Set(['SYN']) : undefined
    const truth: Truth = flags === undefined ? 'maybe' : spec.tcpFlags.mask.every((f) => flags.has(f) === spec.tcpFlags!.compare.includes(f)) ? 'yes' : 'no'
    truths.push(not(truth, spec.tcpFlags.negated))
  }
  if (spec.destinationTypes !== undefined) {
    // Everything INPUT sees is addressed to the host (LOCAL); other types are not known.
    truths.push(not(spec.destinationTypes.value.has('LOCAL') ? 'yes' : 'maybe', spec.destinationTypes.negated))
  }
  if (spec.sourceTypes !== undefined) {
    const local = packet.source === 'loopback' ? 'yes' : packet.source === 'internet' ? 'no' : 'maybe'
    truths.push(not(spec.sourceTypes.value.has('LOCAL') ? local : 'maybe', spec.sourceTypes.negated))
  }
  if (spec.unmodeled.length > 0) truths.push('maybe')
  return all(truths)
}

/** Who decided a verdict: a rule, or the policy of a built-in chain. */
export type Decider = {kind: 'rule'; rule: CompiledRule} | {kind: 'policy'; chain: CompiledChain}

/** One way a packet can end. */
export interface Outcome {
  verdict: Verdict
  by: Decider
  /** False when a `maybe` match was taken or skipped on the way. */
  certain: boolean
  /** The rules that matched on the way, jumps included, in order. */
  path: CompiledRule[]
  /** The `DNAT` or `REDIRECT` rule of nat PREROUTING that rewrote the packet on its way in. */
  via?: CompiledRule | undefined
  /** True when a `DNAT` sent the packet on to another host (a container): FORWARD decided, not INPUT. */
  forwarded?: boolean | undefined
}

/** Most steps one walk takes before it gives up and answers `unknown`. */
const MAX_STEPS = 20000
/** How deep jumps may nest (the kernel refuses loops; this bounds a walk over a file that has one). */
const MAX_DEPTH = 64

/**
 * Whether jumping to a chain can change a packet's fate: it, or a chain it jumps or goes to,
 * has a rule whose target decides (ACCEPT, DROP, a nat target, one the walk does not know)
 * or goes somewhere the walk cannot follow. A chain of LOG rules and RETURNs does not.
 *
 * @param table the table
 * @param name the target as written
 * @param memo answers so far (and the chains being looked at, as true, against loops)
 */
function chainDecides(table: CompiledTable, name: string, memo: Map<string, boolean>): boolean {
  const chain = chainByTarget(table, name)
  if (chain === undefined || chain.builtin) return true
  const known = memo.get(chain.name)
  if (known !== undefined) return known
  memo.set(chain.name, true)
  const answer = chain.rules.some((rule) => {
    const target = rule.spec.target
    if (target === undefined || CONTINUING_TARGETS.has(target.name) || target.name === 'RETURN') return false
    if (target.name in VERDICTS || NAT_TARGETS.has(target.name) || isKnownTarget(target.name)) return true
    return chainDecides(table, target.name, memo)
  })
  memo.set(chain.name, answer)
  return answer
}

/**
 * Every way a packet can end in a built-in chain of a table: for each, the verdict, the
 * rule or policy that decides it, and whether it is certain. A packet whose matches are all
 * known has exactly one outcome; each `maybe` match splits the walk in two.
 *
 * @param ruleset the rule set
 * @param table the table (`filter`)
 * @param chain the built-in chain (`INPUT`)
 * @param packet the packet
 * @returns the outcomes, or an empty list when the file does not build that table
 */
export function traverse(ruleset: Ruleset, table: string, chain: string, packet: Packet): Outcome[] {
  const compiled = ruleset.tables.get(table)
  const start = compiled?.chains.get(chain)
  if (compiled === undefined || start === undefined) return []
  let steps = 0
  const decides = new Map<string, boolean>()
  type End = {kind: 'verdict'; outcome: Outcome} | {kind: 'return'; certain: boolean; path: CompiledRule[]}

  const run = (current: CompiledChain, from: number, certain: boolean, path: CompiledRule[], stack: string[]): End[] => {
    const ends: End[] = []
    for (let i = from; i < current.rules.length; i++) {
      if (++steps > MAX_STEPS) {
        ends.push({kind: 'verdict', outcome: {verdict: 'unknown', by: {kind: 'policy', chain: start}, certain: false, path}})
        return ends
      }
      const rule = current.rules[i]!
      const truth = ruleMatches(rule, packet, ruleset.family)
      if (truth === 'no') continue
      const target = rule.spec.target
      // A jump to a chain that never decides (LOG, accounting) changes nothing either.
      const continues = target === undefined || CONTINUING_TARGETS.has(target.name) || (!target.goto && !chainDecides(compiled, target.name, decides))
      if (continues) continue
      if (truth === 'maybe') {
        // The way where the rule does not match.
        ends.push(...run(current, i + 1, false, path, stack))
        certain = false
      }
      const here = [...path, rule]
      // A nat target decides its chain (the packet goes on with its addresses rewritten).
      const verdict = VERDICTS[target.name] ?? (NAT_TARGETS.has(target.name) ? 'accept' : undefined)
      if (verdict !== undefined) {
        ends.push({kind: 'verdict', outcome: {verdict, by: {kind: 'rule', rule}, certain, path: here}})
        return ends
      }
      if (target.name === 'RETURN') {
        ends.push({kind: 'return', certain, path: here})
        return ends
      }
      const next = chainByTarget(compiled, target.name)
      if (next === undefined || next.builtin || stack.includes(next.name) || stack.length >= MAX_DEPTH) {
        ends.push({kind: 'verdict', outcome: {verdict: 'unknown', by: {kind: 'rule', rule}, certain, path: here}})
        return ends
      }
      const inner = run(next, 0, certain, here, [...stack, next.name])
      for (const end of inner) {
        if (end.kind === 'verdict') ends.push(end)
        else if (target.goto) ends.push(end)
        else ends.push(...run(current, i + 1, end.certain, end.path, stack))
      }
      return ends
    }
    ends.push({kind: 'return', certain, path})
    return ends
  }

  const outcomes: Outcome[] = []
  for (const end of run(start, 0, true, [], [start.name])) {
    if (end.kind === 'verdict') outcomes.push(end.outcome)
    else {
      const policy = start.policy?.value ?? 'ACCEPT'
      outcomes.push({verdict: VERDICTS[policy] ?? 'unknown', by: {kind: 'policy', chain: start}, certain: end.certain, path: end.path})
    }
  }
  return outcomes
}

/** Whether a rule stops connection tracking for the packets it matches (`-j CT --notrack`, `-j NOTRACK`). */
function stopsTracking(rule: CompiledRule): boolean {
  const target = rule.spec.target
  return target?.name === 'NOTRACK' || (target?.name === 'CT' && target.node.children.some((option) => optionName(option) === '--notrack'))
}

/** Where a `DNAT` or `REDIRECT` rule sends a packet: a new address (DNAT) and port, when it says. */
function natRewrite(rule: CompiledRule, family: Family): {address?: AddressMask | undefined; port?: number | undefined; local: boolean} {
  const target = rule.spec.target!
  const option = (name: string) => target.node.children.find((o) => optionName(o) === name)
  const firstPort = (text: string | undefined) => (text === undefined ? undefined : Number(/^(\d+)/.exec(text)?.[1] ?? NaN) || undefined)
  if (target.name === 'REDIRECT') return {port: firstPort(optionValues(option('--to-ports') ?? target.node)[0]), local: true}
  const text = optionValues(option('--to-destination') ?? target.node)[0] ?? ''
  // `addr`, `addr:port`, `addr-addr:port-port`, `[v6]:port`, `:port`.
  const match = family === 'ipv6' ? /^\[?([0-9A-Fa-f:.]*?)(?:-[0-9A-Fa-f:.]+)?\]?(?::(\d+)(?:-\d+)?)?$/.exec(text) : /^([\d.]*)(?:-[\d.]+)?(?::(\d+)(?:-\d+)?)?$/.exec(text)
  const spec = match?.[1] ? parseAddressSpec(match[1], family) : undefined
  const address = spec !== undefined && spec.family !== undefined ? spec : undefined
  const loopback = address !== undefined && (family === 'ipv4' ? address.address >> 24n === 127n : address.address === 1n)
  return {address, port: firstPort(match?.[2]), local: address === undefined ? match?.[1] === '' : loopback}
}

/**
 * What a packet meets coming in to the host, table after table as the kernel runs them
 * (iptables(8) "TABLES"; the netfilter hooks): raw PREROUTING (where `-j CT --notrack` turns
 * connection tracking off), mangle PREROUTING, nat PREROUTING for the first packet of a
 * connection (a `DNAT` to another address sends it on to FORWARD, as Docker's published
 * ports are; a `REDIRECT` or a `DNAT` to a loopback address keeps it here, on its new port),
 * then mangle INPUT and filter INPUT, or mangle FORWARD and filter FORWARD. A DROP in any
 * of them ends it; an ACCEPT in one goes on to the next.
 *
 * @param ruleset the rule set
 * @param packet the packet
 * @returns every way it can end; empty when the file builds no filter table
 */
export function inboundOutcomes(ruleset: Ruleset, packet: Packet): Outcome[] {
  if (!ruleset.tables.has('filter')) return []
  interface Way {
    packet: Packet
    certain: boolean
    path: CompiledRule[]
    via?: CompiledRule | undefined
    forwarded?: boolean | undefined
  }
  const ended: Outcome[] = []
  const finish = (way: Way, outcome: Outcome): Outcome => ({
    ...outcome,
    certain: outcome.certain && way.certain,
    path: [...way.path, ...outcome.path],
    ...(way.via === undefined ? {} : {via: way.via}),
    ...(way.forwarded ? {forwarded: true} : {}),
  })
  // Runs one chain for each way; returns the ways that go on, keeps those that end.
  const stage = (ways: Way[], table: string, chain: string, last: boolean): Array<{way: Way; outcome: Outcome | undefined}> => {
    const next: Array<{way: Way; outcome: Outcome | undefined}> = []
    for (const way of ways) {
      const outcomes = traverse(ruleset, table, chain, way.packet)
      if (outcomes.length === 0) {
        next.push({way, outcome: undefined})
        continue
      }
      for (const outcome of outcomes) {
        const done = finish(way, outcome)
        if (outcome.verdict === 'accept' && !last) next.push({way: {...way, certain: done.certain, path: done.path}, outcome})
        else ended.push(done)
      }
    }
    return next
  }
  let ways: Way[] = stage([{packet, certain: true, path: []}], 'raw', 'PREROUTING', false).map((n) => n.way)
  // Connection tracking runs after raw PREROUTING: a packet a notrack rule matches is UNTRACKED.
  ways = ways.flatMap((way) => {
    for (const rule of ruleset.tables.get('raw')?.chains.get('PREROUTING')?.rules ?? []) {
      if (!stopsTracking(rule)) continue
      const truth = ruleMatches(rule, way.packet, ruleset.family)
      if (truth === 'yes') return [{...way, packet: {...way.packet, state: 'UNTRACKED' as const}}]
      if (truth === 'maybe') return [{...way, certain: false}, {...way, certain: false, packet: {...way.packet, state: 'UNTRACKED' as const}}]
    }
    return [way]
  })
  ways = stage(ways, 'mangle', 'PREROUTING', false).map((n) => n.way)
  // nat PREROUTING sees the first packet of each connection only.
  const local: Way[] = []
  const forwarded: Way[] = []
  for (const {way, outcome} of stage(ways.filter((w) => w.packet.state === 'NEW'), 'nat', 'PREROUTING', false)) {
    const rule = outcome?.by.kind === 'rule' ? outcome.by.rule : undefined
    if (rule === undefined || !['DNAT', 'REDIRECT'].includes(rule.spec.target!.name)) {
      local.push(way)
      continue
    }
    const rewrite = natRewrite(rule, ruleset.family)
    const rewritten: Packet = {...way.packet, ...(rewrite.port === undefined ? {} : {port: rewrite.port}), ...(rewrite.address === undefined ? {} : {destination: rewrite.address})}
    if (rewrite.local) local.push({...way, packet: rewritten, via: rule})
    else forwarded.push({...way, packet: rewritten, via: rule, forwarded: true})
  }
  local.push(...ways.filter((w) => w.packet.state !== 'NEW'))
  stage(stage(local, 'mangle', 'INPUT', false).map((n) => n.way), 'filter', 'INPUT', true)
  stage(stage(forwarded, 'mangle', 'FORWARD', false).map((n) => n.way), 'filter', 'FORWARD', true)
  return ended
}

/**
 * Whether an outcome is the policy of filter INPUT: what happens to traffic no rule names.
 *
 * @param outcome the outcome
 */
export function byInputPolicy(outcome: Outcome): boolean {
  return outcome.by.kind === 'policy' && outcome.by.chain.table === 'filter' && outcome.by.chain.name === 'INPUT'
}

/** How a service fares: open (some way in accepts it), closed, and who decides. */
export interface Exposure {
  /** True when some outcome accepts it. */
  open: boolean
  /** The outcomes that accept it. */
  accepting: Outcome[]
  /** Every outcome. */
  outcomes: Outcome[]
}

/**
 * Whether new connections from the internet reach a service of the host: the outcomes of a
 * packet to each of its ports (the first and last of each range, which the rules of real
 * files never split).
 *
 * @param ruleset the rule set
 * @param service the service
 * @param source where the connection comes from (default: a host out there)
 */
export function serviceExposure(ruleset: Ruleset, service: Pick<Service, 'protocol' | 'ports'>, source: Packet['source'] = 'internet'): Exposure {
  const outcomes: Outcome[] = []
  const ports = new Set(service.ports.flatMap(([from, to]) => [from, to]))
  for (const port of ports) outcomes.push(...inboundOutcomes(ruleset, {...newConnection(service.protocol, port), source}))
  const accepting = outcomes.filter((o) => o.verdict === 'accept')
  return {open: accepting.length > 0, accepting, outcomes}
}

/**
 * A port that no rule of the protocol names, for the question "what happens to traffic no
 * rule names?". Tries high ports first, where services are rare.
 *
 * @param rulesets the rule sets to avoid (a file and its twin)
 * @param protocol the protocol
 */
export function unnamedPort(rulesets: readonly Ruleset[], protocol: PortProtocol = 'tcp'): number {
  const named: Array<readonly [number, number]> = []
  for (const ruleset of rulesets) {
    for (const table of ruleset.tables.values()) {
      for (const chain of table.chains.values()) {
        for (const rule of chain.rules) {
          const other = rule.spec.protocol !== undefined && !rule.spec.protocol.negated && rule.spec.protocol.value !== protocol
          if (other) continue
          for (const set of [rule.spec.destinationPorts, rule.spec.anyPorts]) if (set !== undefined) named.push(...set.value.ranges)
        }
      }
    }
  }
  for (const candidate of [64999, 61234, 49999, 40404, 33333, 25000, 12345, 9999, 4444, 1234, 7, 1]) {
    if (!named.some(([from, to]) => candidate >= from && candidate <= to)) return candidate
  }
  for (let port = 65535; port > 0; port--) if (!named.some(([from, to]) => port >= from && port <= to)) return port
  return 0
}

// ----- Comparing rules ------------------------------------------------------------------------

/**
 * Whether every packet that `later` matches is also matched by `earlier`, as far as the
 * reading can prove it. Used to find rules no packet can reach; a match the reading cannot
 * judge in `earlier` (a rate limit) makes it prove nothing.
 *
 * @param earlier the rule that comes first
 * @param later the rule after it
 */
export function ruleCovers(earlier: CompiledRule, later: CompiledRule): boolean {
  const a = earlier.spec
  const b = later.spec
  if (a.unmodeled.length > 0 && !a.unmodeled.every((option) => b.unmodeled.some((other) => sameOption(option, other)))) return false
  if (a.protocol !== undefined && !(b.protocol !== undefined && a.protocol.value === b.protocol.value && a.protocol.negated === b.protocol.negated)) return false
  if (!addressSideCovers(earlier.source, a.sources?.negated ?? false, later.source, b.sources?.negated ?? false)) return false
  if (!addressSideCovers(earlier.destination, a.destinations?.negated ?? false, later.destination, b.destinations?.negated ?? false)) return false
  if (!interfaceCovers(a.inInterface, b.inInterface) || !interfaceCovers(a.outInterface, b.outInterface)) return false
  if (a.fragment !== undefined && !(b.fragment !== undefined && b.fragment.negated === a.fragment.negated)) return false
  if (!portsCover(a.destinationPorts, b.destinationPorts) || !portsCover(a.sourcePorts, b.sourcePorts) || !portsCover(a.anyPorts, b.anyPorts)) return false
  for (const states of a.states) {
    // Every state `later` lets through must be one `earlier` lets through.
    const allowed = (s: Negatable<Set<string>>, state: string) => s.value.has(state) !== s.negated
    const every = ['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED']
    const laterAllows = every.filter((state) => b.states.every((s) => allowed(s, state)))
    if (!laterAllows.every((state) => allowed(states, state))) return false
  }
  if (a.tcpFlags !== undefined && !(b.tcpFlags !== undefined && JSON.stringify([a.tcpFlags.mask, a.tcpFlags.compare, a.tcpFlags.negated]) === JSON.stringify([b.tcpFlags.mask, b.tcpFlags.compare, b.tcpFlags.negated]))) return false
  for (const [x, y] of [[a.sourceTypes, b.sourceTypes], [a.destinationTypes, b.destinationTypes]] as const) {
    if (x !== undefined && !(y !== undefined && x.negated === y.negated && [...x.value].sort().join() === [...y.value].sort().join())) return false
  }
  return true
}

function sameOption(a: OptionNode, b: OptionNode): boolean {
  return optionName(a) === optionName(b) && (a.not === undefined) === (b.not === undefined) && optionValues(a).join('\0') === optionValues(b).join('\0')
}

function addressSideCovers(a: AddressSpec | undefined, aNegated: boolean, b: AddressSpec | undefined, bNegated: boolean): boolean {
  if (a === undefined || isAnyAddress(a)) return !(a !== undefined && aNegated)
  if (b === undefined || a.family === undefined || b.family === undefined) return false
  if (!aNegated && !bNegated) return addressCovers(a, b)
  if (aNegated && bNegated) return addressCovers(b, a)
  if (aNegated && !bNegated) {
    // `! -s A` covers `-s B` when B lies wholly outside A: no address of B is in A.
    const common = a.mask & b.mask
    return (a.address & common) !== (b.address & common)
  }
  return false
}

function interfaceCovers(a: Negatable<string> | undefined, b: Negatable<string> | undefined): boolean {
  if (a === undefined) return true
  if (b === undefined || a.negated !== b.negated) return false
  if (a.value === b.value) return true
  if (a.negated) return false
  return a.value.endsWith('+') && !b.value.endsWith('+') ? b.value.startsWith(a.value.slice(0, -1)) : a.value.endsWith('+') && b.value.startsWith(a.value.slice(0, -1))
}

function portsCover(a: Negatable<PortSet> | undefined, b: Negatable<PortSet> | undefined): boolean {
  if (a === undefined) return true
  if (b === undefined || a.value.unknown.length > 0 || b.value.unknown.length > 0) return false
  const inside = (set: PortSet, [from, to]: readonly [number, number]) => set.ranges.some(([x, y]) => x <= from && to <= y)
  if (!a.negated && !b.negated) return b.value.ranges.every((range) => inside(a.value, range))
  if (a.negated && b.negated) return a.value.ranges.every((range) => inside(b.value, range))
  if (a.negated && !b.negated) return b.value.ranges.every(([from, to]) => a.value.ranges.every(([x, y]) => to < x || from > y))
  return false
}

// ----- Loading a configuration ----------------------------------------------------------------

/** Settings of the iptables format. */
export interface IptablesSettings {
  /** `auto` (from the header, the addresses, the name), `ipv4` or `ipv6`. */
  family: 'auto' | 'ipv4' | 'ipv6'
  /**
   * The file of the other family to compare with (`/etc/iptables/rules.v6` for `rules.v4`):
   * empty to look for it beside the file by its usual name, `none` for no comparison.
   */
  twin: string
  /** Whether the host routes packets for others: then `FORWARD` is left alone. */
  router: boolean
  /** Services that stay open to everyone (`tcp/80`, `udp/51820`): a default DROP keeps them open, and they are no exposure. */
  open: string[]
}

/** A document of an iptables configuration. */
export type IptablesDocument = Document<IptablesRoot>

/** A file read with its meaning. */
export interface IptablesFile {
  document: IptablesDocument
  family: FamilyReading
  ruleset: Ruleset
}

/** Where sshd listens, read from the system's sshd_config when the rules were named by their system path. */
export interface SshdPorts {
  ports: number[]
  /** The file they come from. */
  source: string
}

/** A loaded iptables configuration: the named file, and its twin of the other family when there is one. */
export interface IptablesConfig extends Configuration<IptablesRoot> {
  format: 'iptables'
  /** The named file, read. */
  file: IptablesFile
  /**
   * The file of the other family (`rules.v6` beside `rules.v4`), read but not part of this
   * configuration: its findings and fixes belong to its own run. Undefined when there is none.
   */
  twin: IptablesFile | undefined
  settings: IptablesSettings
  /** Where sshd listens on this system, when that can be read. */
  sshd: SshdPorts | undefined
}

/** The usual pairs of names of IPv4 and IPv6 rule files (iptables-persistent, Arch, RHEL, ufw). */
const TWIN_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['rules.v4', 'rules.v6'],
  ['iptables.rules', 'ip6tables.rules'],
  ['iptables.up.rules', 'ip6tables.up.rules'],
  ['iptables', 'ip6tables'],
  ['iptables-save', 'ip6tables-save'],
]

/**
 * The path of a file's twin of the other family, by the usual names: `rules.v4` and
 * `rules.v6`, `iptables.rules` and `ip6tables.rules`, `/etc/sysconfig/iptables` and
 * `ip6tables`, `NAME.v4` and `NAME.v6`.
 *
 * @param path the file
 */
export function twinPath(path: string): string | undefined {
  const dir = posix.dirname(path)
  const base = posix.basename(path)
  for (const [four, six] of TWIN_NAMES) {
    if (base === four) return posix.join(dir, six)
    if (base === six) return posix.join(dir, four)
  }
  if (base.endsWith('.v4')) return posix.join(dir, `${base.slice(0, -3)}.v6`)
  if (base.endsWith('.v6')) return posix.join(dir, `${base.slice(0, -3)}.v4`)
  return undefined
}

/**
 * Reads one rule file with its meaning.
 *
 * @param systemPath the file
 * @param options where to read, settings, limits and the parse cache
 * @param family the family to read it as, or `auto`
 */
export function readIptablesFile(systemPath: string, options: LoadOptions<IptablesSettings>, family: IptablesSettings['family']): IptablesFile | undefined {
  const read = readText(options.host, systemPath, options.limits)
  if (read === undefined) return undefined
  const key = `iptables\0${read.text}`
  let tree = options.cache.get(key) as IptablesRoot | undefined
  if (tree === undefined) {
    tree = parse(read.text, {path: systemPath, maxSize: options.limits.maxFileSize})
    options.cache.set(key, tree)
  }
  const document: IptablesDocument = {...read, tree, exists: true}
  const reading: FamilyReading = family === 'auto' ? detectFamily(tree, systemPath) : {family, reason: 'setting'}
  const rulesKey = `iptables-rules\0${reading.family}\0${read.text}`
  let ruleset = options.cache.get(rulesKey) as Ruleset | undefined
  if (ruleset === undefined) {
    ruleset = compileRuleset(tree, reading.family)
    options.cache.set(rulesKey, ruleset)
  }
  return {document, family: reading, ruleset}
}

/**
 * Reads a rule file and, when there is one, its twin of the other family.
 *
 * @param entry the file the user named (a system path)
 * @param options where to read, settings, limits and the parse cache
 */
export function loadIptablesConfig(entry: string, options: LoadOptions<IptablesSettings>): IptablesConfig {
  const file = readIptablesFile(entry, options, options.settings.family)
  if (file === undefined) throw new HardenConfigError(`${entry}: no such file`, 'ENOENT', entry)
  let twin: IptablesFile | undefined
  const named = options.settings.twin
  const twinFile = named === 'none' ? undefined : named !== '' ? named : twinPath(entry)
  if (twinFile !== undefined && twinFile !== entry && options.host.stat(twinFile)?.kind === 'file') {
    const other: Family = file.family.family === 'ipv4' ? 'ipv6' : 'ipv4'
    twin = readIptablesFile(twinFile, options, other)
  }
  return {format: 'iptables', main: file.document, documents: [file.document], file, twin, settings: options.settings, sshd: undefined}
}

// ----- Lines iptables-restore refuses -----------------------------------------------------------

/** How a line problem can be repaired by an edit of that line alone. */
export type LineRepair = 'remove-indent' | 'remove-trailing' | 'empty-blank' | 'add-commit' | 'add-final-newline'

/** A line iptables-restore refuses or misreads, found without building the chains. */
export interface LineProblem {
  /** The line, or the word of it that is wrong. */
  node: IptablesRoot['children'][number] | IptablesTable['children'][number] | IptablesTable['header'] | IptablesWord | NonNullable<IptablesRule['counters']>
  /** The line node the repair edits. */
  line?: IptablesTable['children'][number] | IptablesTable['header'] | IptablesRoot['children'][number] | undefined
  /** The table a missing COMMIT belongs to. */
  table?: IptablesTable | undefined
  message: string
  severity: 'error' | 'warning'
  repair?: LineRepair | undefined
}

const COUNTERS = /^\[\d+:\d+\]$/

/**
 * The lines of a file that iptables-restore refuses, or reads otherwise than they look, by
 * their shape alone: text outside tables, unknown tables, blanks before `#`, `*`, `:` or
 * `COMMIT`, lines of blanks, a missing or decorated `COMMIT`, a table written twice. Line
 * ends and the byte order mark are left to their own rules; what the commands say is
 * checked by {@link compileRuleset}.
 *
 * @param root the file
 */
export function lineProblems(root: IptablesRoot): LineProblem[] {
  const problems: LineProblem[] = []
  const indented = (line: {indent: string}, what: string, node: LineProblem['node'] & {indent: string}) => {
    if (line.indent !== '') {
      problems.push({node, line: node as LineProblem['line'], severity: 'error', repair: 'remove-indent', message: `Unexpected blanks before ${what}: iptables-restore reads ${what} only in the first column, and refuses this line`})
    }
  }
  const blank = (line: Extract<IptablesLine, {type: 'blank'}>) => {
    if (line.value !== '') problems.push({node: line, line, severity: 'error', repair: 'empty-blank', message: 'Unexpected blanks on an empty line: iptables-restore refuses a line of blanks ("no command specified" or "line N failed")'})
  }
  const tables = tableBlocks(root)
  const seen = new Map<string, IptablesTable>()
  for (const table of tables) {
    const name = tableName(table)
    if (name !== undefined && name in BUILTIN_CHAINS) {
      const earlier = seen.get(name)
      if (earlier !== undefined) {
        problems.push({node: earlier.header, severity: 'warning', message: `Unexpected second \`*${name}\` block (line ${table.header.position!.start.line}): iptables-restore builds the table from the last one, so the rules of this block are thrown away`})
      }
      seen.set(name, table)
    }
  }
  for (const child of root.children) {
    if (child.type === 'table') {
      const {header} = child
      indented(header, '`*`', header)
      if (header.name === undefined) problems.push({node: header, severity: 'error', message: 'Missing table name after `*` ("table name invalid")'})
      else if (!(header.name.value in BUILTIN_CHAINS)) problems.push({node: header.name, severity: 'error', message: `Unexpected table \`${header.name.value}\`: iptables knows ${Object.keys(BUILTIN_CHAINS).map((t) => `\`${t}\``).join(', ')} ("table name '${header.name.value}' invalid")`})
      if (header.rest.length > 0) problems.push({node: header.rest[0]!, severity: 'warning', message: `Unexpected \`${header.rest.map((w) => w.value).join(' ')}\` after the table name: iptables-restore ignores it`})
      for (const line of child.children) {
        switch (line.type) {
          case 'blank':
            blank(line)
            break
          case 'comment':
            indented(line, '`#`', line)
            break
          case 'chain':
            indented(line, '`:`', line)
            if (line.name === undefined) problems.push({node: line, severity: 'error', message: 'Missing chain name after `:` ("chain name invalid")'})
            else if (line.policy === undefined) problems.push({node: line, severity: 'error', message: `Missing policy after \`:${line.name.value}\`: write \`ACCEPT\` or \`DROP\` for a built-in chain, \`-\` for a user chain ("policy invalid")`})
            if (line.counters !== undefined && !COUNTERS.test(line.counters.value)) problems.push({node: line.counters, severity: 'warning', message: `Unexpected counters \`${line.counters.value}\`: expected \`[packets:bytes]\`; iptables-restore refuses them when restoring counters (\`-c\`)`})
            if (line.rest.length > 0) problems.push({node: line.rest[0]!, severity: 'warning', message: `Unexpected \`${line.rest.map((w) => w.value).join(' ')}\` after the counters: iptables-restore ignores it`})
            break
          case 'rule':
            if (line.counters !== undefined && !COUNTERS.test(line.counters.value)) problems.push({node: line.counters, severity: 'warning', message: `Unexpected counters \`${line.counters.value}\`: expected \`[packets:bytes]\`; iptables-restore refuses them when restoring counters (\`-c\`)`})
            break
          case 'invalid':
            problems.push({node: line, severity: 'error', message: `Unexpected \`${line.value}\`: counters without \`]\` ("Bad line N: need ]")`})
            break
          case 'commit':
            // A COMMIT inside a block closes it; the tree never puts one among its lines.
            break
        }
      }
      if (child.commit === undefined) {
        problems.push({node: child.header, table: child, severity: 'error', repair: 'add-commit', message: `Missing \`COMMIT\` at the end of the \`*${header.name?.value ?? ''}\` block: iptables-restore refuses the file ("COMMIT expected")`})
      } else {
        const commit = child.commit
        indented(commit, '`COMMIT`', commit)
        if (commit.trailing !== '') problems.push({node: commit, line: commit, severity: 'error', repair: 'remove-trailing', message: 'Unexpected blanks after `COMMIT`: iptables-restore reads `COMMIT` only as the whole line ("Bad argument `COMMIT\'")'})
        else if (commit.eol === '') problems.push({node: commit, line: commit, severity: 'error', repair: 'add-final-newline', message: 'Missing line end after the last `COMMIT`: the legacy backend (iptables-legacy-restore) refuses it ("Bad argument `COMMIT\'")'})
      }
      continue
    }
    switch (child.type) {
      case 'blank':
        blank(child)
        break
      case 'comment':
        indented(child, '`#`', child)
        break
      case 'rule':
        problems.push({node: child, severity: 'error', message: 'Unexpected command outside any table: iptables-restore refuses it ("line N failed"); put it between `*filter` and `COMMIT`'})
        break
      case 'chain':
        problems.push({node: child, severity: 'error', message: 'Unexpected chain outside any table: iptables-restore refuses it ("line N failed"); put it between `*filter` and `COMMIT`'})
        break
      case 'commit':
        problems.push({node: child, severity: 'error', message: 'Unexpected `COMMIT` outside any table: iptables-restore refuses it ("line N failed")'})
        break
      case 'invalid':
        problems.push({node: child, severity: 'error', message: `Unexpected \`${child.value}\` outside any table ("line N failed")`})
        break
    }
  }
  return problems
}
