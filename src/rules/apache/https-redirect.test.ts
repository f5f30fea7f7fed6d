import {testRule} from '../../../test/rule-tester.js'
import rule from './https-redirect.js'

testRule(rule, {
  valid: [
    {code: '<VirtualHost *:80>\n\tServerName a.example\n\tRedirect permanent / https://a.example/\n</VirtualHost>\n'},
    {code: '<VirtualHost *:80>\n\tRewriteEngine On\n\tRewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]\n</VirtualHost>\n'},
    {code: '<VirtualHost *:443>\n\tDocumentRoot /srv\n</VirtualHost>\n'},
  ],
  invalid: [
    {
      name: "Debian's 000-default.conf: no ServerName, no proposal",
      code: '<VirtualHost *:80>\n\tServerAdmin webmaster@localhost\n\tDocumentRoot /var/www/html\n</VirtualHost>\n',
      output: null,
      findings: [{line: 1, column: 1, fix: 'none', message: 'Unexpected content over plain HTTP in <VirtualHost *:80>: expected a redirect to HTTPS'}],
    },
    {
      name: 'with a ServerName: a suggestion, never applied',
      code: '<VirtualHost 192.0.2.1:80>\n\tServerName www.example.org\n\tDocumentRoot /srv\n</VirtualHost>\n',
      output: null,
      findings: [{line: 1, column: 1, fix: 'suggestion'}],
    },
  ],
})
