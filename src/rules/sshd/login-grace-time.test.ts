import {testRule} from '../../../test/rule-tester.js'
import rule from './login-grace-time.js'

testRule(rule, {
  valid: [{code: 'LoginGraceTime 60\n'}, {code: 'LoginGraceTime 1m\n', name: 'time units'}, {code: 'LoginGraceTime 30s\n'}],
  invalid: [
    {
      code: 'LoginGraceTime 1m30s\n',
      output: 'LoginGraceTime 60\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: 'Unexpected `LoginGraceTime 1m30s`, expected `LoginGraceTime 60`: unauthenticated connections may stay longer than 60 seconds and crowd out real users'}],
    },
    {name: 'zero means no limit', code: 'LoginGraceTime 0\n', output: 'LoginGraceTime 60\n', findings: [{line: 1, column: 1}]},
    {name: 'missing: the default is 120', code: 'Port 22\n', output: 'Port 22\nLoginGraceTime 60\n', findings: [{line: 1, column: 1}]},
    {name: 'a stricter option', code: 'LoginGraceTime 60\n', options: {max: 30}, output: 'LoginGraceTime 30\n', findings: [{line: 1, column: 1}]},
  ],
})
