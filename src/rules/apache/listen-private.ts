import {boolean} from '../../core/options.js'
import {defineRule} from '../../core/rule.js'
import {replaceArgument} from '../../formats/apache/edit.js'
import {listenAddresses, type ApacheConfig} from '../../formats/apache/semantics.js'

/** A web server that is not meant to be public listens on loopback only. */
export default defineRule<ApacheConfig, {private: boolean}>({
  id: 'apache/listen-private',
  format: 'apache',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {
    private: boolean(false, 'The web server is not meant to be reached from other hosts (a local dashboard, a backend behind a proxy on the same host): report every `Listen` that is not on loopback.'),
  },
  docs: {
    summary: 'With the option `private`, httpd listens on 127.0.0.1 only.',
    why: 'A service that only this host uses (a status page, an application behind a local proxy) gains nothing from listening on every address, and is then exposed to the whole network, firewall mistakes included. The guides say: "If you don\'t want your Apache web service available to public, use the Listen directive: Listen 127.0.0.1:80". Off unless the option says the server is private.',
    examples: [{bad: 'Listen 80\n', good: 'Listen 127.0.0.1:80\n', options: {private: true}}],
    fixSafety: 'Unsafe: every client on another host loses the site. Only for a server meant to be private.',
    references: [
      {title: 'Nectar: Security API, Securing Apache (Listen 127.0.0.1:80)'},
      {title: 'Nectar: Security guidelines, 15. Securing Apache'},
      {title: 'Apache httpd: Listen', url: 'https://httpd.apache.org/docs/2.4/mod/mpm_common.html#listen'},
    ],
  },
  check(config, context) {
    if (!context.options.private) return
    for (const address of listenAddresses(config)) {
      if (address.loopback) continue
      const wanted = `127.0.0.1:${address.port}`
      context.report({
        message: `Unexpected \`Listen ${address.entry.args.join(' ')}\`, expected \`Listen ${wanted}\`: the private web server can be reached from other hosts`,
        file: address.entry.document.path,
        position: address.entry.directive.position!,
        fix: !address.entry.literal ? undefined : {
          safety: 'unsafe',
          title: `Set \`Listen ${wanted}\``,
          risk: 'Clients on other hosts can no longer reach the site.',
          edits: [replaceArgument(address.entry.document, address.entry.directive, 0, wanted)],
        },
      })
    }
  },
})
