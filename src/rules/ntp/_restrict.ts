/**
 * What the ntp rules share about restrict flags: the order they are written in, what each
 * one changes for whom (the safety of a fix that adds it), and the edits that give a
 * restrict entry more flags where ntpd will really read them.
 */
import type {Position} from 'unist'
import type {FixSafety, TextEdit} from '../../core/rule.js'
import {insertLineAfter, insertWordsAfter, lastReadWord, renderLine} from '../../formats/ntp/edit.js'
import {daemonNames, type Daemon} from '../../formats/ntp/keywords.js'
import {entriesOf, readCommand, type NtpConfig, type NtpEntry} from '../../formats/ntp/semantics.js'

/** The start of a document, where findings about something missing point. */
export const START: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}

/** The order flags are written in, as Debian's shipped files write them. */
const FLAG_ORDER = ['ignore', 'kod', 'nomodify', 'notrap', 'nopeer', 'noquery', 'limited']

/**
 * Sorts flag names in the order they are written.
 *
 * @param flags the flags
 */
export function inWritingOrder(flags: Iterable<string>): string[] {
  const rank = (flag: string) => {
    const index = FLAG_ORDER.indexOf(flag)
    return index === -1 ? FLAG_ORDER.length : index
  }
  return [...new Set(flags)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
}

/**
 * The flags a hardened default entry has (ntp.conf(5); the CIS benchmarks' `restrict -4
 * default kod nomodify notrap nopeer noquery`, Debian's `kod nomodify nopeer noquery
 * limited`): `nopeer` and `notrap` only where the daemon still reads them (ntpd 4.2.8;
 * NTPsec ignores them), `kod` and `limited` when rate limiting is asked for.
 *
 * @param daemon the daemon
 * @param limited whether to ask for rate limiting
 */
export function hardenedDefaultFlags(daemon: Daemon, limited: boolean): string[] {
  const flags = daemon === 'ntpd' ? ['nomodify', 'notrap', 'nopeer', 'noquery'] : ['nomodify', 'noquery']
  return inWritingOrder(limited ? ['kod', ...flags, 'limited'] : flags)
}

/**
 * Whether someone could change ntpd's configuration at run time: that needs the control
 * key (`controlkey`; ntpd 4.2.8 also takes `requestkey` for ntpdc), without which
 * `nomodify` changes nothing.
 *
 * @param config the configuration
 */
export function hasRuntimeKey(config: NtpConfig): boolean {
  return entriesOf(config, 'controlkey').length > 0 || (config.daemon === 'ntpd' && entriesOf(config, 'requestkey').length > 0)
}

/** What a missing flag lets happen, said after a finding. */
const consequences: Readonly<Record<string, string>> = {
  kod: 'clients that break the rate limit get no kiss-o\'-death telling them to slow down',
  nomodify: 'hosts that hold the control key may change its configuration at run time',
  notrap: 'any host may register for its trap messages',
  nopeer: 'any host may set up a peer association with it',
  noquery: 'any host may query its state and its list of recent clients (answers much larger than the questions: a traffic amplifier)',
  limited: 'nothing limits how often a client may ask',
}

/**
 * What the lack of some flags lets happen, as one clause.
 *
 * @param flags the missing flags
 */
export function consequenceOf(flags: readonly string[]): string {
  const parts = inWritingOrder(flags).map((flag) => consequences[flag]).filter((part): part is string => part !== undefined)
  if (parts.length <= 1) return parts[0] ?? 'the entry lets more through than it should'
  return `${parts.slice(0, -1).join('; ')}; and ${parts[parts.length - 1]}`
}

/** The safety of a fix that adds flags to an entry, and who it could stop. */
export interface FlagFixSafety {
  safety: FixSafety
  risk: string | undefined
}

/**
 * How far a fix that adds flags to a restrict entry can be trusted, and who it could stop.
 *
 * - `kod` only adds a reply to packets that are refused anyway: safe.
 * - `nomodify` stops run-time configuration, which needs the control key: safe when the
 *   configuration has none.
 * - `noquery` stops `ntpq` from the hosts the entry covers: monitoring that polls this
 *   server from elsewhere.
 * - `limited` refuses clients that ask too often, and many clients behind one NAT address
 *   look like one that does.
 * - `notrap` and `nopeer` (ntpd 4.2.8) stop trap registration and peer associations.
 *
 * @param config the configuration
 * @param flags the flags the fix adds
 * @param who the hosts the entry covers, for the risk text ("hosts without a restrict line of their own")
 */
export function flagFixSafety(config: NtpConfig, flags: readonly string[], who: string): FlagFixSafety {
  const risks: string[] = []
  for (const flag of inWritingOrder(flags)) {
    if (flag === 'nomodify' && hasRuntimeKey(config)) risks.push(`${who} can no longer change ntpd's configuration at run time with the control key (\`ntpq :config\`).`)
    if (flag === 'noquery') risks.push(`${who} get no answer to \`ntpq\` any more: monitoring that queries this server from another host (peers, offsets, variables) stops. Time service is not affected.`)
    if (flag === 'limited') risks.push(`${who} are refused while they ask faster than the rate limit; many clients behind one NAT address count as one client and can hit it.`)
    if (flag === 'notrap') risks.push(`${who} can no longer register for trap messages (\`ntptrap\`, some monitoring).`)
    if (flag === 'nopeer') risks.push(`${who} can no longer set up a peer association with this server unless it names them itself.`)
  }
  return risks.length === 0 ? {safety: 'safe', risk: undefined} : {safety: 'unsafe', risk: risks.join(' ')}
}

/**
 * The line to add flags to, among the lines of a restrict entry: the last `restrict` line
 * that no later `unrestrict` line of the entry undoes (by clearing one of the flags, or
 * by removing the entry). Undefined when there is none.
 *
 * @param config the configuration
 * @param lines the lines of the entry, in reading order
 * @param flags the flags to add
 */
export function lineToExtend(config: NtpConfig, lines: readonly NtpEntry[], flags: readonly string[]): NtpEntry | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!
    const reading = readCommand(line.command, config.daemon)
    if (reading.kind !== 'restrict') continue
    if (reading.op === 'unrestrict') {
      if (reading.flags.length === 0 || reading.flags.some((flag) => flags.includes(flag))) return undefined
      continue
    }
    // A command nested in an `includefile` line, or a line whose flags sit after a syntax
    // error, is left alone: new words would not be read where an administrator looks.
    if (line.command === line.line) return line
  }
  return undefined
}

/**
 * The edit that adds flags to a restrict line, after the last word ntpd reads of it.
 *
 * @param config the configuration
 * @param line the line
 * @param flags the flags
 */
export function addFlagsEdit(config: NtpConfig, line: NtpEntry, flags: readonly string[]): TextEdit {
  if (line.command.type !== 'restrict') throw new Error('not a restrict line')
  return insertWordsAfter(line.document, line.command, lastReadWord(line.command, config), inWritingOrder(flags))
}

/**
 * The edit that adds a new line right after an existing one, in its file's style and indent.
 *
 * @param line the line to go after
 * @param words the words of the new line
 */
export function newLineAfter(line: NtpEntry, words: readonly string[]): TextEdit {
  const indent = line.line.indent.replace(/[^ \t]/g, '')
  return insertLineAfter(line.document, line.line, renderLine(line.document, words, indent))
}

/**
 * The daemon a finding assumes, for the end of its message.
 *
 * @param config the configuration
 */
export function assumed(config: NtpConfig): string {
  return `(${daemonNames[config.daemon]})`
}
