import {testRule} from '../../../test/rule-tester.js'
import {namedCases} from '../../../test/support/named-rules.js'
import rule from './byte-order-mark.js'

testRule(rule, {
  ...namedCases,
  valid: [{code: 'options { recursion no; };\n'}, {code: '// \uFEFF in a comment is no mark\n'}],
  invalid: [
    {
      code: '\uFEFFoptions { recursion no; };\r\n',
      output: 'options { recursion no; };\r\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: 'Unexpected byte order mark at the start of the file: named refuses the configuration'}],
    },
    {
      name: 'in an included file',
      code: 'include "/etc/bind/named.conf.options";\n',
      files: {'/etc/bind/named.conf.options': '\uFEFFoptions { };\n'},
      output: null,
      outputFiles: {'/etc/bind/named.conf.options': 'options { };\n'},
      findings: [{line: 1, column: 1, file: '/etc/bind/named.conf.options'}],
    },
  ],
})
