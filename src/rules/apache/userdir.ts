import {list} from '../../core/options.js'
import {defineRule} from '../../core/rule.js'
import {insertLinesAfter, describeDirective} from '../../formats/apache/edit.js'
import {activeEntries, atServerLevel, enclosing, type ApacheConfig, type ApacheEntry} from '../../formats/apache/semantics.js'
import {whereIs} from './_setting.js'

/** Whether a `UserDir` line is a bare switch (`UserDir disabled` or `UserDir enabled` alone). */
function bareSwitch(entry: ApacheEntry): 'enabled' | 'disabled' | undefined {
  const [word, ...rest] = entry.args
  const lower = word?.toLowerCase()
  return rest.length === 0 && (lower === 'enabled' || lower === 'disabled') ? lower : undefined
}

/** No public `~user` pages (`UserDir disabled`), or only for listed users. */
export default defineRule<ApacheConfig, {users: string[]}>({
  id: 'apache/userdir',
  format: 'apache',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {
    users: list(/^[a-z_][a-z0-9_.-]*\$?$/i, [], 'Users whose ~user pages stay published (`UserDir enabled user...`); empty: none.', 'user names'),
  },
  docs: {
    summary: 'mod_userdir publishes no one\'s `~/public_html`, unless the option `users` names them.',
    why: 'Debian\'s mod_userdir publishes `/home/*/public_html` of every account as `http://host/~user/` (all but root). Whatever a user drops there, or a program writes, is on the web, and the account names are there to guess. The guides ask to restrict it. httpd uses the last bare `UserDir disabled`/`UserDir enabled` read, so the fix adds `UserDir disabled` after the existing lines, then `UserDir enabled` for the users the option names.',
    examples: [
      {
        bad: 'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\n<IfModule mod_userdir.c>\n\tUserDir public_html\n\tUserDir disabled root\n</IfModule>\n',
        good: 'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\n<IfModule mod_userdir.c>\n\tUserDir public_html\n\tUserDir disabled root\n\tUserDir disabled\n</IfModule>\n',
      },
      {bad: 'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\nUserDir public_html\n', good: 'LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\nUserDir public_html\nUserDir disabled\nUserDir enabled alice\n', options: {users: ['alice']}},
    ],
    fixSafety: 'Unsafe: the users\' pages go offline (404). Name the users who need them with the option `users`.',
    references: [
      {title: 'Nectar: Security API, Securing Apache (restrict $HOME/public_html in userdir.conf)'},
      {title: 'Nectar: Security guidelines, 15. Securing Apache'},
      {title: 'Apache httpd: UserDir', url: 'https://httpd.apache.org/docs/2.4/mod/mod_userdir.html#userdir'},
    ],
  },
  check(config, context) {
    if (!config.fragment && !config.modules.has('userdir_module')) return
    const {users} = context.options
    const lines = activeEntries(config, 'UserDir')
    // The main server and each virtual host with UserDir lines of its own.
    const groups = new Map<unknown, ApacheEntry[]>()
    for (const entry of lines) {
      const key = atServerLevel(entry) ? 'server' : (enclosing(entry, 'virtualhost')?.section ?? 'server')
      groups.set(key, [...(groups.get(key) ?? []), entry])
    }
    for (const entries of groups.values()) {
      const switches = entries.filter((entry) => bareSwitch(entry) !== undefined)
      const published = entries.some((entry) => bareSwitch(entry) === undefined && entry.args[0]?.toLowerCase() !== 'disabled' && entry.args[0]?.toLowerCase() !== 'enabled')
      const last = switches.at(-1)
      if (last !== undefined && bareSwitch(last) === 'disabled') continue
      if (!published && last === undefined) continue
      const anchor = entries.at(-1)!
      const add = ['UserDir disabled', ...(users.length > 0 ? [`UserDir enabled ${users.join(' ')}`] : [])]
      context.report({
        message:
          last !== undefined
            ? `Unexpected \`${describeDirective(last.directive)}\`${whereIs(last)}, expected \`UserDir disabled\`: every user's ~/public_html is on the web`
            : `Unexpected \`${describeDirective(anchor.directive)}\`${whereIs(anchor)} without \`UserDir disabled\`: every user's ~/public_html is on the web`,
        file: (last ?? anchor).document.path,
        position: (last ?? anchor).directive.position!,
        fix: {
          safety: 'unsafe',
          title: users.length > 0 ? `Publish ~user pages only for ${users.join(', ')}` : 'Add `UserDir disabled`',
          risk: users.length > 0 ? `The pages of every user but ${users.join(', ')} go offline.` : 'Every user\'s ~/public_html pages go offline (404).',
          edits: [insertLinesAfter(anchor.document, anchor.directive, add, config.main)],
        },
      })
    }
  },
})
