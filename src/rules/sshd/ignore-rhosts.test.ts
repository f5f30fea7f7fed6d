import {testRule} from '../../../test/rule-tester.js'
import rule from './ignore-rhosts.js'

testRule(rule, {
  valid: [{code: 'Port 22\n', name: 'the default is yes'}, {code: 'IgnoreRhosts yes\n'}],
  invalid: [
    {code: 'IgnoreRhosts no\n', output: 'IgnoreRhosts yes\n', findings: [{line: 1, column: 1, fix: 'unsafe', message: "Unexpected `IgnoreRhosts no`, expected `IgnoreRhosts yes`: users can let other hosts' users in as themselves"}]},
    {name: 'shosts-only still reads .shosts', code: 'IgnoreRhosts shosts-only\n', output: 'IgnoreRhosts yes\n', findings: [{line: 1, column: 1}]},
  ],
})
