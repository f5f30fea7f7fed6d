import {defineRule} from '../../core/rule.js'
import type {ApacheConfig} from '../../formats/apache/semantics.js'
import {checkApacheSetting, oneOfWords} from './_setting.js'

/** Error pages and listings carry no server signature (`ServerSignature Off`). */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/server-signature',
  format: 'apache',
  severity: 'warning',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Pages httpd makes itself (errors, listings) carry no signature (`ServerSignature Off`).',
    why: 'The signature at the foot of error pages names the httpd version, the host and the port, and with `EMail` the administrator\'s address. Debian ships `ServerSignature On`. A virtual host or directory can turn it back on: each is reported.',
    examples: [
      {bad: 'ServerSignature On\n', good: 'ServerSignature Off\n'},
      {bad: 'ServerSignature Off\n<VirtualHost *:80>\n\tServerSignature EMail\n</VirtualHost>\n', good: 'ServerSignature Off\n<VirtualHost *:80>\n\tServerSignature Off\n</VirtualHost>\n'},
    ],
    fixSafety: 'Safe: it changes only the text at the foot of error pages.',
    references: [
      {title: 'Nectar: Security guidelines, 15. Securing Apache'},
      {title: 'CIS Apache HTTP Server 2.4 Benchmark: Ensure ServerSignature is not enabled'},
      {title: 'Apache httpd: ServerSignature', url: 'https://httpd.apache.org/docs/2.4/mod/core.html#serversignature'},
    ],
  },
  check(config, context) {
    checkApacheSetting(config, context, {
      name: 'ServerSignature',
      accepts: oneOfWords('Off'),
      target: ['Off'],
      defaultValue: 'Off',
      safety: 'safe',
      consequence: 'error pages name the httpd version and the host',
    })
  },
})
