import {testRule} from '../../../test/rule-tester.js'
import type {AnyFormat} from '../../formats/index.js'
import {iptables} from '../../formats/iptables/index.js'
import rule from './port-range.js'

const format = iptables as unknown as AnyFormat
const head = '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n'

testRule(rule, {
  format,
  path: '/etc/iptables/rules.v4',
  valid: [
    {code: `${head}-A INPUT -p tcp -m multiport --dports 22,80,443 -j ACCEPT\nCOMMIT\n`, name: 'single ports'},
    {code: `${head}-A INPUT -p tcp -m tcp --dport 1000:2000 -j DROP\nCOMMIT\n`, name: 'a range dropped'},
    {code: `${head}-A OUTPUT -p tcp -m tcp --dport 1024:65535 -j ACCEPT\nCOMMIT\n`, name: 'outgoing traffic'},
    {code: `${head}-A INPUT -p tcp -m tcp --dport 6000:6007 -j ACCEPT\nCOMMIT\n`, options: {max: 8}, name: 'within the option max'},
    {code: `${head}-A INPUT -p udp -m udp --sport 1024:65535 --dport 53 -j ACCEPT\nCOMMIT\n`, name: 'a range of source ports'},
  ],
  invalid: [
    {
      code: `${head}-A INPUT -p tcp -m tcp --dport 1000:2000 -j ACCEPT\nCOMMIT\n`,
      output: null,
      findings: [
        {
          line: 5,
          column: 1,
          fix: 'none',
          message: 'Unexpected port range in `-A INPUT -p tcp -m tcp --dport 1000:2000 -j ACCEPT`: `--dport 1000:2000` (1001 ports in a range) accepted at once; accept the ports the services need, one by one',
        },
      ],
    },
    {
      name: 'open ends, multiport ranges, user chains',
      code: `${head}:SVC - [0:0]\n-A INPUT -j SVC\n-A SVC -p udp -m udp --dport 60000: -j ACCEPT\n-A SVC -p tcp -m multiport --dports 22,8000:8080,9000:9001 -j ACCEPT\nCOMMIT\n`,
      output: null,
      findings: [
        {line: 7, column: 1, message: /`--dport 60000:` \(5536 ports in a range\)/},
        {line: 8, column: 1, message: /`--dports 22,8000:8080,9000:9001` \(83 ports in 2 ranges\)/},
      ],
    },
    {
      name: 'every port but one',
      code: `${head}-A INPUT -p tcp -m tcp ! --dport 22 -j ACCEPT\nCOMMIT\n`,
      output: null,
      findings: [{line: 5, column: 1, message: /`! --dport 22` \(every port but 1\)/}],
    },
  ],
})
