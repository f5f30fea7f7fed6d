import {describe, expect, it} from 'vitest'
import {applySplices} from '../../core/edits.js'
import {DEFAULT_LIMITS} from '../../core/format.js'
import {memoryHost} from '../../core/host.js'
import {appendLine, documentStyle, insertWordsAfter, lastReadWord, placeAfterRestricts, placeDefaultRestrict, removeLine, removeWord, renderLine} from './edit.js'
import {loadNtpConfig, type NtpConfig} from './semantics.js'

function load(text: string): NtpConfig {
  return loadNtpConfig('/etc/ntpsec/ntp.conf', {host: memoryHost({'/etc/ntpsec/ntp.conf': text}), settings: {daemon: 'ntpsec'}, limits: DEFAULT_LIMITS, cache: new Map()})
}

function restrictLine(config: NtpConfig, index = 0) {
  const line = config.entries.filter((e) => e.command.type === 'restrict')[index]!
  if (line.command.type !== 'restrict') throw new Error('not a restrict line')
  return {line, command: line.command}
}

describe('ntp edits', () => {
  it('adds words after the last word ntpd reads, with the line\'s own spacing', () => {
    const text = 'restrict\tdefault\tkod # c\n'
    const config = load(text)
    const {line, command} = restrictLine(config)
    expect(applySplices(text, [insertWordsAfter(line.document, command, lastReadWord(command, config), ['nomodify', 'noquery'])])).toBe('restrict\tdefault\tkod\tnomodify\tnoquery # c\n')
    const broken = 'restrict default kod bogus\n'
    const other = load(broken)
    const r = restrictLine(other)
    expect(applySplices(broken, [insertWordsAfter(r.line.document, r.command, lastReadWord(r.command, other), ['noquery'])])).toBe('restrict default kod noquery bogus\n')
  })

  it('copies the spacing and line ends most lines use', () => {
    const config = load('server\ta\r\npool\tb\r\nrestrict c\r\n')
    expect(documentStyle(config.main)).toEqual({spacing: '\t', eol: '\r\n'})
    expect(renderLine(config.main, ['restrict', '::1'], '  ')).toBe('  restrict\t::1')
  })

  it('appends after a last line without a line end, and after a byte order mark alone', () => {
    const text = 'server a'
    expect(applySplices(text, [appendLine(load(text).main, 'restrict ::1')])).toBe('server a\nrestrict ::1')
    expect(applySplices('\uFEFF', [appendLine(load('\uFEFF').main, 'restrict ::1')])).toBe('\uFEFFrestrict ::1\n')
  })

  it('removes a word with its spacing, and a last line with the line end before it', () => {
    const text = 'enable stats monitor\ndisable monitor'
    const config = load(text)
    const [enable, disable] = config.entries
    expect(enable!.command.type === 'system' && applySplices(text, [removeWord(config.main, enable!.command.flags[1]!)])).toBe('enable stats\ndisable monitor')
    expect(applySplices(text, [removeLine(config.main, disable!.line)])).toBe('enable stats monitor')
  })

  it('places a new default line above the comments of the first restrict line, or under its commented-out example', () => {
    const text = 'server a\n\n# local\nrestrict 127.0.0.1\n'
    const place = placeDefaultRestrict(load(text))
    expect(applySplices(text, [place.edit('restrict default kod')])).toBe('server a\n\nrestrict default kod\n# local\nrestrict 127.0.0.1\n')
    const example = '#restrict default ignore\nserver a\n'
    expect(applySplices(example, [placeDefaultRestrict(load(example)).edit('restrict default kod')])).toBe('#restrict default ignore\nrestrict default kod\nserver a\n')
  })

  it('places a line after the last restrict line of the main file, with its indent', () => {
    const text = '  restrict default kod\n  restrict 127.0.0.1\nserver a\n'
    const place = placeAfterRestricts(load(text), [])
    expect(applySplices(text, [place.edit(renderLine(place.doc, ['disable', 'monitor'], place.indent))])).toBe('  restrict default kod\n  restrict 127.0.0.1\n  disable monitor\nserver a\n')
  })
})
