import {testRule} from '../../../test/rule-tester.js'
import rule from './macs.js'

testRule(rule, {
  valid: [
    {code: 'MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-256\n'},
    {code: 'MACs -hmac-sha1*,umac-64*\n', name: 'the default without the weak ones'},
    {code: 'MACs hmac-sha2-256-etm@openssh.com\n', options: {allowNonEtm: false}},
  ],
  invalid: [
    {
      name: 'missing: the default offers SHA-1 and 64-bit tags',
      code: 'Port 22\n',
      output: 'Port 22\nMACs umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected `umac-64-etm@openssh.com`, `hmac-sha1-etm@openssh.com`, `umac-64@openssh.com`, `hmac-sha1` in the default `MACs` of OpenSSH 8.9 (a 64-bit tag, SHA-1), expected only strong algorithms'}],
    },
    {name: 'added with +', code: 'MACs +hmac-md5\n', output: 'MACs umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512\n', findings: [{line: 1, column: 1}]},
    {name: 'encrypt-then-MAC only', code: 'MACs hmac-sha2-256,hmac-sha2-256-etm@openssh.com\n', options: {allowNonEtm: false}, output: 'MACs hmac-sha2-256-etm@openssh.com\n', findings: [{line: 1, column: 1}]},
  ],
})

testRule(rule, {
  valid: [],
  invalid: [
    {
      name: 'patterns are case-sensitive: HMAC-SHA1* removes nothing',
      code: 'MACs -HMAC-SHA1*,UMAC-64*\n',
      output: 'MACs umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512\n',
      findings: [{line: 1, column: 1, fix: 'unsafe'}],
    },
    {
      name: 'a removal that leaves nothing: sshd goes back to its default',
      code: 'MACs -hmac*,umac*\n',
      output: 'MACs umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512\n',
      findings: [{line: 1, column: 1}],
    },
  ],
})
