import {testRule} from '../../../test/rule-tester.js'
import {namedCases} from '../../../test/support/named-rules.js'
import rule from './duplicate-option.js'

testRule(rule, {
  ...namedCases,
  valid: [
    {code: 'options { listen-on { 127.0.0.1; }; listen-on port 5353 { ::1; }; check-names primary warn; check-names response ignore; };\n', name: 'options the grammar lets repeat'},
    {code: 'zone "a" { type hint; file "/a"; };\nzone "b" { type hint; file "/b"; };\n'},
    {code: 'view a { zone "x" { type hint; file "/x"; }; };\nview b { zone "x" { type hint; file "/x"; }; };\n', name: 'the same zone in two views'},
    {code: 'options { recursion no; };\nview a { recursion yes; };\n', name: 'a view overrides options: no duplicate'},
    {code: 'acl a { 10.0.0.1; 10.0.0.1; };\n', name: 'list elements are no options'},
  ],
  invalid: [
    {
      code: 'options {\n\trecursion no;\n\tRecursion yes;\n};\n',
      output: null,
      findings: [{line: 3, column: 2, fix: 'none', message: "Unexpected second `Recursion` in `options`: named refuses an option set twice in one block ('recursion' redefined)"}],
    },
    {
      name: 'two options blocks, one in an included file',
      code: 'options { directory "/var/cache/bind"; };\ninclude "/etc/bind/named.conf.options";\n',
      files: {'/etc/bind/named.conf.options': 'options { recursion no; };\n'},
      output: null,
      findings: [{line: 1, column: 1, file: '/etc/bind/named.conf.options', message: /^Unexpected second `options` in the top level/}],
    },
    {
      name: 'in a view, a zone and a logging channel',
      code: 'view v { recursion no; recursion no; zone "x" { type hint; type hint; }; };\nlogging { channel c { syslog; syslog daemon; }; };\n',
      output: null,
      findings: [
        {line: 1, column: 24, message: /^Unexpected second `recursion` in `view v`/},
        {line: 1, column: 60, message: /^Unexpected second `type` in `zone "x"`/},
        {line: 2, column: 31, message: /^Unexpected second `syslog` in `channel c`/},
      ],
    },
    {
      name: 'acl, view, zone and key defined twice',
      code: 'acl a { any; };\nacl a { none; };\nkey k { algorithm hmac-sha256; secret "x"; };\nkey "k" { algorithm hmac-sha256; secret "x"; };\nview v { zone "x" { type hint; file "/x"; }; zone "X." { type hint; file "/x"; }; };\nview "v" { };\n',
      output: null,
      findings: [
        {line: 2, column: 1, message: 'Unexpected second definition of `acl a` in the top level: named refuses to define it twice'},
        {line: 4, column: 1, message: /^Unexpected second definition of `key "k"`/},
        {line: 5, column: 46, message: /^Unexpected second definition of `zone "X\."` in `view v`/},
        {line: 6, column: 1, message: /^Unexpected second definition of `view "v"`/},
      ],
    },
  ],
})
