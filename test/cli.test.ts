/**
 * The command line, end to end but in-process: `run(argv, io)` with fake streams, real
 * files in temporary folders. These are the contracts scripts rely on: what goes to
 * standard output and standard error, the exit code, what is written (and, on an error,
 * that nothing is), and that the patch applies with `patch -p1` and `git apply`.
 *
 * `cli-spawn.test.ts` runs the built command for a few of them.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {allRules} from '../src/formats/index.js'
import {
  EMPTY,
  type CliResult,
  runCli,
  EXAMPLE,
  FIRST_RULES,
  KBD,
  PASSWORD,
  REPO,
  ROOT_LOGIN,
  SUMMARY_LINE,
  X11,
  applyWithGit,
  applyWithPatch,
  copyExample,
  hasCommand,
  listNames,
  only,
  parseTextReport,
  preambleOf,
  readTree,
  removeTemps,
  snapshot,
  tempDir,
  writeTree,
  type JsonReport,
} from './cli-helpers.js'

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {version: string}
const canPatch = hasCommand('patch') && hasCommand('git')
const isRoot = process.getuid?.() === 0

/** Where relative paths go when a test does not say: an empty folder of its own. */
let scratch: string

beforeAll(() => {
  scratch = tempDir()
})
afterAll(removeTemps)

/**
 * Runs the command in-process, in the test's scratch folder unless told.
 *
 * @param args the arguments
 * @param options the working folder and standard input
 */
function cli(args: string[], options: {cwd?: string; stdin?: string} = {}): CliResult {
  return runCli(args, {cwd: options.cwd ?? scratch, stdin: options.stdin})
}

/** The example's main file, under `--root`. */
const MAIN = '/etc/ssh/sshd_config'
const DROP_IN = '/etc/ssh/sshd_config.d/50-cloud-init.conf'

describe('output: the patch on standard output, the report on standard error', () => {
  it('puts the patch, with a preamble listing the unsafe fixes and their risk, on stdout', () => {
    const root = copyExample()
    const {code, stdout} = cli(['--root', root, ...only(...FIRST_RULES), MAIN])
    expect(code).toBe(1)
    const preamble = preambleOf(stdout)
    expect(preamble.length).toBeGreaterThan(1)
    for (const line of preamble) expect(line).toMatch(/^#/)
    expect(preamble[0]).toBe('# harden-config: 2 file(s) changed, 3 fix(es), 2 of them unsafe.')
    // Each unsafe fix, at the line it changes, then its risk (indented further).
    const rootAt = preamble.indexOf('#   etc/ssh/sshd_config:34: Set `PermitRootLogin no` (sshd/permit-root-login)')
    const passwordAt = preamble.indexOf('#   etc/ssh/sshd_config.d/50-cloud-init.conf:1: Set `PasswordAuthentication no` (sshd/password-authentication)')
    expect(rootAt).toBeGreaterThan(0)
    expect(passwordAt).toBeGreaterThan(rootAt)
    expect(preamble[rootAt + 1]).toMatch(/^# {5}Root can no longer log in over SSH/)
    expect(preamble[passwordAt + 1]).toMatch(/^# {5}`root` has no authorized key/)
    // The safe fix is not in the list of unsafe ones.
    expect(preamble.join('\n')).not.toContain('X11Forwarding')
    expect(stdout).toContain(
      [
        '--- a/etc/ssh/sshd_config',
        '+++ b/etc/ssh/sshd_config',
        '@@ -31,6 +31,7 @@',
        ' ',
        ' #LoginGraceTime 2m',
        ' #PermitRootLogin prohibit-password',
        '+PermitRootLogin no',
        ' #StrictModes yes',
      ].join('\n'),
    )
    expect(stdout).toContain('-X11Forwarding yes\n+X11Forwarding no\n')
    expect(stdout).toContain('--- a/etc/ssh/sshd_config.d/50-cloud-init.conf\n+++ b/etc/ssh/sshd_config.d/50-cloud-init.conf\n')
    expect(stdout).toContain('-PasswordAuthentication yes\n+PasswordAuthentication no\n')
    // Nothing of the report on stdout.
    expect(stdout).not.toMatch(/ {2}(error|warning) {2}/)
    expect(stdout).not.toContain('findings')
  })

  it('puts the report on stderr: file:line:column  severity  message  rule-id  [fix], then a summary', () => {
    const root = copyExample()
    const {stderr} = cli(['--root', root, ...only(...FIRST_RULES), MAIN])
    const report = parseTextReport(stderr)
    expect(report.findings.map((f) => [`${f.file}:${f.line}:${f.column}`, f.severity, f.ruleId, f.label])).toEqual([
      ['/etc/ssh/sshd_config:1:1', 'error', ROOT_LOGIN, 'unsafe fix'],
      ['/etc/ssh/sshd_config:90:1', 'warning', X11, 'safe fix'],
      ['/etc/ssh/sshd_config.d/50-cloud-init.conf:1:1', 'error', PASSWORD, 'unsafe fix'],
    ])
    expect(report.findings[1]!.message).toBe('Unexpected `X11Forwarding yes`, expected `X11Forwarding no`: the server can reach the display of everyone who forwards X')
    // Each unsafe fix's risk, below it.
    expect(report.details.filter((line) => line.startsWith('    Risk: '))).toHaveLength(2)
    expect(report.summary).toBe('3 findings (2 errors, 1 warning): 1 safe fix, 2 unsafe fixes, 0 suggestions. The patch holds 3 fixes in 2 files.')
    expect(report.summary).toMatch(SUMMARY_LINE)
    // Nothing of the patch on stderr.
    expect(stderr).not.toMatch(/^(---|\+\+\+|@@) /m)
  })

  it('labels a fix that would lock everyone out as a suggestion, and leaves it out of the patch', () => {
    const root = copyExample()
    // Without the debian user's key, nobody could log in once passwords are off.
    fs.rmSync(path.join(root, 'home/debian/.ssh/authorized_keys'))
    const {code, stdout, stderr} = cli(['--root', root, ...only(PASSWORD), MAIN])
    expect(code).toBe(1)
    const report = parseTextReport(stderr)
    expect(report.findings).toMatchObject([{file: DROP_IN, ruleId: PASSWORD, label: 'suggestion'}])
    expect(report.details[0]).toMatch(/^ {4}Not applied: No login account has an authorized key/)
    expect(report.summary).toBe('1 finding (1 error): 0 safe fixes, 0 unsafe fixes, 1 suggestion. The patch is empty.')
    expect(stdout).toBe('')
  })

  it('names files in the patch by their path relative to --root, and reads the files and absolute includes under it', () => {
    const root = copyExample()
    // Not the machine's /etc/ssh: the copy's drop-in, which says something else.
    fs.writeFileSync(path.join(root, DROP_IN), '# only in the copy\nPasswordAuthentication yes\n')
    const {stdout, stderr} = cli(['--root', root, ...only(PASSWORD, X11), MAIN])
    expect(stdout).toMatch(/^--- a\/etc\/ssh\/sshd_config\n\+\+\+ b\/etc\/ssh\/sshd_config\n/m)
    expect(stdout).toMatch(/^--- a\/etc\/ssh\/sshd_config\.d\/50-cloud-init\.conf\n/m)
    expect(stdout).not.toContain(root.slice(1))
    // The report names system paths; the drop-in's finding is on the copy's line 2.
    const report = parseTextReport(stderr)
    expect(report.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['/etc/ssh/sshd_config:90', '/etc/ssh/sshd_config.d/50-cloud-init.conf:2'])
  })

  it('reads a relative FILE under --root too', () => {
    const root = copyExample()
    const {code, stdout} = cli(['--root', root, ...only(X11), 'etc/ssh/sshd_config'])
    expect(code).toBe(1)
    expect(stdout).toContain('--- a/etc/ssh/sshd_config\n')
  })

  it('drops the leading slash of an absolute path, and keeps a relative one as it is (without ./)', () => {
    const dir = tempDir()
    writeTree(dir, {'sub/sshd_config': 'X11Forwarding yes\n'})
    const file = path.join(dir, 'sub/sshd_config')
    const absolute = cli([...only(X11), file])
    expect(absolute.code).toBe(1)
    expect(absolute.stdout).toContain(`--- a${file}\n+++ b${file}\n`)
    expect(file.startsWith('/')).toBe(true)
    const relative = cli([...only(X11), './sub/sshd_config'], {cwd: dir})
    expect(relative.stdout).toContain('--- a/sub/sshd_config\n+++ b/sub/sshd_config\n')
    const report = parseTextReport(relative.stderr)
    expect(report.findings[0]).toMatchObject({file: './sub/sshd_config', line: 1, column: 1})
  })

  it.runIf(canPatch)('makes a patch that `patch -p1 -d ROOT` and `git apply` apply, to what --write --unsafe-fixes writes', () => {
    const root = copyExample()
    const {code, stdout} = cli(['--root', root, MAIN])
    expect(code).toBe(1)
    const byPatch = copyExample()
    const byGit = copyExample()
    const patched = applyWithPatch(byPatch, stdout)
    expect(patched.output).not.toMatch(/hunk|FAILED|can't find/i)
    expect(patched.status).toBe(0)
    expect(applyWithGit(byGit, stdout)).toMatchObject({status: 0})
    const written = cli(['--root', root, '--write', '--unsafe-fixes', MAIN])
    expect(written.code).toBe(1)
    expect(readTree(byPatch)).toEqual(readTree(root))
    expect(readTree(byGit)).toEqual(readTree(root))
    expect(readTree(root)).not.toEqual(readTree(EXAMPLE))
    // The fixed tree has nothing left to fix for the rules whose fixes all applied.
    expect(cli(['--root', byPatch, '--check', ...only(...FIRST_RULES), MAIN])).toEqual({code: 0, stdout: '', stderr: 'No findings.\n'})
  })

  it('writes nothing without --write', () => {
    const root = copyExample()
    const before = snapshot(root)
    expect(cli(['--root', root, MAIN]).code).toBe(1)
    expect(snapshot(root)).toEqual(before)
  })
})

describe('exit codes: 0 nothing to change, 1 findings or changes, 2 error', () => {
  const good = 'PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitEmptyPasswords no\nX11Forwarding no\n'

  it('exits 0 with no finding: no patch, "No findings."', () => {
    const dir = tempDir()
    writeTree(dir, {sshd_config: good})
    expect(cli([...only(...FIRST_RULES), 'sshd_config'], {cwd: dir})).toEqual({code: 0, stdout: '', stderr: 'No findings.\n'})
    expect(cli(['--check', ...only(...FIRST_RULES), 'sshd_config'], {cwd: dir})).toEqual({code: 0, stdout: '', stderr: 'No findings.\n'})
  })

  it('exits 0 when every rule that finds something is disabled', () => {
    const dir = tempDir()
    writeTree(dir, {sshd_config: 'X11Forwarding yes\n'})
    expect(cli([...only(X11), '--disable', X11, 'sshd_config'], {cwd: dir}).code).toBe(0)
  })

  it('exits 1 with findings, whether or not anything changes', () => {
    const dir = tempDir()
    writeTree(dir, {sshd_config: good.replace('X11Forwarding no', 'X11Forwarding yes')})
    expect(cli([...only(...FIRST_RULES), 'sshd_config'], {cwd: dir}).code).toBe(1)
    expect(cli(['--check', ...only(...FIRST_RULES), 'sshd_config'], {cwd: dir}).code).toBe(1)
    // A finding whose fix is a suggestion changes nothing, and still exits 1.
    const root = copyExample()
    fs.rmSync(path.join(root, 'home/debian/.ssh/authorized_keys'))
    expect(cli(['--root', root, ...only(PASSWORD), MAIN])).toMatchObject({code: 1, stdout: ''})
  })
})

describe('errors: exit 2, a message naming the file on stderr, nothing written', () => {
  /** A file with a safe fix, named before the bad one: a partial write would change it. */
  const GOOD = 'good/sshd_config'

  interface ErrorCase {
    name: string
    /** Makes the files; returns the arguments (after the mode's). */
    setup(dir: string): string[]
    /** What stderr must hold. */
    message: RegExp
    skip?: string | undefined
  }

  const procFileThatCannotBeRead = '/proc/self/clear_refs'
  const cases: ErrorCase[] = [
    {
      name: 'a missing file',
      setup: () => [GOOD, 'missing/sshd_config'],
      message: /^harden-config: missing\/sshd_config: no such file\n/,
    },
    {
      name: 'a directory',
      setup: (dir) => {
        fs.mkdirSync(path.join(dir, 'conf.d'))
        return ['--type', 'sshd', GOOD, 'conf.d']
      },
      message: /^harden-config: conf\.d is a directory/,
    },
    {
      // chmod 000 does not stop root, and these tests may run as root: a file of /proc
      // that exists and cannot be read (read(2) fails with EINVAL) stands in for it.
      // cli-spawn.test.ts checks chmod 000 for real, running the command as another user.
      name: 'a file that cannot be read',
      skip: fs.existsSync(procFileThatCannotBeRead) ? undefined : `no ${procFileThatCannotBeRead}`,
      setup: (dir) => {
        fs.symlinkSync(procFileThatCannotBeRead, path.join(dir, 'sshd_config'))
        return [GOOD, 'sshd_config']
      },
      message: /^harden-config: Cannot read sshd_config: /,
    },
    {
      name: 'binary data (a NUL byte)',
      setup: (dir) => {
        writeTree(dir, {sshd_config: 'Port 22\nX11Forwarding\0yes\n'})
        return [GOOD, 'sshd_config']
      },
      message: /^harden-config: sshd_config:2:14: .*NUL byte.*binary data[^]*\n2 \| X11Forwarding\\x00yes\n/,
    },
    {
      name: 'binary data in an included file',
      setup: (dir) => {
        writeTree(dir, {'etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\n', 'etc/ssh/sshd_config.d/a.conf': '\0\0\0\0'})
        return ['--root', dir, '/etc/ssh/sshd_config', GOOD]
      },
      message: /^harden-config: \/etc\/ssh\/sshd_config\.d\/a\.conf:1:1: .*NUL byte/,
    },
    {
      name: 'a file over --max-file-size',
      setup: (dir) => {
        writeTree(dir, {sshd_config: `${'# padding\n'.repeat(20)}X11Forwarding yes\n`})
        return ['--max-file-size', '100', GOOD, 'sshd_config']
      },
      message: /^harden-config: sshd_config is 218 bytes, over the limit of 100 bytes/,
    },
    {
      name: 'an included file over --max-file-size',
      setup: (dir) => {
        writeTree(dir, {'etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\n', 'etc/ssh/sshd_config.d/big.conf': `${'#'.repeat(200)}\n`})
        return ['--root', dir, '--max-file-size', '100', '/etc/ssh/sshd_config']
      },
      message: /^harden-config: \/etc\/ssh\/sshd_config\.d\/big\.conf is 201 bytes, over the limit of 100 bytes/,
    },
    {
      name: 'a syntax error (an unterminated quote), with file:line:column and a code frame',
      setup: (dir) => {
        writeTree(dir, {sshd_config: 'Port 22\nBanner "/etc/issue\nX11Forwarding yes\n'})
        return [GOOD, 'sshd_config']
      },
      message: /^harden-config: sshd_config:2:8: Unterminated quote[^\n]*\n {2}\|\n2 \| Banner "\/etc\/issue\n {2}\| {8}\^\nNothing was written\.\n$/,
    },
    {
      name: 'a file whose format cannot be told from its name',
      setup: (dir) => {
        writeTree(dir, {'server.conf': 'X11Forwarding yes\n'})
        return [GOOD, 'server.conf']
      },
      message: /^harden-config: Cannot tell the format of server\.conf from its name: name it with --type/,
    },
    {name: 'an unknown --type', setup: () => ['--type', 'apache2', GOOD], message: /^harden-config: Unexpected --type `apache2`, expected `sshd`/},
    {name: 'an unknown --rule', setup: () => ['--rule', 'sshd/nope', GOOD], message: /"sshd\/nope".*--list-rules/},
    {name: 'an unknown --disable', setup: () => ['--disable', 'nope', GOOD], message: /"nope".*--list-rules/},
    {
      name: 'a bad --option value',
      setup: () => ['--option', 'sshd/permit-root-login.allow=maybe', GOOD],
      message: /^harden-config: Unexpected value "maybe" for option `sshd\/permit-root-login\.allow`, expected `no` \| `prohibit-password`/,
    },
    {name: 'an unknown option of a rule', setup: () => ['--option', 'sshd/permit-root-login.deny=no', GOOD], message: /`sshd\/permit-root-login\.deny`.*`allow`/},
    {name: 'an --option for no rule or format', setup: () => ['--option', 'nosuchformat.version=2', GOOD], message: /"nosuchformat"/},
    {name: 'an --option without =', setup: () => ['--option', 'sshd.version', GOOD], message: /^harden-config: Unexpected --option `sshd\.version`/},
    {name: 'a bad format setting', setup: () => ['--option', 'sshd.version=nine', GOOD], message: /"nine" for option `sshd\.version`/},
    {name: 'an unknown --profile', setup: () => ['--profile', 'paranoid', GOOD], message: /^harden-config: Unexpected --profile `paranoid`/},
    {name: 'an unknown --output-format', setup: () => ['--output-format', 'xml', GOOD], message: /^harden-config: Unexpected --output-format `xml`/},
    {name: 'a bad --max-file-size', setup: () => ['--max-file-size', '4k', GOOD], message: /^harden-config: Unexpected --max-file-size `4k`/},
    {name: 'a --max-file-size of 0', setup: () => ['--max-file-size', '0', GOOD], message: /^harden-config: Unexpected --max-file-size `0`/},
    {name: 'a missing --root', setup: (dir) => ['--root', path.join(dir, 'nope'), GOOD], message: /--root .*nope: no such folder/},
    {name: 'an unknown flag', setup: () => ['--fix', GOOD], message: /^harden-config: .*'--fix'[^]*Try 'harden-config --help'/},
    {name: 'a flag without its value', setup: () => [GOOD, '--type'], message: /^harden-config: .*--type/},
    {name: '--check with --write', setup: () => ['--check', '--write', GOOD], message: /^harden-config: --check and --write cannot go together\nTry 'harden-config --help'\.\n$/},
    {name: '--unsafe-fixes without --write', setup: () => ['--unsafe-fixes', GOOD], message: /^harden-config: --unsafe-fixes goes with --write/},
    {name: '--backup without --write', setup: () => ['--backup', GOOD], message: /^harden-config: --backup goes with --write/},
    {name: '--backup-suffix without --write', setup: () => ['--backup-suffix', '.orig', GOOD], message: /^harden-config: --backup goes with --write/},
    {name: '--safe with --write', setup: () => ['--safe', '--write', GOOD], message: /^harden-config: --safe is for the patch/},
    {name: 'no FILE', setup: () => ['--rule', X11], message: /^harden-config: Missing FILE/},
    {name: '--write with standard input', setup: () => ['--write', '--type', 'sshd', '-'], message: /^harden-config: --write cannot write standard input back/},
    {name: 'standard input twice', setup: () => ['--type', 'sshd', '-', '-'], message: /^harden-config: Standard input \(-\) can be read once/},
  ]

  for (const mode of [[], ['--write'], ['--write', '--unsafe-fixes', '--backup'], ['--check']] as string[][]) {
    for (const testCase of cases) {
      // Mode flags that conflict with the case's own are the case's business.
      if (mode.length > 0 && /--write|--check|--safe|--unsafe|--backup/.test(testCase.name)) continue
      it.skipIf(testCase.skip !== undefined)(`${testCase.name}${mode.length > 0 ? ` (${mode.join(' ')})` : ''}`, () => {
        const dir = tempDir()
        writeTree(dir, {[GOOD]: 'X11Forwarding yes\n'})
        const args = testCase.setup(dir)
        const before = snapshot(dir)
        const {code, stdout, stderr} = cli([...mode, ...args], {cwd: dir, stdin: 'X11Forwarding yes\n'})
        expect(stderr).toMatch(testCase.message)
        expect(code).toBe(2)
        expect(stdout).toBe('')
        expect(snapshot(dir)).toEqual(before)
      })
    }
  }

  it('a loop of symbolic links under --root: exit 2, "Too many levels of symbolic links"', () => {
    const root = tempDir()
    fs.mkdirSync(path.join(root, 'etc/ssh'), {recursive: true})
    fs.symlinkSync('sshd_config', path.join(root, 'etc/ssh/sshd_config'))
    const {code, stderr} = cli(['--root', root, MAIN])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^harden-config: Too many levels of symbolic links in \/etc\/ssh\/sshd_config\n/)
  })

  // Without --root, realpathSync's ELOOP is swallowed (core/host.ts resolveLinks) and
  // stat fails, so a loop reads as a missing file. Input: `ln -s sshd_config sshd_config;
  // harden-config sshd_config`. Expected: as under --root, "Too many levels of symbolic
  // links in sshd_config" (or ELOOP). Before the fix: "sshd_config: no such file", which sends the
  // user looking for a file that is there.
  it('a loop of symbolic links without --root: the message says so, not "no such file"', () => {
    const dir = tempDir()
    fs.symlinkSync('sshd_config', path.join(dir, 'sshd_config'))
    const {code, stderr} = cli(['sshd_config'], {cwd: dir})
    expect(code).toBe(2)
    expect(stderr).not.toContain('no such file')
    expect(stderr).toMatch(/symbolic links|ELOOP/)
  })

  it('says nothing was written, after the message', () => {
    const dir = tempDir()
    const {stderr} = cli(['missing/sshd_config'], {cwd: dir})
    expect(stderr).toBe('harden-config: missing/sshd_config: no such file\nNothing was written.\n')
  })

  it('stops --write on a syntax error in a drop-in: the main file, which has fixes, is left as it was', () => {
    const root = copyExample()
    fs.writeFileSync(path.join(root, 'etc/ssh/sshd_config.d/60-broken.conf'), "Banner 'unterminated\n")
    const before = snapshot(root)
    const {code, stderr} = cli(['--root', root, '--write', '--unsafe-fixes', MAIN])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^harden-config: \/etc\/ssh\/sshd_config\.d\/60-broken\.conf:1:8: /)
    expect(snapshot(root)).toEqual(before)
  })

  // A character device is no configuration file. The command rejects a directory, but any
  // other non-regular file (kind `other` of FileHost.stat: a device, a FIFO, a socket) is
  // read as one. Input: `--type sshd --check /dev/null`. Expected: exit 2, "... is not a
  // regular file", as `writeFiles` says when it meets one. Before the fix: read as an empty file:
  // here exit 0, "No findings."; with every rule, findings on /dev/null:1:1, and without
  // --check a patch `--- a/dev/null` that adds lines to it. (A FIFO makes the command hang:
  // see cli-spawn.test.ts.)
  it('rejects a file that is not a regular file (/dev/null)', () => {
    const {code, stdout, stderr} = cli(['--type', 'sshd', '--check', ...only(X11), '/dev/null'])
    expect(stderr).toMatch(/\/dev\/null.*not a regular file/)
    expect(code).toBe(2)
    expect(stdout).toBe('')
  })
})

describe('modes', () => {
  it('--check reports and writes no patch and no file', () => {
    const root = copyExample()
    const before = snapshot(root)
    const {code, stdout, stderr} = cli(['--root', root, '--check', ...only(...FIRST_RULES), MAIN])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    const report = parseTextReport(stderr)
    expect(report.findings).toHaveLength(3)
    expect(report.summary).toBe('3 findings (2 errors, 1 warning): 1 safe fix, 2 unsafe fixes, 0 suggestions. Nothing was changed (--check).')
    expect(snapshot(root)).toEqual(before)
  })

  it('--safe leaves the unsafe fixes out of the patch', () => {
    const root = copyExample()
    const {code, stdout, stderr} = cli(['--root', root, '--safe', ...only(...FIRST_RULES), MAIN])
    expect(code).toBe(1)
    expect(preambleOf(stdout)).toEqual(['# harden-config: 1 file(s) changed, 1 fix(es), 0 of them unsafe.'])
    expect(stdout).toContain('-X11Forwarding yes\n+X11Forwarding no\n')
    expect(stdout).not.toContain('PermitRootLogin no')
    expect(stdout).not.toContain('50-cloud-init.conf')
    // Every finding is still reported.
    const report = parseTextReport(stderr)
    expect(report.findings.map((f) => f.ruleId)).toEqual([ROOT_LOGIN, X11, PASSWORD])
    expect(report.summary).toMatch(/The patch holds 1 fix in 1 file\.$/)
  })

  it('--write applies the safe fixes only, in place, and leaves no temporary file behind', () => {
    const root = copyExample()
    const names = listNames(root)
    const dropIn = fs.readFileSync(path.join(root, DROP_IN))
    const {code, stdout, stderr} = cli(['--root', root, '--write', ...only(...FIRST_RULES), MAIN])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(parseTextReport(stderr).summary).toBe('3 findings (2 errors, 1 warning): 1 safe fix, 2 unsafe fixes, 0 suggestions. 1 fix written to 1 file.')
    const main = fs.readFileSync(path.join(root, MAIN), 'utf8')
    expect(main).toBe(fs.readFileSync(path.join(EXAMPLE, MAIN), 'utf8').replace('\nX11Forwarding yes\n', '\nX11Forwarding no\n'))
    expect(main).not.toMatch(/^PermitRootLogin/m)
    expect(fs.readFileSync(path.join(root, DROP_IN))).toEqual(dropIn)
    expect(listNames(root)).toEqual(names)
  })

  it('--write --unsafe-fixes applies them all; writing again changes nothing and exits 0', () => {
    const root = copyExample()
    const names = listNames(root)
    const first = cli(['--root', root, '--write', '--unsafe-fixes', ...only(...FIRST_RULES), MAIN])
    expect(first.code).toBe(1)
    expect(parseTextReport(first.stderr).summary).toMatch(/ 3 fixes written to 2 files\.$/)
    expect(fs.readFileSync(path.join(root, MAIN), 'utf8')).toMatch(/^#PermitRootLogin prohibit-password\nPermitRootLogin no\n/m)
    expect(fs.readFileSync(path.join(root, DROP_IN), 'utf8')).toBe('PasswordAuthentication no\n')
    expect(listNames(root)).toEqual(names)
    const after = snapshot(root)
    const second = cli(['--root', root, '--write', '--unsafe-fixes', ...only(...FIRST_RULES), MAIN])
    expect(second).toEqual({code: 0, stdout: '', stderr: 'No findings.\n'})
    expect(snapshot(root)).toEqual(after)
  })

  it('--write twice with every rule: the second run writes nothing', () => {
    const root = copyExample()
    cli(['--root', root, '--write', '--unsafe-fixes', MAIN])
    const after = snapshot(root)
    const second = cli(['--root', root, '--write', '--unsafe-fixes', MAIN])
    expect(second.code).toBe(parseTextReport(second.stderr).findings.length > 0 ? 1 : 0)
    expect(parseTextReport(second.stderr).summary).toMatch(/^No findings\.$| 0 fixes written to 0 files\.$/)
    expect(snapshot(root)).toEqual(after)
  })

  it('--write keeps the mode and the owner of the files it changes', () => {
    const root = copyExample()
    const main = path.join(root, MAIN)
    const dropIn = path.join(root, DROP_IN)
    fs.chmodSync(main, 0o640)
    fs.chmodSync(dropIn, 0o600)
    // Only root can give a file away; a test run by someone else checks the mode only.
    const owner = isRoot ? {uid: 1234, gid: 4321} : {uid: fs.statSync(main).uid, gid: fs.statSync(main).gid}
    if (isRoot) {
      fs.chownSync(main, owner.uid, owner.gid)
      fs.chownSync(dropIn, 2345, 5432)
    }
    const before = {main: fs.statSync(main), dropIn: fs.statSync(dropIn)}
    expect(cli(['--root', root, '--write', '--unsafe-fixes', ...only(...FIRST_RULES), MAIN]).code).toBe(1)
    const after = {main: fs.statSync(main), dropIn: fs.statSync(dropIn)}
    // A new file (a new inode), renamed over the old one...
    expect(after.main.ino).not.toBe(before.main.ino)
    expect(after.dropIn.ino).not.toBe(before.dropIn.ino)
    // ...with the old one's mode and owner.
    expect(after.main.mode & 0o7777).toBe(0o640)
    expect(after.dropIn.mode & 0o7777).toBe(0o600)
    expect([after.main.uid, after.main.gid]).toEqual([owner.uid, owner.gid])
    expect([after.dropIn.uid, after.dropIn.gid]).toEqual([before.dropIn.uid, before.dropIn.gid])
    expect(fs.readFileSync(dropIn, 'utf8')).toBe('PasswordAuthentication no\n')
  })

  it('--write that fails on one file writes none: the files staged before it are left as they were, no temporary file behind', () => {
    // The new drop-in the fixes go to is a link to /dev/null, which --write refuses (not a
    // regular file) after it has staged the main file's safe fix.
    const dir = tempDir()
    writeTree(dir, {sshd_config: `Include ${dir}/conf.d/*.conf\nX11Forwarding yes\n`})
    fs.mkdirSync(path.join(dir, 'conf.d'))
    fs.symlinkSync('/dev/null', path.join(dir, 'conf.d/00-harden.conf'))
    const tree = readTree(dir)
    const names = listNames(dir)
    const {code, stdout, stderr} = cli(['--write', '--unsafe-fixes', '--backup', '--option', `sshd.dropIn=${dir}/conf.d/00-harden.conf`, ...only(X11, ROOT_LOGIN), 'sshd_config'], {cwd: dir})
    expect(stderr).toMatch(/^harden-config: .*conf\.d\/00-harden\.conf is not a regular file\nNothing was written\.\n$/)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(readTree(dir)).toEqual(tree)
    expect(listNames(dir)).toEqual(names)
    expect(fs.readlinkSync(path.join(dir, 'conf.d/00-harden.conf'))).toBe('/dev/null')
  })

  it('--write through a symbolic link changes the file behind it and keeps the link (relative link under --root)', () => {
    const root = copyExample()
    const link = path.join(root, MAIN)
    fs.renameSync(link, path.join(root, 'etc/ssh/sshd_config.debian'))
    fs.symlinkSync('sshd_config.debian', link)
    // The patch names the real file.
    const patch = cli(['--root', root, ...only(X11), MAIN])
    expect(patch.stdout).toContain('--- a/etc/ssh/sshd_config.debian\n+++ b/etc/ssh/sshd_config.debian\n')
    expect(cli(['--root', root, '--write', ...only(X11), MAIN]).code).toBe(1)
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true)
    expect(fs.readlinkSync(link)).toBe('sshd_config.debian')
    expect(fs.readFileSync(path.join(root, 'etc/ssh/sshd_config.debian'), 'utf8')).toContain('\nX11Forwarding no\n')
    expect(listNames(path.join(root, 'etc/ssh')).filter((name) => name.includes('harden-config'))).toEqual([])
  })

  it('--write through an absolute symbolic link under --root changes the file inside the root', () => {
    const root = copyExample()
    const link = path.join(root, MAIN)
    fs.mkdirSync(path.join(root, 'usr/share/openssh'), {recursive: true})
    fs.renameSync(link, path.join(root, 'usr/share/openssh/sshd_config'))
    // Absolute: /usr/share/openssh/sshd_config, which --root puts under the root.
    fs.symlinkSync('/usr/share/openssh/sshd_config', link)
    expect(cli(['--root', root, '--write', ...only(X11), MAIN]).code).toBe(1)
    expect(fs.readlinkSync(link)).toBe('/usr/share/openssh/sshd_config')
    expect(fs.readFileSync(path.join(root, 'usr/share/openssh/sshd_config'), 'utf8')).toContain('\nX11Forwarding no\n')
  })

  it('--write through a symbolic link without --root', () => {
    const dir = tempDir()
    writeTree(dir, {'real/sshd_config.real': 'Port 22\nX11Forwarding yes\n'})
    fs.symlinkSync('real/sshd_config.real', path.join(dir, 'sshd_config'))
    expect(cli(['--write', ...only(X11), 'sshd_config'], {cwd: dir}).code).toBe(1)
    expect(fs.readlinkSync(path.join(dir, 'sshd_config'))).toBe('real/sshd_config.real')
    expect(fs.readFileSync(path.join(dir, 'real/sshd_config.real'), 'utf8')).toBe('Port 22\nX11Forwarding no\n')
  })

  it('--backup keeps FILE.bak with the original bytes, for the files it changes only', () => {
    const root = copyExample()
    const original = fs.readFileSync(path.join(root, MAIN))
    expect(cli(['--root', root, '--write', '--backup', ...only(...FIRST_RULES), MAIN]).code).toBe(1)
    expect(fs.readFileSync(path.join(root, `${MAIN}.bak`))).toEqual(original)
    expect(fs.readFileSync(path.join(root, MAIN))).not.toEqual(original)
    // The drop-in had only an unsafe fix, not applied: unchanged, no backup.
    expect(fs.existsSync(path.join(root, `${DROP_IN}.bak`))).toBe(false)
    expect(listNames(path.join(root, 'etc/ssh'))).toEqual(['sshd_config', 'sshd_config.bak', 'sshd_config.d', 'sshd_config.d/50-cloud-init.conf'])
  })

  it('--backup-suffix .orig keeps FILE.orig instead', () => {
    const root = copyExample()
    const main = fs.readFileSync(path.join(root, MAIN))
    const dropIn = fs.readFileSync(path.join(root, DROP_IN))
    expect(cli(['--root', root, '--write', '--unsafe-fixes', '--backup-suffix', '.orig', ...only(...FIRST_RULES), MAIN]).code).toBe(1)
    expect(fs.readFileSync(path.join(root, `${MAIN}.orig`))).toEqual(main)
    expect(fs.readFileSync(path.join(root, `${DROP_IN}.orig`))).toEqual(dropIn)
    expect(fs.existsSync(path.join(root, `${MAIN}.bak`))).toBe(false)
  })

  // Input: --root R --write --backup /etc/ssh/sshd_config, where R/etc/ssh/sshd_config.bak
  // is already a symbolic link to a file outside R (an image's leftover, or a planted
  // link). Expected: the link is replaced by the backup (or the command refuses), and the
  // file outside the root is untouched ("a mounted image never reads or writes the
  // running system's files", core/host.ts). Before the fix: copyFileSync follows the link and
  // overwrites the file outside the root with the original sshd_config.
  it('--backup does not write through an existing FILE.bak link outside --root', () => {
    const root = copyExample()
    const outside = tempDir()
    const victim = path.join(outside, 'victim')
    fs.writeFileSync(victim, 'precious\n')
    fs.symlinkSync(victim, path.join(root, `${MAIN}.bak`))
    expect(cli(['--root', root, '--write', '--backup', ...only(X11), MAIN]).code).not.toBe(0)
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n')
  })

  it('--write creates a drop-in (setting sshd.dropIn) with mode 0644; the patch creates it too', () => {
    const root = copyExample()
    const setting = ['--option', 'sshd.dropIn=/etc/ssh/sshd_config.d/00-harden-config.conf']
    const patch = cli(['--root', root, ...setting, ...only(ROOT_LOGIN), MAIN])
    expect(patch.stdout).toContain('--- /dev/null\n+++ b/etc/ssh/sshd_config.d/00-harden-config.conf\n@@ -0,0 +1,1 @@\n+PermitRootLogin no\n')
    if (canPatch) {
      const byPatch = copyExample()
      expect(applyWithPatch(byPatch, patch.stdout).status).toBe(0)
      const byGit = copyExample()
      expect(applyWithGit(byGit, patch.stdout).status).toBe(0)
      expect(readTree(byGit)).toEqual(readTree(byPatch))
      expect(fs.readFileSync(path.join(byPatch, 'etc/ssh/sshd_config.d/00-harden-config.conf'), 'utf8')).toBe('PermitRootLogin no\n')
    }
    expect(cli(['--root', root, '--write', '--unsafe-fixes', ...setting, ...only(ROOT_LOGIN), MAIN]).code).toBe(1)
    const created = path.join(root, 'etc/ssh/sshd_config.d/00-harden-config.conf')
    expect(fs.readFileSync(created, 'utf8')).toBe('PermitRootLogin no\n')
    expect(fs.statSync(created).mode & 0o7777).toBe(0o644)
    expect(fs.readFileSync(path.join(root, MAIN))).toEqual(fs.readFileSync(path.join(EXAMPLE, MAIN)))
    expect(cli(['--root', root, '--write', '--unsafe-fixes', ...setting, ...only(ROOT_LOGIN), MAIN]).code).toBe(0)
  })
})

describe('--output-format json and --report-file', () => {
  it('writes the JSON report on stderr: version, tool, findings with fixes, files, patch', () => {
    const root = copyExample()
    const {code, stdout, stderr} = cli(['--root', root, '--output-format', 'json', '--safe', ...only(...FIRST_RULES), MAIN])
    expect(code).toBe(1)
    const report = JSON.parse(stderr) as JsonReport
    expect(report.reportVersion).toBe(1)
    expect(report.tool).toEqual({name: 'harden-config', version: pkg.version})
    expect(report.patch).toBe(stdout)
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.file, f.position.start.line, f.position.start.column, f.fix?.safety, f.fix?.applied])).toEqual([
      [ROOT_LOGIN, 'error', MAIN, 1, 1, 'unsafe', false],
      [X11, 'warning', MAIN, 90, 1, 'safe', true],
      [PASSWORD, 'error', DROP_IN, 1, 1, 'unsafe', false],
    ])
    const [rootLogin, x11, password] = report.findings
    expect(x11!.message).toBe('Unexpected `X11Forwarding yes`, expected `X11Forwarding no`: the server can reach the display of everyone who forwards X')
    expect(x11!.fix).toEqual({safety: 'safe', title: 'Set `X11Forwarding no`', applied: true, edits: [{file: MAIN, start: expect.any(Number), end: expect.any(Number), text: 'no'}]})
    expect(rootLogin!.fix!.risk).toMatch(/^Root can no longer log in over SSH/)
    expect(rootLogin!.fix!.edits).toEqual([{file: MAIN, start: 793, end: 793, text: 'PermitRootLogin no\n'}])
    expect(password!.fix!.risk).toMatch(/`root` has no authorized key/)
    // An edit's offsets are over the original text.
    const text = fs.readFileSync(path.join(root, MAIN), 'utf8')
    const edit = x11!.fix!.edits[0]!
    expect(text.slice(edit.start, edit.end)).toBe('yes')
    expect(report.files).toEqual([
      {path: MAIN, realPath: MAIN, patchPath: 'etc/ssh/sshd_config', format: 'sshd', changed: true, created: false},
      {path: DROP_IN, realPath: DROP_IN, patchPath: 'etc/ssh/sshd_config.d/50-cloud-init.conf', format: 'sshd', changed: false, created: false},
    ])
  })

  it('reports a finding without a fix with fix null, and an empty patch as ""', () => {
    const dir = tempDir()
    writeTree(dir, {sshd_config: 'X11Forwarding no\n'})
    const {code, stdout, stderr} = cli(['--output-format', 'json', ...only(X11), 'sshd_config'], {cwd: dir})
    expect(code).toBe(0)
    expect(stdout).toBe('')
    const report = JSON.parse(stderr) as JsonReport
    expect(report.findings).toEqual([])
    expect(report.patch).toBe('')
    expect(report.files).toEqual([{path: 'sshd_config', realPath: 'sshd_config', patchPath: 'sshd_config', format: 'sshd', changed: false, created: false}])
  })

  it('--report-file PATH writes the report there instead of stderr (json and text)', () => {
    const root = copyExample()
    const out = tempDir()
    const json = cli(['--root', root, '--output-format', 'json', '--report-file', path.join(out, 'report.json'), ...only(...FIRST_RULES), MAIN])
    expect(json.code).toBe(1)
    expect(json.stderr).toBe('')
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as JsonReport
    expect(report.findings).toHaveLength(3)
    expect(report.patch).toBe(json.stdout)
    const text = cli(['--root', root, '--check', '--report-file', path.join(out, 'report.txt'), ...only(...FIRST_RULES), MAIN])
    expect(text).toEqual({code: 1, stdout: '', stderr: ''})
    expect(parseTextReport(fs.readFileSync(path.join(out, 'report.txt'), 'utf8')).findings).toHaveLength(3)
  })

  it('--report-file - writes the report on stdout', () => {
    const root = copyExample()
    const {code, stdout, stderr} = cli(['--root', root, '--check', '--output-format', 'json', '--report-file', '-', ...only(...FIRST_RULES), MAIN])
    expect(code).toBe(1)
    expect(stderr).toBe('')
    expect((JSON.parse(stdout) as JsonReport).findings).toHaveLength(3)
  })

  it('--quiet prints no report, only the patch; errors still go to stderr', () => {
    const root = copyExample()
    const quiet = cli(['--root', root, '-q', ...only(...FIRST_RULES), MAIN])
    expect(quiet.code).toBe(1)
    expect(quiet.stderr).toBe('')
    expect(quiet.stdout).toBe(cli(['--root', root, ...only(...FIRST_RULES), MAIN]).stdout)
    expect(cli(['--root', root, '--quiet', '--check', ...only(...FIRST_RULES), MAIN])).toEqual({code: 1, stdout: '', stderr: ''})
    const error = cli(['--root', root, '--quiet', '/etc/ssh/missing/sshd_config'])
    expect(error.code).toBe(2)
    expect(error.stderr).toMatch(/^harden-config: \/etc\/ssh\/missing\/sshd_config: no such file/)
  })

  // run() takes its working folder from io.cwd, and FILE follows it, but a relative
  // --report-file is written relative to process.cwd() (cli.ts: writeFileSync(reportFile)).
  // Input: run(['--check', '--report-file', 'report.txt', 'sshd_config'], {cwd: DIR}).
  // Expected: DIR/report.txt. Before the fix: report.txt in the process's folder (the checkout,
  // when vitest runs); the test removes it.
  it('--report-file with a relative path is relative to the working folder (io.cwd)', () => {
    const dir = tempDir()
    writeTree(dir, {sshd_config: 'X11Forwarding yes\n'})
    const name = `harden-config-test-report-${process.pid}.txt`
    try {
      cli(['--check', '--report-file', name, ...only(X11), 'sshd_config'], {cwd: dir})
      expect(fs.existsSync(path.join(dir, name))).toBe(true)
    } finally {
      fs.rmSync(path.join(process.cwd(), name), {force: true})
    }
  })

  // The report is written after the files. Input: --root R --write --report-file
  // /no/such/folder/r.json /etc/ssh/sshd_config. Expected: exit 2 and nothing written (check
  // the report file can be written first, or write it before renaming the files), or at
  // least no claim that nothing was written. Before the fix: the files are fixed, then
  // writeFileSync throws ENOENT, reported as "internal error, please report it" with a
  // stack trace, then "Nothing was written." (false), exit 2. Without --write the patch is
  // on stdout already when the command exits 2.
  it('--report-file that cannot be written: nothing is written, or the message says what was', () => {
    const root = copyExample()
    const before = snapshot(root)
    const {code, stderr} = cli(['--root', root, '--write', '--report-file', path.join(root, 'no/such/folder/r.json'), ...only(X11), MAIN])
    expect(code).toBe(2)
    expect(stderr).not.toContain('internal error')
    expect(snapshot(root)).toEqual(before)
  })
})

describe('rules, profiles and options', () => {
  const listed = JSON.parse(cli(['--list-rules', '--output-format', 'json']).stdout) as Array<{id: string; profile: string}>

  it('--rule runs only the named rules (repeatable); --disable leaves rules out', () => {
    const root = copyExample()
    const ids = (args: string[]) => parseTextReport(cli(['--root', root, '--check', ...args, MAIN]).stderr).findings.map((f) => f.ruleId)
    expect(ids(only(X11))).toEqual([X11])
    expect(ids(only(X11, PASSWORD))).toEqual([X11, PASSWORD])
    expect(ids([...only(...FIRST_RULES), '--disable', X11, '--disable', ROOT_LOGIN])).toEqual([PASSWORD])
    const all = ids([])
    expect(all).toEqual(expect.arrayContaining([ROOT_LOGIN, X11, PASSWORD]))
    expect(ids(['--disable', X11])).toEqual(all.filter((id) => id !== X11))
  })

  it('--profile baseline (the default) runs no strict rule; --profile strict runs them all', () => {
    const root = copyExample()
    const findings = (args: string[]) => parseTextReport(cli(['--root', root, '--check', ...args, MAIN]).stderr).findings
    const strictIds = new Set(listed.filter((rule) => rule.profile === 'strict').map((rule) => rule.id))
    const byDefault = findings([])
    expect(findings(['--profile', 'baseline'])).toEqual(byDefault)
    expect(byDefault.filter((f) => strictIds.has(f.ruleId))).toEqual([])
    const strict = findings(['--profile', 'strict'])
    expect(strict).toEqual(expect.arrayContaining(byDefault))
    expect(strict.filter((f) => !strictIds.has(f.ruleId))).toEqual(byDefault)
    // Debian's shipped configuration leaves sshd's defaults, which the strict rules tighten.
    if (strictIds.size > 0) expect(strict.length).toBeGreaterThan(byDefault.length)
    // --rule picks a rule whatever the profile.
    for (const id of strictIds) expect(findings(only(id)).every((f) => f.ruleId === id)).toBe(true)
  })

  it('--option sshd/permit-root-login.allow=prohibit-password accepts key-only root logins, and fixes to it', () => {
    const dir = tempDir()
    writeTree(dir, {'a/sshd_config': 'PermitRootLogin prohibit-password\n', 'b/sshd_config': 'PermitRootLogin yes\n'})
    const option = ['--option', 'sshd/permit-root-login.allow=prohibit-password']
    expect(cli([...only(ROOT_LOGIN), 'a/sshd_config'], {cwd: dir}).code).toBe(1)
    expect(cli([...option, ...only(ROOT_LOGIN), 'a/sshd_config'], {cwd: dir})).toEqual({code: 0, stdout: '', stderr: 'No findings.\n'})
    const fixed = cli([...option, ...only(ROOT_LOGIN), 'b/sshd_config'], {cwd: dir})
    expect(fixed.stdout).toContain('-PermitRootLogin yes\n+PermitRootLogin prohibit-password\n')
    expect(parseTextReport(fixed.stderr).findings[0]!.message).toBe(
      'Unexpected `PermitRootLogin yes`, expected `PermitRootLogin prohibit-password`: root can log in over SSH with a password',
    )
  })

  it('--option sshd.version=9.2 (a format setting) says which keywords the daemon knows', () => {
    // RequiredRSASize came with OpenSSH 9.1: the default release (8.9) would refuse it.
    const dir = tempDir()
    writeTree(dir, {sshd_config: 'RequiredRSASize 3072\n'})
    const unknown = 'sshd/unknown-keyword'
    const byDefault = cli(['--check', ...only(unknown), 'sshd_config'], {cwd: dir})
    expect(byDefault.code).toBe(1)
    expect(parseTextReport(byDefault.stderr).findings).toMatchObject([{file: 'sshd_config', line: 1, column: 1, ruleId: unknown}])
    expect(byDefault.stderr).toMatch(/needs 9\.1/)
    expect(cli(['--check', '--option', 'sshd.version=9.2', ...only(unknown), 'sshd_config'], {cwd: dir})).toEqual({code: 0, stdout: '', stderr: 'No findings.\n'})
    expect(cli(['--check', '--option', 'sshd.version=9.0', ...only(unknown), 'sshd_config'], {cwd: dir}).code).toBe(1)
  })

  it('--option sshd.version=9.2 is accepted with the other options, repeated', () => {
    const root = copyExample()
    const plain = cli(['--root', root, ...only(...FIRST_RULES), MAIN])
    const versioned = cli(['--root', root, '--option', 'sshd.version=9.2', '--option', 'sshd.version=9.2p1', '--option', 'sshd/permit-root-login.allow=no', ...only(...FIRST_RULES), MAIN])
    expect(versioned).toEqual(plain)
  })

  it('--list-rules prints a table of every rule and exits 0', () => {
    const {code, stdout, stderr} = cli(['--list-rules'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^rule +profile +severity +fix +summary$/)
    const rules = allRules()
    expect(lines).toHaveLength(rules.length + 1)
    rules.forEach((rule, i) => {
      const cells = lines[i + 1]!.split(/ {2,}/)
      expect(cells.slice(0, 4)).toEqual([rule.id, rule.profile, rule.severity, rule.fix])
      expect(lines[i + 1]!.endsWith(rule.docs.summary)).toBe(true)
    })
    expect(stdout).toMatch(/^sshd\/x11-forwarding +baseline +warning +safe +X11 forwarding is off\.$/m)
  })

  it('--list-rules --output-format json prints every rule with its options', () => {
    const {code, stdout} = cli(['--list-rules', '--output-format', 'json'])
    expect(code).toBe(0)
    const rules = JSON.parse(stdout) as Array<Record<string, unknown>>
    expect(rules.map((rule) => rule.id)).toEqual(allRules().map((rule) => rule.id))
    expect(rules.find((rule) => rule.id === ROOT_LOGIN)).toEqual({
      id: ROOT_LOGIN,
      format: 'sshd',
      profile: 'baseline',
      severity: 'error',
      fix: 'unsafe',
      summary: 'Root cannot log in over SSH.',
      options: {allow: {description: expect.any(String), default: 'no', expected: '`no` | `prohibit-password`'}},
    })
    for (const id of [KBD, EMPTY, X11, PASSWORD]) expect(rules.some((rule) => rule.id === id)).toBe(true)
  })

  it('--type sshd reads a file of another name as sshd_config', () => {
    const dir = tempDir()
    writeTree(dir, {'server.conf': 'X11Forwarding yes\n'})
    const {code, stdout} = cli(['--type', 'sshd', ...only(X11), 'server.conf'], {cwd: dir})
    expect(code).toBe(1)
    expect(stdout).toContain('--- a/server.conf\n+++ b/server.conf\n@@ -1,1 +1,1 @@\n-X11Forwarding yes\n+X11Forwarding no\n')
  })
})

describe('standard input', () => {
  it('- reads standard input, named by --stdin-filename for the format, the report and the patch', () => {
    const {code, stdout, stderr} = cli([...only(X11), '--stdin-filename', 'conf/sshd_config', '-'], {stdin: 'Port 22\nX11Forwarding yes\n'})
    expect(code).toBe(1)
    expect(stdout).toBe('# harden-config: 1 file(s) changed, 1 fix(es), 0 of them unsafe.\n--- a/conf/sshd_config\n+++ b/conf/sshd_config\n@@ -1,2 +1,2 @@\n Port 22\n-X11Forwarding yes\n+X11Forwarding no\n')
    expect(parseTextReport(stderr).findings[0]).toMatchObject({file: 'conf/sshd_config', line: 2, column: 1, ruleId: X11})
  })

  it('- is called stdin without --stdin-filename, and then needs --type', () => {
    const withoutType = cli([...only(X11), '-'], {stdin: 'X11Forwarding yes\n'})
    expect(withoutType.code).toBe(2)
    expect(withoutType.stderr).toMatch(/Cannot tell the format of stdin/)
    const withType = cli(['--type', 'sshd', ...only(X11), '-'], {stdin: 'X11Forwarding yes\n'})
    expect(withType.code).toBe(1)
    expect(withType.stdout).toContain('--- a/stdin\n+++ b/stdin\n')
  })

  it('- with --root and a system path reads its includes under the root', () => {
    const root = copyExample()
    const text = fs.readFileSync(path.join(root, MAIN), 'utf8')
    const {code, stdout, stderr} = cli(['--root', root, '--stdin-filename', MAIN, ...only(PASSWORD, X11), '-'], {stdin: text.replace('X11Forwarding yes', 'X11Forwarding no')})
    expect(code).toBe(1)
    expect(parseTextReport(stderr).findings.map((f) => `${f.file}:${f.ruleId}`)).toEqual([`${DROP_IN}:${PASSWORD}`])
    expect(stdout).toContain('--- a/etc/ssh/sshd_config.d/50-cloud-init.conf\n')
    expect(stdout).not.toContain('--- a/etc/ssh/sshd_config\n')
  })

  it('- with a syntax error: exit 2, the message names the --stdin-filename', () => {
    const {code, stdout, stderr} = cli(['--stdin-filename', 'sshd_config', '-'], {stdin: 'Banner "x\n'})
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^harden-config: sshd_config:1:8: Unterminated quote/)
  })
})

describe('--help and --version', () => {
  it('--help lists every flag on stdout and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const {code, stdout, stderr} = cli([flag])
      expect(code).toBe(0)
      expect(stderr).toBe('')
      expect(stdout).toMatch(/^Usage: harden-config \[options\] FILE\.\.\.\n/)
      for (const option of ['--check', '--write', '--unsafe-fixes', '--safe', '--backup', '--backup-suffix', '--profile', '--rule', '--disable', '--option', '--list-rules', '--config', '--no-config', '--unused-suppressions', '--type', '--root', '--stdin-filename', '--output-format', '--report-file', '--max-file-size', '--quiet', '--help', '--version']) {
        expect(stdout).toContain(`${option} `)
      }
      expect(stdout).toContain('Exit status: 0 nothing to change, 1 findings or changes, 2 error.')
    }
  })

  it('--help wins over everything else, even a missing file', () => {
    expect(cli(['missing/sshd_config', '--write', '--help']).code).toBe(0)
  })

  it('--version prints the package version', () => {
    expect(cli(['--version'])).toEqual({code: 0, stdout: `harden-config ${pkg.version}\n`, stderr: ''})
    expect(cli(['-v']).stdout).toBe(`harden-config ${pkg.version}\n`)
  })
})

describe('line ends: CRLF files and files without a final newline, end to end', () => {
  /** Runs the patch mode on one copy and --write on another, applies the patch with both tools, and compares. */
  function endToEnd(prepare: (root: string) => void): {root: string; patch: string} {
    const source = copyExample()
    prepare(source)
    const {code, stdout} = cli(['--root', source, ...only(...FIRST_RULES), MAIN])
    expect(code).toBe(1)
    const written = tempDir()
    fs.cpSync(source, written, {recursive: true})
    expect(cli(['--root', written, '--write', '--unsafe-fixes', ...only(...FIRST_RULES), MAIN]).code).toBe(1)
    if (canPatch) {
      const byPatch = tempDir()
      fs.cpSync(source, byPatch, {recursive: true})
      const patched = applyWithPatch(byPatch, stdout)
      expect(patched.output).not.toMatch(/hunk|FAILED|can't find/i)
      expect(patched.status).toBe(0)
      const byGit = tempDir()
      fs.cpSync(source, byGit, {recursive: true})
      expect(applyWithGit(byGit, stdout)).toMatchObject({status: 0})
      expect(readTree(byPatch)).toEqual(readTree(written))
      expect(readTree(byGit)).toEqual(readTree(written))
    }
    expect(cli(['--root', written, '--check', ...only(...FIRST_RULES), MAIN]).code).toBe(0)
    return {root: written, patch: stdout}
  }

  it('keeps CRLF line ends, in changed and in added lines', () => {
    const {root, patch} = endToEnd((dir) => {
      for (const file of [MAIN, DROP_IN]) {
        const full = path.join(dir, file)
        fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace(/\n/g, '\r\n'))
      }
    })
    expect(patch).toContain('+PermitRootLogin no\r\n')
    expect(patch).toContain('-X11Forwarding yes\r\n+X11Forwarding no\r\n')
    for (const file of [MAIN, DROP_IN]) {
      const text = fs.readFileSync(path.join(root, file), 'utf8')
      expect(text).not.toMatch(/[^\r]\n/)
      expect(text.endsWith('\r\n')).toBe(true)
    }
    expect(fs.readFileSync(path.join(root, DROP_IN), 'utf8')).toBe('PasswordAuthentication no\r\n')
  })

  it('keeps a missing final newline missing, when the last line changes', () => {
    const {root, patch} = endToEnd((dir) => {
      fs.writeFileSync(path.join(dir, DROP_IN), 'PasswordAuthentication yes')
      const full = path.join(dir, MAIN)
      fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace(/\n$/, ''))
    })
    expect(patch).toContain('-PasswordAuthentication yes\n\\ No newline at end of file\n+PasswordAuthentication no\n\\ No newline at end of file\n')
    expect(fs.readFileSync(path.join(root, DROP_IN), 'utf8')).toBe('PasswordAuthentication no')
    expect(fs.readFileSync(path.join(root, MAIN), 'utf8')).toMatch(/ForceCommand cvs server$/)
  })

  it('adds lines after a last line without a newline, in a CRLF file', () => {
    const dir = tempDir()
    writeTree(dir, {sshd_config: 'Port 22\r\nX11Forwarding yes'})
    const {stdout} = cli([...only(ROOT_LOGIN, X11), 'sshd_config'], {cwd: dir})
    expect(stdout).toContain('-X11Forwarding yes\n\\ No newline at end of file\n+X11Forwarding no\r\n+PermitRootLogin no\n\\ No newline at end of file\n')
    const expected = 'Port 22\r\nX11Forwarding no\r\nPermitRootLogin no'
    if (canPatch) {
      const byPatch = tempDir()
      writeTree(byPatch, {sshd_config: 'Port 22\r\nX11Forwarding yes'})
      expect(applyWithPatch(byPatch, stdout).status).toBe(0)
      expect(fs.readFileSync(path.join(byPatch, 'sshd_config'), 'utf8')).toBe(expected)
      const byGit = tempDir()
      writeTree(byGit, {sshd_config: 'Port 22\r\nX11Forwarding yes'})
      expect(applyWithGit(byGit, stdout).status).toBe(0)
      expect(fs.readFileSync(path.join(byGit, 'sshd_config'), 'utf8')).toBe(expected)
    }
    expect(cli(['--write', '--unsafe-fixes', ...only(ROOT_LOGIN, X11), 'sshd_config'], {cwd: dir}).code).toBe(1)
    expect(fs.readFileSync(path.join(dir, 'sshd_config'), 'utf8')).toBe(expected)
  })
})

describe('file names', () => {
  // GNU patch reads a file name in a `---`/`+++` line up to the first whitespace unless a
  // tab ends it (GNU diff writes `name<TAB>date`), so a name with a space is cut short.
  // Input: --root R /etc/ssh/sshd_config whose drop-in is `sshd_config.d/my file.conf`.
  // Expected: `patch -p1 -d R` applies the patch (git apply does). Before the fix: "can't find
  // file to patch at input line 2", exit 1. Ending each header line with a tab
  // (`--- a/etc/ssh/sshd_config.d/my file.conf\t`) fixes it for patch and git apply alike.
  it.runIf(canPatch)('a file name with a space: `patch -p1` applies the patch', () => {
    const root = tempDir()
    writeTree(root, {
      'etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\n',
      'etc/ssh/sshd_config.d/my file.conf': 'X11Forwarding yes\n',
    })
    const {stdout} = cli(['--root', root, ...only(X11), MAIN])
    expect(stdout).toContain('my file.conf')
    const byGit = tempDir()
    fs.cpSync(root, byGit, {recursive: true})
    expect(applyWithGit(byGit, stdout).status).toBe(0)
    expect(applyWithPatch(root, stdout).status).toBe(0)
    expect(fs.readFileSync(path.join(root, 'etc/ssh/sshd_config.d/my file.conf'), 'utf8')).toBe('X11Forwarding no\n')
  })

  // FILE is relative to io.cwd, but nodeHost resolves a relative `root` against
  // process.cwd() (core/host.ts: `resolve(options.root)`; cli.ts passes io.cwd as `cwd`
  // only). Input:
  // run(['--root', 'vm', '/etc/ssh/sshd_config'], {cwd: DIR}) with DIR/vm a system tree.
  // Expected: DIR/vm is the root. Before the fix: exit 2, "--root vm: no such folder" (or, worse,
  // another tree when process.cwd() has a `vm` folder). The built command is not affected
  // (its io.cwd is process.cwd()).
  it('a relative --root is relative to the working folder (io.cwd)', () => {
    const dir = tempDir()
    fs.cpSync(EXAMPLE, path.join(dir, 'vm'), {recursive: true})
    const {code, stderr} = cli(['--root', 'vm', '--check', ...only(X11), MAIN], {cwd: dir})
    expect(stderr).not.toContain('no such folder')
    expect(code).toBe(1)
  })
})
