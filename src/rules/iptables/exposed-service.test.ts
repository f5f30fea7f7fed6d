import {testRule} from '../../../test/rule-tester.js'
import type {AnyFormat} from '../../formats/index.js'
import {iptables} from '../../formats/iptables/index.js'
import rule from './exposed-service.js'

const format = iptables as unknown as AnyFormat
const head = '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n'

testRule(rule, {
  format,
  path: '/etc/iptables/rules.v4',
  valid: [
    {code: `${head}-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n`, name: 'HTTPS is meant to face the internet'},
    {code: `${head}-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`, name: 'SSH from a range'},
    {code: `${head}-A INPUT -p tcp -m tcp --dport 3306 -j REJECT\nCOMMIT\n`, name: 'MySQL rejected'},
    {code: `${head}-A INPUT -i eth1 -s 192.168.0.0/16 -p tcp -m tcp --dport 5432 -j ACCEPT\nCOMMIT\n`, name: 'PostgreSQL from the private network'},
    {code: `${head}-A INPUT -i docker0 -p tcp -m tcp --dport 6379 -j ACCEPT\nCOMMIT\n`, name: 'Redis from the containers\' bridge only'},
    {code: `${head}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`, settings: {open: ['tcp/22']}, name: 'SSH kept open on purpose (setting open)'},
    {code: `${head}-A INPUT -s 198.51.100.0/24 -j DROP\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\nCOMMIT\n`, name: 'replies only'},
  ],
  invalid: [
    {
      name: 'MySQL from everywhere, no trusted ranges: reported without a fix',
      code: `${head}-A INPUT -p tcp -m tcp --dport 3306 -j ACCEPT\nCOMMIT\n`,
      output: null,
      findings: [
        {
          line: 6,
          column: 1,
          fix: 'none',
          message: 'Unexpected `-A INPUT -p tcp -m tcp --dport 3306 -j ACCEPT`: it opens MySQL (TCP 3306) to the whole internet (name the ranges that may connect with the option `trusted` to get a fix)',
        },
      ],
    },
    {
      name: 'with trusted ranges: the source is restricted to those of the file\'s family',
      code: `${head}-A INPUT -p tcp --dport ssh -j ACCEPT\nCOMMIT\n`,
      options: {trusted: ['192.0.2.0/24', '2001:db8::/32', '10.1.2.3/8']},
      output: `${head}-A INPUT -s 192.0.2.0/24,10.0.0.0/8 -p tcp --dport ssh -j ACCEPT\nCOMMIT\n`,
      findings: [{line: 6, column: 1, fix: 'unsafe', message: 'Unexpected `-A INPUT -p tcp --dport ssh -j ACCEPT`: it opens SSH (TCP 22) to the whole internet'}],
    },
    {
      name: 'an explicit 0.0.0.0/0 is replaced',
      code: `${head}-A INPUT -s 0.0.0.0/0 -p tcp -m multiport --dports 5900:5906,3389 -j ACCEPT\nCOMMIT\n`,
      options: {trusted: ['198.51.100.0/24']},
      output: `${head}-A INPUT -s 198.51.100.0/24 -p tcp -m multiport --dports 5900:5906,3389 -j ACCEPT\nCOMMIT\n`,
      findings: [{line: 6, column: 1, message: 'Unexpected `-A INPUT -s 0.0.0.0/0 -p tcp -m multiport --dports 5900:5906,3389 -j ACCEPT`: it opens RDP (TCP 3389) and VNC (TCP 5900-5906) to the whole internet'}],
    },
    {
      name: 'a rule that also opens a public port is not restricted',
      code: `${head}-A INPUT -p tcp -m multiport --dports 443,5432 -j ACCEPT\nCOMMIT\n`,
      options: {trusted: ['10.0.0.0/8']},
      output: null,
      findings: [{line: 6, column: 1, fix: 'none', message: 'Unexpected `-A INPUT -p tcp -m multiport --dports 443,5432 -j ACCEPT`: it opens PostgreSQL (TCP 5432) to the whole internet'}],
    },
    {
      name: 'through a user chain, a RETURN and a goto',
      code: `${head}:SERVICES - [0:0]\n:DB - [0:0]\n-A INPUT -j SERVICES\n-A SERVICES -s 10.0.0.0/8 -j RETURN\n-A SERVICES -p tcp -g DB\n-A DB -p tcp -m tcp --dport 27017 -j ACCEPT\nCOMMIT\n`,
      output: null,
      findings: [{line: 11, column: 1, message: 'Unexpected `-A DB -p tcp -m tcp --dport 27017 -j ACCEPT`: it opens MongoDB (TCP 27017-27019) to the whole internet (name the ranges that may connect with the option `trusted` to get a fix)'}],
    },
    {
      name: 'a rate limit does not close it: "may open"',
      code: `${head}-A INPUT -p tcp -m tcp --dport 22 -m recent --update --seconds 60 --hitcount 4 --name ssh -j DROP\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`,
      output: null,
      findings: [{line: 7, column: 1, message: /^Unexpected `-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT`: it may open \(its other matches decide\) SSH \(TCP 22\)/}],
    },
    {
      name: 'a port published with DNAT is reached through FORWARD',
      code: '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -m tcp --dport 6379 -j DNAT --to-destination 172.17.0.2:6379\nCOMMIT\n*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n-A FORWARD -d 172.17.0.2/32 -p tcp -m tcp --dport 6379 -j ACCEPT\nCOMMIT\n',
      output: null,
      findings: [{line: 8, column: 1, message: 'Unexpected `-A FORWARD -d 172.17.0.2/32 -p tcp -m tcp --dport 6379 -j ACCEPT`: it opens Redis (TCP 6379) to the whole internet, which the DNAT of line 3 sends on to it (name the ranges that may connect with the option `trusted` to get a fix)'}],
    },
    {
      name: 'more services of the option',
      code: `${head}-A INPUT -p tcp -m tcp --dport 9090 -j ACCEPT\nCOMMIT\n`,
      options: {services: ['tcp/9090']},
      output: null,
      findings: [{line: 6, column: 1, message: /it opens tcp\/9090 \(TCP 9090\) to the whole internet/}],
    },
    {
      name: 'IPv6',
      path: '/etc/iptables/rules.v6',
      code: `${head}-A INPUT -p tcp -m tcp --dport 5432 -j ACCEPT\nCOMMIT\n`,
      options: {trusted: ['192.0.2.0/24', '2001:db8:1::/48']},
      output: `${head}-A INPUT -s 2001:db8:1::/48 -p tcp -m tcp --dport 5432 -j ACCEPT\nCOMMIT\n`,
      findings: [{line: 6, column: 1, fix: 'unsafe'}],
    },
  ],
})
