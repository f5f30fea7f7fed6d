/**
 * The file system as the library sees it. Every path is a *system path*: the path the
 * daemon itself would use (`/etc/ssh/sshd_config`), or a path relative to the working
 * folder. A host maps system paths to real files, optionally under another root (an image,
 * a test tree), so that the same code reads a live system, a mounted image or files held in
 * memory.
 */
import {lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, statSync} from 'node:fs'
import {isAbsolute, join, posix, relative, resolve} from 'node:path'
import {HardenConfigError} from './errors.js'

/** What the library needs to know about a file. */
export interface FileStat {
  kind: 'file' | 'directory' | 'other'
  size: number
  /** Permission bits (`0o644`). */
  mode: number
  uid: number
  gid: number
}

/** A read-only view of a file system, by system path. Symbolic links are followed. */
export interface FileHost {
  /**
   * The bytes of a file, or `undefined` when it does not exist.
   * Throws a {@link HardenConfigError} when it exists but cannot be read as a file.
   */
  readFile(systemPath: string): Uint8Array | undefined
  /** Facts about a path (after following links), or `undefined` when it does not exist. */
  stat(systemPath: string): FileStat | undefined
  /** The names in a folder, or `undefined` when it is not a readable folder. */
  readDirectory(systemPath: string): string[] | undefined
  /**
   * The system path of the file that `systemPath` finally points to, so that a fix made
   * through a symbolic link lands in the real file. Links are resolved inside the root.
   */
  realPath(systemPath: string): string
}

/** Options of {@link nodeHost}. */
export interface NodeHostOptions {
  /** Read the system under this folder: `/etc/x` is read as `<root>/etc/x`. */
  root?: string | undefined
  /** The working folder for relative paths (default: `process.cwd()` when there is no root). */
  cwd?: string | undefined
}

const MAX_LINKS = 40

/**
 * A host over the real file system, optionally under another root. Links inside the
 * root are resolved inside it: an absolute link target `/etc/x` means `<root>/etc/x`, so a
 * mounted image never reads or writes the running system's files.
 *
 * @param options the root and the working folder
 */
export function nodeHost(options: NodeHostOptions = {}): FileHost & {toNative(systemPath: string): string} {
  const cwd = options.cwd ?? process.cwd()
  const root = options.root === undefined ? undefined : resolve(cwd, options.root)

  /** Where a system path is on this machine, without following links. */
  function native(systemPath: string): string {
    if (root === undefined) return resolve(cwd, systemPath)
    return join(root, resolve('/', systemPath))
  }

  /** Resolves every link of a system path; returns the system path of the real file. */
  function resolveLinks(systemPath: string): string {
    if (root === undefined) {
      try {
        const file = resolve(cwd, systemPath)
        // A file that does not exist (yet) is its own real path; asking first spares an exception.
        if (statSync(file, {throwIfNoEntry: false}) === undefined) return systemPath
        return relativeIfGiven(systemPath, realpathSync(file))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new HardenConfigError(`Too many levels of symbolic links in ${systemPath}`, 'ELOOP', systemPath)
        // A file that does not exist (yet) is its own real path.
        return systemPath
      }
    }
    // Inside a root: walk the components and resolve each link against the root.
    const pending = resolve('/', systemPath).split('/').filter(Boolean)
    let done = '/'
    let links = 0
    while (pending.length > 0) {
      const name = pending.shift()!
      const candidate = posix.join(done, name)
      let target: string | undefined
      try {
        if (lstatSync(join(root, candidate), {throwIfNoEntry: false})?.isSymbolicLink()) target = readlinkSync(join(root, candidate))
      } catch {
        target = undefined
      }
      if (target === undefined) {
        done = candidate
        continue
      }
      if (++links > MAX_LINKS) throw new HardenConfigError(`Too many levels of symbolic links in ${systemPath}`, 'ELOOP', systemPath)
      const resolved = target.startsWith('/') ? target : posix.join(done, target)
      pending.unshift(...resolved.split('/').filter(Boolean))
      done = '/'
    }
    return done
  }

  function relativeIfGiven(given: string, real: string): string {
    return isAbsolute(given) ? real : relative(cwd, real) || '.'
  }

  function statNative(file: string): FileStat | undefined {
    try {
      const s = statSync(file, {throwIfNoEntry: false})
      if (s === undefined) return undefined
      return {
        kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other',
        size: s.size,
        mode: s.mode & 0o7777,
        uid: s.uid,
        gid: s.gid,
      }
    } catch {
      return undefined
    }
  }

  // Resolving links costs system calls; every file is asked about several times.
  const resolved = new Map<string, string>()
  const realPath = (systemPath: string): string => {
    let real = resolved.get(systemPath)
    if (real === undefined) {
      real = resolveLinks(systemPath)
      resolved.set(systemPath, real)
    }
    return real
  }

  const host = {
    toNative(systemPath: string): string {
      return native(realPath(systemPath))
    },
    realPath,
    stat(systemPath: string): FileStat | undefined {
      return statNative(host.toNative(systemPath))
    },
    readDirectory(systemPath: string): string[] | undefined {
      try {
        return readdirSync(host.toNative(systemPath))
      } catch {
        return undefined
      }
    },
    readFile(systemPath: string): Uint8Array | undefined {
      const file = host.toNative(systemPath)
      const stat = statNative(file)
      if (stat === undefined) return undefined
      if (stat.kind === 'directory') throw new HardenConfigError(`${systemPath} is a directory, not a file`, 'EISDIR', systemPath)
      // A FIFO would block for ever, a device read as something it is not.
      if (stat.kind !== 'file') throw new HardenConfigError(`${systemPath} is not a regular file`, 'EINVAL', systemPath)
      try {
        return readFileSync(file)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
        throw new HardenConfigError(`Cannot read ${systemPath}: ${(error as Error).message}`, code, systemPath, {cause: error})
      }
    },
  }
  return host
}

/** A file held in memory: its text (UTF-8) or bytes, or a symbolic link to another path. */
export type MemoryEntry = string | Uint8Array | {link: string} | {mode?: number; uid?: number; gid?: number; content: string | Uint8Array}

/**
 * A host over files held in memory, for tests and for library users who have the text
 * already. Folders exist where some file's path passes through them.
 *
 * @param files system path to content
 */
export function memoryHost(files: Record<string, MemoryEntry>): FileHost {
  const entries = new Map<string, MemoryEntry>()
  const folders = new Set<string>(['/', '.'])
  for (const [name, entry] of Object.entries(files)) {
    const normal = normalize(name)
    entries.set(normal, entry)
    let parent = posix.dirname(normal)
    while (!folders.has(parent)) {
      folders.add(parent)
      parent = posix.dirname(parent)
    }
  }
  function resolveLinks(systemPath: string): string {
    let current = normalize(systemPath)
    for (let i = 0; i < MAX_LINKS; i++) {
      const parts = current.split('/')
      let changed = false
      for (let n = 1; n <= parts.length; n++) {
        const prefix = parts.slice(0, n).join('/') || '/'
        const entry = entries.get(prefix)
        if (entry !== undefined && typeof entry === 'object' && 'link' in entry) {
          const target = entry.link.startsWith('/') ? entry.link : posix.join(posix.dirname(prefix), entry.link)
          current = normalize([target, ...parts.slice(n)].join('/'))
          changed = true
          break
        }
      }
      if (!changed) return current
    }
    throw new HardenConfigError(`Too many levels of symbolic links in ${systemPath}`, 'ELOOP', systemPath)
  }
  function content(entry: MemoryEntry): Uint8Array {
    if (typeof entry === 'string') return Buffer.from(entry, 'utf8')
    if (entry instanceof Uint8Array) return entry
    if ('content' in entry) return typeof entry.content === 'string' ? Buffer.from(entry.content, 'utf8') : entry.content
    throw new Error('unreachable: links are resolved before reading')
  }
  return {
    realPath: resolveLinks,
    stat(systemPath) {
      const real = resolveLinks(systemPath)
      const entry = entries.get(real)
      if (entry !== undefined) {
        const meta: {mode?: number | undefined; uid?: number | undefined; gid?: number | undefined} = typeof entry === 'object' && 'content' in entry ? entry : {}
        return {kind: 'file', size: content(entry).byteLength, mode: meta.mode ?? 0o644, uid: meta.uid ?? 0, gid: meta.gid ?? 0}
      }
      return folders.has(real) ? {kind: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0} : undefined
    },
    readDirectory(systemPath) {
      const real = resolveLinks(systemPath)
      if (!folders.has(real)) return undefined
      const names = new Set<string>()
      for (const name of [...entries.keys(), ...folders]) {
        if (name !== real && posix.dirname(name) === real) names.add(posix.basename(name))
      }
      return [...names]
    },
    readFile(systemPath) {
      const real = resolveLinks(systemPath)
      const entry = entries.get(real)
      if (entry === undefined) {
        if (folders.has(real)) throw new HardenConfigError(`${systemPath} is a directory, not a file`, 'EISDIR', systemPath)
        return undefined
      }
      return content(entry)
    },
  }
}

function normalize(name: string): string {
  const normal = posix.normalize(name)
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal
}

/**
 * A host that serves some files from memory and every other one from another host: the
 * engine uses it to re-read a configuration after fixing some of its files.
 *
 * @param base the host for every file not in `overlay`
 * @param overlay system path (as the base host resolves it) to bytes
 */
export function overlayHost(base: FileHost, overlay: ReadonlyMap<string, Uint8Array>): FileHost {
  return {
    realPath: (p) => base.realPath(p),
    stat(systemPath) {
      const real = base.realPath(systemPath)
      const bytes = overlay.get(real)
      if (bytes === undefined) {
        const found = base.stat(systemPath)
        if (found !== undefined) return found
        // A folder that holds only files the overlay adds (a new drop-in's folder).
        const prefix = real.endsWith('/') ? real : `${real}/`
        for (const key of overlay.keys()) if (key.startsWith(prefix)) return {kind: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0}
        return undefined
      }
      return {...(base.stat(systemPath) ?? {kind: 'file', mode: 0o644, uid: 0, gid: 0}), kind: 'file', size: bytes.byteLength}
    },
    readDirectory(systemPath) {
      const names = new Set(base.readDirectory(systemPath) ?? [])
      const real = base.realPath(systemPath)
      let found = base.stat(systemPath)?.kind === 'directory'
      for (const key of overlay.keys()) {
        if (posix.dirname(key) === real) {
          names.add(posix.basename(key))
          found = true
        }
      }
      return found ? [...names] : undefined
    },
    readFile(systemPath) {
      return overlay.get(base.realPath(systemPath)) ?? base.readFile(systemPath)
    },
  }
}
