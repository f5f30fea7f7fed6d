import {defineRule, type Fix} from '../../core/rule.js'
import {replaceWord} from '../../formats/ntp/edit.js'
import {commandKeywords, daemonNames} from '../../formats/ntp/keywords.js'
import {wordValue} from '../../formats/ntp/lexer.js'
import {describeCommand, readCommand, type NtpConfig} from '../../formats/ntp/semantics.js'
import type {NtpCommand} from '../../formats/ntp/types.js'

/**
 * Every line is one the daemon reads as written: no syntax error, no include it cannot
 * open, no address it ignores, no `end`.
 */
export default defineRule<NtpConfig, Record<never, never>>({
  id: 'ntp/invalid-line',
  format: 'ntp',
  severity: 'error',
  fix: 'suggestion',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Every line is one the daemon reads as written: no syntax error, no include it cannot open, no address it ignores, no `end`.',
    why:
      'ntpd does not stop on a broken line: it logs `CONFIG: syntax error` and goes on, so a mistyped restriction is simply not there and nothing says so but a log line at start-up. Keywords are case-sensitive (`Restrict default noquery` is skipped whole); a line is read up to the first word that does not fit, and only that part applies when it is a whole command (`restrict default kod bogus noquery` applies `kod`, not `noquery`); a host name spelled like a keyword (`restrict ntp`) is a syntax error; `includefile` of a file that does not exist is logged and skipped. The two daemons differ: `unrestrict`, `nts` and `address/prefix` are NTPsec\'s, `broadcast`, `crypto` and `lowpriotrap` ntpd 4.2.8\'s; NTPsec ignores a `/0` prefix and restricts one host instead. `end` makes ntpd stop reading: whatever follows it, in this file and in the files that include it, is silently ignored. The rule reads the file as the configured daemon (`ntp.daemon`) does.',
    examples: [
      {bad: 'Restrict default kod nomodify noquery limited\n', good: 'restrict default kod nomodify noquery limited\n'},
      {bad: 'restrict default kod nomodify,noquery\n', good: 'restrict default kod nomodify noquery\n'},
    ],
    fixSafety: 'No fix is applied: what the line should say cannot be known, and a line that starts to count changes who ntpd serves. A keyword in the wrong case gets a suggestion with the right one.',
    references: [
      {title: 'NTPsec ntp.conf(5) and ntp_parser.y: the configuration grammar', url: 'https://docs.ntpsec.org/latest/ntp_conf.html'},
      {title: 'NTPsec ntpd: "CONFIG: syntax error in FILE line L, column C" (the rest of the file still applies)'},
    ],
  },
  check(config, context) {
    const daemon = config.daemon
    const name = daemonNames[daemon]
    const seen = new Set<NtpCommand>()
    for (const entry of config.entries) {
      // A file read twice is the same lines again.
      if (seen.has(entry.command)) continue
      seen.add(entry.command)
      const command = entry.command
      const reading = readCommand(command, daemon)
      const problem = reading.problem
      if (reading.kind === 'end') {
        context.report({
          severity: 'warning',
          message: `Unexpected \`end\`: ${name} stops reading here, so the lines after it, and the rest of every file that includes this one, are ignored`,
          file: entry.document.path,
          position: command.position!,
        })
        continue
      }
      if (problem !== undefined) {
        const at = problem.word ?? command.keyword
        const word = problem.word === undefined ? 'end of line' : `\`${problem.word.value}\``
        const applied = problem.appliesPrefix ? `applies only what comes before ${word}` : 'skips the line'
        const keyword = wordValue(command.keyword.value)
        const lower = [...commandKeywords[daemon]].find((known) => known !== keyword && known.toLowerCase() === keyword.toLowerCase())
        let fix: Fix | undefined
        if (problem.word === command.keyword && lower !== undefined) {
          fix = {
            safety: 'suggestion',
            title: `Write \`${lower}\``,
            risk: `The line starts to count once it is spelled \`${lower}\`: check that it says what is meant before correcting it.`,
            edits: [replaceWord(entry.document, command.keyword, lower)],
          }
        }
        context.report({
          message: `Unexpected ${word} in \`${describeCommand(command)}\`: ${problem.reason}; ${name} logs a syntax error and ${applied}`,
          file: entry.document.path,
          position: problem.word === undefined ? command.position! : at.position!,
          fix,
        })
        continue
      }
      if (reading.kind === 'restrict' && reading.target?.kind === 'unusable') {
        context.report({
          message: `Unexpected \`${describeCommand(command)}\`: ${reading.target.reason}; ${name} ignores the line`,
          file: entry.document.path,
          position: (command.type === 'restrict' ? command.address : undefined)?.position ?? command.position!,
        })
      }
      if (reading.kind === 'restrict' && reading.target?.kind === 'address' && reading.target.cidrIgnored) {
        context.report({
          message: `Unexpected \`${describeCommand(command)}\`: NTPsec ignores a prefix of 0 or one too long for the address, and restricts only the host ${command.type === 'restrict' && command.address !== undefined ? wordValue(command.address.value).replace(/\/.*$/, '') : ''}`,
          file: entry.document.path,
          position: (command.type === 'restrict' ? command.address : undefined)?.position ?? command.position!,
        })
      }
    }
    if (config.emptyMain && config.main.exists) {
      context.report({
        severity: 'info',
        message: `Unexpected empty file: ${name} logs a syntax error for a file of zero bytes, and runs on its built-in defaults`,
        file: config.main.path,
        position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}},
      })
    }
    for (const include of config.includes) {
      if (include.problem === undefined || include.entry === undefined) continue
      const command = include.entry.command
      context.report({
        message: `Unexpected \`${describeCommand(command)}\`: ${name} cannot read \`${include.path}\` (${include.problem}) and goes on without it`,
        file: include.entry.document.path,
        position: command.type === 'include' && command.path !== undefined ? command.path.position! : command.position!,
      })
    }
  },
})
