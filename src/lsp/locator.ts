/**
 * Where the editor has a file: the URI to point a diagnostic or an edit at, and the version
 * of the open document there, so that an edit made for an older text is refused.
 */

/** A file as the library names it. */
export interface FileRef {
  /** The system path it was read by. */
  path: string
  /** The real file behind any links, when known. */
  realPath?: string | undefined
}

/** A file's place in the editor. */
export interface FileLocation {
  uri: string
  /** The version of the open document at `uri`, or `null` when it is not open. */
  version: number | null
}

/** Finds files in the editor. */
export interface FileLocator {
  /**
   * The editor's URI and version of a file: an open document's own URI when the file is
   * open (by its path or its real path), the file's URI on disk otherwise.
   *
   * @param file the file
   */
  locate(file: FileRef): FileLocation
}
