import {testRule} from '../../../test/rule-tester.js'
import rule from './unknown-keyword.js'

testRule(rule, {
  valid: [
    {code: 'PermitRootLogin no\nDebianBanner no\n', name: 'Debian\'s own keyword'},
    {code: 'ChannelTimeout session=1h\n', settings: {version: '9.2'}},
    {code: '"Port" 22\n', name: 'a quoted keyword'},
  ],
  invalid: [
    {
      name: 'a typo: the closest keyword is suggested, not applied',
      code: 'PermitRootLogn no\n',
      output: null,
      findings: [{line: 1, column: 1, fix: 'suggestion', message: 'Unexpected keyword `PermitRootLogn`, expected `PermitRootLogin`: sshd refuses to start on a keyword it does not know'}],
    },
    {
      name: 'nothing close',
      code: 'Frobnicate yes\n',
      output: null,
      findings: [{line: 1, column: 1, fix: 'none'}],
    },
    {
      name: 'a keyword newer than the configured release',
      code: 'ChannelTimeout session=1h\n',
      settings: {version: '8.9'},
      output: null,
      findings: [{line: 1, column: 1, fix: 'none', message: 'Unexpected `ChannelTimeout` for OpenSSH 8.9: it needs 9.2, and older releases refuse to start on it'}],
    },
    {
      name: 'in an included file, after an indent',
      code: 'Include /etc/ssh/sshd_config.d/*.conf\n',
      files: {'/etc/ssh/sshd_config.d/a.conf': 'Match all\n    X11Forwardin no\n'},
      output: null,
      findings: [{line: 2, column: 5, file: '/etc/ssh/sshd_config.d/a.conf', fix: 'suggestion'}],
    },
  ],
})
