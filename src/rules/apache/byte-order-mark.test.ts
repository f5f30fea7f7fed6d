import {testRule} from '../../../test/rule-tester.js'
import rule from './byte-order-mark.js'

testRule(rule, {
  valid: [{code: 'ServerTokens Prod\n'}],
  invalid: [{code: '\uFEFFServerTokens Prod\r\n', output: 'ServerTokens Prod\r\n', findings: [{line: 1, column: 1, fix: 'safe', message: 'Unexpected byte order mark at the start of the file: httpd refuses the file'}]}],
})
