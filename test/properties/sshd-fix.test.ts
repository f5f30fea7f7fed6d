/**
 * Properties of `harden()` on sshd files an administrator could have written: the fixes
 * reach a fixed point in one run, their output is a file the parser reads back, and the
 * patch is minimal and applies to the original.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {applyPatch} from 'diff'
import {memoryHost} from '../../src/core/host.js'
import {isApplicable, type Profile} from '../../src/core/rule.js'
import {parse} from '../../src/formats/sshd/parse.js'
import {print} from '../../src/formats/sshd/print.js'
import {harden, type HardenResult} from '../../src/harden.js'
import {hardeningShapeWith, renderDocument} from '../arbitraries/sshd.js'
import {applyStrict, changeCounts, changeProblems, hunkProblems, linesOf, parseUnified} from '../support/unified.js'

const PATH = '/etc/ssh/sshd_config'

/** Hardens one main file held in memory (no /etc/passwd: every fix keeps its own safety). */
function run(text: string, profile: Profile): {result: HardenResult; fixed: string} {
  const result = harden([PATH], {host: memoryHost({[PATH]: text}), profile, fix: 'unsafe'})
  const file = result.files.find((f) => f.path === PATH)
  expect(file, 'the main file is in the result').toBeDefined()
  return {result, fixed: file!.fixed}
}

const profile = fc.constantFrom<Profile>('baseline', 'strict')

/**
 * The files to fix. Directives carry no trailing text while bug 1 of
 * test/regressions/sshd.test.ts is open (a line inserted after, or removed with, a
 * directive with a trailing comment or spaces takes part of the next line); turn
 * `trailing` back on with its fix.
 */
const hardeningDocument = hardeningShapeWith({trailing: false}).map(renderDocument)

/** Findings whose fix `harden` would still apply. */
function applicableFixes(result: HardenResult): string[] {
  return result.findings.filter((f) => f.fix !== undefined && f.fix.edits.length > 0 && isApplicable(f.fix.safety, 'unsafe')).map((f) => `${f.ruleId}: ${f.message}`)
}

describe('sshd fixes', () => {
  test.prop([hardeningDocument, profile])('fixing twice equals fixing once', (text, profile) => {
    const once = run(text, profile)
    const twice = run(once.fixed, profile)
    expect(applicableFixes(twice.result), `fixed text: ${JSON.stringify(once.fixed)}`).toEqual([])
    expect(twice.result.patch).toBe('')
    expect(twice.fixed).toBe(once.fixed)
  })

  test.prop([hardeningDocument, profile])('the fixed text parses and prints back', (text, profile) => {
    const {fixed} = run(text, profile)
    expect(print(parse(fixed))).toBe(fixed)
  })

  test.prop([hardeningDocument, profile])('the patch applies to the original and gives the fixed text', (text, profile) => {
    const {result, fixed} = run(text, profile)
    if (fixed === text) {
      expect(result.patch).toBe('')
      return
    }
    expect(applyPatch(text, result.patch, {autoConvertLineEndings: false})).toBe(fixed)
    const parsed = parseUnified(result.patch)
    expect(parsed.preamble.every((line) => line.startsWith('#')), 'the preamble is made of # lines').toBe(true)
    expect(parsed.files.map((f) => [f.oldPath, f.newPath])).toEqual([['a/etc/ssh/sshd_config', 'b/etc/ssh/sshd_config']])
    expect(applyStrict(text, parsed.files[0]!)).toBe(fixed)
  })

  test.prop([hardeningDocument, profile])('the patch touches only lines that change, with 3 lines of context', (text, profile) => {
    const {result, fixed} = run(text, profile)
    if (fixed === text) return
    const file = parseUnified(result.patch).files[0]!
    expect(hunkProblems(file, linesOf(text).length)).toEqual([])
    // Untouched lines never appear as changed, and no line is rewritten to itself.
    expect(changeProblems(file, text, result.files.find((f) => f.path === PATH)!.edits)).toEqual([])
    // Not a bound against jsdiff's diffLines: a shortest edit script may pair a deleted line
    // with an edited neighbour that now reads the same (`a yes`, `a no` -> `a no`), where the
    // patch honestly shows the edit and the deletion (test/regressions/patch.test.ts).
    const counts = changeCounts(file)
    expect(counts.removed - counts.added, 'the patch changes the line count as the fix does').toBe(linesOf(text).length - linesOf(fixed).length)
  })
})
