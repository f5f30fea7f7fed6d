/**
 * The files a check reads from disk, remembered. `harden()` reads through one for the length
 * of a call, so that each fix pass, which loads the configuration again, reads no file
 * twice, and every pass sees the same disk. The language server keeps one between checks:
 * a keystroke in `sshd_config` re-checks it with every file it includes; those files have
 * not changed, so they are served from memory. What was read is forgotten when the editor
 * says a file changed (`workspace/didChangeWatchedFiles`, a save), and entirely when asked
 * (a setting changed, a document saved, for clients that watch no files).
 *
 * Errors are remembered like contents: a missing include stays missing until a change says
 * otherwise, so it is not looked for again on every keystroke.
 */
import {posix} from 'node:path'
import type {FileHost, FileStat} from './host.js'

/** A {@link FileHost} that remembers what it read. */
export interface CachedHost extends FileHost {
  /**
   * Forgets what was read about some paths: the file, the folder that lists it, and every
   * path that led to it through a link. Without paths, forgets everything and starts from
   * a new base host (so that its own caches, such as resolved links, go too).
   *
   * @param systemPaths the system paths that changed
   */
  invalidate(systemPaths?: Iterable<string>): void
}

/** A value or the error it threw, remembered. */
type Outcome<T> = {value: T} | {error: unknown}

function remember<T>(cache: Map<string, Outcome<T>>, key: string, read: () => T): T {
  let outcome = cache.get(key)
  if (outcome === undefined) {
    try {
      outcome = {value: read()}
    } catch (error) {
      outcome = {error}
    }
    cache.set(key, outcome)
  }
  if ('error' in outcome) throw outcome.error
  return outcome.value
}

/**
 * A caching host over another.
 *
 * @param createBase makes the host to read through; called again after a full invalidation
 */
export function cachedHost(createBase: () => FileHost): CachedHost {
  let base = createBase()
  const files = new Map<string, Outcome<Uint8Array | undefined>>()
  const stats = new Map<string, Outcome<FileStat | undefined>>()
  const folders = new Map<string, Outcome<string[] | undefined>>()
  const realPaths = new Map<string, Outcome<string>>()
  const realPath = (systemPath: string): string => remember(realPaths, systemPath, () => base.realPath(systemPath))

  const host: CachedHost & {toNative?: (systemPath: string) => string} = {
    realPath,
    readFile: (systemPath) => remember(files, systemPath, () => base.readFile(systemPath)),
    stat: (systemPath) => remember(stats, systemPath, () => base.stat(systemPath)),
    readDirectory: (systemPath) => remember(folders, systemPath, () => base.readDirectory(systemPath)),
    invalidate(systemPaths) {
      if (systemPaths === undefined) {
        for (const cache of [files, stats, folders, realPaths]) cache.clear()
        base = createBase()
        return
      }
      const changed = new Set<string>()
      for (const path of systemPaths) {
        changed.add(posix.normalize(path))
        // The real file behind the path, as last resolved, and the path itself.
        const real = realPaths.get(path)
        if (real !== undefined && 'value' in real) changed.add(real.value)
      }
      // Every path that resolved to a changed file, or through a changed link.
      for (const [path, real] of realPaths) {
        if (changed.has(path) || ('value' in real && changed.has(real.value))) changed.add(path)
      }
      for (const path of changed) {
        files.delete(path)
        stats.delete(path)
        folders.delete(path)
        // A file created or deleted changes the listing of its folder (a new drop-in).
        folders.delete(posix.dirname(path))
        stats.delete(posix.dirname(path))
      }
      // A link may have been made or removed: resolve paths again (cheap, and rare).
      realPaths.clear()
    },
  }
  // A host over the disk names each file's own path too (nodeHost's `toNative`, for
  // messages and writes); the cache keeps that.
  if (typeof (base as {toNative?: unknown}).toNative === 'function') {
    host.toNative = (systemPath) => (base as FileHost & {toNative(path: string): string}).toNative(systemPath)
  }
  return host
}
