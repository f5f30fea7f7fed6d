/**
 * The patches the library writes, applied by the real tools: GNU `patch -p1` (in a folder
 * holding the files at their paths, no `a/` or `b/`) and `git apply` (in a fresh git
 * repository), each checked byte for byte against the edited text. `git apply --check`
 * must accept every patch, and `patch` must apply every hunk exactly where its header says
 * (no offset, no fuzz).
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {applySplices, type Splice} from '../src/core/edits.js'
import {memoryHost} from '../src/core/host.js'
import {createFilePatch} from '../src/core/patch.js'
import {harden} from '../src/harden.js'

/** One file of a case: its text before (none for a new file) and the edits. */
interface FileCase {
  path: string
  original?: string
  edits: Splice[]
}

/** A case: files, and lines to put before the first `---`. */
interface PatchCase {
  name: string
  files: FileCase[]
  preamble?: string
}

const scratch = mkdtempSync(join(tmpdir(), 'harden-config-patch-apply-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))
let folders = 0

/** A new empty folder under the scratch folder. */
function freshFolder(kind: string): string {
  const folder = join(scratch, `${kind}-${++folders}`)
  mkdirSync(folder)
  return folder
}

/** Writes files (path to text) under a folder. */
function writeTree(folder: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), {recursive: true})
    writeFileSync(join(folder, path), text)
  }
}

/** Every file under a folder (relative paths), `.git` left out. */
function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix), {withFileTypes: true}).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    if (entry.name === '.git') return []
    return entry.isDirectory() ? listFiles(folder, path) : [path]
  })
}

function run(command: string, args: string[], cwd: string): {status: number | null; out: string} {
  const result = spawnSync(command, args, {cwd, encoding: 'utf8', env: {...process.env, LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd}})
  return {status: result.status, out: `${result.stdout}${result.stderr}`}
}

/**
 * Applies a patch with GNU patch and with git, and returns what each left in its folder.
 *
 * @param originals the files before (path to text)
 * @param patch the patch
 */
function applyWithTools(originals: Record<string, string>, patch: string): {patch: Record<string, Buffer>; git: Record<string, Buffer>} {
  const patchFile = join(scratch, `patch-${++folders}.diff`)
  writeFileSync(patchFile, patch)

  const plain = freshFolder('patch')
  writeTree(plain, originals)
  const gnu = run('patch', ['-p1', '--batch', '--forward', '--fuzz=0', '--no-backup-if-mismatch', '-i', patchFile], plain)
  expect(gnu.status, `patch -p1:\n${gnu.out}`).toBe(0)
  // "Hunk #1 succeeded at 7 (offset 2 lines)" or "with fuzz 1": the header was wrong.
  expect(gnu.out, 'patch applied every hunk where its header says').not.toMatch(/offset|fuzz|Hunk #/i)

  const repo = freshFolder('git')
  expect(run('git', ['init', '-q'], repo).status).toBe(0)
  writeTree(repo, originals)
  const config = ['-c', 'core.autocrlf=false', '-c', 'core.safecrlf=false']
  const check = run('git', [...config, 'apply', '--check', '--verbose', patchFile], repo)
  expect(check.status, `git apply --check:\n${check.out}`).toBe(0)
  const git = run('git', [...config, 'apply', '--verbose', patchFile], repo)
  expect(git.status, `git apply:\n${git.out}`).toBe(0)

  const read = (folder: string): Record<string, Buffer> => Object.fromEntries(listFiles(folder).sort().map((path) => [path, readFileSync(join(folder, path))]))
  return {patch: read(plain), git: read(repo)}
}

/** What every file must hold after the patch. */
function expectedTree(c: PatchCase): Record<string, Buffer> {
  return Object.fromEntries(c.files.map((f) => [f.path, Buffer.from(applySplices(f.original ?? '', f.edits), 'utf8')] as const).sort(([a], [b]) => a.localeCompare(b)))
}

const lines = (n: number, eol = '\n'): string => Array.from({length: n}, (_, i) => `Line${i + 1} value${i + 1}${eol}`).join('')
/** The offset of a substring, for readable edits. */
const at = (text: string, needle: string): number => {
  const index = text.indexOf(needle)
  if (index === -1) throw new Error(`${needle} not in the text`)
  return index
}

const crlf = 'Port 22\r\nPermitRootLogin yes\r\nUsePAM yes\r\n'
const noFinal = 'Port 22\nPermitRootLogin yes'
const long = lines(30)
const gap7 = lines(20)

const cases: PatchCase[] = [
  {
    name: 'a CRLF file: the changed line keeps its CR',
    files: [{path: 'etc/ssh/sshd_config', original: crlf, edits: [{start: at(crlf, 'yes'), end: at(crlf, 'yes') + 3, text: 'no'}]}],
  },
  {
    name: 'no final newline, the last line changes',
    files: [{path: 'etc/ssh/sshd_config', original: noFinal, edits: [{start: at(noFinal, 'yes'), end: noFinal.length, text: 'no'}]}],
  },
  {
    name: 'no final newline, a line inserted at the end',
    files: [{path: 'etc/ssh/sshd_config', original: noFinal, edits: [{start: noFinal.length, end: noFinal.length, text: '\nX11Forwarding no'}]}],
  },
  {
    name: 'no final newline, a line end added',
    files: [{path: 'etc/ssh/sshd_config', original: noFinal, edits: [{start: noFinal.length, end: noFinal.length, text: '\n'}]}],
  },
  {
    name: 'CRLF without final newline, a line inserted at the end',
    files: [{path: 'etc/ssh/sshd_config', original: 'Port 22\r\nUsePAM yes', edits: [{start: 19, end: 19, text: '\r\nX11Forwarding no'}]}],
  },
  {
    name: 'a line inserted at the top',
    files: [{path: 'etc/ssh/sshd_config', original: long, edits: [{start: 0, end: 0, text: 'PermitRootLogin no\n'}]}],
  },
  {
    name: 'two hunks far apart',
    files: [
      {
        path: 'etc/ssh/sshd_config',
        original: long,
        edits: [
          {start: at(long, 'value3\n'), end: at(long, 'value3\n') + 6, text: 'changed3'},
          {start: at(long, 'Line25 '), end: at(long, 'Line26 '), text: ''},
        ],
      },
    ],
  },
  {
    name: 'changes 6 lines apart share one hunk',
    files: [
      {
        path: 'etc/ssh/sshd_config',
        original: gap7,
        edits: [
          {start: at(gap7, 'value5\n'), end: at(gap7, 'value5\n') + 6, text: 'five'},
          {start: at(gap7, 'Line12 '), end: at(gap7, 'Line12 '), text: 'New line\n'},
        ],
      },
    ],
  },
  {
    name: 'changes 7 lines apart get two hunks',
    files: [
      {
        path: 'etc/ssh/sshd_config',
        original: gap7,
        edits: [
          {start: at(gap7, 'value5\n'), end: at(gap7, 'value5\n') + 6, text: 'five'},
          {start: at(gap7, 'Line13 '), end: at(gap7, 'Line13 '), text: 'New line\n'},
        ],
      },
    ],
  },
  {
    name: 'a line removed, and the last line of a file without final newline removed with the line end before it',
    files: [
      {
        path: 'etc/ssh/sshd_config',
        original: 'Port 22\nX11Forwarding yes\nUsePAM yes\nPermitRootLogin yes',
        edits: [
          {start: 8, end: 26, text: ''},
          {start: 36, end: 56, text: ''},
        ],
      },
    ],
  },
  {
    name: 'a new file',
    files: [{path: 'etc/ssh/sshd_config.d/00-harden.conf', edits: [{start: 0, end: 0, text: 'PermitRootLogin no\nPasswordAuthentication no\n'}]}],
  },
  {
    name: 'an empty file gets its first line',
    files: [{path: 'etc/ssh/empty.conf', original: '', edits: [{start: 0, end: 0, text: 'Port 22\n'}]}],
  },
  {
    name: 'a path with a space and one with a non-ASCII letter (git quotes it: "a/etc/caf\\303\\251.conf")',
    files: [
      {path: 'etc/ssh/sshd_config.d/my drop-in.conf', original: 'Port 22\n', edits: [{start: 5, end: 7, text: '2222'}]},
      {path: 'etc/ssh/sshd_config.d/café.conf', original: 'Port 22\n', edits: [{start: 5, end: 7, text: '2222'}]},
    ],
  },
  {
    name: 'two files in one patch, after a preamble of # lines',
    preamble: '# harden-config: 2 file(s) changed, 2 fix(es), 1 of them unsafe.\n# Unsafe fixes can lock someone out. Review each before applying this patch:\n#   etc/ssh/sshd_config:2: Set `PermitRootLogin no` (sshd/permit-root-login)\n',
    files: [
      {path: 'etc/ssh/sshd_config', original: crlf, edits: [{start: at(crlf, 'yes'), end: at(crlf, 'yes') + 3, text: 'no'}]},
      {path: 'etc/ssh/sshd_config.d/50-cloud-init.conf', original: 'PasswordAuthentication yes\n', edits: [{start: 23, end: 26, text: 'no'}]},
    ],
  },
]

describe('patches applied by GNU patch and git apply', () => {
  for (const c of cases) {
    it(c.name, () => {
      const patch =
        (c.preamble ?? '') +
        c.files.map((f) => createFilePatch({path: f.path, original: f.original ?? '', edits: f.edits, create: f.original === undefined})).join('')
      const originals = Object.fromEntries(c.files.filter((f) => f.original !== undefined).map((f) => [f.path, f.original!]))
      const result = applyWithTools(originals, patch)
      const expected = expectedTree(c)
      expect(result.patch).toEqual(expected)
      expect(result.git).toEqual(expected)
    })
  }

  it('the cases cover what they say: one hunk for 6 lines apart, two for 7, /dev/null for a new file', () => {
    const hunks = (c: PatchCase): number => createFilePatch({path: 'f', original: c.files[0]!.original ?? '', edits: c.files[0]!.edits}).split('\n@@ ').length - 1
    expect(hunks(cases.find((c) => c.name.includes('6 lines apart'))!)).toBe(1)
    expect(hunks(cases.find((c) => c.name.includes('7 lines apart'))!)).toBe(2)
    expect(hunks(cases.find((c) => c.name === 'two hunks far apart')!)).toBe(2)
    const created = cases.find((c) => c.name === 'a new file')!.files[0]!
    expect(createFilePatch({path: created.path, original: '', edits: created.edits, create: true})).toMatch(/^--- \/dev\/null\n\+\+\+ b\/etc\/ssh\/sshd_config\.d\/00-harden\.conf\n@@ -0,0 \+1,2 @@\n/)
  })

  it('a patch from harden(): an included drop-in and the main file, with its preamble', () => {
    const files = {
      '/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\r\n#PermitRootLogin prohibit-password\r\nX11Forwarding yes\r\nUsePAM yes\r\n',
      '/etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes',
    }
    const result = harden(['/etc/ssh/sshd_config'], {host: memoryHost(files), fix: 'unsafe', rules: ['sshd/permit-root-login', 'sshd/password-authentication', 'sshd/x11-forwarding']})
    expect(result.patch).toMatch(/^# harden-config: 2 file\(s\) changed/)
    expect(result.files.filter((f) => f.changed).map((f) => f.patchPath).sort()).toEqual(['etc/ssh/sshd_config', 'etc/ssh/sshd_config.d/50-cloud-init.conf'])
    const originals = Object.fromEntries(Object.entries(files).map(([path, text]) => [path.slice(1), text]))
    const applied = applyWithTools(originals, result.patch)
    const expected = Object.fromEntries(result.files.map((f) => [f.patchPath, Buffer.from(f.fixed, 'utf8')] as const).sort(([a], [b]) => a.localeCompare(b)))
    expect(applied.patch).toEqual(expected)
    expect(applied.git).toEqual(expected)
    expect(expected['etc/ssh/sshd_config']!.toString()).toContain('PermitRootLogin no\r\n')
    expect(expected['etc/ssh/sshd_config.d/50-cloud-init.conf']!.toString()).toBe('PasswordAuthentication no')
  })
})
