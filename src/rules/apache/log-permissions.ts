import {defineRule} from '../../core/rule.js'
import type {ApacheConfig} from '../../formats/apache/semantics.js'
import {whereIs} from './_setting.js'

/** Log files are not readable by every user of the host. */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/log-permissions',
  format: 'apache',
  severity: 'warning',
  fix: 'none',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'The log files httpd writes cannot be read by every user of the host.',
    why: 'Access logs hold the addresses of visitors, the pages they asked for, and often tokens or session ids in URLs; error logs hold paths and messages of the applications. The guides ask that log files be readable only by the users and groups that need them (Debian: root and adm, mode 640). Checked where the system\'s files can be read: the configuration named by its system path, or with --root. Modes are never changed: that is for the administrator and logrotate\'s `create` line.',
    examples: [
      {
        bad: 'ErrorLog /var/log/apache2/error.log\nCustomLog /var/log/apache2/access.log combined\n',
        good: 'ErrorLog /var/log/apache2/error.log\nCustomLog /var/log/apache2/access.log combined\n',
        files: {'/var/log/apache2/error.log': {content: '', mode: 0o644}, '/var/log/apache2/access.log': {content: '', mode: 0o640}},
      },
    ],
    fixSafety: 'No fix: harden-config never changes file modes. Run `chmod o-r` on the file, and set the mode in logrotate\'s `create` line so that rotation keeps it.',
    references: [
      {title: 'Nectar: Security API, Securing Apache (the permission of log files should only allow the required users and groups)'},
      {title: 'Nectar: Security guidelines, 13. Using best practices for logging'},
      {title: 'CIS Apache HTTP Server 2.4 Benchmark: Ensure the Log Files Are Not Accessible by Other Users'},
    ],
  },
  check(config, context) {
    for (const file of config.logFiles ?? []) {
      if (file.stat === undefined) continue
      const mode = file.stat.mode
      if ((mode & 0o006) === 0) continue
      const what = mode & 0o002 ? 'write' : 'read'
      context.report({
        severity: mode & 0o002 ? 'error' : 'warning',
        message: `Unexpected mode ${(mode & 0o777).toString(8).padStart(3, '0')} of ${file.path} (${file.entry.directive.name.value}${whereIs(file.entry)}): every user of the host can ${what} it`,
        file: file.entry.document.path,
        position: file.entry.directive.position!,
      })
    }
  },
})
