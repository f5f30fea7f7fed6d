import {testRule} from '../../../test/rule-tester.js'
import rule from './trace-enable.js'

testRule(rule, {
  valid: [{code: 'TraceEnable Off\n'}, {code: 'TraceEnable off\n<VirtualHost *:80>\n</VirtualHost>\n'}],
  invalid: [
    {name: 'missing: the default is On', code: 'Listen 80\n', output: 'Listen 80\nTraceEnable Off\n', findings: [{line: 1, column: 1, fix: 'safe', message: /^Unexpected default `TraceEnable On`/}]},
    {name: 'extended', code: 'TraceEnable extended\n', output: 'TraceEnable Off\n', findings: [{line: 1, column: 1}]},
    {
      name: 'a continuation inside the value: the whole value is replaced',
      code: 'TraceEnable O\\\nn\n',
      output: 'TraceEnable Off\n',
      findings: [{line: 1, column: 1, message: /^Unexpected `TraceEnable O\\\nn`/}],
    },
  ],
})
