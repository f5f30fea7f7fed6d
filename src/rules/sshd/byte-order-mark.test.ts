import {testRule} from '../../../test/rule-tester.js'
import rule from './byte-order-mark.js'

testRule(rule, {
  valid: [{code: 'Port 22\n'}, {code: '# \uFEFF in a comment is no mark\n'}],
  invalid: [
    {
      code: '\uFEFFPort 22\r\n',
      output: 'Port 22\r\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: 'Unexpected byte order mark at the start of the file: sshd refuses the file'}],
    },
  ],
})
