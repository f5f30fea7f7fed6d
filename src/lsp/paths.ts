/**
 * Document URIs and system paths. The library speaks system paths (`/etc/ssh/sshd_config`,
 * the path the daemon uses); the editor speaks URIs of files on its machine. They are the
 * same file unless a root is set (a mounted image at `/mnt/img`: `file:///mnt/img/etc/ssh/sshd_config`
 * is the system path `/etc/ssh/sshd_config`).
 */
import {isAbsolute, join, posix, relative, resolve} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

/**
 * The system path of a document. A `file:` URI under the root is made relative to it; a
 * `file:` URI elsewhere is its own path. Other schemes (`untitled:`, a remote file system the
 * server cannot read) get a path made of the URI's path, so the format can still be told
 * from the name and the document checked on its own.
 *
 * @param uri the document's URI
 * @param root the root folder, when one is set
 */
export function uriToSystemPath(uri: string, root?: string | undefined): string {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return posix.join('/', uri)
  }
  if (url.protocol !== 'file:') return posix.join('/', decodeURIComponent(url.pathname))
  const native = fileURLToPath(url)
  if (root === undefined) return native
  const inside = relative(resolve(root), native)
  if (inside === '' ) return '/'
  if (inside.startsWith('..') || isAbsolute(inside)) return native
  return `/${inside.split(/[\\/]/).join('/')}`
}

/**
 * The `file:` URI of a system path: the file on this machine, under the root when one is set.
 *
 * @param systemPath the system path (absolute)
 * @param root the root folder, when one is set
 */
export function systemPathToUri(systemPath: string, root?: string | undefined): string {
  const native = root === undefined ? resolve(systemPath) : join(resolve(root), resolve('/', systemPath))
  return pathToFileURL(native).href
}
