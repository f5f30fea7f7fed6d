import {defineRule} from '../../core/rule.js'
import {insertLineAfter, placeAfterRestricts, removeLine, removeWord, renderLine, replaceWord, textOf} from '../../formats/ntp/edit.js'
import {describeCommand, limitedInUse, readCommand, systemFlag, type NtpConfig} from '../../formats/ntp/semantics.js'
import {assumed, START} from './_restrict.js'

/**
 * The monitor facility behind `monlist` is off where the daemon still offers it (ntpd),
 * and not asked off where the daemon refuses to (NTPsec).
 */
export default defineRule<NtpConfig, Record<never, never>>({
  id: 'ntp/disable-monitor',
  format: 'ntp',
  severity: 'warning',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'On ntpd, the monitor (the list of recent clients behind `monlist` and `mrulist`) is off (`disable monitor`); on NTPsec, which has no `monlist` and keeps the monitor for rate limiting, no line asks for what it refuses.',
    why:
      'The guides ask to "disable the monlist command", which ntpd before 4.2.7p26 answered from its monitor with up to 600 addresses per 8-byte request: the amplifier of CVE-2013-5211. ntpd 4.2.8 answers `monlist` with nothing and hands the list out through `ntpq -c mrulist` instead, to any host the restrict entries let query; `disable monitor` (as Red Hat\'s ntp.conf ships it) stops keeping the list at all. The monitor keeps running while any restrict entry has `limited`, which needs it to count packets, so there `noquery` on the default entries is what keeps the list private (see ntp/restrict-default); on ntpd the rule then reports nothing. NTPsec has no `monlist` (no mode 7 at all), keeps the list for rate limiting, and its built-in default entries have `limited`: it refuses `disable monitor` with "\'monitor\' cannot be disabled while \'limited\' is enabled", so such a line only misleads whoever reads the file. When ntp/restrict-default adds `limited` in the same run, the new `disable monitor` takes effect only if `limited` goes again; `noquery` is what protects the list meanwhile.',
    examples: [
      // As NTPsec, the default daemon, reads it.
      {bad: 'restrict default kod nomodify noquery limited\ndisable monitor\n', good: 'restrict default kod nomodify noquery limited\n'},
    ],
    fixSafety:
      'Safe: turning the monitor off changes no one\'s access to time or queries; it only stops keeping the list of recent clients (ntpd still keeps it while `limited` is set). On NTPsec the rule only suggests removing a `disable monitor` that NTPsec refuses, and never applies that: the line may be meant for another daemon reading the same file.',
    references: [
      {title: 'Nectar cloud security guidelines: 12. Control or disable access to your NTP server (disable the monlist command)'},
      {title: 'US-CERT TA14-013A: NTP Amplification Attacks Using CVE-2013-5211', url: 'https://www.cisa.gov/news-events/alerts/2014/01/13/ntp-amplification-attacks-using-cve-2013-5211'},
      {title: 'ntpd 4.2.8: Miscellaneous Options (enable | disable monitor; mode7 is off by default)', url: 'https://www.ntp.org/documentation/4.2.8-series/miscopt/'},
      {title: 'NTPsec ntp_proto.c: "\'monitor\' cannot be disabled while \'limited\' is enabled"'},
    ],
  },
  check(config, context) {
    const monitor = systemFlag(config, 'monitor')
    const limited = limitedInUse(config)
    if (config.daemon === 'ntpsec') {
      if (!limited) return
      for (const entry of monitor.disabledBy) {
        const reading = readCommand(entry.command, config.daemon)
        if (reading.kind !== 'system') continue
        const word = reading.flagWords.find((flag) => textOf(flag) === 'monitor')!
        const alone = reading.flagWords.length === 1 && entry.command.type === 'system' && entry.command.rest.length === 0 && entry.command === entry.line
        context.report({
          severity: 'info',
          message: `Unexpected \`${describeCommand(entry.command)}\`: NTPsec refuses to turn the monitor off while a restrict entry has \`limited\` (its default entries do), and it answers no \`monlist\`; \`noquery\` is what keeps its list of clients private ${assumed(config)}`,
          file: entry.document.path,
          position: entry.command.position!,
          fix: {
            safety: 'suggestion',
            title: alone ? 'Remove the `disable monitor` line' : 'Remove `monitor` from the line',
            risk: 'Keep the line if the same file is also read by ntpd 4.2.8 or older, where it turns the monitor off.',
            edits: [alone ? removeLine(entry.document, entry.line) : removeWord(entry.document, word)],
          },
        })
      }
      return
    }
    if (!monitor.enabled || limited || config.fragment) return
    const enable = monitor.enabledBy[monitor.enabledBy.length - 1]
    if (enable !== undefined && enable.command.type === 'system') {
      const reading = readCommand(enable.command, config.daemon)
      const flags = reading.kind === 'system' ? reading.flagWords : []
      const word = flags.find((flag) => textOf(flag) === 'monitor')!
      const alone = flags.length === 1 && enable.command.rest.length === 0 && enable.command === enable.line
      const edits = alone
        ? [replaceWord(enable.document, enable.command.keyword, 'disable')]
        : [removeWord(enable.document, word), insertLineAfter(enable.document, enable.line, renderLine(enable.document, ['disable', 'monitor'], enable.line.indent.replace(/[^ \t]/g, '')))]
      context.report({
        message: `Unexpected \`${describeCommand(enable.command)}\`, expected \`disable monitor\`: ntpd keeps a list of its recent clients, which \`mrulist\` (and \`monlist\` before 4.2.7p26) hands out ${assumed(config)}`,
        file: enable.document.path,
        position: enable.command.position!,
        expected: ['disable monitor'],
        fix: {safety: 'safe', title: 'Set `disable monitor`', edits},
      })
      return
    }
    const place = placeAfterRestricts(config, [], /^disable\s+monitor\b/)
    context.report({
      message: `Missing \`disable monitor\`: ntpd keeps a list of its recent clients, which \`mrulist\` (and \`monlist\` before 4.2.7p26) hands out ${assumed(config)}`,
      file: config.main.path,
      position: START,
      expected: ['disable monitor'],
      fix: {safety: 'safe', title: 'Set `disable monitor`', edits: [place.edit(renderLine(place.doc, ['disable', 'monitor'], place.indent))]},
    })
  },
})
