import {testRule} from '../../../test/rule-tester.js'
import type {AnyFormat} from '../../formats/index.js'
import {iptables} from '../../formats/iptables/index.js'
import rule from './default-drop.js'

const format = iptables as unknown as AnyFormat
const chains = (input: string, forward = 'DROP') => `*filter\n:INPUT ${input} [0:0]\n:FORWARD ${forward} [0:0]\n:OUTPUT ACCEPT [0:0]\n`
const kept = '-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n'

testRule(rule, {
  format,
  path: '/etc/iptables/rules.v4',
  valid: [
    {code: `${chains('DROP')}${kept}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`},
    {code: `${chains('ACCEPT')}${kept}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -j REJECT --reject-with icmp-port-unreachable\nCOMMIT\n`, name: 'a final REJECT drops by default too'},
    {code: `${chains('ACCEPT')}-A INPUT -j DROPPER\n:DROPPER - [0:0]\n-A DROPPER -j DROP\nCOMMIT\n`, name: 'a jump to a chain that drops everything'},
    {code: `${chains('DROP', 'ACCEPT')}COMMIT\n`, settings: {router: true}, name: 'a router keeps FORWARD'},
    {code: '*filter\n-P INPUT DROP\n-P FORWARD DROP\nCOMMIT\n', name: 'policies set with -P'},
  ],
  invalid: [
    {
      name: 'INPUT ACCEPT: lo, established and SSH are added at the end of INPUT, then the policy',
      code: `${chains('ACCEPT')}-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n`,
      output: `${chains('DROP')}-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\n${kept}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`,
      findings: [
        {
          line: 2,
          column: 1,
          fix: 'unsafe',
          message: 'Unexpected `:INPUT ACCEPT` policy: new connections that no rule names are accepted; expected `DROP` with loopback, established connections and SSH accepted before it',
        },
      ],
    },
    {
      name: 'only what reaches the policy today is added: SSH is accepted already',
      code: `${chains('ACCEPT')}-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp --dport ssh -j ACCEPT\n-A INPUT -p tcp --dport 80 -j ACCEPT\nCOMMIT\n`,
      output: `${chains('DROP')}-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp --dport ssh -j ACCEPT\n-A INPUT -p tcp --dport 80 -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\nCOMMIT\n`,
      findings: [{line: 2, column: 1, fix: 'unsafe'}],
    },
    {
      name: 'the SSH port from the option, services of the setting open',
      code: `${chains('ACCEPT')}COMMIT\n`,
      options: {ssh: ['2222']},
      settings: {open: ['tcp/80', 'udp/51820', 'tcp/8000:8010']},
      output: `${chains('DROP')}${kept}-A INPUT -p tcp -m tcp --dport 2222 -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n-A INPUT -p udp -m udp --dport 51820 -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 8000:8010 -j ACCEPT\nCOMMIT\n`,
      findings: [{line: 2, column: 1}],
    },
    {
      name: 'the SSH port from the system\'s sshd_config',
      code: `${chains('ACCEPT')}COMMIT\n`,
      files: {'/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n', '/etc/ssh/sshd_config.d/10-port.conf': 'Port 2200\n'},
      output: `${chains('DROP')}${kept}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 2200 -j ACCEPT\nCOMMIT\n`,
      findings: [{line: 2, column: 1}],
    },
    {
      name: 'the SSH port from the comment of a rule that accepts it',
      code: `${chains('ACCEPT')}-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 2022 -m comment --comment "SSH from the office" -j ACCEPT\nCOMMIT\n`,
      output: `${chains('DROP')}-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 2022 -m comment --comment "SSH from the office" -j ACCEPT\n${kept}-A INPUT -p tcp -m tcp --dport 2022 -j ACCEPT\nCOMMIT\n`,
      findings: [{line: 2, column: 1}],
    },
    {
      name: 'FORWARD ACCEPT on a host that is no router',
      code: `${chains('DROP', 'ACCEPT')}${kept}COMMIT\n`,
      output: `${chains('DROP')}${kept}COMMIT\n`,
      findings: [{line: 3, column: 1, fix: 'unsafe', message: 'Unexpected `:FORWARD ACCEPT` policy: this host forwards packets that no rule names for anyone; expected `DROP` on a host that is no router (setting `iptables.router`)'}],
    },
    {
      name: 'no policy in the file: new chain lines after the header',
      code: '*filter\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n',
      output: '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      findings: [
        {line: 1, column: 1, message: /^Missing policy for `INPUT`: the file sets none/},
        {line: 1, column: 1, message: /^Missing policy for `FORWARD`/},
      ],
    },
    {
      name: 'a -P line is changed in place',
      code: '*filter\n-A INPUT -i lo -j ACCEPT\n-P INPUT ACCEPT\n-P FORWARD DROP\nCOMMIT\n',
      output: '*filter\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-P INPUT DROP\n-P FORWARD DROP\nCOMMIT\n',
      findings: [{line: 3, column: 1, message: /^Unexpected `-P INPUT ACCEPT` policy/}],
    },
    {
      name: 'counters before each command when iptables-save -c wrote the file; CRLF kept',
      code: '*filter\r\n:INPUT ACCEPT [10:600]\r\n:FORWARD DROP [0:0]\r\n[5:300] -A INPUT -i lo -j ACCEPT\r\nCOMMIT\r\n',
      output: '*filter\r\n:INPUT DROP [10:600]\r\n:FORWARD DROP [0:0]\r\n[5:300] -A INPUT -i lo -j ACCEPT\r\n[0:0] -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\r\n[0:0] -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\r\nCOMMIT\r\n',
      findings: [{line: 2, column: 1}],
    },
    {
      name: 'IPv6: ICMPv6 is kept open too (neighbour discovery)',
      path: '/etc/iptables/rules.v6',
      code: `${chains('ACCEPT')}COMMIT\n`,
      output: `${chains('DROP')}${kept}-A INPUT -p ipv6-icmp -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`,
      findings: [{line: 2, column: 1}],
    },
    {
      name: 'no *filter table at all: one is added',
      code: '*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n',
      output: `*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n${chains('DROP')}${kept}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n`,
      findings: [{line: 1, column: 1, fix: 'unsafe', message: /^Missing `\*filter` table/}],
    },
    {
      name: 'a catch-all ACCEPT rule: reported, no fix',
      code: `${chains('DROP')}${kept}-A INPUT -j ACCEPT\nCOMMIT\n`,
      output: null,
      findings: [{line: 7, column: 1, fix: 'none', message: 'Unexpected `-A INPUT -j ACCEPT` (line 7): it accepts new connections to every port no rule names, so INPUT does not drop by default'}],
    },
  ],
})
