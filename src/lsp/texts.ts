/**
 * Offsets to LSP positions. The library's offsets are UTF-16 code units of a file's text as
 * it was read, which is what LSP positions count by default; lines are split as the editor
 * splits them (`\n`, `\r\n`, `\r`), so a range lands where the editor shows the text.
 */
import type {Position as UnistPosition} from 'unist'
import type {Position, Range} from 'vscode-languageserver/node'
import {TextDocument} from 'vscode-languageserver-textdocument'

/** A file read by a check: its system path, the real file behind it, its text as read. */
export interface ReadFile {
  path: string
  realPath: string
  original: string
  /** Whether the file does not exist yet (a fix creates it). */
  created: boolean
}

/** The texts of the files one check read, to turn offsets in them into positions. */
export class FileTexts {
  readonly #files: readonly ReadFile[]
  readonly #documents = new Map<string, TextDocument>()

  /**
   * @param files the files of a `harden()` result
   */
  constructor(files: readonly ReadFile[]) {
    this.#files = files
  }

  /**
   * A file of the check, by the system path it was read by or its real path.
   *
   * @param path a system path
   */
  file(path: string): ReadFile | undefined {
    return this.#files.find((file) => file.path === path) ?? this.#files.find((file) => file.realPath === path)
  }

  /**
   * The text of a file as a document that maps offsets to positions.
   *
   * @param path a system path
   */
  document(path: string): TextDocument | undefined {
    const file = this.file(path)
    if (file === undefined) return undefined
    let document = this.#documents.get(file.realPath)
    if (document === undefined) {
      document = TextDocument.create(`file://${file.realPath}`, 'plaintext', 0, file.original)
      this.#documents.set(file.realPath, document)
    }
    return document
  }

  /**
   * The range of `[start, end)` in a file.
   *
   * @param path a system path
   * @param start the first offset
   * @param end the offset after the last
   */
  range(path: string, start: number, end: number): Range {
    const document = this.document(path)
    if (document === undefined) return {start: {line: 0, character: 0}, end: {line: 0, character: 0}}
    return {start: document.positionAt(start), end: document.positionAt(end)}
  }

  /**
   * The range of a unist position in a file: by its offsets when it has them, else by its
   * 1-based lines and columns.
   *
   * @param path a system path
   * @param position the position
   */
  rangeOf(path: string, position: UnistPosition): Range {
    const {start, end} = position
    if (start.offset !== undefined) return this.range(path, start.offset, end.offset ?? start.offset)
    return {start: toPosition(start), end: toPosition(end)}
  }
}

/**
 * An LSP position from a 1-based line and column.
 *
 * @param point the line and column
 */
export function toPosition(point: {line: number; column: number}): Position {
  return {line: Math.max(0, point.line - 1), character: Math.max(0, point.column - 1)}
}

/**
 * Whether two ranges share a character, or touch (an empty range at a diagnostic's end
 * still asks for its fix, as a cursor there does).
 *
 * @param a one range
 * @param b another
 */
export function rangesTouch(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start)
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character)
}
