import {testRule} from '../../../test/rule-tester.js'
import rule from './directory-listing.js'

testRule(rule, {
  valid: [
    {code: '<Directory /var/www/>\n\tOptions FollowSymLinks\n</Directory>\n'},
    {code: 'Options -Indexes +FollowSymLinks\n'},
    {code: 'Options All -Indexes\n', name: 'an unsigned All, then signed words'},
    {code: '<IfModule mod_missing.c>\n\tOptions Indexes\n</IfModule>\n', name: 'inside a section that does not hold'},
  ],
  invalid: [
    {
      name: "Debian's <Directory /var/www/>",
      code: '<Directory /var/www/>\n\tOptions Indexes FollowSymLinks\n\tAllowOverride None\n\tRequire all granted\n</Directory>\n',
      output: '<Directory /var/www/>\n\tOptions FollowSymLinks\n\tAllowOverride None\n\tRequire all granted\n</Directory>\n',
      findings: [{line: 2, column: 10, fix: 'unsafe', message: 'Unexpected `Indexes` in `Options` in <Directory /var/www/>: folders without an index page list their files'}],
    },
    {name: 'the last word of a list', code: 'Options FollowSymLinks   Indexes\n', output: 'Options FollowSymLinks\n', findings: [{line: 1, column: 26}]},
    {name: 'signed', code: 'Options +FollowSymLinks +Indexes\n', output: 'Options +FollowSymLinks -Indexes\n', findings: [{line: 1, column: 25}]},
    {name: 'alone', code: 'Options Indexes\n', output: 'Options None\n', findings: [{line: 1, column: 9}]},
    {name: 'All: -Indexes added after it, which httpd accepts', code: 'Options All\n', output: 'Options All -Indexes\n', findings: [{line: 1, column: 9, fix: 'unsafe', message: 'Unexpected `Options All`: `All` includes `Indexes`, so folders without an index page list their files'}]},
    {name: 'All with other words: a suggestion', code: 'Options All MultiViews\n', output: null, findings: [{line: 1, column: 1, fix: 'suggestion'}]},
    {name: 'None +Indexes', code: 'Options None +Indexes\n', output: 'Options None -Indexes\n', findings: [{line: 1, column: 14}]},
    {
      name: 'mixed signed and unsigned: httpd refuses it, nothing is written',
      code: 'Options Indexes +FollowSymLinks\n',
      output: null,
      findings: [{line: 1, column: 1, fix: 'none', message: 'Unexpected `Options Indexes +FollowSymLinks`: it mixes signed and unsigned options, and httpd refuses that'}],
    },
    {
      name: 'a continuation between words is kept',
      code: 'Options Indexes \\\n\tFollowSymLinks\n',
      output: 'Options FollowSymLinks\n',
      findings: [{line: 1, column: 9}],
    },
  ],
})
