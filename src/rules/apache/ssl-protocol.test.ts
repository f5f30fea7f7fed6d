import {testRule} from '../../../test/rule-tester.js'
import rule from './ssl-protocol.js'

const ssl = 'LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n'

testRule(rule, {
  valid: [
    {code: 'SSLProtocol all\n', name: 'mod_ssl not loaded'},
    {code: `${ssl}SSLProtocol -all +TLSv1.2 +TLSv1.3\n`},
    {code: `${ssl}SSLProtocol TLSv1.2\n`},
    {code: `${ssl}SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n`},
  ],
  invalid: [
    {
      name: "Debian's ssl.conf",
      code: `${ssl}<IfModule mod_ssl.c>\n\tSSLProtocol all -SSLv3\n</IfModule>\n`,
      output: `${ssl}<IfModule mod_ssl.c>\n\tSSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n</IfModule>\n`,
      findings: [{line: 3, column: 2, fix: 'unsafe', message: 'Unexpected `SSLProtocol all -SSLv3`, expected `SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1`: it offers TLSv1, TLSv1.1'}],
    },
    {
      name: 'a virtual host',
      code: `${ssl}SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n<VirtualHost *:443>\n\tSSLProtocol +TLSv1 +TLSv1.2\n</VirtualHost>\n`,
      output: `${ssl}SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n<VirtualHost *:443>\n\tSSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n</VirtualHost>\n`,
      findings: [{line: 4, column: 2, message: /in <VirtualHost \*:443>/}],
    },
  ],
})
