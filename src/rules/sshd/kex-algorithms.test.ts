import {testRule} from '../../../test/rule-tester.js'
import rule from './kex-algorithms.js'

testRule(rule, {
  valid: [{code: 'Port 22\n', name: 'the default has no SHA-1 since 8.2'}, {code: 'KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256\n'}],
  invalid: [
    {
      code: 'KexAlgorithms curve25519-sha256,diffie-hellman-group14-sha1,diffie-hellman-group1-sha1\n',
      output: 'KexAlgorithms curve25519-sha256\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected `diffie-hellman-group14-sha1`, `diffie-hellman-group1-sha1` in `KexAlgorithms` (SHA-1, a 1024-bit group with SHA-1), expected only strong algorithms'}],
    },
    {
      name: 'added with ^, for 9.9: the new names of that release are kept',
      code: 'KexAlgorithms ^diffie-hellman-group-exchange-sha1\n',
      settings: {version: '9.9'},
      output: 'KexAlgorithms sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,mlkem768x25519-sha256,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256\n',
      findings: [{line: 1, column: 1}],
    },
  ],
})
