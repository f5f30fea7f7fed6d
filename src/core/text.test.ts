import {describe, expect, it} from 'vitest'
import {decodeBytes, dominantLineEnding, encodeText, findBinaryCharacter, LineIndex} from './text.js'

describe('text', () => {
  it('maps offsets to points and back', () => {
    const index = new LineIndex('ab\ncd\r\nef')
    expect(index.point(0)).toEqual({line: 1, column: 1, offset: 0})
    expect(index.point(4)).toEqual({line: 2, column: 2, offset: 4})
    expect(index.point(9)).toEqual({line: 3, column: 3, offset: 9})
    expect(index.point(1)).toEqual({line: 1, column: 2, offset: 1})
    expect(index.offset(3, 2)).toBe(8)
  })

  it('decodes any bytes losslessly', () => {
    const latin1 = Buffer.from([0x23, 0x20, 0xe9, 0x0a])
    const decoded = decodeBytes(latin1)
    expect(decoded.encoding).toBe('latin1')
    expect(encodeText(decoded.text, decoded.encoding)).toEqual(latin1)
    const utf8 = Buffer.from('# é ✓\n')
    expect(decodeBytes(utf8)).toEqual({text: '# é ✓\n', encoding: 'utf8'})
    expect(decodeBytes(Buffer.from('\uFEFFx')).text).toBe('\uFEFFx')
  })

  it('tells the line ending most lines use', () => {
    expect(dominantLineEnding('a\r\nb\r\nc\n')).toBe('\r\n')
    expect(dominantLineEnding('a')).toBe('\n')
  })

  it('finds binary characters but not tabs, form feeds or escapes', () => {
    expect(findBinaryCharacter('a\tb\fc\x1bd\r\n')).toBe(-1)
    expect(findBinaryCharacter('ab\x00')).toBe(2)
  })
})
