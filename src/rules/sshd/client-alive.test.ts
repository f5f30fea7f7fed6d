import {testRule} from '../../../test/rule-tester.js'
import rule from './client-alive.js'

testRule(rule, {
  valid: [{code: 'ClientAliveInterval 300\nClientAliveCountMax 3\n'}, {code: 'ClientAliveInterval 5m\nClientAliveCountMax 1\n'}],
  invalid: [
    {
      name: 'both missing: interval 0 is the default',
      code: 'Port 22\n',
      output: 'Port 22\nClientAliveInterval 300\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: /^Unexpected default `ClientAliveInterval 0`/}],
    },
    {
      code: 'ClientAliveInterval 900\nClientAliveCountMax 0\n',
      output: 'ClientAliveInterval 300\nClientAliveCountMax 3\n',
      findings: [
        {line: 1, column: 1, message: 'Unexpected `ClientAliveInterval 900`, expected `ClientAliveInterval 300`: a session whose client is gone stays open'},
        {line: 2, column: 1, message: 'Unexpected `ClientAliveCountMax 0`, expected `ClientAliveCountMax 3`: a session whose client is gone is kept open too long'},
      ],
    },
  ],
})
