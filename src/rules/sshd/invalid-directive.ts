import {defineRule} from '../../core/rule.js'
import {describeCondition, keywordName, misplacedInMatch, type SshdConfig} from '../../formats/sshd/semantics.js'

/** Lines sshd rejects or skips: a keyword without a value, a global keyword inside Match, a stray line. */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/invalid-directive',
  format: 'sshd',
  severity: 'error',
  fix: 'none',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Every line is one sshd accepts where it stands.',
    why: 'sshd refuses to start on a keyword without a value ("no argument after keyword") and on a keyword that only makes sense for the whole server inside a Match block (`Port`, `Ciphers`, ...: "Directive is not allowed within a Match block"). A line that is neither a keyword nor a comment is skipped, which hides what its author meant. A server that does not start after an edit is a lock-out of its own.',
    examples: [
      {bad: 'PermitRootLogin\n', good: 'PermitRootLogin no\n'},
      {bad: 'Match User alice\n    Port 2222\n', good: 'Port 2222\nMatch User alice\n'},
    ],
    fixSafety: 'No fix: what the line should say cannot be guessed.',
    references: [{title: 'sshd_config(5): Match', url: 'https://man.openbsd.org/sshd_config#Match'}],
  },
  check(config, context) {
    for (const entry of config.entries) {
      const name = keywordName(entry.directive)
      if (entry.directive.arguments.length === 0) {
        context.report({
          message: `Missing value after \`${name}\`: sshd refuses to start on a keyword without an argument`,
          file: entry.document.path,
          position: entry.directive.position!,
        })
      } else if (misplacedInMatch(config, entry)) {
        context.report({
          message: `Unexpected \`${name}\` in \`${entry.conditions.map(describeCondition).join(' and ')}\`: sshd refuses it inside a Match block; it can only be set for the whole server`,
          file: entry.document.path,
          position: entry.directive.position!,
        })
      }
    }
    for (const doc of config.documents) {
      for (const node of doc.tree.children) {
        const lines = node.type === 'match' ? node.children : [node]
        for (const line of lines) {
          if (line.type !== 'invalid') continue
          context.report({
            severity: 'warning',
            message: `Unexpected \`${line.value.trim()}\`: sshd skips this line, it is neither a keyword nor a comment`,
            file: doc.path,
            position: line.position!,
          })
        }
      }
    }
  },
})
