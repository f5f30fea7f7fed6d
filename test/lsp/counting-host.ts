/**
 * A file system in memory that counts how often each file is read, and whose files a test
 * can change (as another program would change the disk).
 */
import {memoryHost, type FileHost, type MemoryEntry} from '../../src/core/host.js'

/** A host over files in memory that counts reads. */
export interface CountingHost {
  /** The host, to give the server (`createHost: () => counting.host`). */
  host: FileHost
  /** How many times `readFile` was called for each system path. */
  reads: Map<string, number>
  /** Changes, adds (or with `undefined`, removes) a file. */
  write(path: string, content: MemoryEntry | undefined): void
}

/**
 * A host that counts the reads of another.
 *
 * @param inner the host to read through
 * @param reads where to count, by system path
 */
export function countReads(inner: () => FileHost, reads: Map<string, number>): FileHost {
  return {
    realPath: (path) => inner().realPath(path),
    stat: (path) => inner().stat(path),
    readDirectory: (path) => inner().readDirectory(path),
    readFile(path) {
      reads.set(path, (reads.get(path) ?? 0) + 1)
      return inner().readFile(path)
    },
  }
}

/**
 * A counting host over files in memory.
 *
 * @param files system path to content
 */
export function countingHost(files: Record<string, MemoryEntry>): CountingHost {
  const current = {...files}
  let inner = memoryHost(current)
  const reads = new Map<string, number>()
  return {
    reads,
    write(path, content) {
      if (content === undefined) delete current[path]
      else current[path] = content
      inner = memoryHost(current)
    },
    host: countReads(() => inner, reads),
  }
}
