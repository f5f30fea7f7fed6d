import {testRule} from '../../../test/rule-tester.js'
import {DEBIAN12, NTP_PATH, ntpFormat} from '../../../test/support/ntp.js'
import rule from './restrict-localhost.js'

testRule(rule, {
  format: ntpFormat,
  path: NTP_PATH,
  valid: [
    {code: DEBIAN12, name: "Debian 12's shipped file"},
    {code: 'restrict default kod nomodify\nunrestrict default noquery\n', name: 'queries are open to everyone: nothing to add'},
    {code: 'restrict default nomodify\nunrestrict default noquery\n', settings: {daemon: 'ntpd'}, name: 'ntpd 4.2.8 refuses nothing by default'},
    {code: 'restrict default noquery\nrestrict 127.0.0.0 mask 255.0.0.0 noquery\nrestrict ::1 noquery\n', name: 'an entry of its own, written on purpose'},
    {code: 'restrict 127.0.0.1\nrestrict ::1\n', path: '/etc/ntpsec/ntp.d/50-local.conf', name: 'a file of ntp.d checked alone'},
    {code: 'restrict default noquery\n', path: '/etc/ntpsec/ntp.d/50-default.conf', name: 'a file of ntp.d checked alone, with no local lines'},
  ],
  invalid: [
    {
      name: 'both missing after the default line (NTPsec refuses queries by default)',
      code: 'pool 0.debian.pool.ntp.org iburst\nrestrict default kod nomodify noquery limited\n\n# the end\n',
      output: 'pool 0.debian.pool.ntp.org iburst\nrestrict default kod nomodify noquery limited\nrestrict 127.0.0.1\nrestrict ::1\n\n# the end\n',
      findings: [
        {line: 1, column: 1, fix: 'unsafe', message: 'Missing `restrict 127.0.0.1`: the IPv4 default entry has `noquery`, so `ntpq` on this host gets no answer over IPv4 (NTPsec)'},
        {line: 1, column: 1, fix: 'unsafe', message: 'Missing `restrict ::1`: the IPv6 default entry has `noquery`, so `ntpq` on this host gets no answer over IPv6 (NTPsec)'},
      ],
    },
    {
      name: '::1 goes after 127.0.0.1',
      code: 'restrict default kod nomodify noquery limited\nrestrict 127.0.0.1\nrestrict 192.0.2.7 nomodify\n',
      output: 'restrict default kod nomodify noquery limited\nrestrict 127.0.0.1\nrestrict ::1\nrestrict 192.0.2.7 nomodify\n',
      findings: [{line: 1, column: 1, message: /^Missing `restrict ::1`/}],
    },
    {
      name: 'NTPsec with no restrict line at all: at the end of the file, without a final newline',
      code: 'pool 0.debian.pool.ntp.org iburst',
      output: 'pool 0.debian.pool.ntp.org iburst\nrestrict 127.0.0.1\nrestrict ::1',
      findings: [{line: 1, column: 1}, {line: 1, column: 1}],
    },
    {
      name: 'ignore on the default entries, ntpd 4.2.8, CRLF and an indent copied',
      code: '  restrict default ignore\r\n',
      settings: {daemon: 'ntpd'},
      output: '  restrict default ignore\r\n  restrict 127.0.0.1\r\n  restrict ::1\r\n',
      findings: [
        {line: 1, column: 1, message: 'Missing `restrict 127.0.0.1`: the IPv4 default entry has `ignore`, so `ntpq` on this host gets no answer over IPv4 (ntpd 4.2.8)'},
        {line: 1, column: 1},
      ],
    },
    {
      name: 'under a commented-out example, else after the default line',
      code: '#restrict ::1\nrestrict default noquery\n',
      output: '#restrict ::1\nrestrict ::1\nrestrict default noquery\nrestrict 127.0.0.1\n',
      findings: [{line: 1, column: 1, message: /^Missing `restrict 127\.0\.0\.1`/}, {line: 1, column: 1, message: /^Missing `restrict ::1`/}],
    },
  ],
})
