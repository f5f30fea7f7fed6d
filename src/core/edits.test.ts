import {describe, expect, it} from 'vitest'
import {applySplices, EditScript, splicesOverlap} from './edits.js'

describe('edits', () => {
  it('applies non-overlapping edits in any order and refuses overlaps', () => {
    expect(applySplices('abcdef', [{start: 4, end: 5, text: 'E'}, {start: 0, end: 1, text: 'A'}])).toBe('AbcdEf')
    expect(() => applySplices('abc', [{start: 0, end: 2, text: ''}, {start: 1, end: 3, text: ''}])).toThrow(RangeError)
  })

  it('tells overlaps; insertions at one point do not overlap', () => {
    expect(splicesOverlap({start: 2, end: 2, text: 'a'}, {start: 2, end: 2, text: 'b'})).toBe(false)
    expect(splicesOverlap({start: 2, end: 2, text: 'a'}, {start: 1, end: 3, text: ''})).toBe(true)
    expect(splicesOverlap({start: 0, end: 2, text: ''}, {start: 2, end: 4, text: ''})).toBe(false)
  })

  it('keeps insertions at one offset in their given order', () => {
    expect(applySplices('x', [{start: 1, end: 1, text: 'a'}, {start: 1, end: 1, text: 'b'}])).toBe('xab')
    const script = new EditScript('x')
    script.apply([{start: 1, end: 1, text: 'a'}, {start: 1, end: 1, text: 'b'}])
    expect(script.current).toBe('xab')
  })

  it('composes passes into edits over the original', () => {
    const script = new EditScript('ChallengeResponseAuthentication yes\nPort 22\n')
    // pass 1 renames the keyword, pass 2 changes the value on the renamed line
    script.apply([{start: 0, end: 31, text: 'KbdInteractiveAuthentication'}])
    script.apply([{start: 29, end: 32, text: 'no'}])
    expect(script.current).toBe('KbdInteractiveAuthentication no\nPort 22\n')
    const edits = script.edits()
    expect(applySplices(script.original, edits)).toBe(script.current)
    expect(edits.every((e) => e.end <= 35)).toBe(true)
  })

  it('merges an edit inside text an earlier pass inserted', () => {
    const script = new EditScript('a\nb\n')
    script.apply([{start: 2, end: 2, text: 'X 1\n'}])
    script.apply([{start: 4, end: 5, text: '2'}])
    expect(script.current).toBe('a\nX 2\nb\n')
    expect(script.edits()).toEqual([{start: 2, end: 2, text: 'X 2\n'}])
  })
})
