/**
 * The options of an iptables command line, and how its words group into options.
 *
 * iptables-restore hands every command line to iptables's own option parser (getopt_long
 * over iptables's options and those of every extension loaded so far, iptables-extensions(8)).
 * The tree needs to know, for each option, how many of the following words are its
 * arguments; that is what this table says, for iptables itself (iptables(8)) and for the
 * extensions that rule sets use in practice (iptables-extensions(8) of iptables 1.8.9).
 *
 * An option the table does not know is kept as it is, with the words after it that do not
 * look like options as its arguments: the tree never loses a word, and the semantics treat
 * such an option as a match they cannot judge.
 */
import type {Position} from 'unist'
import type {IptablesMatch, IptablesRuleContent, IptablesTarget, IptablesWord} from './types.js'

/** What an option is, to the tree. */
export type OptionKind = 'command' | 'parameter' | 'match' | 'target' | 'option'

/** One option of the table. */
export interface OptionInfo {
  /** The name iptables-save writes (`-A`, `--dport`), or the long name when it writes none. */
  canonical: string
  /** Every spelling: short and long names (`-A`, `--append`). */
  names: readonly string[]
  kind: OptionKind
  /** Arguments it needs (taken whatever they look like, as getopt takes a required argument). */
  min: number
  /** Arguments it may take: the optional ones are taken while the next word is no option. */
  max: number
  /** The extension that defines it (`tcp`, `multiport`, `LOG`); absent for iptables's own options. */
  extension?: string | undefined
}

/** Builds entries of the table. */
function entries(kind: OptionKind, extension: string | undefined, list: ReadonlyArray<readonly [string | readonly string[], number, number?]>): OptionInfo[] {
  return list.map(([names, min, max]) => {
    const all = typeof names === 'string' ? [names] : names
    return {canonical: all[0]!, names: all, kind, min, max: max ?? min, extension}
  })
}

/**
 * iptables's own options (iptables(8) "COMMANDS", "PARAMETERS", "OTHER OPTIONS"). Arities
 * follow iptables/xshared.c: `-I chain [rulenum]`, `-D chain [rulenum]`, `-Z [chain [rulenum]]`.
 */
const OWN: OptionInfo[] = [
  ...entries('command', undefined, [
    [['-A', '--append'], 1],
    [['-C', '--check'], 1],
    [['-D', '--delete'], 1, 2],
    [['-I', '--insert'], 1, 2],
    [['-R', '--replace'], 2],
    [['-L', '--list'], 0, 1],
    [['-S', '--list-rules'], 0, 2],
    [['-F', '--flush'], 0, 1],
    [['-Z', '--zero'], 0, 2],
    [['-N', '--new-chain'], 1],
    [['-X', '--delete-chain'], 0, 1],
    [['-P', '--policy'], 2],
    [['-E', '--rename-chain'], 2],
  ]),
  ...entries('parameter', undefined, [
    [['-p', '--protocol'], 1],
    [['-s', '--source', '--src'], 1],
    [['-d', '--destination', '--dst'], 1],
    [['-i', '--in-interface'], 1],
    [['-o', '--out-interface'], 1],
    [['-f', '--fragment'], 0],
    [['-c', '--set-counters'], 2],
    [['-4', '--ipv4'], 0],
    [['-6', '--ipv6'], 0],
    [['-v', '--verbose'], 0],
    [['-n', '--numeric'], 0],
    [['-x', '--exact'], 0],
    [['--line-numbers'], 0],
    [['-w', '--wait'], 0, 1],
    [['-W', '--wait-interval'], 0, 1],
    [['--modprobe'], 1],
  ]),
  ...entries('match', undefined, [[['-m', '--match'], 1]]),
  ...entries('target', undefined, [
    [['-j', '--jump'], 1],
    [['-g', '--goto'], 1],
  ]),
]

/** Options of the extensions rule sets use (iptables-extensions(8), iptables 1.8.9). */
const EXTENSIONS: OptionInfo[] = [
  ...entries('option', 'tcp', [
    [['--sport', '--source-port'], 1],
    [['--dport', '--destination-port'], 1],
    [['--tcp-flags'], 2],
    [['--syn'], 0],
    [['--tcp-option'], 1],
  ]),
  ...entries('option', 'multiport', [
    [['--sports', '--source-ports'], 1],
    [['--dports', '--destination-ports'], 1],
    [['--ports'], 1],
  ]),
  ...entries('option', 'conntrack', [
    [['--ctstate'], 1],
    [['--ctproto'], 1],
    [['--ctorigsrc'], 1],
    [['--ctorigdst'], 1],
    [['--ctreplsrc'], 1],
    [['--ctrepldst'], 1],
    [['--ctorigsrcport'], 1],
    [['--ctorigdstport'], 1],
    [['--ctreplsrcport'], 1],
    [['--ctrepldstport'], 1],
    [['--ctstatus'], 1],
    [['--ctexpire'], 1],
    [['--ctdir'], 1],
  ]),
  ...entries('option', 'state', [[['--state'], 1]]),
  ...entries('option', 'comment', [[['--comment'], 1]]),
  ...entries('option', 'icmp', [[['--icmp-type'], 1]]),
  ...entries('option', 'icmp6', [[['--icmpv6-type'], 1]]),
  ...entries('option', 'limit', [
    [['--limit'], 1],
    [['--limit-burst'], 1],
  ]),
  ...entries('option', 'recent', [
    [['--name'], 1],
    [['--set'], 0],
    [['--rcheck'], 0],
    [['--update'], 0],
    [['--remove'], 0],
    [['--seconds'], 1],
    [['--reap'], 0],
    [['--hitcount'], 1],
    [['--rttl'], 0],
    [['--rsource'], 0],
    [['--rdest'], 0],
    [['--mask'], 1],
  ]),
  ...entries('option', 'iprange', [
    [['--src-range'], 1],
    [['--dst-range'], 1],
  ]),
  ...entries('option', 'mac', [[['--mac-source'], 1]]),
  ...entries('option', 'set', [
    [['--match-set'], 2],
    [['--return-nomatch'], 0],
    [['--update-counters'], 0],
    [['--update-subcounters'], 0],
    [['--packets-eq'], 1],
    [['--packets-lt'], 1],
    [['--packets-gt'], 1],
    [['--bytes-eq'], 1],
    [['--bytes-lt'], 1],
    [['--bytes-gt'], 1],
  ]),
  ...entries('option', 'addrtype', [
    [['--src-type'], 1],
    [['--dst-type'], 1],
    [['--limit-iface-in'], 0],
    [['--limit-iface-out'], 0],
  ]),
  ...entries('option', 'owner', [
    [['--uid-owner'], 1],
    [['--gid-owner'], 1],
    [['--socket-exists'], 0],
    [['--suppl-groups'], 0],
  ]),
  ...entries('option', 'mark', [[['--mark'], 1]]),
  ...entries('option', 'hashlimit', [
    [['--hashlimit-upto'], 1],
    [['--hashlimit-above'], 1],
    [['--hashlimit-burst'], 1],
    [['--hashlimit-mode'], 1],
    [['--hashlimit-srcmask'], 1],
    [['--hashlimit-dstmask'], 1],
    [['--hashlimit-name'], 1],
    [['--hashlimit-htable-size'], 1],
    [['--hashlimit-htable-max'], 1],
    [['--hashlimit-htable-expire'], 1],
    [['--hashlimit-htable-gcinterval'], 1],
    [['--hashlimit-rate-match'], 0],
    [['--hashlimit-rate-interval'], 1],
    [['--hashlimit'], 1],
  ]),
  ...entries('option', 'connlimit', [
    [['--connlimit-upto'], 1],
    [['--connlimit-above'], 1],
    [['--connlimit-mask'], 1],
    [['--connlimit-saddr'], 0],
    [['--connlimit-daddr'], 0],
  ]),
  ...entries('option', 'length', [[['--length'], 1]]),
  ...entries('option', 'ttl', [
    [['--ttl-eq'], 1],
    [['--ttl-gt'], 1],
    [['--ttl-lt'], 1],
  ]),
  ...entries('option', 'hl', [
    [['--hl-eq'], 1],
    [['--hl-gt'], 1],
    [['--hl-lt'], 1],
  ]),
  ...entries('option', 'pkttype', [[['--pkt-type'], 1]]),
  ...entries('option', 'physdev', [
    [['--physdev-in'], 1],
    [['--physdev-out'], 1],
    [['--physdev-is-in'], 0],
    [['--physdev-is-out'], 0],
    [['--physdev-is-bridged'], 0],
  ]),
  ...entries('option', 'string', [
    [['--algo'], 1],
    [['--string'], 1],
    [['--hex-string'], 1],
    [['--from'], 1],
    [['--to'], 1],
    [['--icase'], 0],
  ]),
  ...entries('option', 'time', [
    [['--timestart'], 1],
    [['--timestop'], 1],
    [['--datestart'], 1],
    [['--datestop'], 1],
    [['--weekdays'], 1],
    [['--monthdays'], 1],
    [['--utc'], 0],
    [['--kerneltz'], 0],
    [['--contiguous'], 0],
  ]),
  ...entries('option', 'tcpmss', [[['--mss'], 1]]),
  ...entries('option', 'dscp', [
    [['--dscp'], 1],
    [['--dscp-class'], 1],
  ]),
  ...entries('option', 'tos', [[['--tos'], 1]]),
  ...entries('option', 'policy', [
    [['--dir'], 1],
    [['--pol'], 1],
    [['--strict'], 0],
    [['--reqid'], 1],
    [['--spi'], 1],
    [['--proto'], 1],
    [['--mode'], 1],
    [['--tunnel-src'], 1],
    [['--tunnel-dst'], 1],
    [['--next'], 0],
  ]),
  ...entries('option', 'socket', [
    [['--transparent'], 0],
    [['--nowildcard'], 0],
    [['--restore-skmark'], 0],
  ]),
  ...entries('option', 'rpfilter', [
    [['--loose'], 0],
    [['--validmark'], 0],
    [['--accept-local'], 0],
    [['--invert'], 0],
  ]),
  ...entries('option', 'u32', [[['--u32'], 1]]),
  ...entries('option', 'statistic', [
    [['--probability'], 1],
    [['--every'], 1],
    [['--packet'], 1],
  ]),
  ...entries('option', 'cgroup', [
    [['--path'], 1],
    [['--cgroup'], 1],
  ]),
  ...entries('option', 'frag', [
    [['--fragid'], 1],
    [['--fraglen'], 1],
    [['--fragres'], 0],
    [['--fragfirst'], 0],
    [['--fragmore'], 0],
    [['--fraglast'], 0],
  ]),
  ...entries('option', 'ipv6header', [
    [['--header'], 1],
    [['--soft'], 0],
  ]),
  ...entries('option', 'rt', [
    [['--rt-type'], 1],
    [['--rt-segsleft'], 1],
    [['--rt-len'], 1],
    [['--rt-0-res'], 0],
    [['--rt-0-addrs'], 1],
    [['--rt-0-not-strict'], 0],
  ]),
  ...entries('option', 'LOG', [
    [['--log-level'], 1],
    [['--log-prefix'], 1],
    [['--log-tcp-sequence'], 0],
    [['--log-tcp-options'], 0],
    [['--log-ip-options'], 0],
    [['--log-uid'], 0],
    [['--log-macdecode'], 0],
  ]),
  ...entries('option', 'NFLOG', [
    [['--nflog-group'], 1],
    [['--nflog-prefix'], 1],
    [['--nflog-range'], 1],
    [['--nflog-size'], 1],
    [['--nflog-threshold'], 1],
  ]),
  ...entries('option', 'REJECT', [[['--reject-with'], 1]]),
  ...entries('option', 'DNAT', [
    [['--to-destination'], 1],
    [['--random'], 0],
    [['--persistent'], 0],
  ]),
  ...entries('option', 'SNAT', [[['--to-source'], 1]]),
  ...entries('option', 'MASQUERADE', [
    [['--to-ports'], 1],
    [['--random-fully'], 0],
  ]),
  ...entries('option', 'MARK', [
    [['--set-mark'], 1],
    [['--set-xmark'], 1],
    [['--and-mark'], 1],
    [['--or-mark'], 1],
    [['--xor-mark'], 1],
  ]),
  ...entries('option', 'CONNMARK', [
    [['--save-mark'], 0],
    [['--restore-mark'], 0],
    [['--nfmask'], 1],
    [['--ctmask'], 1],
  ]),
  ...entries('option', 'CT', [
    [['--notrack'], 0],
    [['--helper'], 1],
    [['--ctevents'], 1],
    [['--expevents'], 1],
    [['--zone'], 1],
    [['--zone-orig'], 1],
    [['--zone-reply'], 1],
    [['--timeout'], 1],
  ]),
  ...entries('option', 'TCPMSS', [
    [['--set-mss'], 1],
    [['--clamp-mss-to-pmtu'], 0],
  ]),
  ...entries('option', 'NFQUEUE', [
    [['--queue-num'], 1],
    [['--queue-balance'], 1],
    [['--queue-bypass'], 0],
    [['--fail-open'], 0],
    [['--queue-cpu-fanout'], 0],
  ]),
  ...entries('option', 'TPROXY', [
    [['--on-port'], 1],
    [['--on-ip'], 1],
    [['--tproxy-mark'], 1],
  ]),
  ...entries('option', 'DSCP', [
    [['--set-dscp'], 1],
    [['--set-dscp-class'], 1],
  ]),
  ...entries('option', 'TOS', [
    [['--set-tos'], 1],
    [['--and-tos'], 1],
    [['--or-tos'], 1],
    [['--xor-tos'], 1],
  ]),
  ...entries('option', 'TTL', [
    [['--ttl-set'], 1],
    [['--ttl-dec'], 1],
    [['--ttl-inc'], 1],
  ]),
  ...entries('option', 'HL', [
    [['--hl-set'], 1],
    [['--hl-dec'], 1],
    [['--hl-inc'], 1],
  ]),
  ...entries('option', 'SET', [
    [['--add-set'], 2],
    [['--del-set'], 2],
    [['--map-set'], 2],
    [['--exist'], 0],
  ]),
  ...entries('option', 'CLASSIFY', [[['--set-class'], 1]]),
  ...entries('option', 'AUDIT', [[['--type'], 1]]),
  ...entries('option', 'CHECKSUM', [[['--checksum-fill'], 0]]),
  ...entries('option', 'TEE', [[['--gateway'], 1]]),
]

/** Every option the table knows. */
export const optionTable: readonly OptionInfo[] = [...OWN, ...EXTENSIONS]

const byName = new Map<string, OptionInfo>()
for (const info of optionTable) for (const name of info.names) if (!byName.has(name)) byName.set(name, info)
const longNames = [...byName.keys()].filter((name) => name.startsWith('--')).sort()

/** An option found in the table, with an argument written in the same word (`-dport`: `-d` with `port`). */
export interface FoundOption {
  info: OptionInfo
  /** An argument glued to a short option (getopt reads `-d10.0.0.1` as `-d 10.0.0.1`). */
  attached?: string | undefined
}

/**
 * Looks an option up as getopt_long would find it: by its exact name; a short option with
 * its argument glued to it (`-dport` is `-d port`); or a long name cut short where only one
 * option starts so (`--destination-p` is `--destination-port`).
 *
 * @param name the option as written, without quotes
 * @returns the option, or undefined when the table does not know it
 */
export function lookupOption(name: string): FoundOption | undefined {
  const exact = byName.get(name)
  if (exact !== undefined) return {info: exact}
  if (name.startsWith('--')) {
    if (name.length < 3) return undefined
    const candidates = new Set<OptionInfo>()
    for (const long of longNames) if (long.startsWith(name)) candidates.add(byName.get(long)!)
    return candidates.size === 1 ? {info: [...candidates][0]!} : undefined
  }
  if (name.length > 2 && name.startsWith('-')) {
    const short = byName.get(name.slice(0, 2))
    if (short !== undefined && short.min >= 1) return {info: short, attached: name.slice(2)}
  }
  return undefined
}

/**
 * The value of a word as iptables-restore reads it (xshared.c `add_param_to_argv`): the text
 * before the first `"` as it is, then the quoted part with each backslash escaping the
 * character after it; the closing quote ends the word.
 *
 * @param raw the word as written
 */
export function unquoteWord(raw: string): string {
  const quote = raw.indexOf('"')
  if (quote === -1) return raw
  let out = raw.slice(0, quote)
  for (let i = quote + 1; i < raw.length; i++) {
    const c = raw[i]!
    if (c === '\\' && i + 1 < raw.length) {
      out += raw[++i]
    } else if (c === '"') {
      break
    } else if (c !== '\\') {
      out += c
    }
  }
  return out
}

/**
 * Whether a word is an option to getopt: it starts with `-` and has more after it.
 *
 * @param word the word
 */
export function isOptionWord(word: IptablesWord): boolean {
  const raw = word.value
  // Most words hold no quote: no need to unquote them.
  const value = raw.includes('"') ? unquoteWord(raw) : raw
  return value.length > 1 && value.charCodeAt(0) === 45
}

/** Whether a word is a lone `!`, which negates the option after it. */
function isBang(word: IptablesWord | undefined): boolean {
  return word !== undefined && (word.value === '!' || (word.value.includes('"') && unquoteWord(word.value) === '!'))
}

/** The position from the start of one word to the end of another, when both have one. */
function span(first: IptablesWord, last: IptablesWord): Position | undefined {
  if (first.position === undefined || last.position === undefined) return undefined
  return {start: first.position.start, end: last.position.end}
}

/**
 * Groups the words of a command line into options, the way iptables's option parser
 * consumes them: an optional `!`, the option, then its arguments (the required ones
 * whatever they look like, optional ones while the next word is no option). Options of
 * an extension written after `-m NAME` or after a target become children of that match or
 * target, up to the next match, target, parameter or command.
 *
 * @param words the words of the line, in order
 */
export function groupWords(words: readonly IptablesWord[]): IptablesRuleContent[] {
  const out: IptablesRuleContent[] = []
  let parent: IptablesMatch | IptablesTarget | undefined
  let i = 0
  while (i < words.length) {
    let not: IptablesWord | undefined
    if (isBang(words[i]) && i + 1 < words.length && isOptionWord(words[i + 1]!)) not = words[i++]
    const name = words[i++]!
    const option = isOptionWord(name)
    const found = option ? lookupOption(unquoteWord(name.value)) : undefined
    const args: IptablesWord[] = []
    if (found !== undefined) {
      const glued = found.attached === undefined ? 0 : 1
      const min = Math.max(0, found.info.min - glued)
      const max = Math.max(0, found.info.max - glued)
      while (args.length < min && i < words.length) args.push(words[i++]!)
      while (args.length < max && i < words.length && !isOptionWord(words[i]!) && !isBang(words[i])) args.push(words[i++]!)
    } else if (option) {
      // An option the table does not know: the words up to the next option are its arguments.
      while (i < words.length && !isOptionWord(words[i]!) && !isBang(words[i])) args.push(words[i++]!)
    }
    const last = args[args.length - 1] ?? name
    const position = span(not ?? name, last)
    const kind = found?.info.kind ?? 'option'
    // Built property by property, always in the same order (the tree is large: no spreads),
    // and no property holds `undefined`: the tree must survive JSON unchanged.
    const node = {type: kind} as IptablesRuleContent
    if (not !== undefined) node.not = not
    node.name = name
    node.arguments = args
    if (position !== undefined) node.position = position
    if (node.type === 'match' || node.type === 'target') {
      node.children = []
      out.push(node)
      parent = node
    } else if (node.type === 'option' && parent !== undefined && option) {
      parent.children.push(node)
      const end = position?.end
      if (end !== undefined && parent.position !== undefined) parent.position = {start: parent.position.start, end}
    } else {
      out.push(node)
      // A parameter, a command or a stray word ends the match or target before it: options
      // after it stand at the rule's level, so that the tree keeps the words in order.
      parent = undefined
    }
  }
  return out
}
