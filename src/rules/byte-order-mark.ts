/**
 * What every format's `byte-order-mark` rule reports: a UTF-8 byte order mark at the start of
 * a file, which each daemon reads as part of the file's first word, and the fix that removes
 * it. The rules differ in what the daemon then does, and in how far removing it is safe.
 */
import type {Document, Fix, ReportInput} from '../core/rule.js'

/**
 * The finding for a document that starts with a byte order mark, or undefined.
 *
 * @param doc the document
 * @param message what the daemon does with it
 * @param fix how far the fix can be trusted, and its risk
 */
export function byteOrderMarkFinding(doc: Document<{bom: boolean}>, message: string, fix: Pick<Fix, 'safety' | 'risk'> = {safety: 'safe'}): ReportInput | undefined {
  if (!doc.tree.bom) return undefined
  return {
    message: `Unexpected byte order mark at the start of the file: ${message}`,
    file: doc.path,
    position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 2, offset: 1}},
    fix: {...fix, title: 'Remove the byte order mark', edits: [{file: doc.path, start: 0, end: 1, text: ''}]},
  }
}
