import {testRule} from '../../../test/rule-tester.js'
import {namedCases} from '../../../test/support/named-rules.js'
import rule from './dnssec-validation.js'

testRule(rule, {
  ...namedCases,
  valid: [
    {code: 'options { dnssec-validation auto; };\n'},
    {code: 'options { directory "/var/cache/bind"; };\n', name: 'unset: named 9.18 defaults to auto'},
    {code: 'trust-anchors { "." initial-key 257 3 8 "AwEAAa"; };\noptions { dnssec-validation yes; };\n', name: 'yes with trust anchors'},
    {code: 'options { dnssec-validation no; recursion no; };\n', settings: {role: 'authoritative'}, name: 'an authoritative-only server does not resolve'},
  ],
  invalid: [
    {
      code: 'options {\n\tdnssec-validation no;\n};\n',
      output: 'options {\n\tdnssec-validation auto;\n};\n',
      findings: [{line: 2, column: 2, fix: 'unsafe', message: 'Unexpected `dnssec-validation no` in `options`, expected `dnssec-validation auto`: answers are not checked, so forged ones reach the clients'}],
    },
    {
      code: 'options { dnssec-validation YES; };\n',
      output: 'options { dnssec-validation auto; };\n',
      findings: [{line: 1, column: 11, message: /without `trust-anchors`/}],
    },
    {
      name: 'a view that turns validation off',
      code: 'options { dnssec-validation auto; };\nview v { dnssec-validation false; };\n',
      output: 'options { dnssec-validation auto; };\nview v { dnssec-validation auto; };\n',
      findings: [{line: 2, column: 10, message: /^Unexpected `dnssec-validation false` in `view v`/}],
    },
  ],
})
