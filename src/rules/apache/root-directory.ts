import {defineRule} from '../../core/rule.js'
import {appendServerLines, indentStep, insertIntoSection, setArguments} from '../../formats/apache/edit.js'
import {activeSections, atServerLevel, entriesIn, type ApacheConfig} from '../../formats/apache/semantics.js'
import {START} from './_setting.js'

/** `<Directory />` denies everything and allows no `.htaccess` overrides. */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/root-directory',
  format: 'apache',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: '`<Directory />` has `Require all denied` and `AllowOverride None`.',
    why: 'The root of the file system is where every path falls back to. Denying it means httpd serves only what a `<Directory>` grants on purpose, whatever an `Alias` or a link points at; without `AllowOverride None`, httpd looks for `.htaccess` in every folder up from `/`, and any writable folder can change the rules. Debian ships it so.',
    examples: [
      {bad: '<Directory />\n\tRequire all granted\n\tAllowOverride All\n</Directory>\n', good: '<Directory />\n\tRequire all denied\n\tAllowOverride None\n</Directory>\n'},
      {bad: 'Listen 80\n', good: 'Listen 80\n<Directory />\n\tAllowOverride None\n\tRequire all denied\n</Directory>\n'},
    ],
    fixSafety: 'Unsafe: content outside the folders a `<Directory>` grants (an `Alias` to another folder without its own grant) stops being served.',
    references: [
      {title: 'CIS Apache HTTP Server 2.4 Benchmark: Ensure Access to OS Root Directory Is Denied By Default; Ensure OverRide Is Disabled for the OS Root Directory'},
      {title: 'Apache httpd: Security Tips, Protect Server Files by Default', url: 'https://httpd.apache.org/docs/2.4/misc/security_tips.html#protectserverfiles'},
    ],
  },
  check(config, context) {
    const roots = activeSections(config, 'directory').filter((section) => atServerLevel(section) && section.args[0] === '/')
    if (roots.length === 0) {
      if (config.fragment) return
      const doc = config.main
      const step = indentStep(doc)
      context.report({
        message: 'Missing `<Directory />`: every path httpd can reach through an Alias or a link is served unless something denies it',
        file: doc.path,
        position: START,
        fix: {
          safety: 'unsafe',
          title: 'Add `<Directory />` with `AllowOverride None` and `Require all denied`',
          risk: 'Content outside the folders a <Directory> grants stops being served.',
          edits: [appendServerLines(config, ['<Directory />', `${step}AllowOverride None`, `${step}Require all denied`, '</Directory>'])],
        },
      })
      return
    }
    // Sections of one path merge in order: the last `<Directory />` read decides.
    const root = roots.at(-1)!
    const inside = entriesIn(config, root.section)
    const requires = inside.filter((entry) => entry.name === 'require')
    const overrides = inside.filter((entry) => entry.name === 'allowoverride').at(-1)
    const denied = requires.length > 0 && requires.every((entry) => entry.args.join(' ').toLowerCase() === 'all denied')
    if (!denied) {
      const granted = requires.find((entry) => entry.args.join(' ').toLowerCase() !== 'all denied')
      context.report({
        message: granted ? `Unexpected \`Require ${granted.args.join(' ')}\` in <Directory />, expected \`Require all denied\`` : 'Missing `Require all denied` in <Directory />: access to the whole file system is left to other sections',
        file: (granted ?? root).document.path,
        position: granted ? granted.directive.position! : root.section.open.position!,
        fix: {
          safety: 'unsafe',
          title: 'Set `Require all denied` in <Directory />',
          risk: 'Content outside the folders a <Directory> grants stops being served.',
          edits: granted ? [setArguments(granted.document, granted.directive, ['all', 'denied'])] : [insertIntoSection(root.document, root.section, 'Require', ['all', 'denied'], config.main)],
        },
      })
    }
    if (overrides !== undefined && overrides.args.join(' ').toLowerCase() !== 'none') {
      context.report({
        message: `Unexpected \`AllowOverride ${overrides.args.join(' ')}\` in <Directory />, expected \`AllowOverride None\`: httpd reads .htaccess files all the way up from /`,
        file: overrides.document.path,
        position: overrides.directive.position!,
        fix: {safety: 'unsafe', title: 'Set `AllowOverride None` in <Directory />', risk: 'Rules in .htaccess files stop applying.', edits: [setArguments(overrides.document, overrides.directive, ['None'])]},
      })
    }
  },
})
