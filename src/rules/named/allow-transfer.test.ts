import {testRule} from '../../../test/rule-tester.js'
import {namedCases} from '../../../test/support/named-rules.js'
import rule from './allow-transfer.js'

const localZones = 'zone "localhost" {\n\ttype master;\n\tfile "/etc/bind/db.local";\n};\n'

testRule(rule, {
  ...namedCases,
  valid: [
    {code: 'options { allow-transfer { none; }; };\n'},
    {code: 'options { allow-transfer { none; }; };\nzone "example.org" { type primary; file "db"; allow-transfer { 192.0.2.2; key "xfr"; }; };\n', name: 'a zone that lists its secondaries'},
    {code: 'options { allow-transfer { none; }; };\nview v { zone "x" { type secondary; primaries { 192.0.2.1; }; file "x"; }; };\n'},
    {code: 'zone "x" { type hint; file "/x"; };\n', path: '/etc/bind/named.conf.local', name: 'a fragment without options'},
  ],
  invalid: [
    {
      name: 'missing, and only local zones: safe',
      code: `options {\n\tdirectory "/var/cache/bind";\n};\n${localZones}`,
      output: `options {\n\tdirectory "/var/cache/bind";\n\tallow-transfer { none; };\n};\n${localZones}`,
      findings: [{line: 1, column: 1, fix: 'safe', message: "Missing `allow-transfer` in `options`: named's default lets anyone transfer every zone"}],
    },
    {
      name: 'a primary zone relies on the default: unsafe',
      code: 'options { allow-transfer { any; }; };\nzone "example.org" { type master; file "db.example.org"; };\n',
      output: 'options { allow-transfer { none; }; };\nzone "example.org" { type master; file "db.example.org"; };\n',
      findings: [{line: 1, column: 11, fix: 'unsafe', message: 'Unexpected `allow-transfer { any; }` in `options`, expected `allow-transfer { none; }`: anyone can transfer every zone that does not set its own'}],
    },
    {
      name: 'a view open to everybody, a zone open to everybody: a suggestion',
      code: 'options { allow-transfer { none; }; };\nview v {\n\tallow-transfer { any; };\n\tzone "a" { type primary; file "a"; allow-transfer { 0.0.0.0/0; ::/0; }; };\n};\n',
      output: 'options { allow-transfer { none; }; };\nview v {\n\tallow-transfer { none; };\n\tzone "a" { type primary; file "a"; allow-transfer { 0.0.0.0/0; ::/0; }; };\n};\n',
      findings: [
        {line: 3, column: 2, fix: 'safe', message: /^Unexpected `allow-transfer \{ any; \}` in `view v`/},
        {line: 4, column: 37, fix: 'suggestion', message: 'Unexpected `allow-transfer { 0.0.0.0/0; ::/0; }` in `zone "a"`: anyone can transfer the whole zone'},
      ],
    },
  ],
})
