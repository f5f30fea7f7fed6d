/**
 * The example VM of the README's quick start, every format at once, as a newcomer runs it:
 * the command the README shows finds what the guides warn about in each of the five
 * formats, its patch applies with `patch -p1` and `git apply`, and the fixed VM has nothing
 * left that a fix could change.
 */
import {readFileSync} from 'node:fs'
import {afterAll, describe, expect, it} from 'vitest'
import {applyWithGit, applyWithPatch, copyExample, hasCommand, removeTemps, REPO, runCli} from './cli-helpers.js'

afterAll(removeTemps)

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## What it says'))
/** The README's command over every format, as arguments. */
const command = /^ {4}node dist\/bin\/harden-config\.cjs (--root examples\/cloud-vm \/etc\/ssh\/sshd_config \/etc\/apache2.*)$/m.exec(quickStart)![1]!.split(' ')
const files = command.slice(2)

describe('the example VM, every format', () => {
  it('the README names a file of each format', () => {
    expect(files).toEqual(['/etc/ssh/sshd_config', '/etc/apache2/apache2.conf', '/etc/ntpsec/ntp.conf', '/etc/bind/named.conf', '/etc/iptables/rules.v4'])
  })

  it('finds what the guides warn about in each format', () => {
    const {code, stdout, stderr} = runCli(command, {cwd: REPO})
    expect(code).toBe(1)
    for (const rule of [
      'sshd/permit-root-login',
      'sshd/password-authentication',
      'sshd/x11-forwarding',
      'apache/userdir',
      'apache/server-tokens',
      'apache/directory-listing',
      'named/open-recursion',
      'named/version-hidden',
      'iptables/default-drop',
      'iptables/exposed-service',
    ]) {
      expect(stderr, rule).toContain(`  ${rule}`)
    }
    // NTPsec's shipped file is clean: its built-in defaults refuse queries.
    expect(stderr).not.toMatch(/\/etc\/ntpsec\/ntp\.conf:\d+:\d+ {2}(error|warning)/)
    for (const path of ['etc/ssh/sshd_config.d/50-cloud-init.conf', 'etc/apache2/mods-available/userdir.conf', 'etc/bind/named.conf.options', 'etc/iptables/rules.v4']) {
      expect(stdout).toContain(`--- a/${path}\n+++ b/${path}\n`)
    }
  })

  it.runIf(hasCommand('patch') && hasCommand('git'))('its patch applies with patch -p1 and git apply, and leaves nothing a fix could change', () => {
    const patch = runCli(command, {cwd: REPO}).stdout
    for (const apply of [applyWithPatch, applyWithGit]) {
      const root = copyExample()
      const applied = apply(root, patch)
      expect(applied.status, applied.output).toBe(0)
      const again = runCli(['--root', root, ...files], {cwd: root})
      expect(again.stdout, `a second run has nothing to change (${apply.name})`).toBe("")
      expect(again.stderr).toMatch(/\. The patch is empty\.$/m)
    }
  })
})
