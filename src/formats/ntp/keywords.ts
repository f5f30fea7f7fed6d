/**
 * The vocabulary of ntp.conf, as the two daemons this format knows read it: NTPsec 1.2.2
 * (Debian 12's `ntpsec`, the default) and the classic ntpd 4.2.8 of ntp.org.
 *
 * Both read the file with the same scanner (ntpd/ntp_scanner.c, after Sachin Kamboj) and a
 * bison grammar (ntpd/ntp_parser.y). A word is a keyword only when it is spelled exactly as
 * in the scanner's keyword table (keyword-gen.c): keywords are case-sensitive (`Restrict`
 * is no keyword, and the line is a syntax error), and a quoted word is never one. The
 * tables below are those keyword tables and the grammar's lists of flags and options, per
 * daemon; they differ (NTPsec dropped `broadcast`, `crypto`, `mode7`, ..., and added
 * `unrestrict`, `nts`, CIDR addresses, ...).
 */

/** The daemon a configuration is for. */
export type Daemon = 'ntpsec' | 'ntpd'

/** Every daemon, the default first. */
export const daemons: readonly Daemon[] = ['ntpsec', 'ntpd']

/** How the daemon is named in messages: which one a finding assumes. */
export const daemonNames: Readonly<Record<Daemon, string>> = {ntpsec: 'NTPsec', ntpd: 'ntpd 4.2.8'}

/**
 * What the scanner reads after a keyword (keyword-gen.c `followedby`): the next word as a
 * keyword or number again (`token`), the next word as a plain string whatever it looks like
 * (`string`: the address after `server`, the path after `driftfile`), or every word to the
 * end of the line as strings (`strings`: `logconfig`, `phone`).
 */
export type FollowedBy = 'token' | 'string' | 'strings'

/** One keyword of the scanner. */
export interface KeywordInfo {
  name: string
  followedBy: FollowedBy
  /** The daemons whose scanner knows it. */
  daemons: readonly Daemon[]
}

type Row = readonly [string, FollowedBy, 'both' | Daemon]

/** The keyword tables of NTPsec 1.2.2 and ntpd 4.2.8p6 (keyword-gen.c), merged. */
const rows: readonly Row[] = [
  ['-4', 'token', 'both'],
  ['-6', 'token', 'both'],
  ['...', 'token', 'both'],
  ['abbrev', 'string', 'ntpd'],
  ['aead', 'string', 'ntpsec'],
  ['age', 'token', 'both'],
  ['all', 'token', 'both'],
  ['allan', 'token', 'both'],
  ['allpeers', 'token', 'both'],
  ['auth', 'token', 'both'],
  ['autokey', 'token', 'ntpd'],
  ['automax', 'token', 'ntpd'],
  ['average', 'token', 'both'],
  ['baud', 'token', 'ntpsec'],
  ['bclient', 'token', 'ntpd'],
  ['beacon', 'token', 'ntpd'],
  ['beep_delay', 'token', 'ntpd'],
  ['bias', 'token', 'ntpsec'],
  ['broadcast', 'string', 'ntpd'],
  ['broadcastclient', 'token', 'ntpd'],
  ['broadcastdelay', 'token', 'ntpd'],
  ['burst', 'token', 'both'],
  ['ca', 'token', 'ntpsec'],
  ['calibrate', 'token', 'both'],
  ['ceiling', 'token', 'both'],
  ['cert', 'token', 'ntpsec'],
  ['clock', 'string', 'ntpsec'],
  ['clockstats', 'token', 'both'],
  ['cohort', 'token', 'ntpd'],
  ['controlkey', 'token', 'both'],
  ['cookie', 'token', 'ntpsec'],
  ['crypto', 'token', 'ntpd'],
  ['cryptostats', 'token', 'ntpd'],
  ['ctl', 'token', 'both'],
  ['day', 'token', 'both'],
  ['default', 'token', 'both'],
  ['digest', 'string', 'ntpd'],
  ['disable', 'token', 'both'],
  ['discard', 'token', 'ntpd'],
  ['dispersion', 'token', 'both'],
  ['driftfile', 'string', 'both'],
  ['drop', 'token', 'both'],
  ['dscp', 'token', 'both'],
  ['duration', 'token', 'ntpd'],
  ['enable', 'token', 'both'],
  ['end', 'token', 'both'],
  ['file', 'string', 'both'],
  ['filegen', 'token', 'both'],
  ['filenum', 'token', 'both'],
  ['flag1', 'token', 'both'],
  ['flag2', 'token', 'both'],
  ['flag3', 'token', 'both'],
  ['flag4', 'token', 'both'],
  ['flake', 'token', 'both'],
  ['floor', 'token', 'both'],
  ['freq', 'token', 'both'],
  ['freq_offset', 'token', 'ntpd'],
  ['fudge', 'string', 'both'],
  ['holdover', 'token', 'ntpsec'],
  ['host', 'string', 'ntpd'],
  ['huffpuff', 'token', 'both'],
  ['iburst', 'token', 'both'],
  ['ident', 'string', 'ntpd'],
  ['ignore', 'token', 'both'],
  ['incalloc', 'token', 'both'],
  ['includefile', 'string', 'both'],
  ['incmem', 'token', 'both'],
  ['initalloc', 'token', 'both'],
  ['initmem', 'token', 'both'],
  ['interface', 'token', 'both'],
  ['io', 'token', 'both'],
  ['ipv4', 'token', 'both'],
  ['ipv6', 'token', 'both'],
  ['jitter', 'token', 'ntpd'],
  ['kernel', 'token', 'both'],
  ['key', 'token', 'both'],
  ['keys', 'string', 'both'],
  ['keysdir', 'string', 'ntpd'],
  ['kod', 'token', 'both'],
  ['leapfile', 'string', 'both'],
  ['leapsmearinterval', 'token', 'both'],
  ['limit', 'token', 'ntpsec'],
  ['limited', 'token', 'both'],
  ['link', 'token', 'both'],
  ['listen', 'token', 'both'],
  ['logconfig', 'strings', 'both'],
  ['logfile', 'string', 'both'],
  ['loopstats', 'token', 'both'],
  ['lowpriotrap', 'token', 'ntpd'],
  ['manycastclient', 'string', 'ntpd'],
  ['manycastserver', 'strings', 'ntpd'],
  ['mask', 'token', 'both'],
  ['maxage', 'token', 'both'],
  ['maxclock', 'token', 'both'],
  ['maxdepth', 'token', 'both'],
  ['maxdisp', 'token', 'ntpsec'],
  ['maxdist', 'token', 'both'],
  ['maxmem', 'token', 'both'],
  ['maxpoll', 'token', 'both'],
  ['maxtls', 'token', 'ntpsec'],
  ['mdnstries', 'token', 'both'],
  ['mem', 'token', 'both'],
  ['memlock', 'token', 'both'],
  ['minage', 'token', 'ntpsec'],
  ['minclock', 'token', 'both'],
  ['mindepth', 'token', 'both'],
  ['mindist', 'token', 'both'],
  ['minimum', 'token', 'ntpd'],
  ['minpoll', 'token', 'both'],
  ['minsane', 'token', 'both'],
  ['mintls', 'token', 'ntpsec'],
  ['mode', 'token', 'both'],
  ['mode7', 'token', 'ntpd'],
  ['monitor', 'token', 'both'],
  ['month', 'token', 'both'],
  ['mru', 'token', 'both'],
  ['mssntp', 'token', 'both'],
  ['multicastclient', 'strings', 'ntpd'],
  ['nic', 'token', 'both'],
  ['nolink', 'token', 'both'],
  ['nomodify', 'token', 'both'],
  ['nomrulist', 'token', 'both'],
  ['none', 'token', 'both'],
  ['nonvolatile', 'token', 'both'],
  ['nopeer', 'token', 'both'],
  ['noquery', 'token', 'both'],
  ['noselect', 'token', 'both'],
  ['noserve', 'token', 'both'],
  ['notrap', 'token', 'both'],
  ['notrust', 'token', 'both'],
  ['noval', 'token', 'ntpsec'],
  ['ntp', 'token', 'both'],
  ['ntpport', 'token', 'both'],
  ['ntpsigndsocket', 'string', 'both'],
  ['nts', 'token', 'ntpsec'],
  ['orphan', 'token', 'both'],
  ['orphanwait', 'token', 'both'],
  ['panic', 'token', 'both'],
  ['path', 'string', 'ntpsec'],
  ['peer', 'string', 'both'],
  ['peerstats', 'token', 'both'],
  ['phone', 'strings', 'both'],
  ['pid', 'token', 'both'],
  ['pidfile', 'string', 'both'],
  ['pool', 'string', 'both'],
  ['port', 'token', 'ntpd'],
  ['ppspath', 'string', 'ntpsec'],
  ['preempt', 'token', 'ntpd'],
  ['prefer', 'token', 'both'],
  ['proc_delay', 'token', 'ntpd'],
  ['prop_delay', 'token', 'ntpd'],
  ['protostats', 'token', 'both'],
  ['pw', 'string', 'ntpd'],
  ['randfile', 'string', 'ntpd'],
  ['rawstats', 'token', 'both'],
  ['refclock', 'string', 'ntpsec'],
  ['refid', 'string', 'both'],
  ['requestkey', 'token', 'both'],
  ['reset', 'token', 'both'],
  ['restrict', 'token', 'both'],
  ['revoke', 'token', 'ntpd'],
  ['rlimit', 'token', 'both'],
  ['saveconfigdir', 'string', 'ntpd'],
  ['server', 'string', 'both'],
  ['server_offset', 'token', 'ntpd'],
  ['setvar', 'string', 'both'],
  ['simulate', 'token', 'ntpd'],
  ['simulation_duration', 'token', 'ntpd'],
  ['source', 'token', 'both'],
  ['stacksize', 'token', 'both'],
  ['statistics', 'token', 'both'],
  ['stats', 'token', 'both'],
  ['statsdir', 'string', 'both'],
  ['step', 'token', 'both'],
  ['stepback', 'token', 'both'],
  ['stepfwd', 'token', 'both'],
  ['stepout', 'token', 'both'],
  ['stratum', 'token', 'both'],
  ['subtype', 'token', 'ntpsec'],
  ['sys', 'token', 'both'],
  ['sysstats', 'token', 'both'],
  ['tick', 'token', 'both'],
  ['time1', 'token', 'both'],
  ['time2', 'token', 'both'],
  ['timer', 'token', 'both'],
  ['timingstats', 'token', 'ntpd'],
  ['tinker', 'token', 'both'],
  ['tlsciphersuites', 'string', 'ntpsec'],
  ['tos', 'token', 'both'],
  ['trap', 'string', 'ntpd'],
  ['true', 'token', 'both'],
  ['trustedkey', 'token', 'both'],
  ['ttl', 'token', 'ntpd'],
  ['type', 'token', 'both'],
  ['unconfig', 'string', 'both'],
  ['unit', 'token', 'ntpsec'],
  ['unpeer', 'string', 'both'],
  ['unpeer_crypto_early', 'token', 'ntpd'],
  ['unpeer_crypto_nak_early', 'token', 'ntpd'],
  ['unpeer_digest_early', 'token', 'ntpd'],
  ['unrestrict', 'token', 'ntpsec'],
  ['usestats', 'token', 'ntpsec'],
  ['version', 'token', 'both'],
  ['wander', 'token', 'ntpd'],
  ['week', 'token', 'both'],
  ['wildcard', 'token', 'both'],
  ['xleave', 'token', 'ntpd'],
  ['year', 'token', 'both'],
]

/** Every keyword of either scanner, by name. */
export const keywords: ReadonlyMap<string, KeywordInfo> = new Map(
  rows.map(([name, followedBy, which]) => [name, {name, followedBy, daemons: which === 'both' ? daemons : [which]}]),
)

/**
 * Whether a word (its value, unquoted) is a keyword of a daemon's scanner.
 *
 * @param value the word as the scanner reads it
 * @param daemon the daemon
 */
export function isKeywordOf(value: string, daemon: Daemon): boolean {
  return keywords.get(value)?.daemons.includes(daemon) ?? false
}

/** The keywords that may start a command, per daemon (ntp_parser.y `command`). */
export const commandKeywords: Readonly<Record<Daemon, ReadonlySet<string>>> = (() => {
  const both = [
    'server', 'pool', 'peer', 'unpeer', 'unconfig', 'mdnstries', 'controlkey', 'keys', 'requestkey', 'trustedkey',
    'ntpsigndsocket', 'tos', 'statistics', 'statsdir', 'filegen', 'mru', 'restrict', 'fudge', 'rlimit', 'enable',
    'disable', 'tinker', 'interface', 'nic', 'reset', 'nonvolatile', 'tick', 'dscp', 'leapsmearinterval', 'leapfile',
    'logfile', 'pidfile', 'includefile', 'end', 'driftfile', 'logconfig', 'phone', 'setvar',
  ]
  return {
    ntpsec: new Set([...both, 'unrestrict', 'limit', 'refclock', 'nts']),
    ntpd: new Set([
      ...both, 'broadcast', 'manycastclient', 'broadcastclient', 'manycastserver', 'multicastclient', 'automax', 'crypto',
      'keysdir', 'revoke', 'discard', 'broadcastdelay', 'ident', 'saveconfigdir', 'trap', 'ttl', 'simulate',
    ]),
  }
})()

/** What a `restrict` flag does in a daemon. */
export interface RestrictFlagInfo {
  name: string
  /** Its bit in the restrict table (ntpd.h `RES_*`), as NTPsec's debug output prints it; 0 for a match flag. */
  bit: number
  /** The daemons that accept it. */
  daemons: readonly Daemon[]
  /** The daemons that accept it but ignore it (NTPsec logs `restrict nopeer ignored`). */
  ignoredBy: readonly Daemon[]
  /** A match flag (`ntpport`) changes which packets the entry applies to, not what they may do. */
  match?: true | undefined
}

/**
 * The flags of `restrict` (ntp.conf(5) "Access Control Commands", ntp_config.c
 * `config_access`). NTPsec 1.2.2 parses `nopeer` and `notrap` and ignores them (peer mode
 * and traps are gone); ntpd 4.2.8 also knows `lowpriotrap`.
 */
export const restrictFlags: readonly RestrictFlagInfo[] = [
  {name: 'ignore', bit: 0x1, daemons, ignoredBy: []},
  {name: 'noserve', bit: 0x2, daemons, ignoredBy: []},
  {name: 'notrust', bit: 0x4, daemons, ignoredBy: []},
  {name: 'version', bit: 0x8, daemons, ignoredBy: []},
  {name: 'nopeer', bit: 0x10, daemons, ignoredBy: ['ntpsec']},
  {name: 'limited', bit: 0x20, daemons, ignoredBy: []},
  {name: 'noquery', bit: 0x40, daemons, ignoredBy: []},
  {name: 'nomodify', bit: 0x80, daemons, ignoredBy: []},
  {name: 'notrap', bit: 0x100, daemons, ignoredBy: ['ntpsec']},
  {name: 'lowpriotrap', bit: 0x200, daemons: ['ntpd'], ignoredBy: []},
  {name: 'kod', bit: 0x400, daemons, ignoredBy: []},
  {name: 'mssntp', bit: 0x800, daemons, ignoredBy: []},
  {name: 'flake', bit: 0x1000, daemons, ignoredBy: []},
  {name: 'nomrulist', bit: 0x2000, daemons, ignoredBy: []},
  {name: 'ntpport', bit: 0, daemons, ignoredBy: [], match: true},
]

/** The restrict flags by name. */
export const restrictFlagsByName: ReadonlyMap<string, RestrictFlagInfo> = new Map(restrictFlags.map((flag) => [flag.name, flag]))

/**
 * The flags of the built-in default entries (`0.0.0.0/0` and `::/0`), before the file is
 * read: NTPsec starts them with `noquery limited` (ntpd.h `RES_Default`: "noquery to avoid
 * packet length amplification ... and limited to avoid DDoS reflections"); ntpd 4.2.8
 * with no flag at all.
 */
export const builtinDefaultFlags: Readonly<Record<Daemon, readonly string[]>> = {ntpsec: ['noquery', 'limited'], ntpd: []}

/** The flags of `enable` and `disable` (ntp.conf(5) "Miscellaneous Options"). */
export const systemFlags: Readonly<Record<Daemon, ReadonlySet<string>>> = {
  ntpsec: new Set(['calibrate', 'kernel', 'monitor', 'ntp', 'stats']),
  ntpd: new Set(['auth', 'bclient', 'calibrate', 'kernel', 'monitor', 'ntp', 'mode7', 'stats', 'unpeer_crypto_early', 'unpeer_crypto_nak_early', 'unpeer_digest_early']),
}

/** What follows an option of `server`, `pool` and `peer`. */
export type OptionValue = 'none' | 'integer' | 'number' | 'string' | 'boolean'

/** The options of `server`, `pool` and `peer` (ntp_parser.y `option`), per daemon. */
export const associationOptions: Readonly<Record<Daemon, ReadonlyMap<string, OptionValue>>> = {
  ntpsec: new Map<string, OptionValue>([
    ['burst', 'none'], ['iburst', 'none'], ['noselect', 'none'], ['noval', 'none'], ['nts', 'none'], ['prefer', 'none'], ['true', 'none'],
    ['key', 'integer'], ['minpoll', 'integer'], ['maxpoll', 'integer'], ['mode', 'integer'], ['subtype', 'integer'], ['version', 'integer'], ['baud', 'integer'], ['holdover', 'integer'],
    ['bias', 'number'], ['time1', 'number'], ['time2', 'number'],
    ['refid', 'string'], ['path', 'string'], ['ppspath', 'string'], ['ca', 'string'], ['cert', 'string'], ['aead', 'string'],
    ['flag1', 'boolean'], ['flag2', 'boolean'], ['flag3', 'boolean'], ['flag4', 'boolean'],
  ]),
  ntpd: new Map<string, OptionValue>([
    ['autokey', 'none'], ['burst', 'none'], ['iburst', 'none'], ['noselect', 'none'], ['preempt', 'none'], ['prefer', 'none'], ['true', 'none'], ['xleave', 'none'],
    ['key', 'integer'], ['minpoll', 'integer'], ['maxpoll', 'integer'], ['ttl', 'integer'], ['mode', 'integer'], ['version', 'integer'],
    ['ident', 'string'],
  ]),
}

/** The keywords of the association commands, per daemon. */
export const associationKeywords: Readonly<Record<Daemon, ReadonlySet<string>>> = {
  ntpsec: new Set(['server', 'pool', 'peer']),
  ntpd: new Set(['server', 'pool', 'peer', 'broadcast', 'manycastclient']),
}

/** The statistics a `filegen` line may name, per daemon. */
export const filegenStats: Readonly<Record<Daemon, ReadonlySet<string>>> = {
  ntpsec: new Set(['clockstats', 'loopstats', 'peerstats', 'rawstats', 'sysstats', 'protostats', 'usestats']),
  ntpd: new Set(['clockstats', 'cryptostats', 'loopstats', 'peerstats', 'rawstats', 'sysstats', 'timingstats', 'protostats']),
}

/** The generation types of `filegen ... type T` (both daemons). */
export const filegenTypes: ReadonlySet<string> = new Set(['none', 'pid', 'day', 'week', 'month', 'year', 'age'])

/** The option words of `filegen` that stand alone (both daemons); `file` and `type` take a value. */
export const filegenFlags: ReadonlySet<string> = new Set(['link', 'nolink', 'enable', 'disable'])

/** The variables of `tinker`, each followed by a number, per daemon. */
export const tinkerOptions: Readonly<Record<Daemon, ReadonlySet<string>>> = {
  ntpsec: new Set(['allan', 'dispersion', 'freq', 'huffpuff', 'panic', 'step', 'stepback', 'stepfwd', 'stepout', 'tick']),
  ntpd: new Set(['allan', 'dispersion', 'freq', 'huffpuff', 'panic', 'step', 'stepback', 'stepfwd', 'stepout']),
}

/** The commands whose one argument is a file or folder: typed as `file` lines. */
export const fileKeywords: ReadonlySet<string> = new Set(['driftfile', 'statsdir', 'logfile', 'leapfile', 'pidfile', 'keys'])

/**
 * The union of every daemon's vocabulary: what the grammar accepts in each place. The
 * grammar is deliberately the more permissive reading; `semantics.ts` then reads each line
 * for one daemon and finds where that daemon's parser stops.
 */
export interface Vocabulary {
  restrictFlags: ReadonlySet<string>
  systemFlags: ReadonlySet<string>
  associationKeywords: ReadonlySet<string>
  associationOptions: ReadonlyMap<string, OptionValue>
  filegenStats: ReadonlySet<string>
  filegenTypes: ReadonlySet<string>
  filegenFlags: ReadonlySet<string>
  tinkerOptions: ReadonlySet<string>
  fileKeywords: ReadonlySet<string>
}

const union = <T>(sets: ReadonlyArray<Iterable<T>>): Set<T> => new Set(sets.flatMap((s) => [...s]))

/** Every daemon's vocabulary, merged. */
export const vocabulary: Vocabulary = {
  restrictFlags: new Set(restrictFlags.map((flag) => flag.name)),
  systemFlags: union(daemons.map((d) => systemFlags[d])),
  associationKeywords: union(daemons.map((d) => associationKeywords[d])),
  associationOptions: new Map(daemons.flatMap((d) => [...associationOptions[d]])),
  filegenStats: union(daemons.map((d) => filegenStats[d])),
  filegenTypes,
  filegenFlags,
  tinkerOptions: union(daemons.map((d) => tinkerOptions[d])),
  fileKeywords,
}
