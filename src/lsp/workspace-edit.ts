/**
 * Library edits as an LSP `WorkspaceEdit`. A fix may edit several places of several files
 * (a drop-in where sshd really takes the value from, a file a fix creates): each file gets
 * its URI, and positions are computed from that file's own text as the check read it.
 *
 * With a client that supports `documentChanges`, each file's edits name the version of the
 * open document they were made for, so an edit for an older text is refused rather than
 * applied in the wrong place, and a file that does not exist yet is created first.
 */
import type {CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit} from 'vscode-languageserver/node'
import type {Splice} from '../core/edits.js'
import type {FileLocator} from './locator.js'
import type {FileTexts} from './texts.js'

/** What the client can apply, from its capabilities. */
export interface EditSupport {
  /** `workspace.workspaceEdit.documentChanges` */
  documentChanges: boolean
  /** `workspace.workspaceEdit.resourceOperations` holds `create`. */
  createFiles: boolean
}

/** The edits of one file: its system path, whether it is new, and the edits over its text as read. */
export interface FileEdits {
  path: string
  created: boolean
  edits: readonly Splice[]
}

/**
 * A workspace edit of several files.
 *
 * @param changes the edits, by file
 * @param texts the texts the edits' offsets are over
 * @param locator where the editor has each file
 * @param support what the client can apply
 */
export function toWorkspaceEdit(changes: readonly FileEdits[], texts: FileTexts, locator: FileLocator, support: EditSupport): WorkspaceEdit {
  const byUri = new Map<string, {version: number | null; created: boolean; edits: TextEdit[]}>()
  for (const change of changes) {
    if (change.edits.length === 0) continue
    const file = texts.file(change.path)
    const {uri, version} = locator.locate({path: change.path, realPath: file?.realPath})
    const entry = byUri.get(uri) ?? {version, created: change.created, edits: []}
    byUri.set(uri, entry)
    for (const edit of change.edits) entry.edits.push({range: texts.range(change.path, edit.start, edit.end), newText: edit.text})
  }
  if (!support.documentChanges) {
    return {changes: Object.fromEntries([...byUri].map(([uri, {edits}]) => [uri, edits]))}
  }
  const documentChanges: Array<TextDocumentEdit | CreateFile> = []
  for (const [uri, {version, created, edits}] of byUri) {
    // A new file that is not open: create it (empty) when the client can, then fill it.
    if (created && version === null && support.createFiles) documentChanges.push({kind: 'create', uri, options: {ignoreIfExists: true}})
    documentChanges.push({textDocument: {uri, version}, edits})
  }
  return {documentChanges}
}

/**
 * The edits of a fix, grouped by file in the order the fix names them.
 *
 * @param edits the fix's edits, each naming its file
 * @param created whether a file is new (a fix creates it)
 */
export function groupEdits(edits: ReadonlyArray<Splice & {file: string}>, created: (path: string) => boolean): FileEdits[] {
  const groups = new Map<string, FileEdits & {edits: Splice[]}>()
  for (const edit of edits) {
    const group = groups.get(edit.file) ?? {path: edit.file, created: created(edit.file), edits: []}
    groups.set(edit.file, group)
    group.edits.push({start: edit.start, end: edit.end, text: edit.text})
  }
  return [...groups.values()]
}
