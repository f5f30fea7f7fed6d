import {applyPatch, parsePatch} from 'diff'
import {describe, expect, it} from 'vitest'
import {HardenConfigError} from './core/errors.js'
import {memoryHost} from './core/host.js'
import {OptionError} from './core/options.js'
import {harden, patchPath} from './harden.js'

const main = '/etc/ssh/sshd_config'

describe('harden()', () => {
  it('applies fixes pass after pass when they touch the same line, and composes one patch', () => {
    const host = memoryHost({[main]: 'ChallengeResponseAuthentication yes\nPasswordAuthentication no\nPermitRootLogin no\nX11Forwarding no\n'})
    const result = harden([main], {host, rules: ['sshd/kbd-interactive-authentication', 'sshd/deprecated-keyword']})
    expect(result.files[0]!.fixed).toBe('KbdInteractiveAuthentication no\nPasswordAuthentication no\nPermitRootLogin no\nX11Forwarding no\n')
    expect(result.patch).toContain('-ChallengeResponseAuthentication yes\n+KbdInteractiveAuthentication no\n')
    expect(applyPatch(result.files[0]!.original, result.files[0]!.patch)).toBe(result.files[0]!.fixed)
    expect(result.findings.map((f) => f.ruleId)).toEqual(['sshd/kbd-interactive-authentication', 'sshd/deprecated-keyword'])
  })

  it('holds only safe fixes when asked', () => {
    const host = memoryHost({[main]: 'PermitRootLogin yes\nX11Forwarding yes\n'})
    const result = harden([main], {host, fix: 'safe', rules: ['sshd/permit-root-login', 'sshd/x11-forwarding']})
    expect(result.files[0]!.fixed).toBe('PermitRootLogin yes\nX11Forwarding no\n')
    expect(result.patch.startsWith('# harden-config: 1 file(s) changed, 1 fix(es), 0 of them unsafe.\n---')).toBe(true)
  })

  it('lists each unsafe fix and its risk in a preamble that patch tools skip', () => {
    const host = memoryHost({[main]: 'PermitRootLogin yes\n'})
    const result = harden([main], {host, rules: ['sshd/permit-root-login']})
    const [preamble] = result.patch.split('--- a/')
    expect(preamble).toMatch(/^# Unsafe fixes can lock someone out/m)
    expect(preamble).toMatch(/^# {3}etc\/ssh\/sshd_config:1: Set `PermitRootLogin no` \(sshd\/permit-root-login\)$/m)
    expect(preamble!.split('\n').filter(Boolean).every((line) => line.startsWith('#'))).toBe(true)
    expect(parsePatch(result.patch)).toHaveLength(1)
  })

  it('creates a drop-in, as a /dev/null hunk', () => {
    const host = memoryHost({[main]: 'Include /etc/ssh/sshd_config.d/*.conf\nX11Forwarding no\n'})
    const result = harden([main], {host, rules: ['sshd/permit-root-login'], options: {sshd: {dropIn: '/etc/ssh/sshd_config.d/00-harden-config.conf'}}})
    const created = result.files.find((f) => f.created)!
    expect(created.fixed).toBe('PermitRootLogin no\n')
    expect(created.patch).toBe('--- /dev/null\n+++ b/etc/ssh/sshd_config.d/00-harden-config.conf\n@@ -0,0 +1,1 @@\n+PermitRootLogin no\n')
    expect(result.files.find((f) => f.path === main)!.changed).toBe(false)
  })

  it('checks a drop-in named beside its main file once, as part of it', () => {
    const host = memoryHost({[main]: 'Include /etc/ssh/sshd_config.d/*.conf\n', '/etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n'})
    const result = harden(['/etc/ssh/sshd_config.d/50-cloud-init.conf', main], {host, rules: ['sshd/password-authentication']})
    expect(result.findings).toHaveLength(1)
    expect(result.files.map((f) => f.patchPath)).toEqual(['etc/ssh/sshd_config', 'etc/ssh/sshd_config.d/50-cloud-init.conf'])
  })

  it('takes text as input, with the file system for includes', () => {
    const result = harden([{path: 'sshd_config', text: 'X11Forwarding yes\n'}], {host: memoryHost({}), rules: ['sshd/x11-forwarding']})
    expect(result.patch).toContain('--- a/sshd_config\n+++ b/sshd_config\n')
  })

  it('names what is wrong with its options', () => {
    const host = memoryHost({[main]: ''})
    expect(() => harden([main], {host, rules: ['sshd/nope']})).toThrow(OptionError)
    expect(() => harden([main], {host, options: {'sshd/permit-root-login': {allow: 'yes'}}})).toThrow(
      'Unexpected value "yes" for option `sshd/permit-root-login.allow`, expected `no` | `prohibit-password`',
    )
    expect(() => harden([main], {host, options: {'sshd/permit-root-login': {deny: 'x'}}})).toThrow(/expected one of the options `allow`/)
    expect(() => harden(['/etc/motd'], {host: memoryHost({'/etc/motd': ''})})).toThrow(HardenConfigError)
    expect(() => harden(['/etc/missing/sshd_config'], {host})).toThrow(/no such file/)
  })

  it('paths in patches lose a leading slash', () => {
    expect(patchPath('/etc/ssh/sshd_config')).toBe('etc/ssh/sshd_config')
    expect(patchPath('./x/../sshd_config')).toBe('sshd_config')
  })
})

describe('harden() applied fixes', () => {
  it('counts a fix deferred to a later pass as applied, with its first finding', () => {
    const host = memoryHost({[main]: 'ChallengeResponseAuthentication yes\n'})
    const result = harden([main], {host, rules: ['sshd/kbd-interactive-authentication', 'sshd/deprecated-keyword']})
    expect(result.applied.map((f) => f.ruleId).sort()).toEqual(['sshd/deprecated-keyword', 'sshd/kbd-interactive-authentication'])
    for (const finding of result.applied) expect(result.findings).toContain(finding)
  })
})
