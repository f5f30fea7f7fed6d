/**
 * The documents the editor has open, as files: each one's system path and real file, and
 * its text as bytes, which the server's host serves in place of the file on disk. An
 * included file that is open is read as the editor holds it, saved or not.
 */
import type {FileHost} from '../core/host.js'
import type {FileLocation, FileLocator, FileRef} from './locator.js'
import {systemPathToUri} from './paths.js'

/** An open document, as a file. */
export interface OpenFile {
  uri: string
  version: number
  /** Its system path. */
  path: string
  /** The real file behind it. */
  realPath: string
}

/** The open documents, by URI, and their texts by real path. */
export class OpenDocuments implements FileLocator {
  /** The texts of the open documents as UTF-8, by real path: an overlay over the disk. */
  readonly texts = new Map<string, Uint8Array>()
  readonly #files = new Map<string, OpenFile>()
  readonly #host: () => FileHost
  readonly #root: () => string | undefined

  /**
   * @param host resolves links (the server's cached host)
   * @param root the root folder of the settings, for files that are not open
   */
  constructor(host: () => FileHost, root: () => string | undefined) {
    this.#host = host
    this.#root = root
  }

  /**
   * Records a document's newest text.
   *
   * @param file the document as a file
   * @param text its text
   */
  set(file: OpenFile, text: string): void {
    const previous = this.#files.get(file.uri)
    if (previous !== undefined && previous.realPath !== file.realPath) this.texts.delete(previous.realPath)
    this.#files.set(file.uri, file)
    this.texts.set(file.realPath, Buffer.from(text, 'utf8'))
  }

  /**
   * Forgets a closed document.
   *
   * @param uri its URI
   * @returns the file it was, if it was open
   */
  delete(uri: string): OpenFile | undefined {
    const file = this.#files.get(uri)
    if (file === undefined) return undefined
    this.#files.delete(uri)
    // Another URI may name the same file (a link): keep its text then.
    const other = [...this.#files.values()].find((f) => f.realPath === file.realPath)
    if (other === undefined) this.texts.delete(file.realPath)
    return file
  }

  /**
   * An open document, by URI.
   *
   * @param uri its URI
   */
  get(uri: string): OpenFile | undefined {
    return this.#files.get(uri)
  }

  /** Every open document. */
  all(): OpenFile[] {
    return [...this.#files.values()]
  }

  /** @inheritdoc */
  locate(file: FileRef): FileLocation {
    let realPath = file.realPath
    if (realPath === undefined) {
      try {
        realPath = this.#host().realPath(file.path)
      } catch {
        realPath = file.path
      }
    }
    for (const open of this.#files.values()) {
      if (open.path === file.path || open.realPath === realPath) return {uri: open.uri, version: open.version}
    }
    return {uri: systemPathToUri(realPath, this.#root()), version: null}
  }
}
