import {testRule} from '../../../test/rule-tester.js'
import type {AnyFormat} from '../../formats/index.js'
import {iptables} from '../../formats/iptables/index.js'
import rule from './shadowed-rule.js'

const format = iptables as unknown as AnyFormat
const head = '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n'

testRule(rule, {
  format,
  path: '/etc/iptables/rules.v4',
  valid: [
    {code: `${head}-A INPUT -s 198.51.100.0/24 -j DROP\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`, name: 'the narrow rule first'},
    {code: `${head}-A INPUT -p tcp -m tcp --dport 22 -m limit --limit 3/min -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j DROP\nCOMMIT\n`, name: 'a rate limit proves nothing'},
    {code: `${head}-A INPUT -p tcp -j LOG\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`, name: 'LOG goes on'},
    {code: `${head}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -p udp -m udp --dport 22 -j ACCEPT\nCOMMIT\n`, name: 'another protocol'},
    {code: `${head}-A INPUT -i eth+ -j ACCEPT\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n`, name: 'a wildcard that does not cover'},
    {code: `${head}-A INPUT -s 10.0.0.0/8,192.168.0.0/16 -j ACCEPT\n-A INPUT -s 172.16.0.0/12 -p tcp -j DROP\nCOMMIT\n`, name: 'a range outside the address list'},
  ],
  invalid: [
    {
      code: `${head}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 198.51.100.0/24 -p tcp -m tcp --dport 22 -j DROP\nCOMMIT\n`,
      output: null,
      findings: [
        {
          line: 6,
          column: 1,
          fix: 'suggestion',
          message: 'Unexpected `-A INPUT -s 198.51.100.0/24 -p tcp -m tcp --dport 22 -j DROP`: no packet reaches it, line 5 (`-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT`) takes every packet it would match',
        },
      ],
    },
    {
      name: 'after a catch-all, after a wider range, a duplicate, after a goto',
      code: `${head}:X - [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\n-A INPUT -p tcp -m multiport --dports 1000:2000 -j DROP\n-A INPUT -p tcp -m tcp --dport 1500 -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -g X\n-A INPUT -s 10.1.0.0/16 -j ACCEPT\n-A INPUT -j REJECT\n-A INPUT -p udp -j ACCEPT\n-A INPUT -j REJECT\nCOMMIT\n`,
      output: null,
      findings: [
        {line: 7, column: 1, message: /line 6 \(`-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`\)/},
        {line: 9, column: 1, message: /line 8/},
        {line: 11, column: 1, message: /line 10 \(`-A INPUT -s 10\.0\.0\.0\/8 -g X`\)/},
        {line: 13, column: 1, message: /line 12/},
        {line: 14, column: 1, message: /line 12/},
      ],
    },
    {
      name: 'one part of an address list covers a later rule',
      code: `${head}-A INPUT -s 10.0.0.0/8,192.168.0.0/16 -j ACCEPT\n-A INPUT -s 192.168.1.0/24 -p tcp -j DROP\nCOMMIT\n`,
      output: null,
      findings: [{line: 6, column: 1, message: /line 5 \(`-A INPUT -s 10\.0\.0\.0\/8,192\.168\.0\.0\/16 -j ACCEPT`\)/}],
    },
    {
      name: '! -s covers a range outside it',
      code: `${head}-A INPUT ! -s 10.0.0.0/8 -j DROP\n-A INPUT -s 192.0.2.0/24 -p tcp -j ACCEPT\nCOMMIT\n`,
      output: null,
      findings: [{line: 6, column: 1, message: /line 5/}],
    },
  ],
})
