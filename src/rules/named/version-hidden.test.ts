import {testRule} from '../../../test/rule-tester.js'
import {namedCases} from '../../../test/support/named-rules.js'
import rule from './version-hidden.js'

testRule(rule, {
  ...namedCases,
  valid: [
    {code: 'options { version "none"; };\n'},
    {code: 'options { version none; };\n', name: 'unquoted none: named refuses the query'},
    {code: 'options { version "not available"; };\n'},
    {code: 'zone "x" { type hint; file "/x"; };\n', path: '/etc/bind/named.conf.local', name: 'a fragment without options'},
  ],
  invalid: [
    {
      code: 'options {\n\tdirectory "/var/cache/bind";\n};\n',
      output: 'options {\n\tdirectory "/var/cache/bind";\n\tversion "none";\n};\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: 'Missing `version` in `options`: named tells its release to anyone who asks for `version.bind`'}],
    },
    {
      code: 'options { version "BIND 9.18.24"; }; # keep\n',
      output: 'options { version "none"; }; # keep\n',
      findings: [{line: 1, column: 11, message: 'Unexpected `version "BIND 9.18.24"` in `options`, expected `version "none"`: named tells a release to anyone who asks for `version.bind`'}],
    },
    {
      name: 'in an included file, where the options are',
      code: 'include "/etc/bind/named.conf.options";\n',
      files: {'/etc/bind/named.conf.options': 'options {\n    directory "/var/cache/bind";\n    listen-on-v6 { any; };\n};\n'},
      output: null,
      outputFiles: {'/etc/bind/named.conf.options': 'options {\n    directory "/var/cache/bind";\n    listen-on-v6 { any; };\n    version "none";\n};\n'},
      findings: [{line: 1, column: 1, file: '/etc/bind/named.conf.options'}],
    },
    {
      name: 'no options block: one is made at the end of the main file',
      code: '// zones only\r\nzone "." { type hint; file "/usr/share/dns/root.hints"; };\r\n',
      output: '// zones only\r\nzone "." { type hint; file "/usr/share/dns/root.hints"; };\r\noptions {\r\n\tversion "none";\r\n};\r\n',
      findings: [{line: 1, column: 1}],
    },
  ],
})
