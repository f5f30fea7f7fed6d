import {testRule} from '../../../test/rule-tester.js'
import rule from './listen-private.js'

testRule(rule, {
  valid: [
    {code: 'Listen 80\n', name: 'off by default'},
    {code: 'Listen 127.0.0.1:80\nListen [::1]:8080\n', options: {private: true}},
  ],
  invalid: [
    {
      name: "Debian's ports.conf, private",
      code: 'Listen 80\n<IfModule ssl_module>\n\tListen 443\n</IfModule>\n',
      options: {private: true},
      output: 'Listen 127.0.0.1:80\n<IfModule ssl_module>\n\tListen 443\n</IfModule>\n',
      findings: [{line: 1, column: 1, fix: 'unsafe', message: 'Unexpected `Listen 80`, expected `Listen 127.0.0.1:80`: the private web server can be reached from other hosts'}],
    },
    {name: 'an address and a protocol', code: 'Listen 0.0.0.0:8443 https\n', options: {private: true}, output: 'Listen 127.0.0.1:8443 https\n', findings: [{line: 1, column: 1}]},
  ],
})
