import {testRule} from '../../../test/rule-tester.js'
import rule from './hostbased-authentication.js'

testRule(rule, {
  valid: [{code: 'Port 22\n', name: 'the default is no'}, {code: 'HostbasedAuthentication no\n'}],
  invalid: [
    {code: 'HostbasedAuthentication yes\n', output: 'HostbasedAuthentication no\n', findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected `HostbasedAuthentication yes`, expected `HostbasedAuthentication no`: anyone on a trusted host can log in as its users'}]},
  ],
})
