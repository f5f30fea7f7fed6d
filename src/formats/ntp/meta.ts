/**
 * The ntp.conf format's id, title and file names: what the registry knows of it before
 * loading it.
 */
import {posix} from 'node:path'
import type {FormatMeta} from '../../core/format.js'

/** The folder NTPsec reads beside the main file (ntp_config.c `CONFIG_DIR`). */
export const DROP_IN_FOLDER = 'ntp.d'

/**
 * Whether a path is a file of an `ntp.d` folder.
 *
 * @param systemPath the file
 */
export function isDropInPath(systemPath: string): boolean {
  return posix.basename(posix.dirname(systemPath)) === DROP_IN_FOLDER
}

/** `ntp.conf`, and the `*.conf` files of an `ntp.d` folder. */
export const ntpMeta: FormatMeta = {
  id: 'ntp',
  title: 'NTP daemon (ntp.conf, NTPsec and ntpd 4.2.8)',
  detect(systemPath) {
    const base = posix.basename(systemPath)
    return base === 'ntp.conf' || (isDropInPath(systemPath) && base.endsWith('.conf'))
  },
}
