import {testRule} from '../../../test/rule-tester.js'
import rule from './log-permissions.js'

const log = (mode: number) => ({content: '', mode})

testRule(rule, {
  valid: [
    {code: 'ErrorLog /var/log/apache2/error.log\n', files: {'/var/log/apache2/error.log': log(0o640)}},
    {code: 'ErrorLog /var/log/apache2/error.log\n', name: 'the file does not exist yet'},
    {code: 'CustomLog "|/usr/bin/rotatelogs /var/log/x 86400" common\nErrorLog syslog:local1\n', name: 'piped and syslog logs'},
    {code: 'ErrorLog /var/log/apache2/error.log\n', path: 'apache2.conf', files: {'/var/log/apache2/error.log': log(0o644)}, name: 'a copy named by a relative path: no system facts'},
  ],
  invalid: [
    {
      name: 'through envvars, as Debian writes it',
      code: 'ErrorLog ${APACHE_LOG_DIR}/error.log\n<VirtualHost *:80>\n\tCustomLog ${APACHE_LOG_DIR}/access.log combined\n</VirtualHost>\n',
      files: {'/etc/apache2/envvars': 'export APACHE_LOG_DIR=/var/log/apache2$SUFFIX\n', '/var/log/apache2/error.log': log(0o640), '/var/log/apache2/access.log': log(0o644)},
      output: null,
      findings: [{line: 3, column: 2, fix: 'none', message: 'Unexpected mode 644 of /var/log/apache2/access.log (CustomLog in <VirtualHost *:80>): every user of the host can read it'}],
    },
    {
      name: 'relative to ServerRoot, and writable by all',
      code: 'ErrorLog logs/error.log\n',
      files: {'/etc/apache2/logs/error.log': log(0o666)},
      output: null,
      findings: [{line: 1, column: 1, message: 'Unexpected mode 666 of /etc/apache2/logs/error.log (ErrorLog): every user of the host can write it'}],
    },
  ],
})
