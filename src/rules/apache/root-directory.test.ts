import {testRule} from '../../../test/rule-tester.js'
import rule from './root-directory.js'

testRule(rule, {
  valid: [
    {code: '<Directory />\n\tOptions FollowSymLinks\n\tAllowOverride None\n\tRequire all denied\n</Directory>\n', name: "Debian's"},
    {code: 'Listen 80\n', path: '/etc/apache2/sites-available/x.conf', name: 'a fragment alone'},
  ],
  invalid: [
    {
      name: 'no Require: added inside the section with its indent',
      code: '<Directory />\n    AllowOverride None\n</Directory>\n',
      output: '<Directory />\n    AllowOverride None\n    Require all denied\n</Directory>\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Missing `Require all denied` in <Directory />: access to the whole file system is left to other sections'}],
    },
    {
      name: 'missing: added at the end of the main file, with its indent step',
      code: '<VirtualHost *:80>\n  DocumentRoot /srv\n</VirtualHost>',
      output: '<VirtualHost *:80>\n  DocumentRoot /srv\n</VirtualHost>\n<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>',
      findings: [{line: 1, column: 1, message: /^Missing `<Directory \/>`/}],
    },
    {
      name: 'AllowOverride All',
      code: '<Directory />\n\tAllowOverride All\n\tRequire all denied\n</Directory>\n',
      output: '<Directory />\n\tAllowOverride None\n\tRequire all denied\n</Directory>\n',
      findings: [{line: 2, column: 2, message: /^Unexpected `AllowOverride All` in <Directory \/>/}],
    },
  ],
})
