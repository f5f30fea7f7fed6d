import {testRule} from '../../../test/rule-tester.js'
import rule from './allow-users.js'

const passwd = 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\n'
const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA key\n'

testRule(rule, {
  valid: [
    {code: 'AllowUsers alice\n'},
    {code: 'AllowGroups ssh-users\n'},
    {code: 'PermitRootLogin no\n', path: '/etc/ssh/sshd_config.d/10-x.conf', name: 'a drop-in alone'},
    {code: 'AllowUsers alice bob\n', options: {users: ['alice', 'bob']}},
  ],
  invalid: [
    {
      name: 'no list and no option: reported, no fix',
      code: 'PermitRootLogin no\n',
      output: null,
      findings: [{line: 1, column: 1, fix: 'none', message: /^Missing `AllowUsers` and `AllowGroups`/}],
    },
    {
      name: 'with the option: the list is added, unsafe',
      code: 'PermitRootLogin no\nMatch User bob\n    X11Forwarding yes\n',
      options: {users: ['alice']},
      output: 'PermitRootLogin no\nAllowUsers alice\nMatch User bob\n    X11Forwarding yes\n',
      findings: [{line: 1, column: 1, fix: 'unsafe'}],
    },
    {
      name: 'users and groups',
      code: 'Port 22\n',
      options: {users: ['alice@192.0.2.*'], groups: ['admins']},
      output: 'Port 22\nAllowUsers alice@192.0.2.*\nAllowGroups admins\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'a list that differs from the configured one',
      code: 'AllowUsers alice\n',
      options: {users: ['alice', 'carol']},
      output: 'AllowUsers alice carol\n',
      findings: [{line: 1, column: 1, message: 'Unexpected `AllowUsers alice`, expected `AllowUsers alice carol` (the configured list)'}],
    },
    {
      name: 'a user with a key would be left out: a suggestion naming them',
      code: 'Port 22\n',
      options: {users: ['alice']},
      files: {'/etc/passwd': passwd, '/home/alice/.ssh/authorized_keys': key, '/home/bob/.ssh/authorized_keys': key},
      output: null,
      findings: [{line: 1, column: 1, fix: 'suggestion'}],
    },
    {
      name: 'the left-out user is in an allowed group',
      code: 'Port 22\n',
      options: {users: ['alice'], groups: ['admins']},
      files: {'/etc/passwd': passwd, '/etc/group': 'admins:x:2000:bob\n', '/home/alice/.ssh/authorized_keys': key, '/home/bob/.ssh/authorized_keys': key},
      output: 'Port 22\nAllowUsers alice\nAllowGroups admins\n',
      findings: [{line: 1, column: 1, fix: 'unsafe'}],
    },
  ],
})
