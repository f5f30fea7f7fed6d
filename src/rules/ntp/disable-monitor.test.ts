import {testRule} from '../../../test/rule-tester.js'
import {DEBIAN12, NTP_PATH, ntpFormat} from '../../../test/support/ntp.js'
import rule from './disable-monitor.js'

const ntpd = {daemon: 'ntpd'}

testRule(rule, {
  format: ntpFormat,
  path: NTP_PATH,
  valid: [
    {code: DEBIAN12, name: "Debian 12's shipped file: NTPsec has no monlist"},
    {code: 'server 192.0.2.1\n', name: 'NTPsec: no disable monitor line'},
    {code: 'unrestrict default limited\ndisable monitor\n', name: 'NTPsec without limited turns the monitor off'},
    {code: 'restrict default kod nomodify notrap nopeer noquery\ndisable monitor\n', settings: ntpd},
    {code: 'enable monitor\ndisable monitor\n', settings: ntpd, name: 'every disable wins over every enable'},
    {code: 'restrict default kod nomodify notrap nopeer noquery limited\n', settings: ntpd, name: 'ntpd: limited keeps the monitor running anyway'},
    {code: 'server 192.0.2.1\n', settings: ntpd, path: '/etc/ntpsec/ntp.d/10-server.conf', name: 'a file of ntp.d checked alone'},
  ],
  invalid: [
    {
      name: 'ntpd 4.2.8: missing, added after the last restrict line',
      code: 'restrict default kod nomodify notrap nopeer noquery\nrestrict 127.0.0.1\n\nserver 192.0.2.1\n',
      settings: ntpd,
      output: 'restrict default kod nomodify notrap nopeer noquery\nrestrict 127.0.0.1\ndisable monitor\n\nserver 192.0.2.1\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: 'Missing `disable monitor`: ntpd keeps a list of its recent clients, which `mrulist` (and `monlist` before 4.2.7p26) hands out (ntpd 4.2.8)'}],
    },
    {
      name: 'ntpd 4.2.8: enable monitor becomes disable monitor',
      code: 'server 192.0.2.1\nenable monitor # for the graphs\n',
      settings: ntpd,
      output: 'server 192.0.2.1\ndisable monitor # for the graphs\n',
      findings: [{line: 2, column: 1, fix: 'safe', message: /^Unexpected `enable monitor`, expected `disable monitor`:/}],
    },
    {
      name: 'ntpd 4.2.8: monitor taken out of an enable line with other flags',
      code: 'enable stats monitor',
      settings: ntpd,
      output: 'enable stats\ndisable monitor',
      findings: [{line: 1, column: 1, fix: 'safe'}],
    },
    {
      name: 'ntpd 4.2.8: no restrict line, under a commented-out example',
      code: 'server 192.0.2.1\n# disable monitor\n',
      settings: ntpd,
      output: 'server 192.0.2.1\n# disable monitor\ndisable monitor\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'NTPsec refuses disable monitor: a suggestion only',
      code: 'restrict default kod nomodify\ndisable monitor\n',
      output: null,
      findings: [{line: 2, column: 1, fix: 'suggestion', message: /^Unexpected `disable monitor`: NTPsec refuses to turn the monitor off while a restrict entry has `limited`/}],
    },
  ],
})
