import {defineRule} from '../../core/rule.js'
import {integer} from '../../core/options.js'
import {bitsOf, formatNetwork, hostBits, type Family} from '../../formats/ntp/address.js'
import {describeCommand, readCommand, restrictTable, type NtpConfig, type NtpEntry} from '../../formats/ntp/semantics.js'
import {addFlagsEdit, assumed, flagFixSafety, inWritingOrder, lineToExtend, newLineAfter} from './_restrict.js'

/** Options of ntp/wide-restrict. */
interface Options {
  ipv4Prefix: number
  ipv6Prefix: number
}

/** The rights a restrict entry can open beyond the default entries. */
const RIGHTS: Readonly<Record<string, string>> = {
  noquery: 'query ntpd (ntpq: its state and its list of recent clients)',
  nomodify: 'change its configuration at run time with the control key',
}

/**
 * No `restrict` line opens queries or run-time changes, which the default entries refuse,
 * to a wider range than a LAN.
 */
export default defineRule<NtpConfig, Options>({
  id: 'ntp/wide-restrict',
  format: 'ntp',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {
    ipv4Prefix: integer(0, 32, 24, 'The widest IPv4 range (as a prefix length) that a restrict line may open queries or run-time changes to.'),
    ipv6Prefix: integer(0, 128, 64, 'The widest IPv6 range (as a prefix length) that a restrict line may open queries or run-time changes to.'),
  },
  docs: {
    summary: 'No `restrict` line lets a range wider than a LAN (/24, /64) query ntpd or change it, when the default entries refuse that.',
    why:
      'A restrict line for a network replaces the default entry\'s flags for every address in it: `restrict 10.0.0.0 mask 255.0.0.0 nomodify` lets sixteen million addresses query ntpd, its list of recent clients included, although the default entries say `noquery`. Clients need none of that to get the time; only the few hosts that monitor the server need to query it, and they can be named one by one. ntpd also clears the bits of the address outside the mask without a word, so `restrict 192.168.1.5 mask 255.255.0.0` opens all of 192.168.0.0/16. The guides ask to limit which systems can access an NTP server; how wide a LAN may be is an option.',
    examples: [
      {bad: 'restrict default kod nomodify noquery limited\nrestrict 10.0.0.0 mask 255.0.0.0 nomodify\n', good: 'restrict default kod nomodify noquery limited\nrestrict 10.0.0.0 mask 255.0.0.0 nomodify noquery\n'},
      {bad: 'restrict default kod nomodify noquery limited\nrestrict 192.168.0.0/16\n', good: 'restrict default kod nomodify noquery limited\nrestrict 192.168.0.0/16 nomodify noquery\n'},
    ],
    fixSafety:
      'Unsafe: the fix adds the flags the default entries have (`noquery`, `nomodify`) to the line, so the hosts of that range can no longer query ntpd (or change it with the control key). Monitoring that queries this server from the range stops: give those hosts a `restrict` line of their own (or a narrower range) before applying it. Time service for the range is not affected. Adding `nomodify` alone is safe when the configuration has no control key.',
    references: [
      {title: 'Nectar cloud security guidelines: 12. Control or disable access to your NTP server (limit which systems can access it)'},
      {title: 'NTPsec ntp.conf(5): restrict address mask, most specific entry wins', url: 'https://docs.ntpsec.org/latest/accopt.html'},
    ],
  },
  check(config, context) {
    const table = restrictTable(config)
    const widest: Readonly<Record<Family, number>> = {4: context.options.ipv4Prefix, 6: context.options.ipv6Prefix}
    for (const entry of table.entries) {
      if (entry.mask === 0n || entry.flags.has('ignore')) continue
      const prefix = bitsOf(entry.family) - hostBits(entry.family, entry.mask)
      if (prefix >= widest[entry.family]) continue
      const defaults = table.defaults[entry.family].flags
      const opened = Object.keys(RIGHTS).filter((flag) => (defaults.has(flag) || defaults.has('ignore')) && !entry.flags.has(flag))
      if (opened.length === 0) continue
      const flags = inWritingOrder(opened)
      const network = formatNetwork(entry.family, entry.address, entry.mask)
      const lines = entry.lines
      const line = lineToExtend(config, lines, flags)
      const last = lines[lines.length - 1]!
      const reported = line ?? last
      const written = describeCommand(reported.command)
      const reading = readCommand(reported.command, config.daemon)
      const cleared = reading.kind === 'restrict' && reading.target?.kind === 'address' && reading.target.hostBitsSet ? ` (ntpd clears the address bits outside the mask: the line is about all of ${network})` : ''
      const size = 2 ** hostBits(entry.family, entry.mask)
      const safety = flagFixSafety(config, flags, `Hosts in ${network}`)
      context.report({
        message: `Unexpected \`${written}\`, expected \`${flags.join(' ')}\` on it or a range of at most /${widest[entry.family]}: it lets ${size > 1e6 ? `2^${hostBits(entry.family, entry.mask)}` : size.toLocaleString('en')} addresses (${network}) ${opened.map((flag) => RIGHTS[flag]).join(' and ')}, which the default entries refuse${cleared} ${assumed(config)}`,
        file: reported.document.path,
        position: reported.command.position!,
        actual: written,
        expected: [flags.join(' ')],
        fix: {
          safety: safety.safety,
          title: `Add \`${flags.join(' ')}\` to the entry for ${network}`,
          risk: safety.risk,
          edits: [line === undefined ? newLineAfter(last, [...restrictWords(reported), ...flags]) : addFlagsEdit(config, line, flags)],
        },
      })
    }
  },
})

/** The words of a restrict line up to its flags (`restrict 10.0.0.0 mask 255.0.0.0`), for a new line about the same entry. */
function restrictWords(line: NtpEntry): string[] {
  const command = line.command
  if (command.type !== 'restrict') return []
  return ['restrict', command.family?.value, command.address?.value, command.maskKeyword?.value, command.mask?.value].filter((word): word is string => word !== undefined)
}
