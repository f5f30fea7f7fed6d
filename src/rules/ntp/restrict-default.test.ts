import {testRule} from '../../../test/rule-tester.js'
import {DEBIAN12, NTP_PATH, ntpFormat} from '../../../test/support/ntp.js'
import rule from './restrict-default.js'

const ntpd = {daemon: 'ntpd'}

testRule(rule, {
  format: ntpFormat,
  path: NTP_PATH,
  valid: [
    {code: DEBIAN12, name: "Debian 12's shipped file"},
    {code: 'restrict default kod nomodify\n', name: 'NTPsec: noquery and limited are built in'},
    {code: 'restrict default ignore\nrestrict 192.0.2.0 mask 255.255.255.0 nomodify\n', name: 'ignore refuses everything'},
    {code: 'restrict default nomodify\n', options: {limited: false}, name: 'without rate limiting, kod is not asked for'},
    {code: 'restrict -4 default kod notrap nomodify nopeer noquery limited\nrestrict -6 default kod notrap nomodify nopeer noquery limited\n', settings: ntpd, name: "ntpd 4.2.8: Debian 11's lines"},
    {code: 'restrict default kod nomodify notrap nopeer noquery limited\nrestrict source notrap nomodify noquery\npool 0.debian.pool.ntp.org iburst\n', settings: ntpd},
    {code: 'restrict default nomodify\nrestrict default noquery kod\n', name: 'two lines OR their flags'},
    {code: 'server 192.0.2.1\n', path: '/etc/ntpsec/ntp.d/10-server.conf', name: 'a file of ntp.d checked alone'},
  ],
  invalid: [
    {
      name: 'NTPsec: nomodify and kod missing, added to the line',
      code: 'restrict default noquery\n',
      output: 'restrict default noquery kod nomodify\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: "Unexpected `restrict default noquery`, expected `restrict default noquery kod nomodify`: the default entries miss `kod nomodify`, so clients that break the rate limit get no kiss-o'-death telling them to slow down; and hosts that hold the control key may change its configuration at run time (NTPsec)"}],
    },
    {
      name: 'NTPsec: no default line; the new one goes after the last line',
      code: 'driftfile /var/lib/ntpsec/ntp.drift\npool 0.debian.pool.ntp.org iburst\n',
      output: 'driftfile /var/lib/ntpsec/ntp.drift\npool 0.debian.pool.ntp.org iburst\nrestrict default kod nomodify noquery limited\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: /^Missing `restrict default kod nomodify noquery limited`: NTPsec's built-in default entries have only `noquery limited`, so /}],
    },
    {
      name: 'a control key makes nomodify unsafe',
      code: 'controlkey 1\nkeys /etc/ntpsec/ntp.keys\nrestrict default kod\n',
      output: 'controlkey 1\nkeys /etc/ntpsec/ntp.keys\nrestrict default kod nomodify\n',
      findings: [{line: 3, column: 1, fix: 'unsafe'}],
    },
    {
      name: 'NTPsec: unrestrict took noquery away; the new line comes after it',
      code: 'restrict default kod nomodify\nunrestrict default noquery\n',
      output: 'restrict default kod nomodify\nunrestrict default noquery\nrestrict default noquery\n',
      findings: [{line: 2, column: 1, fix: 'unsafe', message: /^Missing `restrict default noquery`: the default entries miss `noquery`, so any host may query/}],
    },
    {
      name: 'only the IPv4 default is hardened: a -6 line after it',
      code: 'restrict -4 default kod nomodify noquery limited\n',
      output: 'restrict -4 default kod nomodify noquery limited\nrestrict -6 default kod nomodify noquery limited\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: /^Missing `restrict -6 default kod nomodify noquery limited`: the IPv6 default entry misses `kod nomodify`/}],
    },
    {
      name: 'ntpd 4.2.8: limited missing (unsafe)',
      code: 'restrict default kod nomodify notrap nopeer noquery\n',
      settings: ntpd,
      output: 'restrict default kod nomodify notrap nopeer noquery limited\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: /limited`, so nothing limits how often a client may ask \(ntpd 4\.2\.8\)$/}],
    },
    {
      name: 'ntpd 4.2.8: nothing at all, with a pool: restrict source too',
      code: 'pool 0.debian.pool.ntp.org iburst\n',
      settings: ntpd,
      output: 'pool 0.debian.pool.ntp.org iburst\nrestrict default kod nomodify notrap nopeer noquery limited\nrestrict source notrap nomodify noquery\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: /^Missing `restrict default kod nomodify notrap nopeer noquery limited`: ntpd 4\.2\.8's default entries start with no flag/}],
    },
    {
      name: 'ntpd 4.2.8: -4 and -6 lines each get their flags',
      code: 'restrict -4 default kod nomodify notrap nopeer\nrestrict -6 default kod nomodify notrap nopeer noquery\n',
      settings: {daemon: 'ntpd'},
      options: {limited: false},
      output: 'restrict -4 default kod nomodify notrap nopeer noquery\nrestrict -6 default kod nomodify notrap nopeer noquery\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: /the IPv4 default entry misses `noquery`/}],
    },
    {
      name: 'tabs, a trailing comment, CRLF and no final newline are kept',
      code: 'restrict\tdefault\tnoquery\t# the default\r\nrestrict 127.0.0.1',
      output: 'restrict\tdefault\tnoquery\tkod\tnomodify\t# the default\r\nrestrict 127.0.0.1',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'flags go before the word where ntpd stops reading the line',
      code: 'restrict default noquery bogus\n',
      output: 'restrict default noquery kod nomodify bogus\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'a new default line goes above the comment of the first restrict line',
      code: 'pool 0.debian.pool.ntp.org iburst\n\n# Local users may interrogate the ntp server more closely.\nrestrict 127.0.0.1\n',
      output: 'pool 0.debian.pool.ntp.org iburst\n\nrestrict default kod nomodify noquery limited\n# Local users may interrogate the ntp server more closely.\nrestrict 127.0.0.1\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'a new default line goes under its commented-out example',
      code: '# restrict default ignore\npool 0.debian.pool.ntp.org iburst\n',
      output: '# restrict default ignore\nrestrict default kod nomodify noquery limited\npool 0.debian.pool.ntp.org iburst\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'the default line in an included file is fixed there',
      code: 'includefile restrict.conf\n',
      files: {'/etc/ntpsec/restrict.conf': 'restrict default noquery\n'},
      output: null,
      outputFiles: {'/etc/ntpsec/restrict.conf': 'restrict default noquery kod nomodify\n'},
      findings: [{line: 1, column: 1, file: '/etc/ntpsec/restrict.conf'}],
    },
  ],
})
