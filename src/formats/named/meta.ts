/**
 * The `named.conf` format's id, title and file names: what the registry knows of it before
 * loading it.
 */
import {posix} from 'node:path'
import type {FormatMeta} from '../../core/format.js'

/**
 * Whether a file is a named configuration by its name: `named.conf` and Debian's split
 * files (`named.conf.options`, `named.conf.local`, `named.conf.default-zones`), or any
 * `*.conf` in `/etc/bind` (where Debian keeps what `named.conf` includes). Files that
 * `named.conf` includes under other names are read with it, as part of its configuration.
 *
 * @param systemPath the file
 */
export function isNamedPath(systemPath: string): boolean {
  const base = posix.basename(systemPath)
  return base === 'named.conf' || base.startsWith('named.conf.') || (posix.dirname(systemPath) === '/etc/bind' && base.endsWith('.conf'))
}

/** `named.conf` and the files Debian splits it into. */
export const namedMeta: FormatMeta = {
  id: 'named',
  title: 'BIND 9 name server (named.conf)',
  detect: isNamedPath,
}
