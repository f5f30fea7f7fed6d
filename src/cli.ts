/**
 * The command line: arguments to options, the library to do the work, then the patch on
 * standard output, the report on standard error, and an exit code scripts can rely on:
 *
 * - 0: nothing to change (no finding);
 * - 1: findings or changes (or a suppression comment that suppresses nothing, when those
 *   are errors);
 * - 2: an error (bad arguments, a missing or unreadable file, input the daemon would
 *   reject); nothing is written then.
 *
 * `run` is a plain function of its arguments and streams, so tests call it directly.
 */
import {accessSync, constants, existsSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {ConfigSyntaxError, HardenConfigError} from './core/errors.js'
import {nodeHost} from './core/host.js'
import {cachedHost} from './core/host-cache.js'
import {OptionError} from './core/options.js'
import type {Profile} from './core/rule.js'
import {allRules, formats} from './formats/index.js'
import {encodePatch, harden, type HardenInput, type HardenOptions} from './harden.js'
import {jsonReport, textReport} from './report.js'
import {sarifReport} from './sarif.js'
import {VERSION} from './version.js'
import {writeFiles} from './write.js'

/** Where the command reads and writes. */
export interface CliIo {
  stdout: {write(chunk: string | Uint8Array): unknown}
  stderr: {write(chunk: string): unknown}
  /** Reads all of standard input. */
  readStdin(): string
  cwd: string
}

const HELP = `Usage: harden-config [options] FILE...

Check configuration files of a Linux server against the hardening guides and write
the fixes as a unified diff on standard output (review it, then apply it with
\`patch -p1 -d /\` or \`git apply\`). Findings go to standard error.

Formats: ${formats.map((f) => `${f.id} (${f.title})`).join(', ')}.
A file's format is told from its name, or named with --type.

Modes:
      --check               report only; write no patch
      --write               fix the files in place (safe fixes only, unless --unsafe-fixes)
      --unsafe-fixes        with --write: apply unsafe fixes too
      --safe                leave unsafe fixes out of the patch
      --backup              with --write: keep each original as FILE.bak
      --backup-suffix SUF   with --write: keep each original as FILE<SUF>

Rules:
      --profile NAME        baseline (default) or strict
      --rule RULE           run only this rule (repeatable)
      --disable RULE        do not run this rule (repeatable)
      --option KEY=VALUE    a rule option (sshd/permit-root-login.allow=prohibit-password)
                            or a format setting (sshd.version=9.2) (repeatable)
      --list-rules          list the rules and exit
      --config FILE         read the configuration from FILE (default: the nearest
                            .harden-config.json, or package.json with a "harden-config"
                            key, in each file's folder or above)
      --no-config           read no configuration file
      --unused-suppressions LEVEL
                            suppression comments that suppress nothing: off, warn
                            (default), or error (exit 1 like a finding)

Input and output:
      --type TYPE           the format of every FILE (${formats.map((f) => f.id).join(', ')})
      --root DIR            read the system under DIR: FILE and absolute includes are
                            under it, and patch paths are relative to it
  -                         read standard input (name it with --stdin-filename)
      --stdin-filename NAME the name of standard input, for the format and the patch
      --output-format FMT   the report: text (default), json, or sarif (SARIF 2.1.0)
      --report-file PATH    write the report to PATH instead of standard error (- for stdout)
      --max-file-size N     largest file read, in bytes (default 4194304)
  -q, --quiet               no report; errors only
  -h, --help                show this help
  -v, --version             show the version

Exit status: 0 nothing to change, 1 findings or changes, 2 error.
With --unused-suppressions error, a suppression comment that suppresses nothing
counts as a finding.
`

/** What the arguments ask for. */
interface Command {
  files: string[]
  mode: 'patch' | 'check' | 'write'
  harden: HardenOptions
  reportFormat: 'text' | 'json' | 'sarif'
  reportFile: string | undefined
  quiet: boolean
  backupSuffix: string | undefined
  stdinFilename: string | undefined
}

/** A mistake in the arguments; exit 2 with the message and a pointer to --help. */
class UsageError extends Error {}

/**
 * Runs the command.
 *
 * @param argv the arguments, without `node` and the script
 * @param io the streams and working folder
 * @returns the exit code
 */
export function run(argv: readonly string[], io: CliIo): number {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv, io)
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      io.stderr.write(`harden-config: ${error.message}\nTry 'harden-config --help'.\n`)
      return 2
    }
    throw error
  }
  if (parsed === 'help') {
    io.stdout.write(HELP)
    return 0
  }
  if (parsed === 'version') {
    io.stdout.write(`harden-config ${VERSION}\n`)
    return 0
  }
  if (parsed.kind === 'list-rules') {
    io.stdout.write(listRules(parsed.json))
    return 0
  }
  const command = parsed.command
  try {
    return execute(command, io)
  } catch (error) {
    io.stderr.write(describeError(error))
    return 2
  }
}

function parse(argv: readonly string[], io: CliIo) {
  const {values, positionals} = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      check: {type: 'boolean'},
      write: {type: 'boolean'},
      'unsafe-fixes': {type: 'boolean'},
      safe: {type: 'boolean'},
      backup: {type: 'boolean'},
      'backup-suffix': {type: 'string'},
      profile: {type: 'string'},
      rule: {type: 'string', multiple: true},
      disable: {type: 'string', multiple: true},
      option: {type: 'string', multiple: true},
      'list-rules': {type: 'boolean'},
      config: {type: 'string'},
      'no-config': {type: 'boolean'},
      'unused-suppressions': {type: 'string'},
      type: {type: 'string'},
      root: {type: 'string'},
      'stdin-filename': {type: 'string'},
      'output-format': {type: 'string'},
      'report-file': {type: 'string'},
      'max-file-size': {type: 'string'},
      quiet: {type: 'boolean', short: 'q'},
      help: {type: 'boolean', short: 'h'},
      version: {type: 'boolean', short: 'v'},
    },
  })
  if (values.help) return 'help' as const
  if (values.version) return 'version' as const
  const reportFormat = values['output-format'] ?? 'text'
  if (reportFormat !== 'text' && reportFormat !== 'json' && reportFormat !== 'sarif') {
    throw new UsageError(`Unexpected --output-format \`${reportFormat}\`, expected \`text\`, \`json\` or \`sarif\``)
  }
  if (values['list-rules']) return {kind: 'list-rules' as const, json: reportFormat === 'json'}
  if (values.check && values.write) throw new UsageError('--check and --write cannot go together')
  if (values['unsafe-fixes'] && !values.write) throw new UsageError('--unsafe-fixes goes with --write (the patch holds unsafe fixes already; --safe leaves them out)')
  if ((values.backup || values['backup-suffix'] !== undefined) && !values.write) throw new UsageError('--backup goes with --write')
  if (values.safe && values.write) throw new UsageError('--safe is for the patch; --write applies safe fixes unless --unsafe-fixes')
  if (values.safe && values.check) throw new UsageError('--safe is for the patch; --check writes none')
  if (values['backup-suffix'] === '') throw new UsageError('--backup-suffix needs a suffix, such as .orig')
  const profile = values.profile
  if (profile !== undefined && profile !== 'baseline' && profile !== 'strict') throw new UsageError(`Unexpected --profile \`${profile}\`, expected \`baseline\` or \`strict\``)
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot go together')
  if (values.config === '') throw new UsageError('--config needs a file')
  const unusedSuppressions = values['unused-suppressions']
  if (unusedSuppressions !== undefined && unusedSuppressions !== 'off' && unusedSuppressions !== 'warn' && unusedSuppressions !== 'error') {
    throw new UsageError(`Unexpected --unused-suppressions \`${unusedSuppressions}\`, expected \`off\`, \`warn\` or \`error\``)
  }
  if (values.type !== undefined && !formats.some((f) => f.id === values.type)) {
    throw new UsageError(`Unexpected --type \`${values.type}\`, expected ${formats.map((f) => `\`${f.id}\``).join(' or ')}`)
  }
  if (positionals.length === 0) throw new UsageError('Missing FILE: name at least one file, or - for standard input')
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('Standard input (-) can be read once')
  if (values.write && positionals.includes('-')) throw new UsageError('--write cannot write standard input back; leave --write out to get a patch')
  if (values['stdin-filename'] !== undefined && !positionals.includes('-')) throw new UsageError('--stdin-filename names standard input: give - as a FILE')
  let maxFileSize: number | undefined
  if (values['max-file-size'] !== undefined) {
    maxFileSize = Number(values['max-file-size'])
    if (!Number.isSafeInteger(maxFileSize) || maxFileSize <= 0) throw new UsageError(`Unexpected --max-file-size \`${values['max-file-size']}\`, expected a number of bytes`)
  }
  const options: Record<string, Record<string, unknown>> = {}
  for (const pair of values.option ?? []) {
    const match = /^([^=]+)\.([A-Za-z][\w-]*)=(.*)$/s.exec(pair)
    if (!match) throw new UsageError(`Unexpected --option \`${pair}\`, expected RULE.OPTION=VALUE or FORMAT.SETTING=VALUE`)
    const [, owner, key, value] = match
    options[owner!] = {...options[owner!], [key!]: value}
  }
  const mode: Command['mode'] = values.check ? 'check' : values.write ? 'write' : 'patch'
  const command: Command = {
    files: positionals,
    mode,
    reportFormat,
    reportFile: values['report-file'] === undefined || values['report-file'] === '-' ? values['report-file'] : resolve(io.cwd, values['report-file']),
    quiet: values.quiet ?? false,
    backupSuffix: values['backup-suffix'] ?? (values.backup ? '.bak' : undefined),
    stdinFilename: values['stdin-filename'],
    harden: {
      type: values.type,
      root: values.root,
      cwd: io.cwd,
      profile: profile as Profile | undefined,
      configFile: values['no-config'] ? false : values.config,
      unusedSuppressions,
      rules: values.rule,
      disable: values.disable,
      options,
      fix: mode === 'check' ? 'none' : mode === 'write' ? (values['unsafe-fixes'] ? 'unsafe' : 'safe') : values.safe ? 'safe' : 'unsafe',
      limits: maxFileSize === undefined ? undefined : {maxFileSize},
    },
  }
  return {kind: 'run' as const, command}
}

function execute(command: Command, io: CliIo): number {
  const native = nodeHost({root: command.harden.root, cwd: io.cwd})
  // What is read here to check the arguments is read once: harden() asks the same host.
  const host = cachedHost(() => native)
  if (command.harden.root !== undefined && host.stat('/')?.kind !== 'directory') {
    throw new HardenConfigError(`--root ${command.harden.root}: no such folder`, 'ENOENT', command.harden.root)
  }
  const inputs: HardenInput[] = command.files.map((file) => (file === '-' ? {path: command.stdinFilename ?? 'stdin', text: io.readStdin()} : file))
  for (const input of inputs) {
    if (typeof input !== 'string') continue
    const stat = host.stat(input)
    if (stat === undefined) throw new HardenConfigError(`${input}: no such file`, 'ENOENT', input)
    if (stat.kind === 'directory') throw new HardenConfigError(`${input} is a directory; name the configuration files in it`, 'EISDIR', input)
    if (stat.kind !== 'file') throw new HardenConfigError(`${input} is not a regular file`, 'EINVAL', input)
  }
  const reportFile = command.reportFile === '-' ? undefined : command.reportFile
  if (reportFile !== undefined) assertWritable(reportFile)
  const result = harden(inputs, {...command.harden, host})
  const tool = {name: 'harden-config', version: VERSION}
  const report =
    command.reportFormat === 'json'
      ? jsonReport(result, tool)
      : command.reportFormat === 'sarif'
        ? sarifReport(result, {tool, toNative: (path) => native.toNative(path), cwd: io.cwd})
        : textReport(result, command.mode)
  // The report file is written first: if it cannot be, nothing else has been written.
  if (reportFile !== undefined) {
    try {
      writeFileSync(reportFile, report)
    } catch (error) {
      throw new HardenConfigError(`Cannot write the report to ${reportFile}: ${(error as Error).message}`, (error as NodeJS.ErrnoException).code ?? 'EIO', reportFile, {cause: error})
    }
  }
  if (command.mode === 'write') writeFiles(result.files, {toNative: (p) => native.toNative(p), backupSuffix: command.backupSuffix})
  // Bytes, not text: each file's part of the patch keeps that file's encoding.
  else if (command.mode === 'patch' && result.patch !== '') io.stdout.write(encodePatch(result))
  // --quiet keeps the report off the terminal; a report file asked for by name is still written.
  if (command.reportFile === '-') io.stdout.write(report)
  else if (reportFile === undefined && !command.quiet) io.stderr.write(report)
  return result.findings.length > 0 || result.patch !== '' || result.unusedSuppressions.some((u) => u.level === 'error') ? 1 : 0
}

/**
 * Fails early when the report cannot be written where it was asked for.
 *
 * @param file the report file
 */
function assertWritable(file: string): void {
  try {
    accessSync(existsSync(file) ? file : dirname(file), constants.W_OK)
  } catch (error) {
    throw new HardenConfigError(`Cannot write the report to ${file}: ${(error as Error).message}`, (error as NodeJS.ErrnoException).code ?? 'EACCES', file, {cause: error})
  }
}

/**
 * The message of an error, for standard error: the file, line and column, what is wrong,
 * and a code frame for syntax errors.
 *
 * @param error what was thrown
 */
export function describeError(error: unknown): string {
  if (error instanceof ConfigSyntaxError) {
    const expected = error.expected.length > 0 ? `\n  expected: ${error.expected.slice(0, 8).join(', ')}` : ''
    return `harden-config: ${error.message}${expected}\n${error.frame}\nNothing was written.\n`
  }
  if (error instanceof HardenConfigError || error instanceof OptionError) return `harden-config: ${error.message}\nNothing was written.\n`
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return `harden-config: internal error, please report it:\n${text}\nNothing was written.\n`
}

/**
 * The list of rules, as a table or JSON.
 *
 * @param json whether to print JSON
 */
function listRules(json: boolean): string {
  const rules = allRules()
  if (json) {
    return `${JSON.stringify(
      rules.map((rule) => ({
        id: rule.id,
        format: rule.format,
        profile: rule.profile,
        severity: rule.severity,
        fix: rule.fix,
        summary: rule.docs.summary,
        options: Object.fromEntries(Object.entries(rule.options as Record<string, {description: string; default: unknown; expected: string}>).map(([k, v]) => [k, {description: v.description, default: v.default, expected: v.expected}])),
      })),
      null,
      2,
    )}\n`
  }
  const rows = rules.map((rule) => [rule.id, rule.profile, rule.severity, rule.fix, rule.docs.summary])
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length), ['rule', 'profile', 'severity', 'fix'][i]!.length))
  const line = (row: string[]) => row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ')
  return `${[line(['rule', 'profile', 'severity', 'fix', 'summary']), ...rows.map(line)].join('\n')}\n`
}
