import {testRule} from '../../../test/rule-tester.js'
import rule from './permit-user-environment.js'

testRule(rule, {
  valid: [{code: 'Port 22\n', name: 'the default is no'}, {code: 'PermitUserEnvironment no\n'}],
  invalid: [
    {code: 'PermitUserEnvironment yes\n', output: 'PermitUserEnvironment no\n', findings: [{line: 1, column: 1, fix: 'safe', message: /^Unexpected `PermitUserEnvironment yes`, expected `PermitUserEnvironment no`/}]},
    {name: 'a pattern list of variables is still a yes', code: 'PermitUserEnvironment LANG,LC_*\n', output: 'PermitUserEnvironment no\n', findings: [{line: 1, column: 1}]},
  ],
})
