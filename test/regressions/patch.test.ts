/**
 * Regression tests for the core patch writer and edit composition: the counterexamples
 * test/properties/patch.test.ts shrank to, as plain tests.
 *
 * Each was a bug, fixed, kept as a regression test (see test/regressions/sshd.test.ts). Bugs P1
 * and P2 were fixed in 66e2eb4; their tests now guard the fixes.
 */
import {describe, expect, it} from 'vitest'
import {applyPatch} from 'diff'
import {applySplices, EditScript, type Splice} from '../../src/core/edits.js'
import {createFilePatch} from '../../src/core/patch.js'
import {applyStrict, misplacesMarker, parseUnified} from '../support/unified.js'

const strict = {autoConvertLineEndings: false} as const

/** The patch of some edits, and what it must produce. */
function patchOf(original: string, edits: Splice[]): {patch: string; expected: string} {
  return {patch: createFilePatch({path: 'etc/f', original, edits}), expected: applySplices(original, edits)}
}

describe('bug P1 (fixed in 66e2eb4): an edit that ends a line without a line end, in front of more text', () => {
  // buildHunks (src/core/patch.ts, mergeRegions) turns each edit into whole changed lines,
  // from the line of its start to the line of its end. An edit whose range ends right
  // after a `\n` but whose new text does not end with one joins its last line with the
  // line that follows; that following line (or an insertion before it) was left out of the
  // region, so the region's last new line was written with `\ No newline at end of file`
  // in the middle of the file, and every tool applied a line end there.

  it('joining two lines by removing the line end between them', () => {
    const {patch, expected} = patchOf('a\nb\n', [{start: 1, end: 2, text: ''}])
    expect(expected).toBe('ab\n')
    // Before the fix the patch read `-a`, `+a`, `\ No newline at end of file`, and jsdiff
    // gave "a\nb": the line end moved instead of going away.
    expect(applyPatch('a\nb\n', patch, strict)).toBe(expected)
    expect(misplacesMarker(patch)).toBe(false)
  })

  // Property "the patch applies (jsdiff and strictly)", seed -506430899.
  it('a replaced last line followed by an insertion at the end', () => {
    const {patch, expected} = patchOf('\n', [
      {start: 0, end: 1, text: 'b\nc'},
      {start: 1, end: 1, text: 'new\n'},
    ])
    expect(expected).toBe('b\ncnew\n')
    // Before the fix jsdiff gave "b\nc\nnew".
    expect(applyPatch('\n', patch, strict)).toBe(expected)
  })

  // Property "jsdiff's own patch of the same texts applies to the same result", seed -1374061591.
  it('an insertion at a line start, that line removed, and an insertion at the end', () => {
    const {patch, expected} = patchOf('\n', [
      {start: 0, end: 1, text: ''},
      {start: 1, end: 1, text: 'x'},
      {start: 0, end: 0, text: 'a'},
    ])
    expect(expected).toBe('ax')
    // Before the fix jsdiff gave "a\nx".
    expect(applyPatch('\n', patch, strict)).toBe(expected)
  })

  // Property "the patch of composed edits applies to the original", seed -279301396: the
  // composed edit [0, 1) -> "b\nPort 2222" is right (EditScript is not at fault), its
  // patch is not.
  it('composed passes that end a replaced line without its line end', () => {
    const original = '\n\t x'
    const script = new EditScript(original)
    script.apply([{start: 0, end: 0, text: 'b\nc'}])
    script.apply([{start: 2, end: 4, text: 'Port 2222'}])
    expect(script.current).toBe('b\nPort 2222\t x')
    expect(script.edits()).toEqual([{start: 0, end: 1, text: 'b\nPort 2222'}])
    const patch = createFilePatch({path: 'etc/f', original, edits: script.edits()})
    expect(applyStrict(original, parseUnified(patch).files[0]!)).toBe(script.current)
  })

  // Property "the patch applies (jsdiff and strictly)", seed 633536553: two edits that
  // together change nothing give a patch, and the patch changes the file.
  it('a line end removed and written again by the next edit', () => {
    const {patch, expected} = patchOf('a\n', [
      {start: 0, end: 2, text: 'a'},
      {start: 2, end: 2, text: '\n'},
    ])
    expect(expected).toBe('a\n')
    expect(patch).toBe('')
  })
})

describe('bug P2 (fixed in 66e2eb4): edits that together change nothing gave a patch', () => {
  // createFilePatch promises "the empty string when the edits change nothing", and harden()
  // takes a non-empty patch to mean the file changed. mergeRegions compares the text
  // before and after per group of edits; a deletion and an insertion in two groups that
  // cancel out each look like a change. (The engine's EditScript merges such edits, so
  // harden() itself does not meet this; a library user calling createFilePatch does.)

  // Property "the patch applies (jsdiff and strictly)", seed 1098977934.
  it('an empty line deleted and an empty line added at the end', () => {
    const {patch, expected} = patchOf('\n', [
      {start: 0, end: 1, text: ''},
      {start: 1, end: 1, text: '\n'},
    ])
    expect(expected).toBe('\n')
    // Before the fix: "@@ -1,1 +1,1 @@", "-", "+".
    expect(patch).toBe('')
  })
})

describe('patch writer, cases that work', () => {
  // Property "hunks have 3 lines of context and change only touched lines", seeds
  // -1931356809 and -1029679016. Before 66e2eb4, two edits that meet made two regions,
  // and a line one of them removed could come back from the other (`-b`, `+b`, `+c`); edits
  // on neighbouring lines now make one region, trimmed at both ends.
  it('a line deleted and written again by the next edit is context', () => {
    const {patch, expected} = patchOf('b\n', [
      {start: 2, end: 2, text: 'b\nc'},
      {start: 0, end: 2, text: ''},
    ])
    expect(expected).toBe('b\nc')
    expect(parseUnified(patch).files[0]!.hunks[0]!.lines).toEqual([' b', '+c', '\\ No newline at end of file'])
    expect(applyStrict('b\n', parseUnified(patch).files[0]!)).toBe(expected)
  })

  // Property "the patch touches only lines that change", seed -1048535320 (FC_NUM_RUNS=5000,
  // with a check against jsdiff's diffLines that was then dropped): a drop-in's
  // `ChallengeResponseAuthentication yes` renamed and set to `KbdInteractiveAuthentication
  // no`, which is the next line, removed as a duplicate, and the line after it changed.
  // Edits on neighbouring lines make one region, trimmed only at its ends, so the patch
  // shows the middle text removed and added; a shortest line diff would keep it as
  // context. The patch applies and is honest about each edit; it is not the shortest.
  it('a line edited to read like its removed neighbour', () => {
    const {patch, expected} = patchOf('a\nb\nc\n', [
      {start: 0, end: 1, text: 'b'},
      {start: 2, end: 4, text: ''},
      {start: 4, end: 5, text: 'C'},
    ])
    expect(expected).toBe('b\nC\n')
    expect(parseUnified(patch).files[0]!.hunks[0]!.lines).toEqual(['-a', '-b', '-c', '+b', '+C'])
    expect(applyStrict('a\nb\nc\n', parseUnified(patch).files[0]!)).toBe(expected)
  })

  it('a CR removed from a line, and the same CRLF line added after it', () => {
    const {patch, expected} = patchOf('\r\n', [
      {start: 2, end: 2, text: '\r\n'},
      {start: 0, end: 1, text: ''},
    ])
    expect(expected).toBe('\n\r\n')
    expect(applyStrict('\r\n', parseUnified(patch).files[0]!)).toBe(expected)
  })

  it('an insertion at a line start without a line end joins that line', () => {
    const {patch, expected} = patchOf('a\nb\n', [{start: 2, end: 2, text: 'x'}])
    expect(expected).toBe('a\nxb\n')
    expect(applyStrict('a\nb\n', parseUnified(patch).files[0]!)).toBe(expected)
  })

  it('a replaced line of a CRLF file keeps its CR in the patch', () => {
    const {patch, expected} = patchOf('a\r\nb\r\n', [{start: 3, end: 4, text: 'c'}])
    expect(patch).toContain('-b\r\n+c\r\n')
    expect(applyPatch('a\r\nb\r\n', patch, strict)).toBe(expected)
  })
})
