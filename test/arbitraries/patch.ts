/**
 * fast-check arbitraries for the patch writer: texts made of lines (LF or CRLF, with or
 * without a final line end, many of them alike so that a hunk put at the wrong place can
 * still seem to fit), and edits over them described independently of the text and placed
 * on it afterwards, so that both shrink well.
 */
import {fc} from '@fast-check/vitest'
import {splicesOverlap, type Splice} from '../../src/core/edits.js'

/** A text as lines: few distinct contents, so that lines repeat. */
export const originalText: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom('', 'a', 'b', 'a b', 'Port 22', '#c', '\t x'), fc.constantFrom('\n', '\n', '\r\n')), {maxLength: 14}),
    fc.boolean(),
  )
  .map(([lines, finalNewline]) => {
    const text = lines.map(([content, eol]) => content + eol).join('')
    if (finalNewline || lines.length === 0) return text
    // Drop the last line end (a last line with no content then simply ends the text).
    return text.replace(/\r?\n$/, '')
  })

/** How an edit is placed on a text; the numbers are reduced modulo what the text has. */
export interface EditDescriptor {
  kind: 'insertAtLineStart' | 'insertAtEnd' | 'insertInLine' | 'deleteLines' | 'replaceRange' | 'replaceLineContent' | 'replaceLastLine'
  a: number
  b: number
  text: string
}

/** Text an edit writes: words, whole lines, bare line ends. */
export const editText = fc.constantFrom('', 'x', 'a', 'new\n', 'new\r\n', 'n1\nn2\n', '\n', '\r\n', 'Port 2222', 'a\n', 'b\nc')

export const editDescriptor: fc.Arbitrary<EditDescriptor> = fc.record({
  kind: fc.constantFrom('insertAtLineStart', 'insertAtEnd', 'insertInLine', 'deleteLines', 'replaceRange', 'replaceLineContent', 'replaceLastLine'),
  a: fc.nat({max: 200}),
  b: fc.nat({max: 8}),
  text: editText,
})

/** Offsets at which each line starts, and the text's length last. */
export function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (i + 1 < text.length) starts.push(i + 1)
  if (text.length === 0) return [0]
  starts.push(text.length)
  return starts
}

/**
 * Places one edit on a text.
 *
 * @param text the text
 * @param d the edit's description
 */
export function placeEdit(text: string, d: EditDescriptor): Splice {
  const starts = lineStartsOf(text)
  const lines = starts.length - 1
  const line = lines === 0 ? 0 : d.a % lines
  switch (d.kind) {
    case 'insertAtLineStart': {
      const at = starts[d.a % starts.length]!
      return {start: at, end: at, text: d.text}
    }
    case 'insertAtEnd':
      return {start: text.length, end: text.length, text: d.text}
    case 'insertInLine': {
      const at = d.a % (text.length + 1)
      return {start: at, end: at, text: d.text}
    }
    case 'deleteLines':
      return {start: starts[line]!, end: starts[Math.min(line + 1 + (d.b % 2), lines)] ?? text.length, text: ''}
    case 'replaceRange': {
      const start = d.a % (text.length + 1)
      return {start, end: Math.min(text.length, start + (d.b % 6)), text: d.text}
    }
    case 'replaceLineContent': {
      const start = starts[line]!
      const end = lines === 0 ? text.length : starts[line + 1]!
      const content = text.slice(start, end).replace(/\r?\n$/, '')
      return {start, end: start + content.length, text: d.text.replace(/\r?\n/g, '')}
    }
    case 'replaceLastLine': {
      const start = starts[Math.max(0, lines - 1)]!
      return {start, end: text.length, text: d.text}
    }
  }
}

/**
 * Places edits on a text and keeps those that do not overlap the ones kept before them.
 *
 * @param text the text
 * @param descriptors the edits' descriptions
 */
export function placeEdits(text: string, descriptors: readonly EditDescriptor[]): Splice[] {
  const kept: Splice[] = []
  for (const d of descriptors) {
    const edit = placeEdit(text, d)
    if (!kept.some((other) => splicesOverlap(other, edit))) kept.push(edit)
  }
  return kept
}

/** A text and non-overlapping edits over it. */
export const textWithEdits: fc.Arbitrary<{original: string; edits: Splice[]}> = fc
  .tuple(originalText, fc.array(editDescriptor, {minLength: 1, maxLength: 5}))
  .map(([original, descriptors]) => ({original, edits: placeEdits(original, descriptors)}))

/** A text and several passes of edit descriptions, each placed on the text the pass before left. */
export const textWithPasses: fc.Arbitrary<{original: string; passes: EditDescriptor[][]}> = fc.record({
  original: originalText,
  passes: fc.array(fc.array(editDescriptor, {minLength: 1, maxLength: 4}), {minLength: 1, maxLength: 4}),
})

/**
 * Applies edits the plain way, as a reference for the library's `applySplices`: sorted by
 * start, then end, then given order (insertions at one offset keep their order).
 *
 * @param text the text
 * @param edits edits that do not overlap
 */
export function referenceApply(text: string, edits: readonly Splice[]): string {
  const order = edits.map((edit, i) => ({edit, i})).sort((x, y) => x.edit.start - y.edit.start || x.edit.end - y.edit.end || x.i - y.i)
  let out = ''
  let at = 0
  for (const {edit} of order) {
    out += text.slice(at, edit.start) + edit.text
    at = edit.end
  }
  return out + text.slice(at)
}
