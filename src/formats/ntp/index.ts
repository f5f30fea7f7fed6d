/**
 * The ntp.conf format (NTPsec 1.2.2 and ntpd 4.2.8): parse, print, load with includes and
 * NTPsec's `ntp.d` folder, and its rules. Published as `harden-config/ntp`.
 */
import type {Format} from '../../core/format.js'
import {oneOf} from '../../core/options.js'
import {rules} from '../../rules/ntp/index.js'
import {daemons, type Daemon} from './keywords.js'
import {ntpMeta} from './meta.js'
import {parse} from './parse.js'
import {print} from './print.js'
import {loadNtpConfig, type NtpConfig, type NtpSettings} from './semantics.js'
import type {NtpRoot} from './types.js'

export * from './types.js'
export * from './semantics.js'
export * from './edit.js'
export {DROP_IN_FOLDER, isDropInPath, ntpMeta} from './meta.js'
export * from './address.js'
export {parse, parseLine} from './parse.js'
export {print} from './print.js'
export {wordValue, isQuoted, tokenClass, familyOf, type TokenClass, type ScanMode} from './lexer.js'
export {
  daemons,
  daemonNames,
  keywords,
  commandKeywords,
  restrictFlags,
  builtinDefaultFlags,
  systemFlags,
  type Daemon,
  type KeywordInfo,
  type RestrictFlagInfo,
} from './keywords.js'
export {rules} from '../../rules/ntp/index.js'

/**
 * The daemon a configuration is assumed to be for when nothing says otherwise: NTPsec,
 * which Debian ships from 12 (bookworm) on (its `ntp` package is an empty transitional
 * one) and Ubuntu from 23.04 on.
 */
export const DEFAULT_DAEMON: Daemon = 'ntpsec'

/** The ntp.conf format. */
export const ntp: Format<NtpRoot, NtpConfig, NtpSettings> = {
  ...ntpMeta,
  parse,
  print,
  settings: {
    daemon: oneOf(daemons, DEFAULT_DAEMON, 'The daemon that reads the file: `ntpsec` (NTPsec 1.2.2, Debian 12 and later) or `ntpd` (ntpd 4.2.8 of ntp.org); rules and fixes follow its reading.'),
  },
  load: loadNtpConfig,
  rules,
}

export default ntp
