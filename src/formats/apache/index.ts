/**
 * The Apache httpd 2.4 format: `apache2.conf` and every file it includes (`ports.conf`,
 * `conf-available/*.conf`, `sites-available/*`, `mods-available/*.conf` such as
 * `userdir.conf`). Published as `harden-config/apache`.
 */
import {posix} from 'node:path'
import type {Format} from '../../core/format.js'
import {list, text} from '../../core/options.js'
import {rules} from '../../rules/apache/index.js'
import {apacheMeta} from './meta.js'
import {parse} from './parse.js'
import {print} from './print.js'
import {gatherLogFiles, loadApacheConfig, type ApacheConfig, type ApacheSettings} from './semantics.js'
import type {LoadOptions} from '../../core/format.js'
import type {ApacheRoot} from './types.js'

export * from './types.js'
export * from './semantics.js'
export * from './edit.js'
export {apacheMeta} from './meta.js'
export {parse, MAX_SECTION_DEPTH} from './parse.js'
export {print} from './print.js'
export {rules} from '../../rules/apache/index.js'

/** The httpd of Debian 12 (2.4.62 upstream, 2.4.71 after security updates): what `<IfVersion>` compares with by default. */
export const DEFAULT_HTTPD_VERSION = '2.4.62'

/**
 * Loads a configuration and, when it was named by an absolute path (the system's own file,
 * possibly under `--root`), the modes of its log files. A copy named by a relative path
 * says nothing about the machine it is checked on.
 */
function load(entry: string, options: LoadOptions<ApacheSettings>): ApacheConfig {
  const config = loadApacheConfig(entry, options)
  if (posix.isAbsolute(entry)) config.logFiles = gatherLogFiles(config, options.host)
  return config
}

/** The Apache httpd format. */
export const apache: Format<ApacheRoot, ApacheConfig, ApacheSettings> = {
  ...apacheMeta,
  parse,
  print,
  settings: {
    version: text(/^\d+\.\d+(?:\.\d+)?$/, DEFAULT_HTTPD_VERSION, 'The httpd release the configuration is for, for `<IfVersion>`.', 'a release such as `2.4.62`'),
    defines: list(/^[A-Za-z_][A-Za-z0-9_]*$/, [], 'Names defined on httpd\'s command line (`-D NAME`), for `<IfDefine>`.', 'names'),
    serverRoot: text(/^\/\S*$/, '', '`ServerRoot` when the configuration does not set it (default: the main file\'s folder).', 'an absolute path such as `/etc/apache2`'),
  },
  load,
  rules,
}

export default apache
