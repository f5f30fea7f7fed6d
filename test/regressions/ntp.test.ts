/**
 * Bugs the properties and the NTPsec oracle found, each kept as a plain test.
 */
import {describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import {memoryHost} from '../../src/core/host.js'
import type {AnyFormat} from '../../src/formats/index.js'
import {ntp} from '../../src/formats/ntp/index.js'
import {loadNtpConfig, readCommand, restrictTable} from '../../src/formats/ntp/semantics.js'
import {harden} from '../../src/harden.js'

const MAIN = '/etc/ntpsec/ntp.conf'
const formats = [ntp as unknown as AnyFormat]

describe('ntp regressions', () => {
  it('new flags at the end of a last line without a line end stay on that line when a new line follows it (fix property)', () => {
    const result = harden([MAIN], {host: memoryHost({[MAIN]: 'restrict default\nrestrict default'}), formats, fix: 'unsafe', options: {ntp: {daemon: 'ntpd'}}})
    expect(result.files[0]!.fixed).toBe('restrict default\nrestrict default kod nomodify notrap nopeer noquery limited\nrestrict 127.0.0.1\nrestrict ::1\ndisable monitor')
  })

  it('an empty "" makes NTPsec read the next word as a string (NTPsec oracle)', () => {
    const config = loadNtpConfig(MAIN, {host: memoryHost({[MAIN]: 'restrict 10.0.0.4 ""noquery\nrestrict 10.0.0.5 "" noquery\nrestrict "" 10.0.0.6 kod\n'}), settings: {daemon: 'ntpsec'}, limits: DEFAULT_LIMITS, cache: new Map()})
    expect(config.entries.map((e) => readCommand(e.command, 'ntpsec').problem?.reason)).toEqual(['`noquery` is no restrict flag of NTPsec', '`noquery` is no restrict flag of NTPsec', undefined])
    expect(restrictTable(config).entries.slice(2).map((e) => [...e.flags])).toEqual([[], [], ['kod']])
  })

  it('end is logged as a syntax error by NTPsec (NTPsec oracle)', () => {
    const config = loadNtpConfig(MAIN, {host: memoryHost({[MAIN]: 'end\n'}), settings: {daemon: 'ntpsec'}, limits: DEFAULT_LIMITS, cache: new Map()})
    expect(readCommand(config.entries[0]!.command, 'ntpsec').problem).toBeDefined()
  })
})
