/**
 * Applies a workspace edit to texts held by URI, as an editor would: `changes` or
 * `documentChanges` (text edits, and file creations), refusing an edit made for another
 * version of an open document.
 */
import type {WorkspaceEdit} from 'vscode-languageserver-protocol/node'
import {TextDocument} from 'vscode-languageserver-textdocument'

/** Texts by URI, with the version of the open ones. */
export type Texts = Record<string, {text: string; version?: number}>

/**
 * The texts after a workspace edit.
 *
 * @param edit the edit
 * @param texts the texts before it (a URI missing here is a file that does not exist)
 */
export function applyWorkspaceEdit(edit: WorkspaceEdit, texts: Texts): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(Object.entries(texts).map(([uri, {text}]) => [uri, text]))
  const apply = (uri: string, edits: Parameters<typeof TextDocument.applyEdits>[1]) => {
    if (!(uri in out)) throw new Error(`The edit changes ${uri}, which does not exist and is not created first`)
    out[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, out[uri]!), edits)
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    // A client given `changes` for a file it has not got opens it empty (Neovim does so).
    out[uri] ??= ''
    apply(uri, edits)
  }
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`Unexpected ${change.kind} in a harden-config edit`)
      if (!(change.uri in out) || !change.options?.ignoreIfExists) out[change.uri] = ''
      continue
    }
    const {uri, version} = change.textDocument
    const open = texts[uri]?.version
    if (version !== null && open !== version) throw new Error(`The edit is for version ${version} of ${uri}, which is at ${open}`)
    apply(uri, change.edits as Parameters<typeof TextDocument.applyEdits>[1])
  }
  return out
}
