import {defineRule} from '../../core/rule.js'
import {describeDirective, removeLine, renameKeyword} from '../../formats/sshd/edit.js'
import {atLeast, lookupKeyword} from '../../formats/sshd/keywords.js'
import {describeCondition, keywordName, type SshdConfig} from '../../formats/sshd/semantics.js'

/** Keywords sshd no longer uses, and old names of ones it does. */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/deprecated-keyword',
  format: 'sshd',
  severity: 'warning',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'No keyword that sshd ignores (`Protocol`, `UsePrivilegeSeparation`, `RSAAuthentication`, ...) and no old name of a keyword (`ChallengeResponseAuthentication`).',
    why: 'A deprecated keyword does nothing: `Protocol 2` or `UsePrivilegeSeparation sandbox` make a reader believe something is enforced that sshd no longer even reads, and sshd logs a warning on every start. An old name still works, under its new name: `ChallengeResponseAuthentication no` sets `KbdInteractiveAuthentication`, which is easy to miss when looking for it.',
    examples: [
      {bad: 'Protocol 2\nPort 22\n', good: 'Port 22\n'},
      {bad: 'ChallengeResponseAuthentication no\n', good: 'KbdInteractiveAuthentication no\n'},
    ],
    fixSafety: 'Safe: removing a line sshd ignores, or renaming a keyword to the name sshd reads it as, changes nothing sshd does. The new name is written only when the configured OpenSSH release (setting `sshd.version`) knows it. Inside a Match block the fix is unsafe, since Match blocks are never changed silently.',
    references: [
      {title: 'sshd_config(5): deprecated and alias keywords', url: 'https://man.openbsd.org/sshd_config'},
      {title: 'OpenSSH 7.4 release notes (SSH protocol 1 and UsePrivilegeSeparation removed)'},
    ],
  },
  check(config, context) {
    for (const entry of config.entries) {
      const written = entry.written
      if (written === undefined || (written.status !== 'deprecated' && written.status !== 'ignored' && written.status !== 'alias')) continue
      const inMatch = entry.conditions.length > 0
      const risk = inMatch ? `The line is inside \`${entry.conditions.map(describeCondition).join(' and ')}\`; the change does not alter what sshd does.` : undefined
      const safety = inMatch ? 'unsafe' : 'safe'
      if (written.status === 'alias') {
        const target = lookupKeyword(written.aliasOf!)!
        const usable = atLeast(config.version, target.since)
        context.report({
          message: `Unexpected \`${keywordName(entry.directive)}\`, expected \`${target.name}\`: it is an old name that sshd reads as \`${target.name}\``,
          file: entry.document.path,
          position: entry.directive.keyword.position!,
          actual: keywordName(entry.directive),
          expected: [target.name],
          fix: usable ? {safety, title: `Rename \`${keywordName(entry.directive)}\` to \`${target.name}\``, risk, edits: [renameKeyword(entry.document, entry.directive, target.name)]} : undefined,
        })
        continue
      }
      context.report({
        message:
          written.status === 'ignored'
            ? `Unexpected \`${describeDirective(entry.directive)}\`: sshd ignores \`${written.name}\` (only SSH protocol 2 is left)`
            : `Unexpected \`${describeDirective(entry.directive)}\`: \`${written.name}\` is deprecated, sshd ignores it and warns on every start`,
        file: entry.document.path,
        position: entry.directive.position!,
        fix: {safety, title: `Remove the ignored \`${keywordName(entry.directive)}\` line`, risk, edits: [removeLine(entry.document, entry.directive)]},
      })
    }
  },
})
