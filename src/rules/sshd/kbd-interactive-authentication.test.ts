import {testRule} from '../../../test/rule-tester.js'
import rule from './kbd-interactive-authentication.js'

testRule(rule, {
  valid: [
    {code: 'KbdInteractiveAuthentication no\nUsePAM yes\n'},
    {code: 'ChallengeResponseAuthentication no\n', name: 'the old name sets the same thing'},
  ],
  invalid: [
    {
      name: 'the old name, set to yes',
      code: 'ChallengeResponseAuthentication yes\n',
      output: 'ChallengeResponseAuthentication no\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected `ChallengeResponseAuthentication yes`, expected `KbdInteractiveAuthentication no`: PAM still takes passwords at a keyboard-interactive prompt'}],
    },
    {
      name: 'missing: the default is yes',
      code: 'UsePAM yes\n',
      output: 'UsePAM yes\nKbdInteractiveAuthentication no\n',
      findings: [{line: 1, column: 1, message: /^Unexpected default `KbdInteractiveAuthentication yes`/}],
    },
    {
      name: 'CRLF file: the new line ends in CRLF',
      code: 'UsePAM yes\r\nX11Forwarding no\r\n',
      output: 'UsePAM yes\r\nX11Forwarding no\r\nKbdInteractiveAuthentication no\r\n',
      findings: [{line: 1, column: 1}],
    },
  ],
})
