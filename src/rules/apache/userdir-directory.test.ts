import {testRule} from '../../../test/rule-tester.js'
import rule from './userdir-directory.js'

const load = 'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\n'

testRule(rule, {
  valid: [
    {code: `${load}UserDir public_html\n<Directory /home/*/public_html>\n\tAllowOverride None\n\tOptions SymLinksIfOwnerMatch IncludesNoExec\n</Directory>\n`},
    {code: 'UserDir public_html\n<Directory /home/*/public_html>\n\tOptions ExecCGI\n</Directory>\n', name: 'mod_userdir not loaded'},
    {code: `${load}UserDir disabled\n<Directory /srv/x>\n\tOptions ExecCGI\n</Directory>\n`, name: 'another folder'},
  ],
  invalid: [
    {
      name: "Debian's userdir.conf, checked alone",
      path: '/etc/apache2/mods-available/userdir.conf',
      code: '<IfModule mod_userdir.c>\n\tUserDir public_html\n\tUserDir disabled root\n\n\t<Directory /home/*/public_html>\n\t\tAllowOverride FileInfo AuthConfig Limit Indexes\n\t\tOptions MultiViews Indexes SymLinksIfOwnerMatch IncludesNoExec\n\t\tRequire method GET POST OPTIONS\n\t</Directory>\n</IfModule>\n',
      output: '<IfModule mod_userdir.c>\n\tUserDir public_html\n\tUserDir disabled root\n\n\t<Directory /home/*/public_html>\n\t\tAllowOverride None\n\t\tOptions MultiViews Indexes SymLinksIfOwnerMatch IncludesNoExec\n\t\tRequire method GET POST OPTIONS\n\t</Directory>\n</IfModule>\n',
      findings: [{line: 6, column: 3, fix: 'unsafe', message: "Unexpected `AllowOverride FileInfo AuthConfig Limit Indexes` in <Directory /home/*/public_html>, expected `AllowOverride None`: every user's .htaccess can change how httpd serves their pages"}],
    },
    {
      name: 'signed options',
      code: `${load}UserDir public_html\n<Directory /home/*/public_html>\n    Options +ExecCGI +Includes\n</Directory>\n`,
      output: `${load}UserDir public_html\n<Directory /home/*/public_html>\n    Options +IncludesNoExec\n</Directory>\n`,
      findings: [{line: 4, column: 13, message: /^Unexpected `\+ExecCGI`/}, {line: 4, column: 22, message: /^Unexpected `\+Includes`/}],
    },
  ],
})
