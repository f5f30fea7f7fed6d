import {testRule} from '../../../test/rule-tester.js'
import type {AnyFormat} from '../../formats/index.js'
import {iptables} from '../../formats/iptables/index.js'
import rule from './byte-order-mark.js'

testRule(rule, {
  format: iptables as unknown as AnyFormat,
  path: '/etc/iptables/rules.v4',
  valid: [{code: '*filter\n:INPUT DROP [0:0]\nCOMMIT\n'}, {code: '# \uFEFF in a comment is no mark\n*filter\nCOMMIT\n'}],
  invalid: [
    {
      code: '\uFEFF*filter\n:INPUT DROP [0:0]\nCOMMIT\n',
      output: '*filter\n:INPUT DROP [0:0]\nCOMMIT\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected byte order mark at the start of the file: iptables-restore refuses the file ("line 1 failed")'}],
    },
  ],
})
