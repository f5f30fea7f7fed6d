import {testRule} from '../../../test/rule-tester.js'
import {DEBIAN12, NTP_PATH, ntpFormat} from '../../../test/support/ntp.js'
import rule from './invalid-line.js'

const ntpd = {daemon: 'ntpd'}

testRule(rule, {
  format: ntpFormat,
  path: NTP_PATH,
  valid: [
    {code: DEBIAN12, name: "Debian 12's shipped file"},
    {code: '\uFEFFrestrict default noquery # NTPsec skips the byte order mark\r\n', name: 'BOM and CRLF'},
    {code: 'restrict -4 default kod notrap nomodify nopeer noquery limited\nrestrict -6 default kod notrap nomodify nopeer noquery limited\nrestrict source notrap nomodify noquery\n', settings: ntpd},
    {code: 'includefile extra.conf\n', files: {'/etc/ntpsec/extra.conf': 'restrict 192.0.2.1\n'}},
    {code: 'restrict 192.0.2.0/24 nomodify\nunrestrict 192.0.2.0/24 nomodify\n', name: 'NTPsec: CIDR and unrestrict'},
    {code: 'driftfile\nstatsdir /var/log/ntpsec/\nfilegen loopstats file loopstats type day enable\ntinker panic 0\n'},
    {code: 'restrict "ntp" noquery\n', name: 'a quoted host name spelled like a keyword'},
    {code: '\n', name: 'a blank line is no empty file'},
    {code: '', path: '/etc/ntpsec/ntp.d/10-empty.conf', name: 'an empty file of ntp.d'},
  ],
  invalid: [
    {
      name: 'a keyword in the wrong case: a suggestion',
      code: 'Restrict default noquery\n',
      output: null,
      findings: [{line: 1, column: 1, fix: 'suggestion', message: 'Unexpected `Restrict` in `Restrict default noquery`: NTPsec reads keywords case-sensitively: the command is `restrict`; NTPsec logs a syntax error and skips the line'}],
    },
    {
      name: 'an unknown flag: the part before it applies',
      code: 'restrict default kod bogus noquery\n',
      output: null,
      findings: [{line: 1, column: 22, fix: 'none', message: 'Unexpected `bogus` in `restrict default kod bogus noquery`: `bogus` is no restrict flag of NTPsec; NTPsec logs a syntax error and applies only what comes before `bogus`'}],
    },
    {
      name: 'a comma between flags',
      code: 'restrict default kod,noquery\n',
      output: null,
      findings: [{line: 1, column: 21, message: /`,` is no restrict flag \(flags are separated by spaces\)/}],
    },
    {
      name: 'a host name that is a keyword, a mask without a value',
      code: 'restrict ntp\nrestrict 192.0.2.0 mask\n',
      output: null,
      findings: [
        {line: 1, column: 10, message: /^Unexpected `ntp` in `restrict ntp`: `ntp` is a keyword of NTPsec, not an address/},
        {line: 2, column: 1, message: /^Unexpected end of line in `restrict 192.0.2.0 mask`: `mask` needs a mask after it; NTPsec logs a syntax error and skips the line$/},
      ],
    },
    {
      name: "NTPsec's keywords are unknown to ntpd 4.2.8, and the other way round",
      code: 'unrestrict default limited\nrestrict default lowpriotrap\nrestrict 10.0.0.0/8 noquery\n',
      settings: ntpd,
      output: null,
      findings: [
        {line: 1, column: 1, message: /`unrestrict` is a command of NTPsec, not of ntpd 4\.2\.8/},
        {line: 3, column: 10, message: /ntpd 4\.2\.8 knows no `address\/prefix`/},
      ],
    },
    {
      name: 'lowpriotrap on NTPsec',
      code: 'restrict default lowpriotrap\n',
      output: null,
      findings: [{line: 1, column: 18, message: /`lowpriotrap` is no restrict flag of NTPsec/}],
    },
    {
      name: 'a /0 prefix, an include that is missing, end',
      code: 'restrict 0.0.0.0/0 noquery\nincludefile missing.conf\nend\nrestrict default noquery\n',
      output: null,
      findings: [
        {line: 1, column: 10, message: 'Unexpected `restrict 0.0.0.0/0 noquery`: NTPsec ignores a prefix of 0 or one too long for the address, and restricts only the host 0.0.0.0'},
        {line: 2, column: 13, message: 'Unexpected `includefile missing.conf`: NTPsec cannot read `/etc/ntpsec/missing.conf` (no such file) and goes on without it'},
        {line: 3, column: 1, message: /^Unexpected `end`: NTPsec stops reading here/},
      ],
    },
    {
      name: 'an empty file (NTPsec logs a syntax error for zero bytes)',
      code: '',
      output: null,
      findings: [{line: 1, column: 1, message: 'Unexpected empty file: NTPsec logs a syntax error for a file of zero bytes, and runs on its built-in defaults'}],
    },
    {
      name: 'a server option without its value',
      code: 'server 192.0.2.1 iburst minpoll\n',
      output: null,
      findings: [{line: 1, column: 1, message: /`minpoll` needs a value after it; NTPsec logs a syntax error and skips the line$/}],
    },
    {
      name: 'an include that nests too deep',
      code: 'includefile a.conf\n',
      files: {'/etc/ntpsec/a.conf': 'includefile b.conf\n', '/etc/ntpsec/b.conf': 'includefile c.conf\n', '/etc/ntpsec/c.conf': 'includefile d.conf\n', '/etc/ntpsec/d.conf': 'includefile e.conf\n', '/etc/ntpsec/e.conf': 'includefile f.conf\n', '/etc/ntpsec/f.conf': 'restrict 192.0.2.9\n'},
      output: null,
      findings: [{line: 1, column: 13, file: '/etc/ntpsec/e.conf', message: /includes nest more than 5 files deep/}],
    },
  ],
})
