import {defineRule} from '../../core/rule.js'
import {insertIntoSection} from '../../formats/apache/edit.js'
import {activeSections, entriesIn, type ApacheConfig} from '../../formats/apache/semantics.js'

/** Directives that send a client elsewhere. */
const REDIRECTS = new Set(['redirect', 'redirectmatch', 'redirectpermanent', 'redirecttemp', 'rewriterule'])

/** A virtual host on port 80 only sends its clients to HTTPS. */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/https-redirect',
  format: 'apache',
  severity: 'info',
  fix: 'suggestion',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'A virtual host on port 80 only redirects to HTTPS.',
    why: 'Over plain HTTP, passwords, cookies and pages cross the network readable and changeable by anyone on the path. The guides ask for HTTPS, with HTTP used only to redirect. The redirect is proposed, never applied: it needs a certificate and an HTTPS virtual host first.',
    examples: [
      {
        bad: '<VirtualHost *:80>\n\tServerName www.example.org\n\tDocumentRoot /var/www/html\n</VirtualHost>\n',
        good: '<VirtualHost *:80>\n\tServerName www.example.org\n\tRedirect permanent / https://www.example.org/\n</VirtualHost>\n',
      },
    ],
    fixSafety: 'A suggestion: it takes the site off plain HTTP, which only works once an HTTPS virtual host with a valid certificate serves it (Let\'s Encrypt gives one).',
    references: [
      {title: 'Alliance: Security considerations when running a VM (in many cases HTTP should only be used to redirect traffic to HTTPS)'},
      {title: 'Nectar: Security guidelines, 10. Use Encrypted Communications'},
      {title: 'Apache httpd: Redirect', url: 'https://httpd.apache.org/docs/2.4/mod/mod_alias.html#redirect'},
    ],
  },
  check(config, context) {
    for (const host of activeSections(config, 'virtualhost')) {
      if (!host.args.some((address) => /:80$/.test(address))) continue
      const inside = entriesIn(config, host.section)
      if (inside.some((entry) => REDIRECTS.has(entry.name) && entry.args.some((arg) => /^https:/i.test(arg) || arg === 'permanent' || /^30[1278]$/.test(arg)))) continue
      const name = inside.find((entry) => entry.name === 'servername')?.args[0]
      context.report({
        message: `Unexpected content over plain HTTP in <VirtualHost ${host.args.join(' ')}>: expected a redirect to HTTPS`,
        file: host.document.path,
        position: host.section.open.position!,
        fix:
          name === undefined
            ? undefined
            : {
                safety: 'suggestion',
                title: `Redirect to https://${name}/`,
                risk: 'Only once an HTTPS virtual host with a valid certificate serves the site; remove the DocumentRoot of this one then.',
                edits: [insertIntoSection(host.document, host.section, 'Redirect', ['permanent', '/', `https://${name}/`], config.main)],
              },
      })
    }
  },
})
