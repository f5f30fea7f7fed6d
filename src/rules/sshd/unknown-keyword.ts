import {defineRule} from '../../core/rule.js'
import {renameKeyword} from '../../formats/sshd/edit.js'
import {atLeast, keywords} from '../../formats/sshd/keywords.js'
import {keywordName, type SshdConfig} from '../../formats/sshd/semantics.js'

/** The distance between two words (insertions, deletions, substitutions), without case. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  let row = Array.from({length: y.length + 1}, (_, i) => i)
  for (let i = 1; i <= x.length; i++) {
    const next = [i]
    for (let j = 1; j <= y.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)))
    row = next
  }
  return row[y.length]!
}

/** Keywords sshd does not know: it refuses to start. */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/unknown-keyword',
  format: 'sshd',
  severity: 'error',
  fix: 'suggestion',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Every keyword is one that the configured OpenSSH release knows.',
    why: 'sshd refuses to start on a keyword it does not know ("Bad configuration option"): a typo in `PermitRootLogn no` does not just fail to harden, it keeps the server from coming back after a restart. A keyword newer than the release the file is for (setting `sshd.version`) is refused the same way by that release.',
    examples: [{bad: 'PermitRootLogn no\n', good: 'PermitRootLogin no\n'}],
    fixSafety: 'A suggestion: the closest keyword is proposed, never applied, since a typo may stand for something else than the nearest word.',
    references: [{title: 'sshd_config(5)', url: 'https://man.openbsd.org/sshd_config'}],
  },
  check(config, context) {
    for (const entry of config.entries) {
      const name = keywordName(entry.directive)
      if (entry.written === undefined) {
        const closest = keywords
          .filter((k) => k.status === 'active' && atLeast(config.version, k.since))
          .map((k) => ({k, d: distance(name, k.name)}))
          .sort((a, b) => a.d - b.d)[0]
        const near = closest !== undefined && closest.d <= Math.max(2, Math.floor(name.length / 5)) ? closest.k.name : undefined
        context.report({
          message: `Unexpected keyword \`${name}\`${near ? `, expected \`${near}\`` : ''}: sshd refuses to start on a keyword it does not know`,
          file: entry.document.path,
          position: entry.directive.keyword.position!,
          actual: name,
          expected: near ? [near] : undefined,
          fix: near ? {safety: 'suggestion', title: `Rename \`${name}\` to \`${near}\``, risk: `Check that \`${near}\` is what was meant.`, edits: [renameKeyword(entry.document, entry.directive, near)]} : undefined,
        })
      } else if (!atLeast(config.version, entry.written.since)) {
        const [major, minor] = entry.written.since
        context.report({
          message: `Unexpected \`${entry.written.name}\` for OpenSSH ${config.version[0]}.${config.version[1]}: it needs ${major}.${minor}, and older releases refuse to start on it`,
          file: entry.document.path,
          position: entry.directive.keyword.position!,
        })
      }
    }
  },
})
