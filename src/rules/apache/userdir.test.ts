import {testRule} from '../../../test/rule-tester.js'
import rule from './userdir.js'

const load = 'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\n'

testRule(rule, {
  valid: [
    {code: 'UserDir public_html\n', name: 'mod_userdir not loaded'},
    {code: `${load}UserDir public_html\nUserDir disabled\n`},
    {code: `${load}UserDir disabled\nUserDir enabled alice\nUserDir public_html\n`, name: 'enabled for listed users only'},
    {code: `${load}`, name: 'loaded, but no UserDir: 2.4 maps nothing'},
  ],
  invalid: [
    {
      name: "Debian's userdir.conf through mods-enabled links",
      code: 'IncludeOptional mods-enabled/*.load\nIncludeOptional mods-enabled/*.conf\n',
      files: {
        '/etc/apache2/mods-available/userdir.load': 'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\n',
        '/etc/apache2/mods-available/userdir.conf': '<IfModule mod_userdir.c>\n\tUserDir public_html\n\tUserDir disabled root\n\n\t<Directory /home/*/public_html>\n\t\tRequire method GET POST OPTIONS\n\t</Directory>\n</IfModule>\n',
        '/etc/apache2/mods-enabled/userdir.load': {link: '../mods-available/userdir.load'},
        '/etc/apache2/mods-enabled/userdir.conf': {link: '../mods-available/userdir.conf'},
      },
      output: null,
      outputFiles: {'/etc/apache2/mods-available/userdir.conf': '<IfModule mod_userdir.c>\n\tUserDir public_html\n\tUserDir disabled root\n\tUserDir disabled\n\n\t<Directory /home/*/public_html>\n\t\tRequire method GET POST OPTIONS\n\t</Directory>\n</IfModule>\n'},
      findings: [{line: 3, column: 2, file: '/etc/apache2/mods-enabled/userdir.conf', fix: 'unsafe', message: "Unexpected `UserDir disabled root` without `UserDir disabled`: every user's ~/public_html is on the web"}],
    },
    {
      name: 'a fragment checked alone',
      code: 'UserDir public_html\n',
      path: '/etc/apache2/mods-available/userdir.conf',
      output: 'UserDir public_html\nUserDir disabled\n',
      findings: [{line: 1, column: 1}],
    },
    {
      name: 'the last bare switch is enabled',
      code: `${load}UserDir disabled\nUserDir enabled\nUserDir public_html\n`,
      output: `${load}UserDir disabled\nUserDir enabled\nUserDir public_html\nUserDir disabled\n`,
      findings: [{line: 3, column: 1, message: /^Unexpected `UserDir enabled`, expected `UserDir disabled`/}],
    },
    {
      name: 'a virtual host with its own switch',
      code: `${load}UserDir public_html\nUserDir disabled\n<VirtualHost *:80>\n    UserDir enabled\n</VirtualHost>\n`,
      output: `${load}UserDir public_html\nUserDir disabled\n<VirtualHost *:80>\n    UserDir enabled\n    UserDir disabled\n</VirtualHost>\n`,
      findings: [{line: 5, column: 5, message: /in <VirtualHost \*:80>/}],
    },
  ],
})
