import {testRule} from '../../../test/rule-tester.js'
import rule from './log-level.js'

testRule(rule, {
  valid: [{code: 'LogLevel VERBOSE\n'}, {code: 'LogLevel verbose\n'}, {code: 'LogLevel INFO\n', options: {level: 'INFO'}}],
  invalid: [
    {
      name: 'missing: the default is INFO',
      code: 'Port 22\n',
      output: 'Port 22\nLogLevel VERBOSE\n',
      findings: [{line: 1, column: 1, fix: 'safe', message: /^Unexpected default `LogLevel INFO`/}],
    },
    {code: 'LogLevel DEBUG\n', output: 'LogLevel VERBOSE\n', findings: [{line: 1, column: 1, message: 'Unexpected `LogLevel DEBUG`, expected `LogLevel VERBOSE`: the log does not say which key was used to log in'}]},
    {name: 'inside a Match block: unsafe', code: 'LogLevel VERBOSE\nMatch User noisy\n  LogLevel QUIET\n', output: 'LogLevel VERBOSE\nMatch User noisy\n  LogLevel VERBOSE\n', findings: [{line: 3, column: 3, fix: 'unsafe'}]},
  ],
})
