import {testRule} from '../../../test/rule-tester.js'
import {namedCases} from '../../../test/support/named-rules.js'
import rule from './invalid-statement.js'

testRule(rule, {
  ...namedCases,
  valid: [
    {code: 'options { directory "/var/cache/bind"; ALLOW-QUERY { any; }; };\nzone "." { type hint; file "/usr/share/dns/root.hints"; };\n', name: 'keywords ignore case'},
    {code: 'logging { channel x { file "/var/log/named.log" versions 3 size 5m; print-time yes; }; category default { x; }; };\n'},
    {code: 'acl x { foo; bar; };\ncontrols { inet 127.0.0.1 port 953 allow { 127.0.0.1; } keys { "rndc-key"; }; };\n', name: 'lists and controls are not checked as options'},
    {code: 'view v { zone "x" { type hint; file "/x"; }; };\n'},
    {code: 'include "/etc/bind/named.conf.options";\n', files: {'/etc/bind/named.conf.options': 'options { recursion no; };\n'}},
    {code: 'masters m { 10.0.0.1; };\n', name: 'the old name of primaries'},
  ],
  invalid: [
    {
      code: 'options {\n\trecursoin no;\n};\n',
      output: null,
      findings: [{line: 2, column: 2, fix: 'none', message: 'Unexpected `recursoin` in `options`: named does not know this statement there and refuses the configuration'}],
    },
    {
      name: 'unknown at the top level and inside a view and a zone',
      code: 'frobnicate 1;\nview "v" { zone "x" { typo hint; }; bogus yes; };\n',
      output: null,
      findings: [
        {line: 1, column: 1, message: /^Unexpected `frobnicate` in the top level/},
        {line: 2, column: 23, message: /^Unexpected `typo` in `zone "x"`/},
        {line: 2, column: 37, message: /^Unexpected `bogus` in `view "v"`/},
      ],
    },
    {
      name: 'a quoted keyword is no keyword to named',
      code: 'options { "recursion" no; };\n',
      output: null,
      findings: [{line: 1, column: 11, message: /^Unexpected `"recursion"` in `options`/}],
    },
    {
      name: 'a relative include is read from named\'s working folder, `/`, not from the main file\'s',
      code: 'include "named.conf.local";\n',
      files: {'/etc/bind/named.conf.local': ''},
      output: null,
      findings: [{line: 1, column: 1, message: 'Missing file `/named.conf.local` named by `include "named.conf.local"`: named refuses the configuration'}],
    },
    {
      name: 'after `directory`, a relative include is read from that folder',
      code: 'options { directory "/var/cache/bind"; };\ninclude "named.conf.local";\n',
      files: {'/etc/bind/named.conf.local': ''},
      output: null,
      findings: [{line: 2, column: 1, message: /^Missing file `\/var\/cache\/bind\/named\.conf\.local`/}],
    },
    {
      code: 'view "v" { };\nzone "x" { type hint; file "/x"; };\n',
      output: null,
      findings: [{line: 2, column: 1, message: 'Unexpected `zone "x" { type hint; file "/x"; }` outside the views: once there are views, named refuses a zone that is not in one'}],
    },
  ],
})
