import {testRule} from '../../../test/rule-tester.js'
import {namedCases} from '../../../test/support/named-rules.js'
import rule from './open-recursion.js'

const debianOptions = 'options {\n\tdirectory "/var/cache/bind";\n\n\tdnssec-validation auto;\n\n\tlisten-on-v6 { any; };\n};\n'

testRule(rule, {
  ...namedCases,
  valid: [
    {code: debianOptions, name: 'Debian\'s shipped options: named\'s default is localnets; localhost;'},
    {code: 'options { allow-query { any; }; allow-recursion { localnets; }; };\n', name: 'allow-query-cache inherits the limited allow-recursion'},
    {code: 'options { allow-query { any; }; allow-query-cache { localhost; }; };\n', name: 'allow-recursion inherits the limited allow-query-cache'},
    {code: 'options { allow-recursion { any; }; recursion no; };\n', name: 'no recursion at all'},
    {code: 'acl good { 192.0.2.0/24; !192.0.2.9; };\noptions { allow-recursion { good; }; allow-query-cache { good; }; };\n', name: 'a named acl'},
    {code: 'options { allow-recursion { !any; any; }; };\n', name: 'first match wins: !any denies everybody'},
    {code: 'options { recursion no; };\n', settings: {role: 'authoritative'}},
    {code: 'zone "x" { type hint; file "/x"; };\n', path: '/etc/bind/named.conf.local', name: 'a fragment without options: its options are elsewhere'},
    {code: 'options { allow-query { any; }; };\nview "v" { recursion no; };\n', name: 'the one view does not recurse'},
  ],
  invalid: [
    {
      name: 'allow-query { any; } alone makes an open resolver',
      code: 'options {\n\tdirectory "/var/cache/bind";\n\tallow-query { any; };\n};\n',
      output: 'options {\n\tdirectory "/var/cache/bind";\n\tallow-query { any; };\n\tallow-recursion { localhost; localnets; };\n\tallow-query-cache { localhost; localnets; };\n};\n',
      findings: [
        {
          line: 3,
          column: 2,
          fix: 'unsafe',
          message:
            'Unexpected open recursion in `options`: `allow-recursion` inherits `allow-query { any; }`; `allow-query-cache` inherits `allow-query { any; }`; expected `allow-recursion` and `allow-query-cache` set to `{ localhost; localnets; }`: anyone can use this server as a resolver',
        },
      ],
    },
    {
      name: 'allow-recursion any: replaced in place, allow-query-cache added',
      code: 'options {\r\n    allow-recursion {\r\n        any;\r\n    };\r\n};\r\n',
      output: 'options {\r\n    allow-recursion {\r\n        localhost;\r\n        localnets;\r\n    };\r\n    allow-query-cache { localhost; localnets; };\r\n};\r\n',
      findings: [{line: 2, column: 5, message: /^Unexpected open recursion in `options`: `allow-recursion \{ any; \}`; `allow-query-cache` inherits `allow-recursion \{ any; \}`;/}],
    },
    {
      name: 'both ACLs open, one through an acl name and a nested list',
      code: 'acl everyone { { 0.0.0.0/0; }; };\noptions { allow-recursion { !192.0.2.1; everyone; }; allow-query-cache {any;}; };\n',
      output: 'acl everyone { { 0.0.0.0/0; }; };\noptions { allow-recursion { localhost; localnets; }; allow-query-cache {localhost; localnets;}; };\n',
      findings: [{line: 2, column: 11}],
    },
    {
      name: 'no options block at all but an open view',
      code: 'view "external" {\n\tmatch-clients { any; };\n\tallow-query { any; };\n};\n',
      output: 'view "external" {\n\tmatch-clients { any; };\n\tallow-query { any; };\n\tallow-recursion { localhost; localnets; };\n\tallow-query-cache { localhost; localnets; };\n};\n',
      findings: [{line: 3, column: 2, message: /^Unexpected open recursion in `view "external"`/}],
    },
    {
      name: 'open in options: fixed there, and views without their own ACLs inherit the fix',
      code: 'options {\n\tallow-query-cache { any; };\n};\nview a {\n\tmatch-clients { localnets; };\n};\nview b {\n\tallow-recursion { any; };\n};\n',
      output: 'options {\n\tallow-query-cache { localhost; localnets; };\n\tallow-recursion { localhost; localnets; };\n};\nview a {\n\tmatch-clients { localnets; };\n};\nview b {\n\tallow-recursion { localhost; localnets; };\n\tallow-query-cache { localhost; localnets; };\n};\n',
      findings: [{line: 2, column: 2}, {line: 8, column: 2, message: /^Unexpected open recursion in `view b`: `allow-recursion \{ any; \}`;/}],
    },
    {
      name: 'a view that inherits one ACL from its own other one keeps it when options gets both',
      code: 'options {\n\tallow-query { any; };\n};\nview "internal" {\n\tmatch-clients { 10.0.0.0/8; };\n\tallow-recursion { 10.0.0.0/8; };\n};\nview "external" {\n\tmatch-clients { any; };\n};\n',
      output:
        'options {\n\tallow-query { any; };\n\tallow-recursion { localhost; localnets; };\n\tallow-query-cache { localhost; localnets; };\n};\nview "internal" {\n\tmatch-clients { 10.0.0.0/8; };\n\tallow-recursion { 10.0.0.0/8; };\n\tallow-query-cache { 10.0.0.0/8; };\n};\nview "external" {\n\tmatch-clients { any; };\n};\n',
      findings: [{line: 2, column: 2, message: /^Unexpected open recursion in `options`/}],
    },
    {
      name: 'a view turns recursion on and inherits an open allow-query from options, which does not recurse (shrunk by test/properties/named-fix.test.ts)',
      code: 'options {\n\tallow-query { any; };\n\trecursion no;\n};\nview "v0" {\n\trecursion yes;\n};',
      output: 'options {\n\tallow-query { any; };\n\trecursion no;\n};\nview "v0" {\n\trecursion yes;\n\tallow-recursion { localhost; localnets; };\n\tallow-query-cache { localhost; localnets; };\n};',
      findings: [{line: 5, column: 1, message: /^Unexpected open recursion in `view "v0"`: `allow-recursion` inherits `allow-query \{ any; \}`/}],
    },
    {
      name: 'the trusted list is an option',
      code: 'acl trusted { 192.0.2.0/24; };\noptions { allow-query { any; }; };\n',
      options: {trusted: ['trusted', 'localhost']},
      output: 'acl trusted { 192.0.2.0/24; };\noptions { allow-query { any; }; allow-recursion { trusted; localhost; }; allow-query-cache { trusted; localhost; }; };\n',
      findings: [{line: 2, column: 11, message: /expected `allow-recursion` and `allow-query-cache` set to `\{ trusted; localhost; \}`/}],
    },
    {
      name: 'authoritative: recursion defaults to yes',
      code: 'options {\n\tallow-query { any; };\n};\n',
      settings: {role: 'authoritative'},
      output: 'options {\n\tallow-query { any; };\n\trecursion no;\n};\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected default `recursion yes` in `options` (the configuration does not set it), expected `recursion no` on an authoritative-only server: it resolves names for its clients'}],
    },
    {
      name: 'authoritative: a view that turns recursion back on',
      code: 'options { recursion no; };\nview v { recursion yes; };\n',
      settings: {role: 'authoritative'},
      output: 'options { recursion no; };\nview v { recursion no; };\n',
      findings: [{line: 2, column: 10, message: /^Unexpected `recursion yes` in `view v`/}],
    },
    {
      name: 'authoritative without an options block: one is made',
      code: 'zone "example.org" {\n\ttype primary;\n\tfile "/etc/bind/db.example.org";\n};',
      settings: {role: 'authoritative'},
      output: 'zone "example.org" {\n\ttype primary;\n\tfile "/etc/bind/db.example.org";\n};\noptions {\n\trecursion no;\n};',
      findings: [{line: 1, column: 1}],
    },
  ],
})
