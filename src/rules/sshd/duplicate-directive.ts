import {defineRule} from '../../core/rule.js'
import {describeDirective, removeLine} from '../../formats/sshd/edit.js'
import {argumentValues, describeCondition, keywordName, type SshdConfig, type SshdEntry} from '../../formats/sshd/semantics.js'

/**
 * A later line of a keyword whose first value wins: sshd ignores it, and whoever reads the
 * file may believe it counts.
 */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/duplicate-directive',
  format: 'sshd',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'A keyword whose first value wins is set once in each scope.',
    why: 'For most keywords sshd uses the first value it reads and silently ignores the rest. A second `PasswordAuthentication yes` further down looks like it counts, and the next person to edit the file changes the wrong line. Keywords that add up (`Port`, `ListenAddress`, `AllowUsers`, `AcceptEnv`, `HostKey`, ...) are not reported. A second `Subsystem` of the same name makes sshd refuse to start.',
    examples: [
      {bad: 'PermitRootLogin no\nX11Forwarding no\nPermitRootLogin yes\n', good: 'PermitRootLogin no\nX11Forwarding no\n'},
    ],
    fixSafety:
      'Safe in the file that holds the value that counts: the line removed is one sshd ignores. When the value that counts is in another file (a drop-in read first), the line is only reported, with a suggestion, since the other file may be removed some day. Inside a Match block the fix is unsafe: Match blocks are never changed silently.',
    references: [{title: 'sshd_config(5): "Unless noted otherwise, for each parameter, the first obtained value will be used"', url: 'https://man.openbsd.org/sshd_config'}],
  },
  check(config, context) {
    // First entry per keyword and scope; a scope is the chain of Match lines (global: none).
    const firsts = new Map<string, SshdEntry>()
    for (const entry of config.entries) {
      const keyword = entry.keyword
      if (keyword === undefined || keyword.name === 'Match' || keyword.name === 'Include') continue
      const scope = entry.conditions.map((c) => `${c.document.path}:${c.head.position!.start.offset}`).join('|')
      // Subsystems add up by name; two of one name is fatal.
      const subsystem = keyword.name === 'Subsystem' ? `\0${argumentValues(entry.directive)[0] ?? ''}` : ''
      if (keyword.accumulates && subsystem === '') continue
      const key = `${keyword.name}${subsystem}\0${scope}`
      const first = firsts.get(key)
      // A file included twice is read twice: the same line again is no duplicate of itself.
      if (first?.directive === entry.directive) continue
      if (first === undefined) {
        firsts.set(key, entry)
        continue
      }
      const where = `${first.document.path}:${first.directive.position!.start.line}`
      const inMatch = entry.conditions.length > 0
      const sameFile = first.document === entry.document
      const fatal = subsystem !== ''
      context.report({
        message: fatal
          ? `Unexpected second \`Subsystem ${argumentValues(entry.directive)[0]}\`: sshd refuses to start with a subsystem defined twice (first at ${where})`
          : `Unexpected \`${describeDirective(entry.directive)}\`: sshd ignores it, the first \`${keywordName(first.directive)}\` (${where}) wins${inMatch ? ` in \`${entry.conditions.map(describeCondition).join(' and ')}\`` : ''}`,
        severity: fatal ? 'error' : sameFile ? 'warning' : 'info',
        file: entry.document.path,
        position: entry.directive.position!,
        related: [{file: first.document.path, position: first.directive.position!, message: 'The value sshd uses'}],
        fix: {
          safety: fatal || inMatch ? 'unsafe' : sameFile ? 'safe' : 'suggestion',
          title: `Remove the ignored \`${keywordName(entry.directive)}\` line`,
          risk: fatal
            ? 'Check which of the two subsystem lines is meant: this removes the second.'
            : inMatch
              ? 'The line is inside a Match block; sshd ignores it, but check that the first one is the one meant.'
              : sameFile
                ? undefined
                : `The value that counts is in ${first.document.path}; if that file goes away, this line would count again. Remove it by hand if it is not meant as a fallback.`,
          edits: [removeLine(entry.document, entry.directive)],
        },
      })
    }
  },
})
