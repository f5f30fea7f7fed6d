import {testRule} from '../../../test/rule-tester.js'
import rule from './permit-root-login.js'

const passwd = 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n'

testRule(rule, {
  valid: [
    {code: 'PermitRootLogin no\n'},
    {code: 'permitrootlogin NO\n', name: 'keywords and yes/no words ignore case'},
    {code: 'PermitRootLogin prohibit-password\n', options: {allow: 'prohibit-password'}},
    {code: 'PermitRootLogin without-password\n', options: {allow: 'prohibit-password'}, name: 'the old name of prohibit-password'},
    {code: 'X11Forwarding no\n', path: '/etc/ssh/sshd_config.d/10-x.conf', name: 'a drop-in alone: what it leaves out is decided elsewhere'},
    {code: 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n', files: {'/etc/ssh/sshd_config.d/00-root.conf': 'PermitRootLogin no\n'}, name: 'a drop-in read first decides'},
  ],
  invalid: [
    {
      code: 'PermitRootLogin yes\n',
      output: 'PermitRootLogin no\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected `PermitRootLogin yes`, expected `PermitRootLogin no`: root can log in over SSH'}],
    },
    {
      name: 'the value is replaced, the separator and comment kept',
      code: 'PermitRootLogin = "yes"   # as the vendor ships it\r\n',
      output: 'PermitRootLogin = no   # as the vendor ships it\r\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'missing: added after the commented-out default',
      code: 'Port 22\n#PermitRootLogin prohibit-password\n#StrictModes yes\n',
      output: 'Port 22\n#PermitRootLogin prohibit-password\nPermitRootLogin no\n#StrictModes yes\n',
      findings: [{line: 1, column: 1, message: /^Unexpected default `PermitRootLogin prohibit-password`/}],
    },
    {
      name: 'missing: added before the first Match, after the last global directive',
      code: 'Port 22\nX11Forwarding no\n\n# the backup host\nMatch User backup\n\tForceCommand /usr/bin/backup\n',
      output: 'Port 22\nX11Forwarding no\nPermitRootLogin no\n\n# the backup host\nMatch User backup\n\tForceCommand /usr/bin/backup\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'missing in a file without a final newline',
      code: 'Port 22',
      output: 'Port 22\nPermitRootLogin no',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'the first value wins: the one in the drop-in is fixed',
      code: 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n',
      files: {'/etc/ssh/sshd_config.d/50-cloud.conf': 'PermitRootLogin yes\n'},
      output: null,
      outputFiles: {'/etc/ssh/sshd_config.d/50-cloud.conf': 'PermitRootLogin no\n'},
      findings: [{line: 1, column: 1, file: '/etc/ssh/sshd_config.d/50-cloud.conf'}],
    },
    {
      name: 'a Match block that turns root login back on: unsafe',
      code: 'PermitRootLogin no\nMatch Address 10.0.0.0/8\n    PermitRootLogin yes\n',
      output: 'PermitRootLogin no\nMatch Address 10.0.0.0/8\n    PermitRootLogin no\n',
      findings: [{line: 3, column: 5, fix: 'unsafe', message: /in `Match Address 10\.0\.0\.0\/8`.*turns root login back on/}],
    },
    {
      name: 'root is the only account with a key: a suggestion, not applied',
      code: 'PermitRootLogin yes\n',
      files: {'/etc/passwd': passwd, '/root/.ssh/authorized_keys': 'ssh-ed25519 AAAA root@host\n'},
      output: null,
      findings: [{line: 1, column: 1, fix: 'suggestion'}],
    },
    {
      name: 'another account has a key: unsafe, applied',
      code: 'PermitRootLogin yes\n',
      files: {'/etc/passwd': passwd, '/root/.ssh/authorized_keys': 'ssh-ed25519 AAAA root@host\n', '/home/alice/.ssh/authorized_keys': 'ssh-ed25519 AAAA alice@host\n'},
      output: 'PermitRootLogin no\n',
      findings: [{line: 1, column: 1, fix: 'unsafe'}],
    },
    {
      code: 'PermitRootLogin yes\n',
      options: {allow: 'prohibit-password'},
      output: 'PermitRootLogin prohibit-password\n',
      findings: [{line: 1, column: 1, message: 'Unexpected `PermitRootLogin yes`, expected `PermitRootLogin prohibit-password`: root can log in over SSH with a password'}],
    },
  ],
})
