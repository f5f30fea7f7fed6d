import {testRule} from '../../../test/rule-tester.js'
import type {AnyFormat} from '../../formats/index.js'
import {iptables} from '../../formats/iptables/index.js'
import rule from './ipv6-open.js'

const format = iptables as unknown as AnyFormat
const closed = '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n'
const v6 = '/etc/iptables/rules.v6'
const v4 = '/etc/iptables/rules.v4'

testRule(rule, {
  format,
  path: v6,
  valid: [
    {code: `${closed}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`, files: {[v4]: `${closed}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`}, name: 'both families alike'},
    {code: `${closed}COMMIT\n`, files: {[v4]: `${closed}-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\nCOMMIT\n`}, name: 'IPv6 closes more than IPv4'},
    {code: `${closed}COMMIT\n`, path: v4, name: 'IPv4 alone with the setting twin=none', settings: {twin: 'none'}},
    {code: `*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n`, path: v4, name: 'IPv4 alone and open: default-drop reports it, not this rule'},
    {code: `${closed}-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n`, files: {'/srv/fw/v4.rules': `${closed}-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n`}, settings: {twin: '/srv/fw/v4.rules'}, name: 'the twin named by the setting'},
  ],
  invalid: [
    {
      name: 'IPv6 left open while IPv4 is closed',
      code: '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n',
      files: {[v4]: `${closed}-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n`},
      output: null,
      findings: [
        {
          line: 2,
          column: 1,
          fix: 'none',
          message: /^Unexpected open IPv6 access: SSH \(TCP 22\), RDP \(TCP 3389\), RDP \(UDP 3389\), VNC \(TCP 5900-5906\), MySQL \(TCP 3306\), PostgreSQL \(TCP 5432\) and \d+ more, and every port no rule names are open to the whole internet over IPv6 here \(the `ACCEPT` policy of `INPUT` \(line 2\)\), while rules\.v4 closes them over IPv4$/,
        },
      ],
    },
    {
      name: 'one service open over IPv6 only, from a rule',
      code: `${closed}-A INPUT -p tcp -m tcp --dport 3306 -j ACCEPT\nCOMMIT\n`,
      files: {[v4]: `${closed}-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 3306 -j ACCEPT\nCOMMIT\n`},
      output: null,
      findings: [
        {line: 7, column: 1, message: 'Unexpected open IPv6 access: MySQL (TCP 3306) is open to the whole internet over IPv6 here (`-A INPUT -p tcp -m tcp --dport 3306 -j ACCEPT` (line 7)), while rules.v4 closes it over IPv4'},
      ],
    },
    {
      name: 'the other way round: IPv4 open where IPv6 is closed, a port no catalogue names',
      path: v4,
      code: `${closed}-A INPUT -p tcp -m tcp --dport 8443 -j ACCEPT\nCOMMIT\n`,
      files: {[v6]: `${closed}COMMIT\n`},
      output: null,
      findings: [{line: 7, column: 1, message: /^Unexpected open IPv4 access: port 8443 \(TCP 8443\) is open .* over IPv4 here .* while rules\.v6 closes it over IPv6$/}],
    },
    {
      name: 'IPv4 drops by default and has no IPv6 twin',
      path: v4,
      code: `${closed}COMMIT\n`,
      output: null,
      findings: [{line: 1, column: 1, message: 'Missing `rules.v6` beside this file: IPv6 traffic is not filtered at all, while this file drops it by default (unless IPv6 is off on this host)'}],
    },
  ],
})
