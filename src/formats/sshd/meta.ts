/**
 * The `sshd_config` format's id, title and file names: what the registry knows of it before
 * loading it.
 */
import {posix} from 'node:path'
import type {FormatMeta} from '../../core/format.js'

/**
 * Whether a path is a drop-in: a file in an `sshd_config.d` folder.
 *
 * @param systemPath the file
 */
export function isDropInPath(systemPath: string): boolean {
  return posix.basename(posix.dirname(systemPath)) === 'sshd_config.d'
}

/** `sshd_config`, and the `*.conf` drop-ins of an `sshd_config.d` folder. */
export const sshdMeta: FormatMeta = {
  id: 'sshd',
  title: 'OpenSSH server (sshd_config)',
  detect(systemPath) {
    const base = posix.basename(systemPath)
    return base === 'sshd_config' || (isDropInPath(systemPath) && base.endsWith('.conf'))
  },
}
