/**
 * The built command, `node dist/bin/harden-config.cjs`, run as a separate process for a
 * handful of real end-to-end runs: standard input, exit codes, standard output and error
 * kept apart, `--write` on a copy of examples/cloud-vm, a file that cannot be read.
 *
 * It builds nothing unless it must: `npm run build` runs once, before the tests, when the
 * command is missing or older than its sources.
 */
import {spawnSync, type SpawnSyncReturns} from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {run} from '../src/cli.js'
import {
  EXAMPLE,
  FIRST_RULES,
  PASSWORD,
  REPO,
  ROOT_LOGIN,
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
import {isBuilt, npmBuild} from './support/built.js'

const BUILT = ['dist/bin/harden-config.cjs', 'dist/bin/cli.cjs']
const BIN = path.join(REPO, 'dist', 'bin', 'harden-config.cjs')
const MAIN = '/etc/ssh/sshd_config'
const DROP_IN = '/etc/ssh/sshd_config.d/50-cloud-init.conf'
const isRoot = process.getuid?.() === 0
const canPatch = hasCommand('patch') && hasCommand('git')

beforeAll(() => {
  if (!isBuilt(BUILT)) npmBuild(REPO, BUILT)
}, 60_000)
afterAll(removeTemps)

interface Options {
  cwd?: string
  input?: string
  uid?: number
  gid?: number
  timeout?: number
}

/**
 * Runs the built command.
 *
 * @param args its arguments
 * @param options working folder, standard input, user, time limit (default 15 s)
 */
function bin(args: string[], options: Options = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? tempDir(),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeout ?? 15_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(options.uid === undefined ? {} : {uid: options.uid}),
    ...(options.gid === undefined ? {} : {gid: options.gid}),
  })
}

/** The same run in-process, for comparison. */
function inProcess(args: string[], cwd: string, stdin = ''): {code: number; stdout: string; stderr: string} {
  let stdout = ''
  let stderr = ''
  const code = run(args, {stdout: {write: (t: string) => (stdout += t)}, stderr: {write: (t: string) => (stderr += t)}, readStdin: () => stdin, cwd})
  return {code, stdout, stderr}
}

describe('the built command', () => {
  it('--version and --help', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {version: string}
    const version = bin(['--version'])
    expect([version.status, version.stdout, version.stderr]).toEqual([0, `harden-config ${pkg.version}\n`, ''])
    const help = bin(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^Usage: harden-config/)
    expect(help.stderr).toBe('')
  })


  // The bundle's registry (src/bin/formats.ts) loads each format on first use; the library's
  // (src/formats/list.ts) loads them all at once. Both must know the same formats and rules.
  it('knows every format and rule of the library, each format loaded when first used', () => {
    const cwd = tempDir()
    for (const args of [['--help'], ['--list-rules'], ['--list-rules', '--output-format', 'json']]) {
      const built = bin(args, {cwd})
      expect({code: built.status, stdout: built.stdout, stderr: built.stderr}).toEqual(inProcess(args, cwd))
    }
    const root = copyExample()
    const files = ['/etc/ssh/sshd_config', '/etc/apache2/apache2.conf', '/etc/bind/named.conf', '/etc/ntpsec/ntp.conf', '/etc/iptables/rules.v4', '/etc/iptables/rules.v6']
    for (const file of files) {
      const args = ['--root', root, '--output-format', 'json', file]
      const built = bin(args, {cwd: root})
      // Debian's own ntp.conf (NTPsec) has nothing to fix: exit 0.
      expect(built.status, `${file}: ${built.stderr}`).toBe(file.includes('ntp') ? 0 : 1)
      expect({code: built.status, stdout: built.stdout, stderr: built.stderr}).toEqual(inProcess(args, root))
    }
  })
  it('reads standard input (-) named by --stdin-filename, and reads its includes under --root', () => {
    const root = copyExample()
    const text = fs.readFileSync(path.join(root, MAIN), 'utf8')
    const args = ['--root', root, '--stdin-filename', MAIN, ...only(...FIRST_RULES), '-']
    const result = bin(args, {input: text})
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/^# harden-config: 2 file\(s\) changed, 3 fix\(es\), 2 of them unsafe\.\n/)
    expect(result.stdout).toContain('--- a/etc/ssh/sshd_config\n')
    expect(result.stdout).toContain('--- a/etc/ssh/sshd_config.d/50-cloud-init.conf\n')
    expect(parseTextReport(result.stderr).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([
      `${MAIN}:1 ${ROOT_LOGIN}`,
      `${MAIN}:90 ${X11}`,
      `${DROP_IN}:1 ${PASSWORD}`,
    ])
    // The bundle does what the sources do.
    const expected = inProcess(args, root, text)
    expect({code: result.status, stdout: result.stdout, stderr: result.stderr}).toEqual(expected)
  })

  it('exits 0, 1 and 2', () => {
    const dir = tempDir()
    writeTree(dir, {
      'good/sshd_config': 'PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nX11Forwarding no\n',
      'bad/sshd_config': 'X11Forwarding yes\n',
      'broken/sshd_config': 'Banner "x\n',
    })
    const good = bin([...only(...FIRST_RULES), 'good/sshd_config'], {cwd: dir})
    expect([good.status, good.stdout, good.stderr]).toEqual([0, '', 'No findings.\n'])
    const check = bin(['--check', ...only(...FIRST_RULES), 'bad/sshd_config'], {cwd: dir})
    expect([check.status, check.stdout]).toEqual([1, ''])
    const bad = bin([...only(...FIRST_RULES), 'bad/sshd_config'], {cwd: dir})
    expect(bad.status).toBe(1)
    expect(bad.stdout).toContain('+X11Forwarding no\n')
    for (const args of [['broken/sshd_config'], ['missing/sshd_config'], ['--bogus', 'good/sshd_config'], [], ['--check', '--write', 'bad/sshd_config']]) {
      const result = bin(args, {cwd: dir})
      expect(result.status, args.join(' ')).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/^harden-config: /)
    }
    expect(bin(['broken/sshd_config'], {cwd: dir}).stderr).toMatch(/^harden-config: broken\/sshd_config:1:8: Unterminated quote/)
  })

  it('keeps standard output (the patch) and standard error (the report) apart', () => {
    const root = copyExample()
    const result = bin(['--root', root, MAIN])
    expect(result.status).toBe(1)
    // stdout: the preamble, then nothing but unified diff lines.
    for (const line of preambleOf(result.stdout)) expect(line).toMatch(/^(#.*)?$/)
    const body = result.stdout.slice(result.stdout.indexOf('\n--- ') + 1)
    for (const line of body.trimEnd().split('\n')) expect(line).toMatch(/^(--- a\/|\+\+\+ b\/|@@ -\d+,\d+ \+\d+,\d+ @@$|[ +-]|\\ No newline at end of file$)/)
    // stderr: findings, their details, and the summary (parseTextReport throws on anything else).
    const report = parseTextReport(result.stderr)
    expect(report.findings.length).toBeGreaterThan(0)
    expect(result.stderr).not.toContain('--- a/')
    // JSON on stderr, the patch alone on stdout.
    const json = bin(['--root', root, '--output-format', 'json', MAIN])
    expect((JSON.parse(json.stderr) as JsonReport).patch).toBe(json.stdout)
    expect(json.stdout).toBe(result.stdout)
  })

  it('writes a long patch and report whole through pipes', () => {
    const dir = tempDir()
    let text = 'X11Forwarding no\n'
    for (let i = 0; i < 600; i++) text += `Match User user${i}\n    X11Forwarding yes\n`
    writeTree(dir, {sshd_config: text})
    const result = bin([...only(X11), 'sshd_config'], {cwd: dir})
    expect(result.status).toBe(1)
    expect(result.stdout.length).toBeGreaterThan(128 * 1024)
    expect(result.stdout.match(/^\+ {4}X11Forwarding no$/gm)).toHaveLength(600)
    expect(parseTextReport(result.stderr).summary).toBe('600 findings (600 warnings): 0 safe fixes, 600 unsafe fixes, 0 suggestions. The patch holds 600 fixes in 1 file.')
  })

  // Output goes to the file descriptors with writeSync. When standard output is a pipe
  // that some other process set to non-blocking (O_NONBLOCK is shared by everyone writing
  // to it), a write takes only what fits and the rest must be written again. Python makes
  // such a pipe here and reads it only after a while.
  it.runIf(hasCommand('python3'))('writes a long patch whole to a non-blocking pipe read slowly', () => {
    const dir = tempDir()
    let text = 'X11Forwarding no\n'
    for (let i = 0; i < 600; i++) text += `Match User user${i}\n    X11Forwarding yes\n`
    writeTree(dir, {sshd_config: text})
    const script = [
      'import os, subprocess, sys, time',
      'r, w = os.pipe()',
      'os.set_blocking(w, False)',
      'p = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.DEVNULL)',
      'os.close(w)',
      'time.sleep(0.5)',
      'chunks = []',
      'while True:',
      '    b = os.read(r, 65536)',
      '    if not b: break',
      '    chunks.append(b)',
      'sys.stdout.buffer.write(b"".join(chunks))',
      'sys.exit(p.wait())',
    ].join('\n')
    const result = spawnSync('python3', ['-c', script, process.execPath, BIN, ...only(X11), 'sshd_config'], {cwd: dir, encoding: 'utf8', timeout: 15_000, maxBuffer: 64 * 1024 * 1024})
    expect(result.status).toBe(1)
    expect(result.stdout).toBe(bin([...only(X11), 'sshd_config'], {cwd: dir}).stdout)
    expect(result.stdout.match(/^\+ {4}X11Forwarding no$/gm)).toHaveLength(600)
  })

  // A reader that stops early (`harden-config ... | head`) closes the pipe; the next write
  // fails with EPIPE, which the command reports as a crash. Input: a patch longer than the
  // pipe holds, piped to `head -n 1`. Expected: the command stops quietly (as cat, grep
  // and git do: no message, or at most one line), since nobody reads the rest. Actual:
  // "harden-config: internal error, please report it:" with EPIPE's stack trace on stderr,
  // then "Nothing was written.", exit 2.
  it.runIf(fs.existsSync('/bin/sh') && hasCommand('head'))('a reader that closes the pipe early: no internal error', () => {
    const dir = tempDir()
    let text = 'X11Forwarding no\n'
    for (let i = 0; i < 600; i++) text += `Match User user${i}\n    X11Forwarding yes\n`
    writeTree(dir, {sshd_config: text})
    const command = `"${process.execPath}" "${BIN}" --rule ${X11} sshd_config | head -n 1`
    const result = spawnSync('/bin/sh', ['-c', command], {cwd: dir, encoding: 'utf8', timeout: 15_000})
    expect(result.stdout).toMatch(/^# harden-config: /)
    expect(result.stderr).not.toContain('internal error')
  })

  it('--write on a copy of examples/cloud-vm: in place, as the patch would, mode kept, nothing left behind; then nothing to do', () => {
    const root = copyExample()
    fs.chmodSync(path.join(root, MAIN), 0o600)
    const patch = bin(['--root', root, ...only(...FIRST_RULES), MAIN]).stdout
    const names = listNames(root)
    const written = bin(['--root', root, '--write', '--unsafe-fixes', '--backup', ...only(...FIRST_RULES), MAIN])
    expect(written.status).toBe(1)
    expect(written.stdout).toBe('')
    expect(parseTextReport(written.stderr).summary).toMatch(/ 3 fixes written to 2 files\.$/)
    expect(listNames(root)).toEqual([...names, 'etc/ssh/sshd_config.bak', 'etc/ssh/sshd_config.d/50-cloud-init.conf.bak'].sort())
    expect(fs.statSync(path.join(root, MAIN)).mode & 0o7777).toBe(0o600)
    expect(fs.readFileSync(path.join(root, `${MAIN}.bak`))).toEqual(fs.readFileSync(path.join(EXAMPLE, MAIN)))
    expect(fs.readFileSync(path.join(root, DROP_IN), 'utf8')).toBe('PasswordAuthentication no\n')
    if (canPatch) {
      for (const apply of [applyWithPatch, applyWithGit]) {
        const copy = copyExample()
        expect(apply(copy, patch).status).toBe(0)
        const tree = readTree(root)
        for (const name of Object.keys(tree)) if (name.endsWith('.bak')) delete tree[name]
        expect(readTree(copy)).toEqual(tree)
      }
    }
    const after = snapshot(root)
    const again = bin(['--root', root, '--write', '--unsafe-fixes', ...only(...FIRST_RULES), MAIN])
    expect([again.status, again.stdout, again.stderr]).toEqual([0, '', 'No findings.\n'])
    expect(snapshot(root)).toEqual(after)
  })

  // chmod 000 stops everyone but root. As root, the command runs as nobody (65534) on a
  // copy it may read except for one file; otherwise it runs as the user running the tests.
  it('a file that cannot be read (chmod 000): exit 2, the file named, nothing written', () => {
    const dir = tempDir()
    fs.chmodSync(dir, 0o777)
    writeTree(dir, {'good/sshd_config': 'X11Forwarding yes\n', 'locked/sshd_config': 'X11Forwarding yes\n'})
    for (const sub of ['good', 'locked']) {
      fs.chmodSync(path.join(dir, sub), 0o777)
      fs.chmodSync(path.join(dir, sub, 'sshd_config'), 0o666)
    }
    fs.chmodSync(path.join(dir, 'locked/sshd_config'), 0o000)
    const user = isRoot ? {uid: 65534, gid: 65534} : {}
    const before = snapshot(dir)
    const result = bin(['--write', 'good/sshd_config', 'locked/sshd_config'], {cwd: dir, ...user})
    expect(result.stderr).toMatch(/^harden-config: Cannot read locked\/sshd_config: EACCES/)
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(snapshot(dir)).toEqual(before)
  })

  // A FIFO (named pipe) passes the command's checks (it is not a directory), and
  // readFileSync then waits for a writer that never comes. Input: `mkfifo sshd_config;
  // harden-config sshd_config`. Expected: exit 2 at once, "sshd_config is not a regular
  // file", as for a directory. Before the fix: the command hangs until it is killed (here after
  // 2 s). The same hole lets /dev/null through as an empty file (see cli.test.ts).
  it('a FIFO: exit 2 at once, not a hang', () => {
    const dir = tempDir()
    const made = spawnSync('mkfifo', [path.join(dir, 'sshd_config')])
    expect(made.status).toBe(0)
    const result = bin(['sshd_config'], {cwd: dir, timeout: 2_000})
    expect(result.signal).toBe(null)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/sshd_config.*not a regular file/)
  })
})
