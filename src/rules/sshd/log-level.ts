import {oneOf} from '../../core/options.js'
import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {checkSetting, oneOfWords} from './_setting.js'

/** Logins are logged with the key that was used (`LogLevel VERBOSE`). */
export default defineRule<SshdConfig, {level: 'VERBOSE' | 'INFO'}>({
  id: 'sshd/log-level',
  format: 'sshd',
  severity: 'info',
  fix: 'safe',
  profile: 'strict',
  options: {
    level: oneOf(['VERBOSE', 'INFO'], 'VERBOSE', 'The level to ask for: `VERBOSE` (the default) also accepts nothing below it; `INFO` accepts `INFO` and `VERBOSE`.'),
  },
  docs: {
    summary: 'sshd logs at `VERBOSE`, which names the key of every login (option `level`).',
    why: 'At the default `INFO`, the log says who logged in but not with which key, so a stolen key cannot be traced in the logs. The benchmarks accept `INFO` or `VERBOSE`; `VERBOSE` is asked for here because the guides ask for logs that show what happened. `DEBUG` levels log private data and are reported too.',
    examples: [
      {bad: 'LogLevel INFO\n', good: 'LogLevel VERBOSE\n'},
      {bad: 'LogLevel DEBUG3\n', good: 'LogLevel INFO\n', options: {level: 'INFO'}},
    ],
    fixSafety: 'Safe: it changes only what is logged.',
    references: [
      {title: 'CSC cPouta: Security guidelines (use best-practices for logging)'},
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd LogLevel is configured'},
      {title: 'sshd_config(5): LogLevel', url: 'https://man.openbsd.org/sshd_config#LogLevel'},
    ],
  },
  check(config, context) {
    const {level} = context.options
    checkSetting(config, context, {
      keyword: 'LogLevel',
      accepts: level === 'VERBOSE' ? oneOfWords('VERBOSE') : oneOfWords('INFO', 'VERBOSE'),
      target: level,
      safety: 'safe',
      consequence: level === 'VERBOSE' ? 'the log does not say which key was used to log in' : 'the log level is off the recommended range',
      feature: 'another log level',
    })
  },
})
