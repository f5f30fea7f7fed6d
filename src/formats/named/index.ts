/**
 * The `named.conf` format (BIND 9's name server): parse, print, load with includes, and
 * its rules. Published as `harden-config/named`.
 */
import type {Format} from '../../core/format.js'
import {oneOf} from '../../core/options.js'
import {rules} from '../../rules/named/index.js'
import {namedMeta} from './meta.js'
import {parse} from './parse.js'
import {print} from './print.js'
import {loadNamedConfig, type NamedConfig, type NamedSettings} from './semantics.js'
import type {NamedRoot} from './types.js'

export * from './types.js'
export * from './semantics.js'
export * from './edit.js'
export {isNamedPath, namedMeta} from './meta.js'
export {parse, parseWithGrammar, DEFAULT_MAX_DEPTH, type NamedParseOptions} from './parse.js'
export {print} from './print.js'
export {scopes, type ClauseInfo} from './keywords.js'
export {rules} from '../../rules/named/index.js'

/** The `named.conf` format. */
export const named: Format<NamedRoot, NamedConfig, NamedSettings> = {
  ...namedMeta,
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
