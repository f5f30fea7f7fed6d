/**
 * Properties of the core patch writer (`src/core/patch.ts`) and of edit composition
 * (`EditScript`, `src/core/edits.ts`), over random texts and random edits.
 *
 * Oracles: jsdiff's `applyPatch` (which searches for a place when a hunk does not fit
 * where its header says), a strict applier of our own (test/support/unified.ts, which
 * does not), and jsdiff's `createTwoFilesPatch` compared only through application.
 */
import {describe, expect} from 'vitest'
import {test} from '@fast-check/vitest'
import {applyPatch, createTwoFilesPatch} from 'diff'
import {applySplices, EditScript, splicesOverlap} from '../../src/core/edits.js'
import {createFilePatch} from '../../src/core/patch.js'
import {placeEdits, referenceApply, textWithEdits, textWithPasses} from '../arbitraries/patch.js'
import {applyStrict, changeProblems, hunkProblems, linesOf, misplacesMarker, parseUnified} from '../support/unified.js'

const strict = {autoConvertLineEndings: false} as const



describe('createFilePatch', () => {
  test.prop([textWithEdits])('applySplices agrees with a plain reference', ({original, edits}) => {
    expect(applySplices(original, edits)).toBe(referenceApply(original, edits))
  })

  test.prop([textWithEdits])('the patch applies (jsdiff and strictly) and gives the edited text', ({original, edits}) => {
    const expected = applySplices(original, edits)
    const patch = createFilePatch({path: 'etc/f', original, edits})
    // Edits that change nothing give no patch, also when several of them cancel out.
    if (expected === original) {
      expect(patch).toBe('')
      return
    }
    expect(misplacesMarker(patch), patch).toBe(false)
    expect(applyPatch(original, patch, strict), patch).toBe(expected)
    const parsed = parseUnified(patch)
    expect(parsed.files.map((f) => [f.oldPath, f.newPath])).toEqual([['a/etc/f', 'b/etc/f']])
    expect(applyStrict(original, parsed.files[0]!)).toBe(expected)
  })

  test.prop([textWithEdits])('hunks have 3 lines of context and change only touched lines', ({original, edits}) => {
    const patch = createFilePatch({path: 'etc/f', original, edits})
    if (patch === '') return
    const file = parseUnified(patch).files[0]!
    expect(hunkProblems(file, linesOf(original).length), patch).toEqual([])
    expect(changeProblems(file, original, edits), patch).toEqual([])
  })

  test.prop([textWithEdits])('jsdiff\'s own patch of the same texts applies to the same result', ({original, edits}) => {
    const expected = applySplices(original, edits)
    const ours = createFilePatch({path: 'etc/f', original, edits})
    const theirs = createTwoFilesPatch('a/etc/f', 'b/etc/f', original, expected, undefined, undefined, {context: 3})
    expect(applyPatch(original, theirs, strict)).toBe(expected)
    expect(ours === '' ? original : applyPatch(original, ours, strict)).toBe(expected)
  })

  test.prop([textWithEdits])('a new file: the patch from /dev/null creates it', ({original}) => {
    const patch = createFilePatch({path: 'etc/new', original: '', edits: [{start: 0, end: 0, text: original}], create: true})
    if (original === '') {
      expect(patch).toBe('')
      return
    }
    const file = parseUnified(patch).files[0]!
    expect([file.oldPath, file.newPath]).toEqual(['/dev/null', 'b/etc/new'])
    expect(file.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart])).toEqual([[0, 0, 1]])
    expect(applyStrict('', file)).toBe(original)
    expect(applyPatch('', patch, strict)).toBe(original)
  })
})

describe('EditScript', () => {
  test.prop([textWithPasses])('composed edits over the original give what the passes give one after the other', ({original, passes}) => {
    const script = new EditScript(original)
    let current = original
    for (const descriptors of passes) {
      const edits = placeEdits(current, descriptors)
      script.apply(edits)
      current = applySplices(current, edits)
      expect(script.current).toBe(current)
    }
    const composed = script.edits()
    expect(applySplices(original, composed)).toBe(current)
    // Sorted, not overlapping, and each one a real change.
    for (let i = 1; i < composed.length; i++) {
      expect(composed[i]!.start).toBeGreaterThanOrEqual(composed[i - 1]!.end)
      expect(splicesOverlap(composed[i - 1]!, composed[i]!)).toBe(false)
    }
    for (const edit of composed) expect(original.slice(edit.start, edit.end)).not.toBe(edit.text)
  })

  test.prop([textWithPasses])('the patch of composed edits applies to the original', ({original, passes}) => {
    const script = new EditScript(original)
    for (const descriptors of passes) script.apply(placeEdits(script.current, descriptors))
    const patch = createFilePatch({path: 'etc/f', original, edits: script.edits()})
    if (script.current === original) return
    expect(patch).not.toBe('')
    expect(applyStrict(original, parseUnified(patch).files[0]!)).toBe(script.current)
  })
})
