/**
 * The iptables-save format's id, title and file names: what the registry knows of it before
 * loading it.
 */
import {posix} from 'node:path'
import type {FormatMeta} from '../../core/format.js'

/** File names iptables rule sets are saved under (iptables-persistent, Arch, ufw, RHEL's /etc/sysconfig). */
const NAMES = new Set(['rules.v4', 'rules.v6', 'iptables.rules', 'ip6tables.rules', 'iptables.up.rules', 'ip6tables.up.rules'])

/**
 * Whether a path names an iptables-save file: by the names above, `/etc/sysconfig/iptables`
 * and `ip6tables`, `NAME.v4` and `NAME.v6`, and `*.rules` outside the `rules.d` folders of
 * udev, polkit and auditd, whose `.rules` files are something else.
 *
 * @param systemPath the file
 */
export function isIptablesPath(systemPath: string): boolean {
  const base = posix.basename(systemPath)
  const dir = posix.dirname(systemPath)
  if (NAMES.has(base)) return true
  if (posix.basename(dir) === 'sysconfig' && (base === 'iptables' || base === 'ip6tables')) return true
  if (/\.v[46]$/.test(base) && base.length > 3) return true
  if (!base.endsWith('.rules') || base === '.rules') return false
  return !/(^|\/)(rules\.d|udev|polkit-1|audit)(\/|$)/.test(dir) && base !== 'audit.rules'
}

/** The saved rule sets of both families. */
export const iptablesMeta: FormatMeta = {
  id: 'iptables',
  title: 'iptables and ip6tables rules (iptables-save)',
  detect: isIptablesPath,
}
