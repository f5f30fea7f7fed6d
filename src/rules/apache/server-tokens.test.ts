import {testRule} from '../../../test/rule-tester.js'
import rule from './server-tokens.js'

testRule(rule, {
  valid: [
    {code: 'ServerTokens Prod\n'},
    {code: 'servertokens productonly\n', name: 'names and words ignore case'},
    {code: 'ServerTokens Full\nServerTokens Prod\n', name: 'the last one wins'},
    {code: 'ServerTokens Prod\n', path: '/etc/apache2/conf-available/security.conf', name: 'a fragment alone'},
    {code: 'Listen 80\n', path: '/etc/apache2/conf-available/other.conf', name: 'a fragment that leaves it out is not reported'},
  ],
  invalid: [
    {
      name: 'Debian\'s security.conf, included from the main file: the fix lands in the real file behind the link',
      code: 'IncludeOptional conf-enabled/*.conf\n',
      files: {
        '/etc/apache2/conf-available/security.conf': '# Set to one of:  Full | OS | Minimal | Minor | Major | Prod\n#ServerTokens Minimal\nServerTokens OS\n#ServerTokens Full\n',
        '/etc/apache2/conf-enabled/security.conf': {link: '../conf-available/security.conf'},
      },
      output: null,
      outputFiles: {'/etc/apache2/conf-available/security.conf': '# Set to one of:  Full | OS | Minimal | Minor | Major | Prod\n#ServerTokens Minimal\nServerTokens Prod\n#ServerTokens Full\n'},
      findings: [{line: 3, column: 1, file: '/etc/apache2/conf-enabled/security.conf', fix: 'safe', message: 'Unexpected `ServerTokens OS`, expected `ServerTokens Prod`: every response tells the httpd version and the operating system'}],
    },
    {
      name: 'missing: the default is Full; added at the end of the main file',
      code: 'Listen 80\r\nIncludeOptional conf-enabled/*.conf',
      output: 'Listen 80\r\nIncludeOptional conf-enabled/*.conf\r\nServerTokens Prod',
      findings: [{line: 1, column: 1, message: /^Unexpected default `ServerTokens Full`/}],
    },
    {
      name: 'the last one wins: only it is changed',
      code: 'ServerTokens Prod\n<IfModule mod_foo.c>\n</IfModule>\nServerTokens Major\n',
      output: 'ServerTokens Prod\n<IfModule mod_foo.c>\n</IfModule>\nServerTokens Prod\n',
      findings: [{line: 4, column: 1}],
    },
    {
      name: 'inside a section that does not hold: it does not count',
      code: 'ServerTokens Minimal\n<IfModule mod_missing.c>\n\tServerTokens Prod\n</IfModule>\n',
      output: 'ServerTokens Prod\n<IfModule mod_missing.c>\n\tServerTokens Prod\n</IfModule>\n',
      findings: [{line: 1, column: 1}],
    },
  ],
})
