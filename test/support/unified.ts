/**
 * A strict reader and applier of unified diffs, written apart from the library and from
 * jsdiff so that the tests have an oracle of their own: it accepts a hunk only at the very
 * line its header names, checks every count of the header, and reads the
 * `\ No newline at end of file` marker the way GNU patch and git do.
 */

/** One hunk as written: its header numbers and its lines (prefix included). */
export interface ParsedHunk {
  oldStart: number
  oldLines: number
  newStart: number
  newLines: number
  lines: string[]
}

/** The part of a patch about one file. */
export interface ParsedFilePatch {
  oldPath: string
  newPath: string
  hunks: ParsedHunk[]
}

/** A whole patch: the lines before the first file, then each file. */
export interface ParsedPatch {
  preamble: string[]
  files: ParsedFilePatch[]
}

const NO_NEWLINE = '\\ No newline at end of file'

/**
 * Reads a unified diff; throws on anything malformed (a count that does not match the
 * header, a stray line, a marker in the wrong place, a patch that does not end in `\n`).
 *
 * @param patch the patch text
 */
export function parseUnified(patch: string): ParsedPatch {
  if (patch === '') return {preamble: [], files: []}
  if (!patch.endsWith('\n')) throw new Error('the patch does not end with a line end')
  const lines = patch.slice(0, -1).split('\n')
  let at = 0
  const preamble: string[] = []
  while (at < lines.length && !lines[at]!.startsWith('--- ')) preamble.push(lines[at++]!)
  const files: ParsedFilePatch[] = []
  while (at < lines.length) {
    const minus = lines[at++]!
    const plus = lines[at++]
    if (!minus.startsWith('--- ') || plus === undefined || !plus.startsWith('+++ ')) throw new Error(`line ${at}: expected a --- and +++ header`)
    const file: ParsedFilePatch = {oldPath: minus.slice(4), newPath: plus.slice(4), hunks: []}
    while (at < lines.length && lines[at]!.startsWith('@@ ')) {
      const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[at]!)
      if (header === null) throw new Error(`line ${at + 1}: bad hunk header ${JSON.stringify(lines[at])}`)
      at++
      const hunk: ParsedHunk = {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        lines: [],
      }
      let oldSeen = 0
      let newSeen = 0
      while (oldSeen < hunk.oldLines || newSeen < hunk.newLines || lines[at] === NO_NEWLINE) {
        const line = lines[at]
        if (line === undefined) throw new Error(`hunk ${JSON.stringify(header[0])} ends early`)
        if (line === NO_NEWLINE) {
          const previous = hunk.lines[hunk.lines.length - 1]
          if (previous === undefined || previous === NO_NEWLINE) throw new Error(`line ${at + 1}: marker without a line before it`)
        } else if (line.startsWith(' ')) {
          oldSeen++
          newSeen++
        } else if (line.startsWith('-')) {
          oldSeen++
        } else if (line.startsWith('+')) {
          newSeen++
        } else {
          throw new Error(`line ${at + 1}: unexpected ${JSON.stringify(line)} inside a hunk`)
        }
        hunk.lines.push(line)
        at++
      }
      if (oldSeen !== hunk.oldLines || newSeen !== hunk.newLines) {
        throw new Error(`hunk ${header[0]} holds -${oldSeen} +${newSeen} lines`)
      }
      file.hunks.push(hunk)
    }
    if (file.hunks.length === 0) throw new Error(`${file.newPath}: a file without hunks`)
    files.push(file)
  }
  return {preamble, files}
}

/**
 * Splits a text into lines, each with its `\n` (a last line without one stays as it is).
 *
 * @param text the text
 */
export function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

/**
 * Applies the hunks of one file exactly where their headers say, with no fuzz and no
 * offset. Throws when a context or removed line does not match, when a header number is
 * wrong, or when hunks overlap or come out of order.
 *
 * @param source the file before
 * @param file the file's part of a patch
 * @returns the file after
 */
export function applyStrict(source: string, file: ParsedFilePatch): string {
  const old = linesOf(source)
  const out: string[] = []
  let cursor = 0
  for (const hunk of file.hunks) {
    // With no old lines, the header names the line after which the new ones go.
    const start = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1
    if (start < cursor) throw new Error(`hunk at -${hunk.oldStart} overlaps the one before it or comes out of order`)
    if (start > old.length) throw new Error(`hunk at -${hunk.oldStart} starts past the end (${old.length} lines)`)
    out.push(...old.slice(cursor, start))
    const newStart = hunk.newLines === 0 ? hunk.newStart : hunk.newStart - 1
    if (out.length !== newStart) throw new Error(`hunk at -${hunk.oldStart} says +${hunk.newStart}, but the new side is at line ${out.length + 1}`)
    cursor = start
    hunk.lines.forEach((line, i) => {
      if (line === NO_NEWLINE) return
      const noNewline = hunk.lines[i + 1] === NO_NEWLINE
      const text = line.slice(1) + (noNewline ? '' : '\n')
      if (line[0] === ' ' || line[0] === '-') {
        if (old[cursor] !== text) throw new Error(`hunk at -${hunk.oldStart}: line ${cursor + 1} is ${JSON.stringify(old[cursor])}, the patch expects ${JSON.stringify(text)}`)
        cursor++
      }
      if (line[0] === ' ' || line[0] === '+') out.push(text)
    })
  }
  out.push(...old.slice(cursor))
  const result = out.join('')
  for (let i = 0; i < out.length - 1; i++) {
    if (!out[i]!.endsWith('\n')) throw new Error(`line ${i + 1} of the result has no line end but is not the last`)
  }
  return result
}

/** What {@link hunkProblems} checks against. */
export interface HunkRules {
  /** Lines of context around each change. */
  context: number
}

/**
 * How the hunks of a file differ from what `diff -u` would write: each hunk has exactly
 * `context` lines of context before its first change and after its last (fewer only at
 * the start or end of the file), changes closer than `2 * context` lines share a hunk,
 * and hunks further apart do not.
 *
 * @param file the file's part of a patch
 * @param oldLineCount how many lines the original has
 * @param rules the context size
 */
export function hunkProblems(file: ParsedFilePatch, oldLineCount: number, rules: HunkRules = {context: 3}): string[] {
  const problems: string[] = []
  const n = rules.context
  let previousLastChange = -Infinity
  for (const hunk of file.hunks) {
    const body = hunk.lines.filter((l) => l !== NO_NEWLINE)
    const firstChange = body.findIndex((l) => l[0] !== ' ')
    const lastChange = body.length - 1 - [...body].reverse().findIndex((l) => l[0] !== ' ')
    if (firstChange === -1) {
      problems.push(`hunk -${hunk.oldStart}: no change`)
      continue
    }
    const leading = firstChange
    const trailing = body.length - 1 - lastChange
    const oldFrom = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1
    const oldTo = oldFrom + hunk.oldLines
    if (leading > n || (leading < n && oldFrom !== 0)) problems.push(`hunk -${hunk.oldStart}: ${leading} lines of leading context`)
    if (trailing > n || (trailing < n && oldTo !== oldLineCount)) problems.push(`hunk -${hunk.oldStart}: ${trailing} lines of trailing context`)
    // Runs of context between two changes of one hunk.
    let run = 0
    for (let i = firstChange; i <= lastChange; i++) {
      if (body[i]![0] === ' ') run++
      else {
        if (run > 2 * n) problems.push(`hunk -${hunk.oldStart}: ${run} lines of context between two changes`)
        run = 0
      }
    }
    // Old-side line of this hunk's first change, against the last change of the hunk before.
    const firstChangeOld = oldFrom + leading
    if (firstChangeOld - previousLastChange <= 2 * n) problems.push(`hunk -${hunk.oldStart}: only ${firstChangeOld - previousLastChange} lines after the hunk before; they should be one hunk`)
    previousLastChange = oldTo - trailing
  }
  return problems
}

/**
 * Counts the lines a patch removes and adds.
 *
 * @param file the file's part of a patch
 */
export function changeCounts(file: ParsedFilePatch): {removed: number; added: number} {
  let removed = 0
  let added = 0
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      if (line[0] === '-') removed++
      else if (line[0] === '+') added++
    }
  }
  return {removed, added}
}

/**
 * The lines of a text (0-based) that some edit reaches, generously: an edit touches every
 * line whose span, line end included, meets its range at any point, ends included. A line
 * outside this set is untouched, and must never appear as removed.
 *
 * @param text the original text
 * @param edits the edits over it
 */
export function touchedLines(text: string, edits: ReadonlyArray<{start: number; end: number}>): Set<number> {
  const touched = new Set<number>()
  let start = 0
  linesOf(text).forEach((line, i) => {
    const end = start + line.length
    if (edits.some((edit) => edit.start <= end && edit.end >= start)) touched.add(i)
    start = end
  })
  return touched
}

/**
 * The problems of a patch's change lines against the edits it was built from: a removed
 * line that no edit touches, or a run of changes (removals, then additions) whose first or
 * last removed line is added back unchanged (a line the edits rewrote to itself is
 * context). A run is one region of the patch writer: regions apart have context between.
 *
 * @param file the file's part of a patch
 * @param original the text before
 * @param edits the edits over it
 */
export function changeProblems(file: ParsedFilePatch, original: string, edits: ReadonlyArray<{start: number; end: number}>): string[] {
  const problems: string[] = []
  const touched = touchedLines(original, edits)
  for (const hunk of file.hunks) {
    let old = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1
    // Each line with its line end, so that `x` at the end of a file is not `x\n`.
    const body = hunk.lines.flatMap((l, i) => (l === NO_NEWLINE ? [] : [hunk.lines[i + 1] === NO_NEWLINE ? l : `${l}\n`]))
    let run: {removed: string[]; added: string[]} = {removed: [], added: []}
    const close = (): void => {
      const {removed, added} = run
      if (removed.length > 0 && added.length > 0 && (removed[0] === added[0] || removed[removed.length - 1] === added[added.length - 1])) {
        problems.push(`hunk -${hunk.oldStart}: a line is removed and added back unchanged: ${JSON.stringify(run)}`)
      }
      run = {removed: [], added: []}
    }
    for (const line of body) {
      if (line[0] === ' ') {
        close()
        old++
      } else if (line[0] === '-') {
        // A removal after an addition starts a new run of changes.
        if (run.added.length > 0) close()
        if (!touched.has(old)) problems.push(`hunk -${hunk.oldStart}: line ${old + 1} is removed, but no edit touches it`)
        run.removed.push(line.slice(1))
        old++
      } else {
        run.added.push(line.slice(1))
      }
    }
    close()
  }
  return problems
}

/**
 * Whether a patch puts a `\ No newline at end of file` marker where no side of the file
 * ends: anywhere but after the last old-side or new-side line of a file's last hunk.
 * Such a patch tells `patch` and `git apply` that a line in the middle has no line end.
 *
 * @param patch the patch text
 */
export function misplacesMarker(patch: string): boolean {
  for (const file of parseUnified(patch).files) {
    for (const [h, hunk] of file.hunks.entries()) {
      const lastOld = hunk.lines.findLastIndex((l) => l[0] === ' ' || l[0] === '-')
      const lastNew = hunk.lines.findLastIndex((l) => l[0] === ' ' || l[0] === '+')
      for (const [i, line] of hunk.lines.entries()) {
        if (line === NO_NEWLINE && (h !== file.hunks.length - 1 || (i - 1 !== lastOld && i - 1 !== lastNew))) return true
      }
    }
  }
  return false
}
