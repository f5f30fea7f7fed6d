import {testRule} from '../../../test/rule-tester.js'
import rule from './permit-empty-passwords.js'

const passwd = 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n'

testRule(rule, {
  valid: [{code: 'Port 22\n', name: 'the default is no'}, {code: 'PermitEmptyPasswords no\n'}],
  invalid: [
    {
      name: 'without the system files: unsafe',
      code: 'PermitEmptyPasswords yes\n',
      output: 'PermitEmptyPasswords no\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected `PermitEmptyPasswords yes`, expected `PermitEmptyPasswords no`: anyone who knows the name of an account with an empty password can log in'}],
    },
    {
      name: 'no account has an empty password: safe',
      code: 'PermitEmptyPasswords yes\n',
      files: {'/etc/passwd': passwd, '/etc/shadow': 'root:$y$j9T$abc:19000:0:99999:7:::\nalice:!:19000:0:99999:7:::\n'},
      output: 'PermitEmptyPasswords no\n',
      findings: [{line: 1, column: 1, fix: 'safe'}],
    },
    {
      name: 'an account with an empty password: unsafe, and named',
      code: 'PermitEmptyPasswords yes\n',
      files: {'/etc/passwd': passwd, '/etc/shadow': 'root:$y$j9T$abc:19000:0:99999:7:::\nalice::19000:0:99999:7:::\n'},
      output: 'PermitEmptyPasswords no\n',
      findings: [{line: 1, column: 1, fix: 'unsafe'}],
    },
  ],
})
