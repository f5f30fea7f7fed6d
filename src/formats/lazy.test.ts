import {describe, expect, it} from 'vitest'
import {memoryHost} from '../core/host.js'
import {DEFAULT_LIMITS} from '../core/format.js'
import type {AnyFormat} from './index.js'
import {builtInFormats} from './list.js'
import {lazyFormat} from './lazy.js'
import {apacheMeta} from './apache/meta.js'
import {iptablesMeta} from './iptables/meta.js'
import {namedMeta} from './named/meta.js'
import {ntpMeta} from './ntp/meta.js'
import {sshd, sshdMeta} from './sshd/index.js'

/** A lazy sshd format that counts how often it was loaded. */
function counted(): {format: AnyFormat; loads: () => number} {
  let loads = 0
  const format = lazyFormat(sshdMeta, () => {
    loads++
    return sshd as unknown as AnyFormat
  })
  return {format, loads: () => loads}
}

describe('lazyFormat', () => {
  it('tells its files and names itself without loading', () => {
    const {format, loads} = counted()
    expect([format.id, format.title]).toEqual([sshd.id, sshd.title])
    expect(format.detect('/etc/ssh/sshd_config')).toBe(true)
    expect(format.detect('/etc/ssh/sshd_config.d/50-cloud-init.conf')).toBe(true)
    expect(format.detect('/etc/ntpsec/ntp.conf')).toBe(false)
    expect(loads()).toBe(0)
  })

  it('loads once, on first use, and then behaves as the format', () => {
    const {format, loads} = counted()
    expect(format.rules).toBe(sshd.rules)
    expect(loads()).toBe(1)
    expect(format.settings).toBe(sshd.settings)
    const text = 'PermitRootLogin yes\n'
    expect(format.print(format.parse(text))).toBe(text)
    const host = memoryHost({'/etc/ssh/sshd_config': text})
    const config = format.load('/etc/ssh/sshd_config', {host, settings: {version: '9.2', dropIn: ''}, limits: DEFAULT_LIMITS, cache: new Map()}) 
    expect(config.documents.map((document) => document.path)).toEqual(['/etc/ssh/sshd_config'])
    expect(loads()).toBe(1)
  })

  it('refuses a loader that gives another format', () => {
    const format = lazyFormat({...sshdMeta, id: 'other'}, () => sshd as unknown as AnyFormat)
    expect(() => format.rules).toThrow('The format loaded for `other` is `sshd`')
  })

  it('each built-in format is made from its meta, in the order src/bin/formats.ts lists them', () => {
    const metas = [sshdMeta, apacheMeta, namedMeta, ntpMeta, iptablesMeta]
    expect(builtInFormats.map((format) => format.id)).toEqual(metas.map((meta) => meta.id))
    builtInFormats.forEach((format, i) => {
      expect(format.title).toBe(metas[i]!.title)
      expect(format.detect).toBe(metas[i]!.detect)
    })
  })
})
