/**
 * Bugs of the library that the sshd oracle found, each as the smallest test that shows it,
 * first declared with `it.fails`; now fixed, they stay as regression tests. The `it.fails` tests use only the library;
 * the test beside each shows with the real sshd why the expectation is right.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {encodePatch, harden} from '../../src/harden.js'
import {memoryHost} from '../../src/core/host.js'
import {sshdAvailability, sshdEffective} from './sshd-judge.js'

const judge = sshdAvailability()

describe('sshd/duplicate-directive: a file that sshd reads twice', () => {
  // Debian's glob and an Include by name both read the cloud-init drop-in. sshd reads the
  // line twice and uses it (the first reading); the library loads the document once but walks
  // it twice, and the rule takes the second walk of the same line for a later, ignored
  // duplicate of itself: "sshd ignores it, the first `PasswordAuthentication`
  // (/etc/ssh/sshd_config.d/50-cloud-init.conf:1) wins", with a safe fix that removes the
  // line, so that sshd falls back to `PasswordAuthentication yes`.
  const files = {
    '/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nInclude /etc/ssh/sshd_config.d/50-cloud-init.conf\n',
    '/etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication no\n',
  }

  it.skipIf(!judge.ok)('sshd uses the line', () => {
    expect(sshdEffective(files).get('passwordauthentication')).toEqual(['no'])
  })

  it('is not a duplicate of itself, and its line is kept', () => {
    const result = harden(['/etc/ssh/sshd_config'], {host: memoryHost(files), rules: ['sshd/duplicate-directive'], options: {sshd: {version: '9.2'}}})
    expect(result.findings).toEqual([])
    expect(result.patch).toBe('')
  })
})

describe('the patch of a Latin-1 file', () => {
  // A file that is not valid UTF-8 is read as Latin-1 (one character per byte) and written
  // back byte for byte, but `result.patch` is a string whose context lines hold those
  // characters: written out as UTF-8, as the CLI does (`io.stdout.write(result.patch)`),
  // `è` (E8 in the file) becomes C3 A8, and neither `patch` (without fuzz) nor `git apply`
  // finds the hunk.
  const original = Buffer.from('# Accès de root\nPermitRootLogin yes\n', 'latin1')

  it('applies with patch -p1 when written as the CLI writes it (encodePatch)', () => {
    const result = harden(['/etc/ssh/sshd_config'], {host: memoryHost({'/etc/ssh/sshd_config': original}), rules: ['sshd/permit-root-login']})
    expect(result.patch).toContain('+PermitRootLogin no')
    const root = mkdtempSync(join(tmpdir(), 'latin1-patch-'))
    try {
      mkdirSync(join(root, 'etc/ssh'), {recursive: true})
      writeFileSync(join(root, 'etc/ssh/sshd_config'), original)
      writeFileSync(join(root, 'fix.diff'), encodePatch(result))
      const run = spawnSync('patch', ['-p1', '--batch', '--fuzz=0', '--dry-run', '-d', root, '-i', join(root, 'fix.diff')], {encoding: 'utf8'})
      expect(run.status, run.stdout).toBe(0)
    } finally {
      rmSync(root, {recursive: true, force: true})
    }
  })
})

describe('an algorithm list that sshd refuses', () => {
  // sshd reads algorithm names case-sensitively and refuses unknown ones ("Bad SSH2 cipher
  // spec 'AES128-CTR'", exit 255: the server does not start). The library reports nothing
  // about the line (sshd/invalid-directive: "Every line is one sshd accepts where it
  // stands"), and sshd/ciphers takes the list as it is; only unrelated fixes are proposed.
  const files = {'/etc/ssh/sshd_config': 'Ciphers AES128-CTR\n'}

  it.skipIf(!judge.ok)('makes sshd refuse the configuration', () => {
    expect(() => sshdEffective(files)).toThrow(/Bad SSH2 cipher spec 'AES128-CTR'/)
  })

  it('is reported', () => {
    const result = harden(['/etc/ssh/sshd_config'], {host: memoryHost(files), profile: 'strict', options: {sshd: {version: '9.2'}}})
    expect(result.findings.filter((finding) => finding.position.start.line === 1 && finding.message.includes('Ciphers'))).not.toEqual([])
  })
})
