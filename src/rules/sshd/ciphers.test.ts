import {testRule} from '../../../test/rule-tester.js'
import rule from './ciphers.js'

testRule(rule, {
  valid: [
    {code: 'Port 22\n', name: 'the default has no weak cipher'},
    {code: 'Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com\n'},
    {code: 'Ciphers -aes128-ctr\n', name: 'removing from the default'},
  ],
  invalid: [
    {
      code: 'Ciphers aes256-cbc,aes256-ctr,3des-cbc\n',
      output: 'Ciphers aes256-ctr\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected `aes256-cbc`, `3des-cbc` in `Ciphers` (CBC mode (plaintext recovery attacks)), expected only strong algorithms'}],
    },
    {
      name: 'a pattern that takes in CBC ciphers',
      code: 'Ciphers aes*\n',
      output: 'Ciphers aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'only weak ones: the strong default is written',
      code: 'Ciphers aes128-cbc\n',
      settings: {version: '10.0'},
      output: 'Ciphers chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr\n',
      findings: [{line: 1, column: 1}],
    },
  ],
})

testRule(rule, {
  valid: [{code: 'Ciphers -AES128-CTR\n', name: 'a removal of an unknown name is no error'}],
  invalid: [
    {
      name: 'names are case-sensitive: sshd refuses the line; the right case is suggested',
      code: 'Ciphers AES128-CTR,aes256-gcm@openssh.com\n',
      output: null,
      findings: [{line: 1, column: 1, fix: 'suggestion', message: 'Unexpected `AES128-CTR` in `Ciphers`: OpenSSH 8.9 knows no such algorithm (names are case-sensitive), and sshd refuses to start'}],
    },
    {name: 'an unknown name', code: 'Ciphers +twofish-cbc\n', output: null, findings: [{line: 1, column: 1, fix: 'none'}]},
  ],
})
