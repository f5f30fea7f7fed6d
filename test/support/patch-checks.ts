/**
 * What every format's fix properties check of a run's patch (test/properties/*-fix.test.ts):
 * that it applies to the original files and gives the fixed ones, and that it is minimal.
 */
import {applyPatch, parsePatch} from 'diff'
import {expect} from 'vitest'
import type {HardenResult} from '../../src/harden.js'
import {applyStrict, changeCounts, changeProblems, hunkProblems, linesOf, parseUnified} from './unified.js'

/**
 * The patch names exactly the files that changed, each once, after a preamble of `#` lines,
 * and applies to each original file, by the strict reader of test/support/unified.ts and by
 * jsdiff, giving the fixed text. No patch when nothing changed.
 *
 * @param result a run of harden()
 */
export function expectPatchApplies(result: HardenResult): void {
  const changed = result.files.filter((f) => f.changed)
  expect(changed.map((f) => f.path)).toEqual(result.files.filter((f) => f.fixed !== f.original).map((f) => f.path))
  if (changed.length === 0) {
    expect(result.patch).toBe('')
    return
  }
  const parsed = parseUnified(result.patch)
  expect(parsed.preamble.length, 'a preamble says what the patch holds').toBeGreaterThan(0)
  expect(parsed.preamble.every((line) => line.startsWith('#')), 'the preamble is made of # lines').toBe(true)
  expect(parsed.files.map((f) => f.newPath)).toEqual(changed.map((f) => `b/${f.patchPath}`))
  const structured = parsePatch(result.patch)
  changed.forEach((file, i) => {
    expect(parsed.files[i]!.oldPath).toBe(file.created ? '/dev/null' : `a/${file.patchPath}`)
    expect(applyStrict(file.original, parsed.files[i]!), file.path).toBe(file.fixed)
    expect(applyPatch(file.original, structured[i]!, {autoConvertLineEndings: false}), file.path).toBe(file.fixed)
  })
}

/**
 * The patch touches only lines that change, with 3 lines of context, never rewrites a line
 * to itself, and changes each file's line count as the fix does.
 *
 * Not a bound against jsdiff's diffLines: when an edit makes a line read like a neighbour
 * that another edit removes, a shortest line diff keeps that text as context, while the
 * patch shows each edit's lines (test/regressions/patch.test.ts, "a line edited to read like
 * its removed neighbour"). The line count must agree.
 *
 * @param result a run of harden()
 */
export function expectPatchMinimal(result: HardenResult): void {
  const parsed = parseUnified(result.patch)
  for (const [i, file] of result.files.filter((f) => f.changed).entries()) {
    const part = parsed.files[i]!
    expect(hunkProblems(part, linesOf(file.original).length), file.path).toEqual([])
    expect(changeProblems(part, file.original, file.edits), file.path).toEqual([])
    const counts = changeCounts(part)
    expect(counts.removed - counts.added, 'the patch changes the line count as the fix does').toBe(linesOf(file.original).length - linesOf(file.fixed).length)
  }
}
