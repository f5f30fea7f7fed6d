/**
 * What the system a rule set is for says about it: where its sshd listens, so that a
 * default DROP keeps the port an administrator really logs in on open. Read only through
 * the host, so that `--root` reads an image's files and never the running system's.
 */
import type {Limits} from '../../core/format.js'
import type {FileHost} from '../../core/host.js'
import {argumentValues, entriesOf, loadSshdConfig} from '../sshd/semantics.js'
import type {SshdPorts} from './semantics.js'

/** Where sshd reads its configuration. */
export const SSHD_CONFIG = '/etc/ssh/sshd_config'

/**
 * The ports sshd listens on, as its configuration says (its `Include`s followed): every
 * global `Port`, and the port of each `ListenAddress host:port`; 22 when it names none.
 * Undefined when the system has no sshd_config, or one that cannot be read.
 *
 * @param host where to read
 * @param limits the limits of the run
 */
export function readSshdPorts(host: FileHost, limits: Limits): SshdPorts | undefined {
  if (host.stat(SSHD_CONFIG)?.kind !== 'file') return undefined
  try {
    const config = loadSshdConfig(SSHD_CONFIG, {host, settings: {version: '9.2', dropIn: ''}, limits, cache: new Map()})
    const ports = new Set<number>()
    for (const entry of entriesOf(config, 'Port')) {
      if (entry.conditions.length > 0) continue
      for (const value of argumentValues(entry.directive)) if (/^\d+$/.test(value)) ports.add(Number(value))
    }
    for (const entry of entriesOf(config, 'ListenAddress')) {
      const value = argumentValues(entry.directive)[0] ?? ''
      // `host:port` and `[v6]:port` name a port; a bare address listens on every `Port`.
      const port = /^(?:\[[^\]]*\]|[^:]*):(\d+)$/.exec(value)?.[1]
      if (port !== undefined) ports.add(Number(port))
    }
    if (ports.size === 0) ports.add(22)
    return {ports: [...ports].sort((a, b) => a - b), source: SSHD_CONFIG}
  } catch {
    return undefined
  }
}
