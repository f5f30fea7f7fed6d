import {defineRule} from '../../core/rule.js'
import {describeDirective, removeArgument, replaceArgument, setArguments} from '../../formats/apache/edit.js'
import {activeEntries, activeSections, entriesIn, optionsKind, optionWords, type ApacheConfig} from '../../formats/apache/semantics.js'

/** The folders mod_userdir publishes allow no overrides and no CGI. */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/userdir-directory',
  format: 'apache',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Where `~/public_html` stays published, its `<Directory>` has `AllowOverride None` and no CGI or server-side exec.',
    why: 'Every user can write their own public_html. With overrides allowed, their `.htaccess` can change how httpd serves it (Debian allows `FileInfo AuthConfig Limit Indexes`); with `ExecCGI` or `Includes`, any user can run programs as the web server. Listings (`Indexes`) are the business of apache/directory-listing.',
    examples: [
      {
        bad: 'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\nUserDir public_html\n<Directory /home/*/public_html>\n\tAllowOverride FileInfo AuthConfig Limit Indexes\n\tOptions MultiViews SymLinksIfOwnerMatch Includes ExecCGI\n</Directory>\n',
        good: 'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\nUserDir public_html\n<Directory /home/*/public_html>\n\tAllowOverride None\n\tOptions MultiViews SymLinksIfOwnerMatch IncludesNoExec\n</Directory>\n',
      },
    ],
    fixSafety: 'Unsafe: users\' `.htaccess` files (redirects, password protection) stop working, and so do their CGI scripts; check who relies on them.',
    references: [
      {title: 'Nectar: Security API, Securing Apache (restrict $HOME/public_html in userdir.conf)'},
      {title: 'Apache httpd: Per-user web directories', url: 'https://httpd.apache.org/docs/2.4/howto/public_html.html'},
    ],
  },
  check(config, context) {
    if (!config.fragment && !config.modules.has('userdir_module')) return
    // The folders UserDir publishes: the arguments of its path lines (not of its
    // `enabled`/`disabled` lines), by their last named part (`public_html`).
    const names = new Set(
      activeEntries(config, 'UserDir')
        .filter((entry) => !/^(?:enabled|disabled)$/i.test(entry.args[0] ?? ''))
        .flatMap((entry) => entry.args)
        .filter((arg) => !/^https?:/i.test(arg))
        .map((arg) => arg.split('/').filter((part) => part !== '' && part !== '*').at(-1))
        .filter((name): name is string => name !== undefined),
    )
    if (names.size === 0) return
    for (const section of [...activeSections(config, 'directory'), ...activeSections(config, 'directorymatch')]) {
      const path = section.args.at(-1) ?? ''
      if (![...names].some((name) => path.includes(name))) continue
      const inside = entriesIn(config, section.section)
      const override = inside.filter((entry) => entry.name === 'allowoverride').at(-1)
      if (override !== undefined && override.args.join(' ').toLowerCase() !== 'none') {
        context.report({
          message: `Unexpected \`${describeDirective(override.directive)}\` in <Directory ${path}>, expected \`AllowOverride None\`: every user's .htaccess can change how httpd serves their pages`,
          file: override.document.path,
          position: override.directive.position!,
          fix: {safety: 'unsafe', title: 'Set `AllowOverride None`', risk: 'Users\' .htaccess files stop applying.', edits: [setArguments(override.document, override.directive, ['None'])]},
        })
      }
      for (const options of inside.filter((entry) => entry.name === 'options')) {
        const words = optionWords(options.args)
        if (optionsKind(words) === 'mixed' || !options.literal) continue
        for (const word of words) {
          if (word.sign === '-') continue
          if (word.name === 'execcgi' || word.name === 'includes' || word.name === 'all') {
            const edit =
              word.name === 'includes'
                ? replaceArgument(options.document, options.directive, word.index, `${word.sign}IncludesNoExec`)
                : word.name === 'all'
                  ? // `All -X` must keep an unsigned base that httpd accepts before signed words.
                    replaceArgument(options.document, options.directive, word.index, optionsKind(words) === 'based' ? 'None' : 'SymLinksIfOwnerMatch')
                  : removeArgument(options.document, options.directive, word.index)
            context.report({
              message: `Unexpected \`${options.args[word.index]}\` in the Options of <Directory ${path}>: every user can run programs as the web server`,
              file: options.document.path,
              position: options.directive.arguments[word.index]!.position!,
              fix: {safety: 'unsafe', title: word.name === 'includes' ? 'Use `IncludesNoExec`' : word.name === 'all' ? 'Replace `All` with `SymLinksIfOwnerMatch`' : 'Remove `ExecCGI`', risk: 'Users\' CGI scripts or server-side exec stop working.', edits: [edit]},
            })
          }
        }
      }
    }
  },
})
