import {testRule} from '../../../test/rule-tester.js'
import rule from './deprecated-keyword.js'

testRule(rule, {
  valid: [{code: 'KbdInteractiveAuthentication no\nPort 22\n'}],
  invalid: [
    {
      code: 'Port 22\nProtocol 2\nUsePrivilegeSeparation sandbox\n',
      output: 'Port 22\n',
      findings: [
        {line: 2, column: 1, fix: 'safe', message: 'Unexpected `Protocol 2`: sshd ignores `Protocol` (only SSH protocol 2 is left)'},
        {line: 3, column: 1, fix: 'safe', message: 'Unexpected `UsePrivilegeSeparation sandbox`: `UsePrivilegeSeparation` is deprecated, sshd ignores it and warns on every start'},
      ],
    },
    {
      name: 'an old name is renamed, the rest of the line kept',
      code: 'ChallengeResponseAuthentication   no # keep\n',
      output: 'KbdInteractiveAuthentication   no # keep\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: 'Unexpected `ChallengeResponseAuthentication`, expected `KbdInteractiveAuthentication`: it is an old name that sshd reads as `KbdInteractiveAuthentication`'}],
    },
    {
      name: 'a new name the configured release lacks is not written',
      code: 'PubkeyAcceptedKeyTypes +ssh-rsa\n',
      settings: {version: '8.2'},
      output: null,
      findings: [{line: 1, column: 1, fix: 'none'}],
    },
    {
      name: 'inside a Match block: unsafe',
      code: 'Match User old\n\tRSAAuthentication yes\n',
      output: 'Match User old\n',
      findings: [{line: 2, column: 2, fix: 'unsafe'}],
    },
  ],
})
