import {describe, expect, it} from 'vitest'
import {FileTexts, rangesTouch} from './texts.js'

describe('FileTexts', () => {
  const texts = new FileTexts([
    {path: '/etc/ssh/sshd_config', realPath: '/etc/ssh/sshd_config', original: 'Port 22\r\nX11Forwarding yes\r\n', created: false},
    {path: '/etc/apache2/sites-enabled/a.conf', realPath: '/etc/apache2/sites-available/a.conf', original: '# é\u{1F600}\nServerTokens OS\n', created: false},
  ])

  it('maps offsets to positions as the editor splits lines (CRLF) and counts characters (UTF-16)', () => {
    expect(texts.range('/etc/ssh/sshd_config', 23, 26)).toEqual({start: {line: 1, character: 14}, end: {line: 1, character: 17}})
    // After a CRLF the next line starts at 0.
    expect(texts.range('/etc/ssh/sshd_config', 9, 9)).toEqual({start: {line: 1, character: 0}, end: {line: 1, character: 0}})
    // 😀 is two UTF-16 code units, as LSP counts them.
    expect(texts.range('/etc/apache2/sites-enabled/a.conf', 3, 5)).toEqual({start: {line: 0, character: 3}, end: {line: 0, character: 5}})
  })

  it('finds a file by the path it was read by or by its real path', () => {
    expect(texts.file('/etc/apache2/sites-available/a.conf')?.path).toBe('/etc/apache2/sites-enabled/a.conf')
    expect(texts.rangeOf('/etc/apache2/sites-available/a.conf', {start: {line: 2, column: 1, offset: 6}, end: {line: 2, column: 16, offset: 21}})).toEqual({
      start: {line: 1, character: 0},
      end: {line: 1, character: 15},
    })
  })

  it('uses lines and columns when a position has no offsets', () => {
    expect(texts.rangeOf('/etc/ssh/sshd_config', {start: {line: 2, column: 1}, end: {line: 2, column: 18}})).toEqual({start: {line: 1, character: 0}, end: {line: 1, character: 17}})
  })
})

describe('rangesTouch', () => {
  const range = (a: number, b: number, c: number, d: number) => ({start: {line: a, character: b}, end: {line: c, character: d}})
  it('holds for shared characters, and for a cursor at either end', () => {
    expect(rangesTouch(range(1, 0, 1, 17), range(1, 5, 1, 5))).toBe(true)
    expect(rangesTouch(range(1, 0, 1, 17), range(1, 17, 1, 17))).toBe(true)
    expect(rangesTouch(range(0, 0, 0, 0), range(0, 0, 0, 0))).toBe(true)
    expect(rangesTouch(range(1, 0, 1, 17), range(2, 0, 2, 0))).toBe(false)
    expect(rangesTouch(range(1, 3, 1, 17), range(1, 0, 1, 2))).toBe(false)
  })
})
