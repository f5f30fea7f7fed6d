import {testRule} from '../../../test/rule-tester.js'
import rule from './password-authentication.js'

const passwd = 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n'
const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA key\n'

testRule(rule, {
  valid: [
    {code: 'PasswordAuthentication no\n'},
    {code: 'PasswordAuthentication=no\n', name: 'key=value'},
    {code: 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication yes\n', files: {'/etc/ssh/sshd_config.d/10-keys.conf': 'PasswordAuthentication no\n'}, name: 'the drop-in read first decides'},
    {code: 'Include sshd_config.d/*.conf\n', files: {'/etc/ssh/sshd_config.d/10-keys.conf': 'PasswordAuthentication no\n'}, name: 'a relative Include is under /etc/ssh'},
  ],
  invalid: [
    {
      name: 'the cloud-init drop-in wins over the main file: the fix lands in the drop-in',
      code: 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n',
      files: {'/etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n'},
      output: null,
      outputFiles: {'/etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication no\n'},
      findings: [{line: 1, column: 1, file: '/etc/ssh/sshd_config.d/50-cloud-init.conf', fix: 'unsafe', message: 'Unexpected `PasswordAuthentication yes`, expected `PasswordAuthentication no`: passwords can be guessed over SSH'}],
    },
    {
      name: 'drop-ins are read in glob order: 10 before 50',
      code: 'Include /etc/ssh/sshd_config.d/*.conf\n',
      files: {'/etc/ssh/sshd_config.d/50-b.conf': 'PasswordAuthentication no\n', '/etc/ssh/sshd_config.d/10-a.conf': 'PasswordAuthentication yes\n'},
      output: null,
      outputFiles: {'/etc/ssh/sshd_config.d/10-a.conf': 'PasswordAuthentication no\n'},
      findings: [{line: 1, column: 1, file: '/etc/ssh/sshd_config.d/10-a.conf'}],
    },
    {
      name: 'missing: the default is yes',
      code: '# To disable tunneled clear text passwords, change to no here!\n#PasswordAuthentication yes\n#PermitEmptyPasswords no\n',
      output: '# To disable tunneled clear text passwords, change to no here!\n#PasswordAuthentication yes\nPasswordAuthentication no\n#PermitEmptyPasswords no\n',
      findings: [{line: 1, column: 1, message: /^Unexpected default `PasswordAuthentication yes`/}],
    },
    {
      name: 'a Match block that turns passwords back on',
      code: 'PasswordAuthentication no\nMatch User backup\n  PasswordAuthentication yes\n',
      output: 'PasswordAuthentication no\nMatch User backup\n  PasswordAuthentication no\n',
      findings: [{line: 3, column: 3, fix: 'unsafe', message: /^Unexpected `PasswordAuthentication yes` in `Match User backup`/}],
    },
    {
      name: 'a Match block inside an included file',
      code: 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n',
      files: {'/etc/ssh/sshd_config.d/20-sftp.conf': 'Match Group sftp\n    PasswordAuthentication yes\n'},
      output: null,
      outputFiles: {'/etc/ssh/sshd_config.d/20-sftp.conf': 'Match Group sftp\n    PasswordAuthentication no\n'},
      findings: [{line: 2, column: 5, file: '/etc/ssh/sshd_config.d/20-sftp.conf', message: /in `Match Group sftp`/}],
    },
    {
      name: 'nobody has a key: lowered to a suggestion that says so',
      code: 'PasswordAuthentication yes\n',
      files: {'/etc/passwd': passwd},
      output: null,
      findings: [{line: 1, column: 1, fix: 'suggestion'}],
    },
    {
      name: 'a user without a key logged in with a password lately: a suggestion',
      code: 'PasswordAuthentication yes\n',
      files: {
        '/etc/passwd': passwd,
        '/home/alice/.ssh/authorized_keys': key,
        '/var/log/auth.log': 'Nov 20 10:00:00 host sshd[123]: Accepted password for bob from 192.0.2.7 port 5000 ssh2\n',
      },
      output: null,
      findings: [{line: 1, column: 1, fix: 'suggestion'}],
    },
    {
      name: 'someone has a key, nobody logs in with a password: unsafe, applied',
      code: 'PasswordAuthentication yes\n',
      files: {'/etc/passwd': passwd, '/home/alice/.ssh/authorized_keys': key},
      output: 'PasswordAuthentication no\n',
      findings: [{line: 1, column: 1, fix: 'unsafe'}],
    },
    {
      name: 'an AuthorizedKeysFile with tokens is followed',
      code: 'AuthorizedKeysFile /etc/ssh/keys/%u\nPasswordAuthentication yes\n',
      files: {'/etc/passwd': passwd, '/etc/ssh/keys/alice': key},
      output: 'AuthorizedKeysFile /etc/ssh/keys/%u\nPasswordAuthentication no\n',
      findings: [{line: 2, column: 1, fix: 'unsafe'}],
    },
  ],
})
