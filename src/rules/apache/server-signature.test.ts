import {testRule} from '../../../test/rule-tester.js'
import rule from './server-signature.js'

testRule(rule, {
  valid: [{code: 'Listen 80\n', name: 'the default is Off'}, {code: 'ServerSignature Off\n'}],
  invalid: [
    {code: 'ServerSignature On\n', output: 'ServerSignature Off\n', findings: [{line: 1, column: 1, fix: 'safe', message: 'Unexpected `ServerSignature On`, expected `ServerSignature Off`: error pages name the httpd version and the host'}]},
    {
      name: 'a virtual host and a directory turn it back on',
      code: 'ServerSignature Off\n<VirtualHost *:80>\n    ServerSignature EMail\n    <Directory /srv>\n        ServerSignature on\n    </Directory>\n</VirtualHost>\n',
      output: 'ServerSignature Off\n<VirtualHost *:80>\n    ServerSignature Off\n    <Directory /srv>\n        ServerSignature Off\n    </Directory>\n</VirtualHost>\n',
      findings: [
        {line: 3, column: 5, message: 'Unexpected `ServerSignature EMail` in <VirtualHost *:80>, expected `ServerSignature Off`: error pages name the httpd version and the host'},
        {line: 5, column: 9, message: /in <Directory \/srv>/},
      ],
    },
  ],
})
