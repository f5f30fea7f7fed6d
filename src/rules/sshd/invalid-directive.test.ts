import {testRule} from '../../../test/rule-tester.js'
import rule from './invalid-directive.js'

testRule(rule, {
  valid: [
    {code: 'Port 22\nMatch User alice\n    X11Forwarding no\n'},
    {code: '=Port 22\n', name: 'sshd skips one leading ='},
    {code: 'Subsystem sftp internal-sftp\nMatch User a\n  Subsystem sftp /bin/x\n', settings: {version: '9.6'}, name: 'Subsystem inside Match from 9.6'},
  ],
  invalid: [
    {
      code: 'PermitRootLogin\n',
      output: null,
      findings: [{line: 1, column: 1, fix: 'none', message: 'Missing value after `PermitRootLogin`: sshd refuses to start on a keyword without an argument'}],
    },
    {
      name: 'only a comment after the keyword',
      code: 'Port # 22\n',
      output: null,
      findings: [{line: 1, column: 1, message: /^Missing value after `Port`/}],
    },
    {
      code: 'Match User alice\n    Port 2222\n',
      output: null,
      findings: [{line: 2, column: 5, message: 'Unexpected `Port` in `Match User alice`: sshd refuses it inside a Match block; it can only be set for the whole server'}],
    },
    {
      name: 'a line that is no keyword',
      code: 'Port 22\n= \n',
      output: null,
      findings: [{line: 2, column: 1, message: /^Unexpected `=`: sshd skips this line/}],
    },
  ],
})
