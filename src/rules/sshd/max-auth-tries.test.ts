import {testRule} from '../../../test/rule-tester.js'
import rule from './max-auth-tries.js'

testRule(rule, {
  valid: [{code: 'MaxAuthTries 4\n'}, {code: 'MaxAuthTries 2\n'}, {code: 'MaxAuthTries 3\n', options: {max: 3}}],
  invalid: [
    {
      code: 'MaxAuthTries 10\n',
      output: 'MaxAuthTries 4\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected `MaxAuthTries 10`, expected `MaxAuthTries 4`: a connection may make more than 4 guesses'}],
    },
    {
      name: 'missing: the default is 6',
      code: 'Port 22\n#MaxAuthTries 6\n',
      output: 'Port 22\n#MaxAuthTries 6\nMaxAuthTries 4\n',
      findings: [{line: 1, column: 1, message: /^Unexpected default `MaxAuthTries 6`/}],
    },
    {
      name: 'not a number',
      code: 'MaxAuthTries many\n',
      output: 'MaxAuthTries 4\n',
      findings: [{line: 1, column: 1}],
    },
  ],
})
