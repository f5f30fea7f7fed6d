import {defineRule} from '../../core/rule.js'
import type {Family} from '../../formats/ntp/address.js'
import {placeAfterRestricts, renderLine} from '../../formats/ntp/edit.js'
import {describeRestrictEntry, lookupRestrict, readCommand, restrictTable, type NtpConfig, type NtpEntry} from '../../formats/ntp/semantics.js'
import {assumed, START} from './_restrict.js'

/** The loopback address of each family, as written in a restrict line. */
const LOOPBACK: Readonly<Record<Family, {text: string; value: bigint}>> = {
  4: {text: '127.0.0.1', value: 0x7f000001n},
  6: {text: '::1', value: 1n},
}

/**
 * The local host may query ntpd: when the default entries refuse queries, `restrict
 * 127.0.0.1` and `restrict ::1` let `ntpq` on the host itself work.
 */
export default defineRule<NtpConfig, Record<never, never>>({
  id: 'ntp/restrict-localhost',
  format: 'ntp',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'When the default entries refuse queries, the local host has entries of its own (`restrict 127.0.0.1`, `restrict ::1`), so that `ntpq` on the host works.',
    why:
      'ntpd gives a packet the flags of the most specific restrict entry that matches its source, and only those: the flags of `default` are not inherited. With `noquery` (or `ignore`) on the default entries, which the guides ask for and NTPsec has built in, `ntpq -p` on the server itself gets no answer unless the loopback addresses have an entry of their own, and whoever checks the clock is tempted to open the default entries again. Debian ships `restrict 127.0.0.1` and `restrict ::1` for this. An entry that already covers the loopback address (`restrict 127.0.0.0 mask 255.0.0.0 ...`) is left as it is, whatever its flags: it was written on purpose.',
    examples: [
      {bad: 'restrict default kod nomodify noquery limited\n', good: 'restrict default kod nomodify noquery limited\nrestrict 127.0.0.1\nrestrict ::1\n'},
      {bad: 'restrict default kod nomodify noquery limited\nrestrict 127.0.0.1\n', good: 'restrict default kod nomodify noquery limited\nrestrict 127.0.0.1\nrestrict ::1\n'},
    ],
    fixSafety:
      'Unsafe, though it closes nothing: it changes who may query ntpd. Every local user and process can then read its state with `ntpq`: its servers, its variables, and the list of recent clients (`ntpq -c mrulist`). That is what Debian ships; on a host whose local users must not see the clients\' addresses, add `nomrulist` or `noquery` to the new lines instead.',
    references: [
      {title: "Debian 12's /etc/ntpsec/ntp.conf: \"Local users may interrogate the ntp server more closely.\""},
      {title: 'NTPsec ntp.conf(5): Access Control Support (the most specific entry wins)', url: 'https://docs.ntpsec.org/latest/accopt.html'},
    ],
  },
  check(config, context) {
    if (config.fragment) return
    const table = restrictTable(config)
    // A new line goes after the other family's loopback line, else under a commented-out
    // example of it, else after the last line about a default entry.
    const defaults = config.entries.filter((entry) => {
      const reading = readCommand(entry.command, config.daemon)
      return entry.command === entry.line && reading.kind === 'restrict' && reading.applies && reading.target?.kind === 'default'
    })
    const anchors: NtpEntry[] = []
    for (const family of [4, 6] as const) {
      const loopback = LOOPBACK[family]
      const entry = lookupRestrict(table, family, loopback.value)
      const own = entry.mask !== 0n
      if (own) {
        anchors.push(...entry.lines.filter((line) => line.command === line.line))
        continue
      }
      const refused = entry.flags.has('ignore') ? 'ignore' : entry.flags.has('noquery') ? 'noquery' : undefined
      if (refused === undefined) continue
      const place = placeAfterRestricts(config, anchors, family === 4 ? /^restrict\s+127\.0\.0\.1\b/ : /^restrict\s+::1\b/, defaults)
      const words = ['restrict', loopback.text]
      const text = renderLine(place.doc, words, place.indent)
      context.report({
        message: `Missing \`${words.join(' ')}\`: ${describeRestrictEntry(entry)} has \`${refused}\`, so \`ntpq\` on this host gets no answer over ${family === 4 ? 'IPv4' : 'IPv6'} ${assumed(config)}`,
        file: config.main.path,
        position: START,
        expected: [words.join(' ')],
        fix: {
          safety: 'unsafe',
          title: `Add \`${words.join(' ')}\``,
          risk: `Every local user can then query ntpd with \`ntpq\` over ${loopback.text}: its servers, its variables and the addresses of its recent clients. Add \`nomrulist\` to the line if local users must not see those.`,
          edits: [place.edit(text)],
        },
      })
    }
  },
})
