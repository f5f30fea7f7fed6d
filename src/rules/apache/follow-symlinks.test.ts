import {testRule} from '../../../test/rule-tester.js'
import rule from './follow-symlinks.js'

testRule(rule, {
  valid: [
    {code: '<Directory />\n\tOptions FollowSymLinks\n\tRequire all denied\n</Directory>\n', name: '<Directory /> serves nothing'},
    {code: '<Directory /var/www/>\n\tOptions -FollowSymLinks\n</Directory>\n'},
  ],
  invalid: [
    {
      code: '<Directory /var/www/>\n\tOptions Indexes FollowSymLinks\n</Directory>\n',
      output: '<Directory /var/www/>\n\tOptions Indexes SymLinksIfOwnerMatch\n</Directory>\n',
      findings: [{line: 2, column: 18, fix: 'unsafe', message: 'Unexpected `FollowSymLinks` in <Directory /var/www/>, expected `SymLinksIfOwnerMatch`: links are followed to files of any owner'}],
    },
    {
      name: 'both: FollowSymLinks goes',
      code: 'Options FollowSymLinks SymLinksIfOwnerMatch\n',
      output: 'Options SymLinksIfOwnerMatch\n',
      findings: [{line: 1, column: 9}],
    },
  ],
})
