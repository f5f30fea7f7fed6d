import {defineRule} from '../../core/rule.js'
import {removeArgument, replaceArgument, setArguments} from '../../formats/apache/edit.js'
import {activeEntries, optionsKind, optionWords, type ApacheConfig} from '../../formats/apache/semantics.js'
import {whereIs} from './_setting.js'

/** No directory listings (`Options` without `Indexes`). */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/directory-listing',
  format: 'apache',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'No `Options` turns on directory listings (`Indexes`).',
    why: 'With `Indexes`, a folder without an index page answers with the list of its files: backups, dumps and configuration copies that nobody linked become visible to anyone. Debian\'s `<Directory /var/www/>` has it. In an unsigned list `Indexes` is dropped; in a signed list `+Indexes` becomes `-Indexes`. httpd refuses a list that mixes signed and unsigned words, so none is written.',
    examples: [
      {bad: '<Directory /var/www/>\n\tOptions Indexes FollowSymLinks\n</Directory>\n', good: '<Directory /var/www/>\n\tOptions FollowSymLinks\n</Directory>\n'},
      {bad: '<Directory /srv>\n\tOptions +Indexes +FollowSymLinks\n</Directory>\n', good: '<Directory /srv>\n\tOptions -Indexes +FollowSymLinks\n</Directory>\n'},
      {bad: '<Location /files>\n\tOptions Indexes\n</Location>\n', good: '<Location /files>\n\tOptions None\n</Location>\n'},
    ],
    fixSafety: 'Unsafe: a folder without an index page that was browsed on purpose (a download area) answers 403 Forbidden instead of its listing. Check whether a listing is meant before applying it.',
    references: [
      {title: 'CIS Apache HTTP Server 2.4 Benchmark: Ensure Options for directories do not allow Indexes'},
      {title: 'Apache httpd: Options', url: 'https://httpd.apache.org/docs/2.4/mod/core.html#options'},
    ],
  },
  check(config, context) {
    for (const entry of activeEntries(config, 'Options')) {
      // A `${VAR}` that stands for several words: report, but edit no word by its index.
      const fixable = entry.literal
      const words = optionWords(entry.args)
      const kind = optionsKind(words)
      if (kind === 'mixed') {
        context.report({
          severity: 'error',
          message: `Unexpected \`Options ${entry.args.join(' ')}\`${whereIs(entry)}: it mixes signed and unsigned options, and httpd refuses that`,
          file: entry.document.path,
          position: entry.directive.position!,
        })
        continue
      }
      const risk = 'Folders without an index page answer 403 Forbidden instead of a listing of their files.'
      const where = whereIs(entry)
      // `All` alone, or `All` with signed words and no `-Indexes`: `All` includes Indexes, and
      // httpd reads `All -Indexes` (an unsigned base, then signed words).
      const allBase = words[0]?.name === 'all' && words[0].sign === '' && (kind === 'based' || words.length === 1)
      if (allBase && !words.some((word) => word.name === 'indexes' && word.sign === '-')) {
        const last = entry.directive.arguments.at(-1)!
        context.report({
          message: `Unexpected \`Options ${entry.args.join(' ')}\`${where}: \`All\` includes \`Indexes\`, so folders without an index page list their files`,
          file: entry.document.path,
          position: (fixable ? entry.directive.arguments[0]! : entry.directive).position!,
          fix: fixable ? {safety: 'unsafe', title: 'Add `-Indexes` after `All`', risk, edits: [{file: entry.document.path, start: last.position!.end.offset!, end: last.position!.end.offset!, text: ' -Indexes'}]} : undefined,
        })
      }
      for (const word of words) {
        if (word.name === 'all' && word.sign === '' && !allBase) {
          context.report({
            message: `Unexpected \`Options All\`${where}: \`All\` includes \`Indexes\`, so folders without an index page list their files`,
            file: entry.document.path,
            position: entry.directive.position!,
            fix: !fixable ? undefined : {
              safety: 'suggestion',
              title: 'Replace `All` by the options it stands for, without `Indexes`',
              risk: 'Check which of these options the site needs; `All` also turns on CGI and server-side includes.',
              // Several words in place of one: the replaced range is the word's, the text is not one word.
              edits: [{...replaceArgument(entry.document, entry.directive, word.index, 'All'), text: 'ExecCGI FollowSymLinks Includes SymLinksIfOwnerMatch'}],
            },
          })
          continue
        }
        if (word.name !== 'indexes' || word.sign === '-') continue
        if (!fixable) {
          context.report({
            message: `Unexpected \`${entry.args[word.index]}\` in \`Options\`${where}: folders without an index page list their files`,
            file: entry.document.path,
            position: entry.directive.position!,
            actual: entry.args[word.index],
          })
          continue
        }
        const edit =
          kind === 'signed' || kind === 'based'
            ? replaceArgument(entry.document, entry.directive, word.index, '-Indexes')
            : words.length === 1
              ? setArguments(entry.document, entry.directive, ['None'])
              : removeArgument(entry.document, entry.directive, word.index)
        context.report({
          message: `Unexpected \`${entry.args[word.index]}\` in \`Options\`${where}: folders without an index page list their files`,
          file: entry.document.path,
          position: (fixable ? entry.directive.arguments[word.index]! : entry.directive).position!,
          actual: entry.args[word.index],
          fix: fixable ? {safety: 'unsafe', title: kind === 'unsigned' ? 'Remove `Indexes` from `Options`' : 'Turn `+Indexes` into `-Indexes`', risk, edits: [edit]} : undefined,
        })
      }
    }
  },
})
