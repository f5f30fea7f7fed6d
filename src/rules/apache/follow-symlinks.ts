import {defineRule} from '../../core/rule.js'
import {removeArgument, replaceArgument} from '../../formats/apache/edit.js'
import {activeEntries, enclosing, optionsKind, optionWords, type ApacheConfig} from '../../formats/apache/semantics.js'
import {whereIs} from './_setting.js'

/** Links are followed only to files of the same owner (`SymLinksIfOwnerMatch`). */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/follow-symlinks',
  format: 'apache',
  severity: 'info',
  fix: 'unsafe',
  profile: 'strict',
  options: {},
  docs: {
    summary: '`SymLinksIfOwnerMatch` rather than `FollowSymLinks`, outside `<Directory />`.',
    why: 'With `FollowSymLinks`, anyone who can write a folder httpd serves (a user\'s public_html, an upload area) can link to any file httpd may read, such as another site\'s configuration with its database password. `SymLinksIfOwnerMatch` follows a link only when it and its target have the same owner. `<Directory />`, which serves nothing, is left alone.',
    examples: [
      {bad: '<Directory /var/www/>\n\tOptions FollowSymLinks\n</Directory>\n', good: '<Directory /var/www/>\n\tOptions SymLinksIfOwnerMatch\n</Directory>\n'},
      {bad: '<Directory /srv>\n\tOptions +FollowSymLinks -Indexes\n</Directory>\n', good: '<Directory /srv>\n\tOptions +SymLinksIfOwnerMatch -Indexes\n</Directory>\n'},
    ],
    fixSafety: 'Unsafe: links whose target has another owner (a deployment that links into a shared folder) stop being followed, and httpd checks every link, which costs a little time per request.',
    references: [
      {title: 'Apache httpd: Security Tips, Server Side Includes and symbolic links', url: 'https://httpd.apache.org/docs/2.4/misc/security_tips.html'},
      {title: 'Apache httpd: Options', url: 'https://httpd.apache.org/docs/2.4/mod/core.html#options'},
    ],
  },
  check(config, context) {
    for (const entry of activeEntries(config, 'Options')) {
      const directory = enclosing(entry, 'directory')
      if (directory !== undefined && directory.args[0] === '/') continue
      const words = optionWords(entry.args)
      const kind = optionsKind(words)
      if (kind === 'mixed' || kind === 'based' || !entry.literal) continue
      const follow = words.find((word) => word.name === 'followsymlinks' && word.sign !== '-')
      if (follow === undefined) continue
      const hasOwnerMatch = words.some((word) => word.name === 'symlinksifownermatch' && word.sign !== '-')
      context.report({
        message: `Unexpected \`${entry.args[follow.index]}\`${whereIs(entry)}, expected \`${follow.sign}SymLinksIfOwnerMatch\`: links are followed to files of any owner`,
        file: entry.document.path,
        position: entry.directive.arguments[follow.index]!.position!,
        fix: {
          safety: 'unsafe',
          title: `Use \`${follow.sign}SymLinksIfOwnerMatch\` instead of \`${follow.sign}FollowSymLinks\``,
          risk: 'Links whose target has another owner stop being followed (403 Forbidden).',
          edits: [hasOwnerMatch ? removeArgument(entry.document, entry.directive, follow.index) : replaceArgument(entry.document, entry.directive, follow.index, `${follow.sign}SymLinksIfOwnerMatch`)],
        },
      })
    }
  },
})
