/**
 * The Apache httpd format's id, title and file names: what the registry knows of it before
 * loading it.
 */
import {posix} from 'node:path'
import type {FormatMeta} from '../../core/format.js'

/** `apache2.conf`, `httpd.conf`, `userdir.conf`, and any `.conf` under an `apache2` or `httpd` folder. */
export const apacheMeta: FormatMeta = {
  id: 'apache',
  title: 'Apache httpd 2.4 (apache2.conf and its includes)',
  detect(systemPath) {
    const base = posix.basename(systemPath)
    if (base === 'apache2.conf' || base === 'httpd.conf' || base === 'userdir.conf') return true
    // Debian's and Red Hat's layouts: any .conf under an apache2 or httpd folder.
    return base.endsWith('.conf') && /(?:^|\/)(?:apache2|httpd)\//.test(systemPath)
  },
}
