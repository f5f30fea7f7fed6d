import {testRule} from '../../../test/rule-tester.js'
import rule from './duplicate-directive.js'

testRule(rule, {
  valid: [
    {code: 'Port 22\nPort 2222\n', name: 'Port adds up'},
    {code: 'AllowUsers alice\nAllowUsers bob\nAcceptEnv LANG\nAcceptEnv LC_*\n', name: 'lists add up'},
    {code: 'X11Forwarding no\nMatch User a\n  X11Forwarding yes\nMatch User b\n  X11Forwarding yes\n', name: 'each Match block is its own scope'},
    {code: 'Subsystem sftp /usr/lib/openssh/sftp-server\nSubsystem backup /usr/local/bin/backup\n', name: 'subsystems of different names'},
  ],
  invalid: [
    {
      name: 'a later line in the same file is removed',
      code: 'PermitRootLogin no\nX11Forwarding no\npermitrootlogin yes\n',
      output: 'PermitRootLogin no\nX11Forwarding no\n',
      findings: [{line: 3, column: 1, fix: 'safe', message: 'Unexpected `permitrootlogin yes`: sshd ignores it, the first `PermitRootLogin` (/etc/ssh/sshd_config:1) wins'}],
    },
    {
      name: 'the last line without a line end',
      code: 'LogLevel INFO\nLogLevel VERBOSE',
      output: 'LogLevel INFO',
      findings: [{line: 2, column: 1, fix: 'safe'}],
    },
    {
      name: 'an alias counts as its keyword',
      code: 'KbdInteractiveAuthentication no\nChallengeResponseAuthentication yes\n',
      output: 'KbdInteractiveAuthentication no\n',
      findings: [{line: 2, column: 1}],
    },
    {
      name: 'across files: the value that counts is in a drop-in; a suggestion',
      code: 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication yes\n',
      files: {'/etc/ssh/sshd_config.d/10-keys.conf': 'PasswordAuthentication no\n'},
      output: null,
      findings: [{line: 2, column: 1, fix: 'suggestion'}],
    },
    {
      name: 'inside a Match block: unsafe',
      code: 'Match User backup\n  ForceCommand /usr/bin/backup\n  ForceCommand /bin/true\n',
      output: 'Match User backup\n  ForceCommand /usr/bin/backup\n',
      findings: [{line: 3, column: 3, fix: 'unsafe', message: /wins in `Match User backup`$/}],
    },
    {
      name: 'a subsystem defined twice: sshd refuses to start',
      code: 'Subsystem sftp /usr/lib/openssh/sftp-server\nSubsystem sftp internal-sftp\n',
      output: 'Subsystem sftp /usr/lib/openssh/sftp-server\n',
      findings: [{line: 2, column: 1, fix: 'unsafe', message: /^Unexpected second `Subsystem sftp`: sshd refuses to start/}],
    },
  ],
})

testRule(rule, {
  valid: [
    {
      name: 'a file read twice (a glob and its own name) is no duplicate of itself',
      code: 'Include /etc/ssh/sshd_config.d/*.conf\nInclude /etc/ssh/sshd_config.d/50-cloud-init.conf\n',
      files: {'/etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication no\n'},
    },
  ],
  invalid: [],
})
