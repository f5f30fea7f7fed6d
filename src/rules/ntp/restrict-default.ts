import {leastSafe, defineRule, type Fix, type TextEdit} from '../../core/rule.js'
import {boolean} from '../../core/options.js'
import type {Family} from '../../formats/ntp/address.js'
import {placeDefaultRestrict, renderLine} from '../../formats/ntp/edit.js'
import {builtinDefaultFlags, daemonNames} from '../../formats/ntp/keywords.js'
import {describeCommand, entriesOf, readCommand, restrictTable, type NtpConfig, type NtpEntry} from '../../formats/ntp/semantics.js'
import {addFlagsEdit, assumed, consequenceOf, flagFixSafety, hardenedDefaultFlags, inWritingOrder, lineToExtend, newLineAfter, START} from './_restrict.js'

/** Options of ntp/restrict-default. */
interface Options {
  limited: boolean
}

/** Hosts the default entries cover, for the risk of a fix. */
const OTHERS = 'Hosts without a `restrict` line of their own'

/**
 * The default restrictions: every host that no other restrict line names may get the time
 * and nothing more (`restrict default kod nomodify noquery limited`, and on ntpd 4.2.8
 * also `notrap nopeer`), for IPv4 and IPv6.
 */
export default defineRule<NtpConfig, Options>({
  id: 'ntp/restrict-default',
  format: 'ntp',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {
    limited: boolean(true, 'Also ask for rate limiting on the default entries (`limited`, and `kod` to tell clients that break it); NTPsec has it built in.'),
  },
  docs: {
    summary: 'The default entries let every other host get the time and nothing more (`kod nomodify noquery limited`, and `notrap nopeer` on ntpd 4.2.8), for IPv4 and IPv6.',
    why:
      'An NTP server that answers queries from anywhere is a traffic amplifier: a small spoofed `ntpq` (mode 6) or `monlist` (mode 7) request brings back a large answer, and such servers were used for some of the largest denial-of-service attacks (CVE-2013-5211). The guides ask to "control or disable access to your NTP server"; the benchmarks ask for `restrict -4 default kod nomodify notrap nopeer noquery` and the same for `-6`. The default entries apply to every host that no other `restrict` line names: with `noquery` and `nomodify` they get the time and nothing else; `limited` and `kod` refuse clients that ask too often. ntpd 4.2.8 starts with empty default entries, so without such a line everything is open; NTPsec starts them with `noquery limited`, which no `restrict default` line can take away (only `unrestrict default ...`), but not with `nomodify` or `kod`. NTPsec parses `nopeer` and `notrap` and ignores them (it has no peer mode and no traps), so they are only asked for on ntpd 4.2.8. Lines OR their flags into the entry they name (ntp.conf(5): two lines for the same address are one line with both sets of flags), so a fix adds the missing flags to the last line that sets them and that no `unrestrict` undoes.',
    examples: [
      {bad: 'pool 0.debian.pool.ntp.org iburst\nrestrict default noquery\n', good: 'pool 0.debian.pool.ntp.org iburst\nrestrict default noquery kod nomodify\n'},
      {bad: 'pool 2.debian.pool.ntp.org iburst\n', good: 'pool 2.debian.pool.ntp.org iburst\nrestrict default kod nomodify noquery limited\n'},
      {bad: 'restrict default noquery\n', good: 'restrict default noquery nomodify\n', options: {limited: false}},
    ],
    fixSafety:
      'Unsafe as a rule, since the default entries decide what every unnamed host may do; a finding says what its fix changes and lowers itself to safe when it changes nothing for anyone: `kod` only adds a reply to packets that are refused anyway; `nomodify` is safe when the configuration has no `controlkey` (ntpd 4.2.8: nor `requestkey`), since run-time changes need that key; on NTPsec `noquery` and `limited` are built in, so writing them changes nothing. Unsafe: `noquery` where it is new (monitoring that runs `ntpq` against this server from another host stops; give such hosts a `restrict` line of their own first), `limited` where it is new (clients that poll too often, or many behind one NAT address, are refused), and on ntpd 4.2.8 `notrap` and `nopeer`. On ntpd 4.2.8 `nopeer` on the default entries also stops `pool` servers from being used unless a `restrict source` line exists: the fix adds Debian\'s `restrict source notrap nomodify noquery` then.',
    references: [
      {title: 'Nectar cloud security guidelines: 12. Control or disable access to your NTP server'},
      {title: 'CIS Distribution Independent Linux Benchmark: Ensure ntp is configured (restrict -4/-6 default kod nomodify notrap nopeer noquery)'},
      {title: 'NTPsec ntp.conf(5): Access Control Commands, default entry `noquery limited`', url: 'https://docs.ntpsec.org/latest/accopt.html'},
      {title: 'ntpd 4.2.8: Access Control Commands and Options (nopeer and pool, restrict source)', url: 'https://www.ntp.org/documentation/4.2.8-series/accopt/'},
      {title: 'US-CERT TA14-013A: NTP Amplification Attacks Using CVE-2013-5211', url: 'https://www.cisa.gov/news-events/alerts/2014/01/13/ntp-amplification-attacks-using-cve-2013-5211'},
    ],
  },
  check(config, context) {
    if (config.fragment) return
    const daemon = config.daemon
    const table = restrictTable(config)
    const required = hardenedDefaultFlags(daemon, context.options.limited)
    const missingOf = (family: Family): string[] => {
      const flags = table.defaults[family].flags
      return flags.has('ignore') ? [] : required.filter((flag) => !flags.has(flag))
    }
    const missing: Record<Family, string[]> = {4: missingOf(4), 6: missingOf(6)}
    if (missing[4].length === 0 && missing[6].length === 0) return
    const builtin = builtinDefaultFlags[daemon]

    // ntpd 4.2.8: `nopeer` on the default entries stops `pool` associations unless
    // `restrict source` pokes a hole for the pool's servers.
    let sourceAdded = false
    const sourceLine = (): string[] | undefined => {
      if (sourceAdded || daemon !== 'ntpd' || table.source !== undefined || !(missing[4].includes('nopeer') || missing[6].includes('nopeer'))) return undefined
      if (entriesOf(config, 'pool').length === 0) return undefined
      sourceAdded = true
      return ['restrict', 'source', 'notrap', 'nomodify', 'noquery']
    }
    // The safety follows the flags that are missing: writing one that is in effect already
    // (NTPsec's built-in `noquery limited` in a new line) changes nothing.
    const fixOf = (title: string, missingFlags: readonly string[], edits: TextEdit[], extraRisk?: string): Fix => {
      const safety = flagFixSafety(config, missingFlags, OTHERS)
      const risk = [safety.risk, extraRisk].filter(Boolean).join(' ')
      return {safety: leastSafe(safety.safety, extraRisk === undefined ? 'safe' : 'unsafe'), title, risk: risk === '' ? undefined : risk, edits}
    }
    const sourceRisk = 'The new `restrict source` line gives the servers of `pool` lines an entry of their own, so that `nopeer` on the default entries does not stop them.'

    const defaultLines = [...new Set([...table.defaults[4].lines, ...table.defaults[6].lines])]
    if (defaultLines.length === 0) {
      // No line touches the default entries: write one, with every flag, in both families.
      const words = ['restrict', 'default', ...required]
      const place = placeDefaultRestrict(config)
      const source = sourceLine()
      const text = [renderLine(place.doc, words, place.indent), ...(source === undefined ? [] : [renderLine(place.doc, source, place.indent)])]
      const edits = text.map((line) => place.edit(line))
      const absent = inWritingOrder([...missing[4], ...missing[6]])
      const intro = builtin.length > 0 ? `${daemonNames[daemon]}'s built-in default entries have only \`${builtin.join(' ')}\`` : `${daemonNames[daemon]}'s default entries start with no flag`
      context.report({
        message: `Missing \`${words.join(' ')}\`: ${intro}, so ${consequenceOf(absent)} ${assumed(config)}`,
        file: config.main.path,
        position: START,
        expected: [words.join(' ')],
        fix: fixOf(`Add \`${words.join(' ')}\``, absent, combineInsertions(edits), source === undefined ? undefined : sourceRisk),
      })
      return
    }

    const report = (line: NtpEntry, families: readonly Family[], flags: string[], edits: TextEdit[]): void => {
      const written = describeCommand(line.command)
      const source = sourceLine()
      if (source !== undefined) edits.push(newLineAfter(line, source))
      const which = families.length === 2 ? 'the default entries miss' : `the IPv${families[0]} default entry misses`
      context.report({
        message: `Unexpected \`${written}\`, expected \`${written} ${flags.join(' ')}\`: ${which} \`${flags.join(' ')}\`, so ${consequenceOf(flags)} ${assumed(config)}`,
        file: line.document.path,
        position: line.line.position!,
        actual: written,
        expected: [`${written} ${flags.join(' ')}`],
        fix: fixOf(`Add \`${flags.join(' ')}\` to \`${written}\``, flags, edits, source === undefined ? undefined : sourceRisk),
      })
    }
    const reportNew = (after: NtpEntry, family: Family | undefined, written: string[], flags: string[]): void => {
      const words = ['restrict', ...(family === undefined ? [] : [`-${family}`]), 'default', ...written]
      const source = sourceLine()
      context.report({
        message: `Missing \`${words.join(' ')}\`: ${family === undefined ? 'the default entries miss' : `the IPv${family} default entry misses`} \`${flags.join(' ')}\`, so ${consequenceOf(flags)} ${assumed(config)}`,
        file: after.document.path,
        position: after.line.position!,
        expected: [words.join(' ')],
        fix: fixOf(`Add \`${words.join(' ')}\``, flags, [combineInsertions([newLineAfter(after, words), ...(source === undefined ? [] : [newLineAfter(after, source)])])[0]!], source === undefined ? undefined : sourceRisk),
      })
    }

    // Both families miss something: one `restrict default` line (no -4 or -6) can take it all.
    const both = inWritingOrder([...missing[4], ...missing[6]])
    if (missing[4].length > 0 && missing[6].length > 0) {
      const shared = table.defaults[4].lines.filter((line) => table.defaults[6].lines.includes(line))
      const line = lineToExtend(config, shared, both)
      if (line !== undefined && undoneNowhere(config, line, both)) {
        report(line, [4, 6], both, [addFlagsEdit(config, line, both)])
        return
      }
      if (lineToExtend(config, table.defaults[4].lines, missing[4]) === undefined && lineToExtend(config, table.defaults[6].lines, missing[6]) === undefined) {
        // Every line is undone later (`unrestrict default ...`): a new line after the last one.
        const last = defaultLines.reduce((a, b) => (config.entries.indexOf(a) > config.entries.indexOf(b) ? a : b))
        reportNew(last, undefined, both, both)
        return
      }
    }
    for (const family of [4, 6] as const) {
      const flags = missing[family]
      if (flags.length === 0) continue
      const lines = table.defaults[family].lines
      const line = lineToExtend(config, lines, flags)
      if (line !== undefined) {
        report(line, [family], flags, [addFlagsEdit(config, line, flags)])
        continue
      }
      // No line to extend: a new `restrict -4 default` or `-6 default` line after the last
      // line about this family's default entry, or about the other family's.
      const anchor = lines[lines.length - 1] ?? table.defaults[family === 4 ? 6 : 4].lines.at(-1)!
      reportNew(anchor, family, lines.length === 0 ? required : flags, flags)
    }
  },
})

/**
 * Whether a line's flags, once added, stay: no later line about any entry the line
 * touches clears them (a plain `restrict default` line touches both families).
 */
function undoneNowhere(config: NtpConfig, line: NtpEntry, flags: readonly string[]): boolean {
  const table = restrictTable(config)
  return ([4, 6] as const).every((family) => {
    const lines = table.defaults[family].lines
    const after = lines.slice(lines.indexOf(line) + 1)
    return after.every((other) => {
      const reading = readCommand(other.command, config.daemon)
      return reading.kind !== 'restrict' || reading.op !== 'unrestrict' || (reading.flags.length > 0 && !reading.flags.some((flag) => flags.includes(flag)))
    })
  })
}

/** Insertions at one offset of one file, as one edit (their order kept). */
function combineInsertions(edits: TextEdit[]): TextEdit[] {
  const first = edits[0]
  if (first === undefined || edits.some((edit) => edit.file !== first.file || edit.start !== first.start || edit.end !== first.start)) return edits
  return [{...first, text: edits.map((edit) => edit.text).join('')}]
}
