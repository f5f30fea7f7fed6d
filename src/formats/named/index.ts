/**
 * The `named.conf` format (BIND 9's name server): parse, print, load with includes, and
 * its rules. Published as `harden-config/named`.
 */
import {posix} from 'node:path'
import type {Format} from '../../core/format.js'
import {oneOf} from '../../core/options.js'
import {rules} from '../../rules/named/index.js'
import {parse} from './parse.js'
import {print} from './print.js'
import {loadNamedConfig, type NamedConfig, type NamedSettings} from './semantics.js'
import type {NamedRoot} from './types.js'

export * from './types.js'
export * from './semantics.js'
export * from './edit.js'
export {parse, parseWithGrammar, DEFAULT_MAX_DEPTH, type NamedParseOptions} from './parse.js'
export {print} from './print.js'
export {scopes, type ClauseInfo} from './keywords.js'
export {rules} from '../../rules/named/index.js'

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

/** The `named.conf` format. */
export const named: Format<NamedRoot, NamedConfig, NamedSettings> = {
  id: 'named',
  title: 'BIND 9 name server (named.conf)',
  detect: isNamedPath,
  parse,
  print,
  settings: {
    role: oneOf(
      ['resolver', 'authoritative', 'both'],
      'both',
      'What the server is for: `resolver` (recursion for its own clients), `authoritative` (serves its zones, resolves for nobody: rules ask for `recursion no`), or `both` (recursion for trusted clients, zones for everyone).',
    ),
  },
  load: loadNamedConfig,
  rules,
}

export default named
