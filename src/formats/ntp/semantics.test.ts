import {describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS} from '../../core/format.js'
import {memoryHost, type MemoryEntry} from '../../core/host.js'
import {formatNetwork} from './address.js'
import type {Daemon} from './keywords.js'
import {describeCommand, limitedInUse, loadNtpConfig, lookupRestrict, readCommand, restrictTable, systemFlag, type NtpConfig} from './semantics.js'

const MAIN = '/etc/ntpsec/ntp.conf'

function load(text: string, files: Record<string, MemoryEntry> = {}, daemon: Daemon = 'ntpsec', entry = MAIN): NtpConfig {
  return loadNtpConfig(entry, {host: memoryHost({...files, [MAIN]: text}), settings: {daemon}, limits: DEFAULT_LIMITS, cache: new Map()})
}

/** The restrict table as `network: flags` lines. */
function table(config: NtpConfig): string[] {
  return restrictTable(config).entries.map((e) => `${formatNetwork(e.family, e.address, e.mask)}${e.ntpport ? ' ntpport' : ''}: ${[...e.flags].sort().join(' ')}`)
}

describe('ntp semantics', () => {
  it('reads includes in place, relative to the including file, and ntp.d after the main file in descending order', () => {
    const config = load('restrict 10.0.0.1\nincludefile sub/a.conf\nrestrict 10.0.0.3\n', {
      '/etc/ntpsec/sub/a.conf': 'restrict 10.0.0.2\nincludefile b.conf\n',
      '/etc/ntpsec/sub/b.conf': 'restrict 10.0.0.21\n',
      '/etc/ntpsec/ntp.d/10-a.conf': 'restrict 10.0.0.4\n',
      '/etc/ntpsec/ntp.d/20-b.conf': 'restrict 10.0.0.5\n',
      '/etc/ntpsec/ntp.d/README': 'not read\n',
    })
    expect(config.entries.map((e) => describeCommand(e.command))).toEqual([
      'restrict 10.0.0.1',
      'includefile sub/a.conf',
      'restrict 10.0.0.2',
      'includefile b.conf',
      'restrict 10.0.0.21',
      'restrict 10.0.0.3',
      'restrict 10.0.0.5',
      'restrict 10.0.0.4',
    ])
    expect(config.entries.filter((e) => e.dropIn).length).toBe(2)
    expect(config.documents.map((d) => d.path)).toEqual([MAIN, '/etc/ntpsec/sub/a.conf', '/etc/ntpsec/sub/b.conf', '/etc/ntpsec/ntp.d/10-a.conf', '/etc/ntpsec/ntp.d/20-b.conf'])
  })

  it('reads a folder include in descending name order, only its *.conf files', () => {
    const config = load('includefile d\n', {'/etc/ntpsec/d/a.conf': 'restrict 10.0.0.1\n', '/etc/ntpsec/d/c.conf': 'restrict 10.0.0.3\n', '/etc/ntpsec/d/b.txt': 'restrict 10.0.0.2\n'})
    expect(config.entries.slice(1).map((e) => describeCommand(e.command))).toEqual(['restrict 10.0.0.3', 'restrict 10.0.0.1'])
  })

  it('ntpd 4.2.8: no ntp.d, no folder include, a relative path under /', () => {
    const config = load('includefile etc/extra.conf\nincludefile d\n', {'/etc/extra.conf': 'restrict 10.0.0.1\n', '/etc/ntpsec/d/a.conf': 'x\n', '/etc/ntpsec/ntp.d/a.conf': 'restrict 10.0.0.9\n'}, 'ntpd')
    expect(config.entries.map((e) => describeCommand(e.command))).toEqual(['includefile etc/extra.conf', 'restrict 10.0.0.1', 'includefile d'])
    expect(config.includes.map((i) => [i.path, i.problem])).toEqual([['/etc/extra.conf', undefined], ['/d', 'no such file']])
  })

  it('stops at end, and stops nesting includes 5 files deep', () => {
    expect(load('restrict 10.0.0.1\nend\nrestrict 10.0.0.2\n').entries.map((e) => describeCommand(e.command))).toEqual(['restrict 10.0.0.1', 'end'])
    const files: Record<string, string> = {}
    for (let i = 1; i <= 6; i++) files[`/etc/ntpsec/${i}.conf`] = `includefile ${i + 1}.conf\n`
    const config = load('includefile 1.conf\n', files)
    expect(config.includes.map((i) => i.problem).filter(Boolean)).toEqual(['includes nest more than 5 files deep ("Maximum include file level exceeded")'])
    expect(config.documents.length).toBe(6)
  })

  it('builds the restrict table: built-in defaults, OR of repeated lines, unrestrict, masks, ntpport', () => {
    const config = load('restrict default kod\nrestrict 10.0.0.5 mask 255.0.0.0 nomodify\nrestrict 10.0.0.0/8 noquery\nrestrict 10.0.0.0/8 ntpport ignore\nrestrict 192.0.2.1\nunrestrict 192.0.2.1\nunrestrict default limited\nrestrict -6 default nomodify\n')
    expect(table(config)).toEqual([
      '0.0.0.0/0: kod noquery',
      '::/0: kod nomodify noquery',
      '10.0.0.0/8: nomodify noquery',
      '10.0.0.0/8 ntpport: ignore',
    ])
    expect(table(load('restrict default kod\n', {}, 'ntpd'))).toEqual(['0.0.0.0/0: kod', '::/0: kod'])
  })

  it('applies the part of a line before a syntax error when it is a whole command', () => {
    const config = load('restrict default kod bogus noquery\nrestrict 10.0.0.1 mask\nrestrict 10.0.0.2 nomodify lowpriotrap\n')
    expect(table(config)).toEqual(['0.0.0.0/0: kod limited noquery', '::/0: kod limited noquery', '10.0.0.2: nomodify'])
    expect(config.entries.map((e) => readCommand(e.command, 'ntpsec').problem?.appliesPrefix)).toEqual([true, false, true])
    // ntpd 4.2.8 knows lowpriotrap.
    expect(table(load('restrict 10.0.0.2 nomodify lowpriotrap\n', {}, 'ntpd'))).toEqual(['0.0.0.0/0: ', '::/0: ', '10.0.0.2: lowpriotrap nomodify'])
  })

  it('ignores nopeer and notrap on NTPsec, not on ntpd 4.2.8', () => {
    expect(table(load('restrict default nopeer notrap\n'))[0]).toBe('0.0.0.0/0: limited noquery')
    expect(table(load('restrict default nopeer notrap\n', {}, 'ntpd'))[0]).toBe('0.0.0.0/0: nopeer notrap')
  })

  it('finds the most specific entry, never inheriting the default flags', () => {
    const t = restrictTable(load('restrict default noquery nomodify\nrestrict 127.0.0.1\nrestrict 127.0.0.0 mask 255.0.0.0 kod\nrestrict 10.0.0.0/8 ntpport ignore\n'))
    expect([...lookupRestrict(t, 4, 0x7f000001n).flags]).toEqual([])
    expect([...lookupRestrict(t, 4, 0x7f000002n).flags]).toEqual(['kod'])
    expect(lookupRestrict(t, 4, 0x0a000001n).mask).toBe(0n)
    expect([...lookupRestrict(t, 4, 0x0a000001n, true).flags]).toEqual(['ignore'])
  })

  it('keeps the last restrict source line', () => {
    expect([...restrictTable(load('restrict source nomodify\nrestrict source noquery\n')).source!.flags]).toEqual(['noquery'])
  })

  it('turns a flag off when any disable line names it, and sees limited keep the monitor', () => {
    const config = load('disable monitor\nenable monitor stats\n')
    expect(systemFlag(config, 'monitor').enabled).toBe(false)
    expect(systemFlag(config, 'stats').enabled).toBe(true)
    expect(limitedInUse(config)).toBe(true)
    expect(limitedInUse(load('unrestrict default limited\n'))).toBe(false)
  })

  it('checks a file of ntp.d on its own as a fragment', () => {
    const config = loadNtpConfig('/etc/ntpsec/ntp.d/10-x.conf', {host: memoryHost({'/etc/ntpsec/ntp.d/10-x.conf': 'restrict 10.0.0.1\n'}), settings: {daemon: 'ntpsec'}, limits: DEFAULT_LIMITS, cache: new Map()})
    expect(config.fragment).toBe(true)
    expect(config.entries.length).toBe(1)
  })

  it('refuses an unknown daemon and a missing file', () => {
    expect(() => load('x\n', {}, 'chrony' as Daemon)).toThrow(/Unexpected daemon `chrony`/)
    expect(() => loadNtpConfig('/etc/ntp.conf', {host: memoryHost({}), settings: {daemon: 'ntpsec'}, limits: DEFAULT_LIMITS, cache: new Map()})).toThrow(/no such file/)
  })
})
