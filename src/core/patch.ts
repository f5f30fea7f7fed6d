/**
 * Unified diffs built from known edits.
 *
 * The hunks come from the edits themselves, not from diffing two texts, so the patch is
 * minimal by construction: a line that no edit touches never appears as changed, and the
 * cost does not grow with the size of the file. jsdiff formats the result (headers, hunk
 * ranges), so the output is what `patch -p1` and `git apply` expect: 3 lines of context,
 * `a/` and `b/` paths, CR kept in the lines of CRLF files, and the
 * `\ No newline at end of file` marker where a side ends without a line end.
 */
import {formatPatch, type StructuredPatch, type StructuredPatchHunk} from 'diff'
import {applySplices, sortSplices, type Splice} from './edits.js'

/** Lines of context around each change, as GNU diff and git use by default. */
export const CONTEXT_LINES = 3

const NO_NEWLINE = '\\ No newline at end of file'

/** What {@link createFilePatch} needs to know about one file. */
export interface FilePatchInput {
  /** The path in the patch, without `a/` or `b/` (`etc/ssh/sshd_config`). */
  path: string
  /** The text before the edits. */
  original: string
  /** The edits, over the original text. */
  edits: readonly Splice[]
  /** True when the file does not exist yet: the patch creates it (`--- /dev/null`). */
  create?: boolean | undefined
}

/** A changed region: whole lines of the original and the lines that replace them. */
interface Region {
  /** First line (0-based) of the original that changes. */
  from: number
  /** Line after the last line that changes (`from === to` for a pure insertion). */
  to: number
  /** The new lines, each with its line end. */
  lines: string[]
}

/**
 * Splits a text into lines, each keeping its line end (`\n` or `\r\n`); a last line
 * without one is kept as it is.
 *
 * @param text the text
 */
export function splitLines(text: string): string[] {
  const lines: string[] = []
  let at = 0
  while (at < text.length) {
    const end = text.indexOf('\n', at)
    if (end === -1) {
      lines.push(text.slice(at))
      break
    }
    lines.push(text.slice(at, end + 1))
    at = end + 1
  }
  return lines
}

/**
 * Builds the unified diff of one file from its edits.
 *
 * @param input the file, its original text and the edits
 * @returns the patch text, or the empty string when the edits change nothing
 */
export function createFilePatch(input: FilePatchInput): string {
  const hunks = buildHunks(input.original, input.edits)
  if (hunks.length === 0) return ''
  const patch: StructuredPatch = {
    oldFileName: input.create ? '/dev/null' : `a/${input.path}`,
    newFileName: `b/${input.path}`,
    oldHeader: undefined,
    newHeader: undefined,
    hunks,
  }
  const text = formatPatch(patch, {includeIndex: false, includeUnderline: false, includeFileHeaders: true})
  // GNU patch reads a name in a `---`/`+++` line up to the first blank unless a tab ends it
  // (diff writes `name<TAB>date`); git writes the same tab after a name with a space.
  if (!/\s/.test(input.path)) return text
  const [oldLine, newLine, ...rest] = text.split('\n')
  return [oldLine!.startsWith('--- /dev/null') ? oldLine : `${oldLine}\t`, `${newLine}\t`, ...rest].join('\n')
}

/**
 * The hunks of a patch, from the edits of a text.
 *
 * @param original the text before the edits
 * @param edits the edits over it
 */
export function buildHunks(original: string, edits: readonly Splice[]): StructuredPatchHunk[] {
  const oldLines = splitLines(original)
  const lineStarts: number[] = []
  let offset = 0
  for (const line of oldLines) {
    lineStarts.push(offset)
    offset += line.length
  }
  lineStarts.push(original.length)
  const regions = mergeRegions(original, oldLines, lineStarts, sortSplices(edits))
  const hunks: StructuredPatchHunk[] = []
  let group: Region[] = []
  for (const region of regions) {
    const previous = group[group.length - 1]
    if (previous !== undefined && region.from - previous.to > 2 * CONTEXT_LINES) {
      hunks.push(toHunk(group, oldLines, hunks))
      group = []
    }
    group.push(region)
  }
  if (group.length > 0) hunks.push(toHunk(group, oldLines, hunks))
  return hunks
}

/** Turns edits into changed line regions, merging edits that share a line. */
function mergeRegions(original: string, oldLines: string[], lineStarts: number[], edits: Splice[]): Region[] {
  const lineOf = (offset: number): number => {
    // The end of a last line without a line end belongs to that line.
    if (offset === original.length && oldLines.length > 0 && !original.endsWith('\n')) return oldLines.length - 1
    let low = 0
    let high = oldLines.length
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (lineStarts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return low
  }
  // Each edit covers the lines from the one holding its start to the one holding its end.
  // Edits on one line, or on lines next to each other, make one region.
  const spans: Array<{from: number; to: number; edits: Splice[]}> = []
  for (const edit of edits) {
    const from = lineOf(edit.start)
    let to: number
    if (edit.start === edit.end && edit.start === lineStarts[from] && (edit.text.endsWith('\n') || edit.text === '')) {
      // An insertion of whole lines before a line touches no existing line.
      to = from
    } else if (edit.end > edit.start && edit.end === lineStarts[lineOf(edit.end)]) {
      to = lineOf(edit.end)
    } else {
      to = Math.min(lineOf(edit.end) + 1, oldLines.length)
    }
    const last = spans[spans.length - 1]
    if (last !== undefined && from <= last.to) {
      last.to = Math.max(last.to, to)
      last.edits.push(edit)
    } else {
      spans.push({from, to, edits: [edit]})
    }
  }
  // A region whose new text ends without a line end joins the line after it (`a\nb` with
  // its first line end removed is the one line `ab`): take that line, and any region that
  // starts there, into the region.
  const newText = (span: {from: number; to: number; edits: Splice[]}): string => {
    const start = lineStarts[span.from]!
    return applySplices(original.slice(start, lineStarts[span.to]!), span.edits.map((e) => ({start: e.start - start, end: e.end - start, text: e.text})))
  }
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!
    while (span.to < oldLines.length && !newText(span).endsWith('\n')) {
      span.to++
      while (i + 1 < spans.length && spans[i + 1]!.from < span.to) {
        const next = spans.splice(i + 1, 1)[0]!
        span.to = Math.max(span.to, next.to)
        span.edits.push(...next.edits)
      }
    }
  }
  const regions: Region[] = []
  for (const span of spans) {
    const before = original.slice(lineStarts[span.from]!, lineStarts[span.to]!)
    const after = newText(span)
    if (before === after) continue
    let oldPart = splitLines(before)
    let newPart = splitLines(after)
    let from = span.from
    // Lines an edit rewrote to the same text are context, not change.
    while (oldPart.length > 0 && newPart.length > 0 && oldPart[0] === newPart[0]) {
      oldPart = oldPart.slice(1)
      newPart = newPart.slice(1)
      from++
    }
    while (oldPart.length > 0 && newPart.length > 0 && oldPart[oldPart.length - 1] === newPart[newPart.length - 1]) {
      oldPart = oldPart.slice(0, -1)
      newPart = newPart.slice(0, -1)
    }
    regions.push({from, to: from + oldPart.length, lines: newPart})
  }
  return regions
}

/** One hunk for a group of regions close enough to share context. */
function toHunk(group: Region[], oldLines: string[], done: StructuredPatchHunk[]): StructuredPatchHunk {
  const first = group[0]!
  const last = group[group.length - 1]!
  const from = Math.max(0, first.from - CONTEXT_LINES)
  const to = Math.min(oldLines.length, last.to + CONTEXT_LINES)
  const lines: string[] = []
  let newCount = 0
  const push = (prefix: string, line: string): void => {
    if (line.endsWith('\n')) {
      lines.push(prefix + line.slice(0, -1))
    } else {
      lines.push(prefix + line, NO_NEWLINE)
    }
  }
  let at = from
  for (const region of group) {
    for (; at < region.from; at++) push(' ', oldLines[at]!)
    for (; at < region.to; at++) push('-', oldLines[at]!)
    for (const line of region.lines) push('+', line)
    newCount += region.lines.length
  }
  for (; at < to; at++) push(' ', oldLines[at]!)
  const oldCount = to - from
  const contextCount = oldCount - group.reduce((n, r) => n + (r.to - r.from), 0)
  // The new side starts where the old one does, shifted by what earlier hunks added.
  const shift = done.reduce((n, h) => n + h.newLines - h.oldLines, 0)
  return {
    oldStart: from + 1,
    oldLines: oldCount,
    newStart: from + 1 + shift,
    newLines: contextCount + newCount,
    lines,
  }
}
