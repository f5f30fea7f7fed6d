/**
 * Applying text edits, and composing the edits of several fix passes into one set of edits
 * over the original text, so that the patch can be built from what really changed.
 */

/** An edit of one text: replace `[start, end)` with `text`. */
export interface Splice {
  start: number
  end: number
  text: string
}

/**
 * Sorts edits by position; insertions at the same offset keep their given order.
 *
 * @param edits the edits
 */
export function sortSplices<T extends Splice>(edits: readonly T[]): T[] {
  return edits
    .map((edit, index) => ({edit, index}))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
    .map(({edit}) => edit)
}

/**
 * Whether two edits touch the same text. Two insertions at the same offset do not
 * overlap (they are applied in order); an insertion strictly inside a replaced range does.
 *
 * @param a one edit
 * @param b another
 */
export function splicesOverlap(a: Splice, b: Splice): boolean {
  if (a.start === a.end && b.start === b.end) return false
  if (a.start === a.end) return a.start > b.start && a.start < b.end
  if (b.start === b.end) return b.start > a.start && b.start < a.end
  return a.start < b.end && b.start < a.end
}

/**
 * Applies edits that do not overlap to a text.
 *
 * @param text the text the offsets refer to
 * @param edits the edits, in any order
 * @returns the edited text
 */
export function applySplices(text: string, edits: readonly Splice[]): string {
  const sorted = sortSplices(edits)
  const parts: string[] = []
  let at = 0
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`Edit [${edit.start}, ${edit.end}) overlaps another edit or lies outside the text`)
    }
    parts.push(text.slice(at, edit.start), edit.text)
    at = edit.end
  }
  parts.push(text.slice(at))
  return parts.join('')
}

/** A piece of the current text: kept from the original, or written by an edit. */
interface Chunk {
  /** Range of the original text this chunk stands for. */
  start: number
  end: number
  /** Its current text (for a kept chunk, the original text of the range). */
  text: string
  changed: boolean
}

/**
 * A text being edited in several passes. It keeps, for every piece of the current text,
 * the range of the original text it replaces, so that after any number of passes the
 * changes can be told as edits over the original text.
 */
export class EditScript {
  private chunks: Chunk[]

  /**
   * @param original the text before any edit
   */
  constructor(readonly original: string) {
    this.chunks = original.length > 0 ? [{start: 0, end: original.length, text: original, changed: false}] : []
  }

  /** The current text. */
  get current(): string {
    return this.chunks.map((chunk) => chunk.text).join('')
  }

  /**
   * Applies one pass of edits, given over the current text.
   *
   * @param edits edits over the current text; they must not overlap
   */
  apply(edits: readonly Splice[]): void {
    // From the last edit to the first, so that earlier offsets stay valid.
    for (const edit of sortSplices(edits).reverse()) this.applyOne(edit)
  }

  private applyOne(edit: Splice): void {
    const {chunks} = this
    // Split kept chunks at the edit's ends, so that every chunk is inside or outside it.
    this.splitAt(edit.start)
    this.splitAt(edit.end)
    let at = 0
    let first = -1
    let last = -1
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!
      const end = at + chunk.text.length
      const inside = edit.start === edit.end ? false : at >= edit.start && end <= edit.end
      // A changed chunk that the edit's range reaches into is merged with it.
      const touchesChanged = chunk.changed && at < edit.end && end > edit.start
      const holdsInsertion = chunk.changed && edit.start === edit.end && edit.start > at && edit.start < end
      if (inside || touchesChanged || holdsInsertion) {
        if (first === -1) first = i
        last = i
      }
      at = end
    }
    if (first === -1) {
      // A pure insertion between chunks: find the chunk boundary at edit.start.
      let offset = 0
      let index = 0
      while (index < chunks.length && offset + chunks[index]!.text.length <= edit.start && offset < edit.start) {
        offset += chunks[index]!.text.length
        index++
      }
      const original = index < chunks.length ? chunks[index]!.start : this.original.length
      chunks.splice(index, 0, {start: original, end: original, text: edit.text, changed: true})
      this.mergeChanged()
      return
    }
    let startOffset = 0
    for (let i = 0; i < first; i++) startOffset += chunks[i]!.text.length
    const joined = chunks.slice(first, last + 1).map((c) => c.text).join('')
    const text = joined.slice(0, edit.start - startOffset) + edit.text + joined.slice(edit.end - startOffset)
    const merged: Chunk = {start: chunks[first]!.start, end: chunks[last]!.end, text, changed: true}
    chunks.splice(first, last - first + 1, merged)
    this.mergeChanged()
  }

  /** Splits the kept chunk that strictly contains a current offset. */
  private splitAt(offset: number): void {
    let at = 0
    for (let i = 0; i < this.chunks.length; i++) {
      const chunk = this.chunks[i]!
      const end = at + chunk.text.length
      if (offset > at && offset < end) {
        if (chunk.changed) return
        const cut = offset - at
        this.chunks.splice(
          i,
          1,
          {start: chunk.start, end: chunk.start + cut, text: chunk.text.slice(0, cut), changed: false},
          {start: chunk.start + cut, end: chunk.end, text: chunk.text.slice(cut), changed: false},
        )
        return
      }
      at = end
    }
  }

  /** Joins neighbouring changed chunks, so that each change is told once. */
  private mergeChanged(): void {
    const out: Chunk[] = []
    for (const chunk of this.chunks) {
      const previous = out[out.length - 1]
      if (previous !== undefined && previous.changed && chunk.changed && previous.end === chunk.start) {
        previous.text += chunk.text
        previous.end = chunk.end
      } else if (chunk.text.length > 0 || chunk.changed) {
        out.push({...chunk})
      }
    }
    this.chunks = out
  }

  /** The changes so far, as edits over the original text, sorted and not overlapping. */
  edits(): Splice[] {
    return this.chunks
      .filter((chunk) => chunk.changed && this.original.slice(chunk.start, chunk.end) !== chunk.text)
      .map(({start, end, text}) => ({start, end, text}))
  }
}
