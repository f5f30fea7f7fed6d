import {describe, expect, it} from 'vitest'
import {applyPatch} from 'diff'
import {createFilePatch, splitLines} from './patch.js'

describe('patch writer', () => {
  it('splits lines keeping their ends', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a\r\n', 'b\n', 'c'])
    expect(splitLines('')).toEqual([])
  })

  it('writes a minimal hunk with 3 lines of context', () => {
    const original = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\n'
    const patch = createFilePatch({path: 'etc/x', original, edits: [{start: 9, end: 11, text: 'L4'}]})
    expect(patch).toBe('--- a/etc/x\n+++ b/etc/x\n@@ -1,7 +1,7 @@\n l1\n l2\n l3\n-l4\n+L4\n l5\n l6\n l7\n')
  })

  it('keeps CR in the lines of a CRLF file', () => {
    const original = 'a\r\nb\r\n'
    const patch = createFilePatch({path: 'f', original, edits: [{start: 3, end: 4, text: 'B'}]})
    expect(patch).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n')
    expect(applyPatch(original, patch)).toBe('a\r\nB\r\n')
  })

  it('marks a side that ends without a line end', () => {
    const original = 'a\nb'
    const patch = createFilePatch({path: 'f', original, edits: [{start: 3, end: 3, text: '\nc'}]})
    expect(patch).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n')
    expect(applyPatch(original, patch)).toBe('a\nb\nc')
  })

  it('writes an insertion of whole lines without touching the line after it', () => {
    const original = 'a\nb\n'
    const patch = createFilePatch({path: 'f', original, edits: [{start: 2, end: 2, text: 'x\n'}]})
    expect(patch).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n+x\n b\n')
  })

  it('splits far-apart changes into hunks and merges near ones', () => {
    const lines = Array.from({length: 30}, (_, i) => `line${i + 1}\n`)
    const original = lines.join('')
    const at = (n: number) => lines.slice(0, n - 1).join('').length
    const far = createFilePatch({path: 'f', original, edits: [{start: at(2), end: at(3), text: ''}, {start: at(20), end: at(20), text: 'new\n'}]})
    expect(far.match(/^@@/gm)).toHaveLength(2)
    expect(far).toContain('@@ -17,6 +16,7 @@')
    const near = createFilePatch({path: 'f', original, edits: [{start: at(2), end: at(3), text: ''}, {start: at(9), end: at(9), text: 'new\n'}]})
    expect(near.match(/^@@/gm)).toHaveLength(1)
    expect(applyPatch(original, far)).toBe(original.replace('line2\n', '').replace('line20\n', 'new\nline20\n'))
  })

  it('leaves out an edit that rewrites a line to itself', () => {
    expect(createFilePatch({path: 'f', original: 'a\n', edits: [{start: 0, end: 2, text: 'a\n'}]})).toBe('')
  })

  it('creates a new file from /dev/null', () => {
    expect(createFilePatch({path: 'etc/new.conf', original: '', edits: [{start: 0, end: 0, text: 'A 1\n'}], create: true})).toBe('--- /dev/null\n+++ b/etc/new.conf\n@@ -0,0 +1,1 @@\n+A 1\n')
  })
})
