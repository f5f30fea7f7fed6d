import {testRule} from '../../../test/rule-tester.js'
import {DEBIAN12, NTP_PATH, ntpFormat} from '../../../test/support/ntp.js'
import rule from './wide-restrict.js'

testRule(rule, {
  format: ntpFormat,
  path: NTP_PATH,
  valid: [
    {code: DEBIAN12, name: "Debian 12's shipped file"},
    {code: 'restrict default kod nomodify noquery limited\nrestrict 192.168.1.0 mask 255.255.255.0 nomodify\n', name: 'a /24 may query'},
    {code: 'restrict default kod nomodify noquery limited\nrestrict 10.0.0.0/8 nomodify noquery\n', name: 'time only for a wide range'},
    {code: 'restrict default ignore\nrestrict 10.0.0.0 mask 255.0.0.0 nomodify notrap\n', settings: {daemon: 'ntpd'}, options: {ipv4Prefix: 8}},
    {code: 'restrict default kod\nunrestrict default noquery\nrestrict 10.0.0.0/8\n', name: 'the default entries let everyone query anyway'},
    {code: 'restrict default noquery nomodify\nrestrict 10.0.0.0/8 ignore\n', name: 'ignore refuses everything'},
    {code: 'restrict default noquery nomodify\nrestrict 2001:db8::/64\n', name: 'a /64 is a LAN'},
  ],
  invalid: [
    {
      name: 'a /8 that may query and change ntpd',
      code: 'restrict default kod nomodify noquery limited\nrestrict 10.0.0.0 mask 255.0.0.0\n',
      output: 'restrict default kod nomodify noquery limited\nrestrict 10.0.0.0 mask 255.0.0.0 nomodify noquery\n',
      findings: [{line: 2, column: 1, fix: 'unsafe', message: 'Unexpected `restrict 10.0.0.0 mask 255.0.0.0`, expected `nomodify noquery` on it or a range of at most /24: it lets 2^24 addresses (10.0.0.0/8) query ntpd (ntpq: its state and its list of recent clients) and change its configuration at run time with the control key, which the default entries refuse (NTPsec)'}],
    },
    {
      name: 'host bits outside the mask: the whole /16 is opened',
      code: 'restrict default kod nomodify noquery limited\nrestrict 192.168.1.5 mask 255.255.0.0 nomodify\n',
      output: 'restrict default kod nomodify noquery limited\nrestrict 192.168.1.5 mask 255.255.0.0 nomodify noquery\n',
      findings: [{line: 2, column: 1, message: /lets 65,536 addresses \(192\.168\.0\.0\/16\) query ntpd .* \(ntpd clears the address bits outside the mask: the line is about all of 192\.168\.0\.0\/16\) \(NTPsec\)$/}],
    },
    {
      name: 'IPv6 wider than /64',
      code: 'restrict default kod nomodify noquery limited\nrestrict 2001:db8::/32 nomodify\n',
      output: 'restrict default kod nomodify noquery limited\nrestrict 2001:db8::/32 nomodify noquery\n',
      findings: [{line: 2, column: 1, message: /2\^96 addresses \(2001:db8::\/32\)/}],
    },
    {
      name: 'unrestrict cleared the flag later: a new line after it',
      code: 'restrict default noquery nomodify\nrestrict 10.0.0.0/8 noquery nomodify\nunrestrict 10.0.0.0/8 noquery\n',
      output: 'restrict default noquery nomodify\nrestrict 10.0.0.0/8 noquery nomodify\nunrestrict 10.0.0.0/8 noquery\nrestrict 10.0.0.0/8 noquery\n',
      findings: [{line: 3, column: 1, fix: 'unsafe'}],
    },
    {
      name: 'nomodify alone is safe without a control key',
      code: 'restrict default noquery nomodify\nrestrict 172.16.0.0/12 noquery\n',
      output: 'restrict default noquery nomodify\nrestrict 172.16.0.0/12 noquery nomodify\n',
      findings: [{line: 2, column: 1, fix: 'safe'}],
    },
  ],
})
