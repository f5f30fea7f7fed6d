import {testRule} from '../../../test/rule-tester.js'
import rule from './x11-forwarding.js'

testRule(rule, {
  valid: [{code: 'Port 22\n', name: 'the default is no'}, {code: 'X11Forwarding no\n'}, {code: 'x11forwarding No\n'}],
  invalid: [
    {
      code: 'X11Forwarding yes\n',
      output: 'X11Forwarding no\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: 'Unexpected `X11Forwarding yes`, expected `X11Forwarding no`: the server can reach the display of everyone who forwards X'}],
    },
    {
      name: 'tab separator and trailing comment kept',
      code: 'X11Forwarding\tyes\t# for the lab\n',
      output: 'X11Forwarding\tno\t# for the lab\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'a Match block is changed only by an unsafe fix',
      code: 'X11Forwarding no\nMatch Group gui\n\tX11Forwarding yes\n',
      output: 'X11Forwarding no\nMatch Group gui\n\tX11Forwarding no\n',
      findings: [{line: 3, column: 2, fix: 'unsafe', message: /turns X11 forwarding back on/}],
    },
    {
      name: 'the first value wins: a later duplicate is not this rule\'s business',
      code: 'X11Forwarding yes\nX11Forwarding no\n',
      output: 'X11Forwarding no\nX11Forwarding no\n',
      findings: [{line: 1, column: 1}],
    },
  ],
})
