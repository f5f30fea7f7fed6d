import {testRule} from '../../../test/rule-tester.js'
import type {AnyFormat} from '../../formats/index.js'
import {iptables} from '../../formats/iptables/index.js'
import rule from './line-ending.js'

testRule(rule, {
  format: iptables as unknown as AnyFormat,
  path: '/etc/iptables/rules.v4',
  valid: [
    {code: '*filter\n:INPUT DROP [0:0]\nCOMMIT\n'},
    {code: '*filter\n:INPUT DROP [0:0]\nCOMMIT', name: 'no final line end'},
    {code: '*filter\n-A INPUT -m comment --comment "a\rb" -j ACCEPT\nCOMMIT\n', name: 'a lone CR inside a word is a character of the word'},
  ],
  invalid: [
    {
      code: '*filter\r\n:INPUT DROP [0:0]\r\nCOMMIT\r\n',
      output: '*filter\n:INPUT DROP [0:0]\nCOMMIT\n',
      findings: [{line: 1, column: 8, fix: 'unsafe', message: 'Unexpected CRLF line ends (3 lines): iptables-restore keeps the `\\r` in the last word of each line and refuses the file'}],
    },
    {
      name: 'one CRLF line among LF lines',
      code: '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\r\nCOMMIT\n',
      output: '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n',
      findings: [{line: 3, column: 25, message: 'Unexpected CRLF line end: iptables-restore keeps the `\\r` in the last word of each line and refuses the file'}],
    },
  ],
})
