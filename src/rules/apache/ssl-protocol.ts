import {defineRule} from '../../core/rule.js'
import {appendServerLines, indentStep, setArguments} from '../../formats/apache/edit.js'
import {activeEntries, atServerLevel, DEFAULT_SSL_PROTOCOL, sslProtocols, type ApacheConfig} from '../../formats/apache/semantics.js'
import {START, whereIs} from './_setting.js'

/** The protocols no client should use any more. */
const OLD = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1']
/** What the fix writes: every protocol the library has, less the old ones. */
const TARGET = ['all', '-SSLv3', '-TLSv1', '-TLSv1.1']

/** mod_ssl offers no SSLv3, TLS 1.0 or TLS 1.1. */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/ssl-protocol',
  format: 'apache',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Where mod_ssl is used, `SSLProtocol` leaves out SSLv3, TLS 1.0 and TLS 1.1.',
    why: 'SSLv3 falls to POODLE, and TLS 1.0 and 1.1 are deprecated (RFC 8996): they lack modern ciphers and let an attacker push a connection down to them. mod_ssl\'s default, and Debian\'s `ssl.conf`, is `all -SSLv3`, which still offers TLS 1.0 and 1.1. The fix writes `all -SSLv3 -TLSv1 -TLSv1.1`, which every httpd 2.4 and OpenSSL read.',
    examples: [
      {bad: 'LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\nSSLProtocol all -SSLv3\n', good: 'LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\nSSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n'},
      {bad: 'LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n', good: 'LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n<IfModule ssl_module>\n\tSSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n</IfModule>\n'},
    ],
    fixSafety: 'Unsafe: clients that speak only TLS 1.1 or older (Windows 7 without updates, Android 4.3 and older, old embedded clients) can no longer connect.',
    references: [
      {title: 'Alliance: Security considerations when running a VM (use HTTPS)'},
      {title: 'RFC 8996: Deprecating TLS 1.0 and TLS 1.1', url: 'https://www.rfc-editor.org/rfc/rfc8996'},
      {title: 'CIS Apache HTTP Server 2.4 Benchmark: Ensure the TLSv1.0 and TLSv1.1 Protocols are Disabled'},
      {title: 'Apache httpd: SSLProtocol', url: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol'},
    ],
  },
  check(config, context) {
    if (!config.fragment && !config.modules.has('ssl_module')) return
    const all = activeEntries(config, 'SSLProtocol')
    const risk = 'Clients that speak only TLS 1.1 or older can no longer connect.'
    const title = `Set \`SSLProtocol ${TARGET.join(' ')}\``
    const server = all.filter(atServerLevel).at(-1)
    if (server === undefined && !config.fragment) {
      // mod_ssl's own default is weak; add the line where only mod_ssl reads it.
      const doc = config.main
      context.report({
        message: `Unexpected default \`SSLProtocol ${DEFAULT_SSL_PROTOCOL.join(' ')}\` (the configuration does not set it), expected \`SSLProtocol ${TARGET.join(' ')}\`: TLS 1.0 and 1.1 are offered`,
        file: doc.path,
        position: START,
        fix: {safety: 'unsafe', title, risk, edits: [appendServerLines(config, ['<IfModule ssl_module>', `${indentStep(doc)}SSLProtocol ${TARGET.join(' ')}`, '</IfModule>'])]},
      })
    }
    for (const entry of all) {
      const old = OLD.filter((protocol) => sslProtocols(entry.args).has(protocol))
      if (old.length === 0) continue
      context.report({
        message: `Unexpected \`SSLProtocol ${entry.args.join(' ')}\`${whereIs(entry)}, expected \`SSLProtocol ${TARGET.join(' ')}\`: it offers ${old.join(', ')}`,
        file: entry.document.path,
        position: entry.directive.position!,
        actual: old.join(','),
        fix: {safety: 'unsafe', title, risk, edits: [setArguments(entry.document, entry.directive, TARGET)]},
      })
    }
  },
})
