import {describe, expect, it} from 'vitest'
import {memoryHost} from '../../core/host.js'
import {OptionError} from '../../core/options.js'
import type {AnyFormat} from '../index.js'
import {harden} from '../../harden.js'
import {ntp} from './index.js'

const formats = [ntp as unknown as AnyFormat]

describe('the ntp format', () => {
  it('is told from the name ntp.conf and from files of an ntp.d folder', () => {
    for (const path of ['/etc/ntpsec/ntp.conf', '/etc/ntp.conf', 'ntp.conf', '/etc/ntpsec/ntp.d/10-pool.conf']) expect(ntp.detect(path), path).toBe(true)
    for (const path of ['/etc/ntpsec/ntp.keys', '/etc/ntp.conf.bak', '/etc/ntpsec/ntp.d/README', '/etc/chrony/chrony.conf', '/etc/ssh/sshd_config']) expect(ntp.detect(path), path).toBe(false)
  })

  it('hardens a file found by its name, or named with type ntp', () => {
    const host = memoryHost({'/etc/ntpsec/ntp.conf': 'pool 0.debian.pool.ntp.org iburst\n', '/srv/time.cfg': 'pool 0.debian.pool.ntp.org iburst\n'})
    const byName = harden(['/etc/ntpsec/ntp.conf'], {host, formats, fix: 'safe'})
    expect(byName.files[0]!.fixed).toBe('pool 0.debian.pool.ntp.org iburst\nrestrict default kod nomodify noquery limited\n')
    expect(harden(['/srv/time.cfg'], {host, formats, type: 'ntp', fix: 'safe'}).patch).toContain('+restrict default kod nomodify noquery limited')
  })

  it('takes the daemon as a setting, NTPsec by default', () => {
    const host = memoryHost({'/etc/ntp.conf': 'restrict default kod nomodify noquery limited\n'})
    expect(harden(['/etc/ntp.conf'], {host, formats}).findings.map((f) => f.ruleId)).toEqual(['ntp/restrict-localhost', 'ntp/restrict-localhost'])
    expect(harden(['/etc/ntp.conf'], {host, formats, options: {ntp: {daemon: 'ntpd'}}}).findings.map((f) => f.ruleId)).toEqual(['ntp/restrict-default', 'ntp/restrict-localhost', 'ntp/restrict-localhost'])
    expect(() => harden(['/etc/ntp.conf'], {host, formats, options: {ntp: {daemon: 'chrony'}}})).toThrow(OptionError)
  })

  it('checks a file of ntp.d named beside its main file as part of it', () => {
    const host = memoryHost({'/etc/ntpsec/ntp.conf': 'restrict default kod nomodify\n', '/etc/ntpsec/ntp.d/50-x.conf': 'restrict 10.0.0.0/8\n'})
    const result = harden(['/etc/ntpsec/ntp.conf', '/etc/ntpsec/ntp.d/50-x.conf'], {host, formats, rules: ['ntp/wide-restrict']})
    expect(result.findings.map((f) => [f.file, f.ruleId])).toEqual([['/etc/ntpsec/ntp.d/50-x.conf', 'ntp/wide-restrict']])
  })
})
