/**
 * The `sshd_config` format (OpenSSH server): parse, print, load with includes, and its
 * rules. Published as `harden-config/sshd`.
 */
import {posix} from 'node:path'
import type {Format, LoadOptions} from '../../core/format.js'
import {text} from '../../core/options.js'
import {rules} from '../../rules/sshd/index.js'
import {parse} from './parse.js'
import {print} from './print.js'
import {sshdMeta} from './meta.js'
import {argumentValues, globalEntry, loadSshdConfig, type SshdConfig, type SshdSettings, type SshdSystem} from './semantics.js'
import {gatherSystem} from './system.js'
import type {SshdRoot} from './types.js'

export * from './types.js'
export * from './semantics.js'
export {isDropInPath, sshdMeta} from './meta.js'
export * from './edit.js'
export {parse} from './parse.js'
export {print} from './print.js'
export {keywords, lookupKeyword, canonicalKeyword, parseVersion, type KeywordInfo, type Version} from './keywords.js'
export {gatherSystem, loginAccounts} from './system.js'
export {rules} from '../../rules/sshd/index.js'

/**
 * The oldest OpenSSH of a Debian or Ubuntu release still under standard support on
 * 2026-11-01: Ubuntu 22.04 ships 8.9p1 (Debian 12 ships 9.2p1, Ubuntu 24.04 9.6p1,
 * Debian 13 10.0p1). New text never names an algorithm or keyword newer than the
 * configured release, so the default keeps the fixes valid on all of them.
 */
export const DEFAULT_OPENSSH_VERSION = '8.9'

/**
 * Loads a configuration and, when it was named by an absolute path (the system's own file,
 * possibly under `--root`), the facts about the system's users. A copy of a file named by
 * a relative path says nothing about the machine it runs on, so it gets no such facts.
 */
function load(entry: string, options: LoadOptions<SshdSettings>): SshdConfig {
  const config = loadSshdConfig(entry, options)
  if (posix.isAbsolute(entry)) {
    const keys = globalEntry(config, 'AuthorizedKeysFile')
    const command = globalEntry(config, 'AuthorizedKeysCommand')
    const key = `sshd-system\0${keys ? argumentValues(keys.directive).join(' ') : ''}\0${command ? argumentValues(command.directive).join(' ') : ''}`
    // The facts do not change between fix passes; read them once.
    if (!options.cache.has(key)) options.cache.set(key, gatherSystem(config, options.host))
    config.system = options.cache.get(key) as SshdSystem | undefined
  }
  return config
}

/** The `sshd_config` format. */
export const sshd: Format<SshdRoot, SshdConfig, SshdSettings> = {
  ...sshdMeta,
  parse,
  print,
  settings: {
    version: text(
      /^(?:OpenSSH_)?\d+\.\d+(?:p\d+)?$/i,
      DEFAULT_OPENSSH_VERSION,
      'The OpenSSH release the configuration is for; fixes never write an algorithm or keyword newer than it.',
      'an OpenSSH release such as `8.9` or `9.2p1`',
    ),
    dropIn: text(
      /^\/\S+$/,
      '',
      'A drop-in (matched by an Include of the main file) that receives new global directives instead of the main file; created when missing.',
      'an absolute path such as `/etc/ssh/sshd_config.d/00-harden-config.conf`',
    ),
  },
  load,
  rules,
}

export default sshd
