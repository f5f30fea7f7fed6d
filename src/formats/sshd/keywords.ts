/**
 * The keywords sshd knows, from sshd_config(5) and the keyword table of OpenSSH's
 * servconf.c (8.2 to 10.x), with Debian's and Ubuntu's additions.
 *
 * For each keyword: its spelling in the man page, whether it may stand inside a `Match`
 * block, whether repeated lines add up or the first one wins, the release that added it,
 * and what sshd does with it when it is obsolete.
 */

/** What sshd does with a keyword. */
export type KeywordStatus =
  /** A working option. */
  | 'active'
  /** Still accepted under another name: sshd treats it as `aliasOf`. */
  | 'alias'
  /** Parsed, then ignored with "Deprecated option". */
  | 'deprecated'
  /** Parsed and silently ignored (`Protocol`). */
  | 'ignored'

/** One keyword. */
export interface KeywordInfo {
  /** The spelling of the man page (`PermitRootLogin`). */
  name: string
  /** True when sshd refuses it inside a `Match` block. */
  globalOnly: boolean
  /** True when every line adds values (`Port`, `AllowUsers`); otherwise the first line wins. */
  accumulates: boolean
  /** The first OpenSSH release that knows it, as `[major, minor]` (`[0, 0]`: older than 8.2). */
  since: Version
  status: KeywordStatus
  /** For an alias: the keyword it stands for. */
  aliasOf?: string | undefined
  /** Set for keywords that only Debian's and Ubuntu's builds know. */
  vendor?: 'debian' | undefined
}

/** An OpenSSH release as `[major, minor]`, `[9, 2]` for 9.2p1. */
export type Version = readonly [number, number]

const OLD: Version = [0, 0]

type Flags = {g?: true; m?: true; since?: Version; status?: KeywordStatus; aliasOf?: string; vendor?: 'debian'}

function k(name: string, flags: Flags = {}): KeywordInfo {
  return {
    name,
    globalOnly: flags.g ?? false,
    accumulates: flags.m ?? false,
    since: flags.since ?? OLD,
    status: flags.status ?? (flags.aliasOf === undefined ? 'active' : 'alias'),
    aliasOf: flags.aliasOf,
    vendor: flags.vendor,
  }
}

/** Every keyword, in the order of sshd_config(5). */
export const keywords: readonly KeywordInfo[] = [
  k('AcceptEnv', {m: true}),
  k('AddressFamily', {g: true}),
  k('AllowAgentForwarding'),
  k('AllowGroups', {m: true}),
  k('AllowStreamLocalForwarding'),
  k('AllowTcpForwarding'),
  k('AllowUsers', {m: true}),
  k('AuthenticationMethods'),
  k('AuthorizedKeysCommand'),
  k('AuthorizedKeysCommandUser'),
  k('AuthorizedKeysFile'),
  k('AuthorizedPrincipalsCommand'),
  k('AuthorizedPrincipalsCommandUser'),
  k('AuthorizedPrincipalsFile'),
  k('Banner'),
  k('CASignatureAlgorithms'),
  k('ChannelTimeout', {since: [9, 2]}),
  k('ChrootDirectory'),
  k('Ciphers', {g: true}),
  k('ClientAliveCountMax'),
  k('ClientAliveInterval'),
  k('Compression', {g: true}),
  k('DenyGroups', {m: true}),
  k('DenyUsers', {m: true}),
  k('DisableForwarding'),
  k('ExposeAuthInfo'),
  k('FingerprintHash', {g: true}),
  k('ForceCommand'),
  k('GatewayPorts'),
  k('GSSAPIAuthentication'),
  k('GSSAPICleanupCredentials', {g: true}),
  k('GSSAPIDelegateCredentials', {since: [10, 3]}),
  k('GSSAPIKexAlgorithms', {g: true, vendor: 'debian'}),
  k('GSSAPIKeyExchange', {g: true, vendor: 'debian'}),
  k('GSSAPIStoreCredentialsOnRekey', {g: true, vendor: 'debian'}),
  k('GSSAPIStrictAcceptorCheck', {g: true}),
  k('HostbasedAcceptedAlgorithms', {since: [8, 5]}),
  k('HostbasedAuthentication'),
  k('HostbasedUsesNameFromPacketOnly'),
  k('HostCertificate', {g: true, m: true}),
  k('HostKey', {g: true, m: true}),
  k('HostKeyAgent', {g: true}),
  k('HostKeyAlgorithms', {g: true}),
  k('IgnoreRhosts'),
  k('IgnoreUserKnownHosts', {g: true}),
  k('Include', {m: true}),
  k('IPQoS'),
  k('KbdInteractiveAuthentication'),
  k('KerberosAuthentication'),
  k('KerberosGetAFSToken', {g: true}),
  k('KerberosOrLocalPasswd', {g: true}),
  k('KerberosTicketCleanup', {g: true}),
  k('KexAlgorithms', {g: true}),
  k('ListenAddress', {g: true, m: true}),
  k('LoginGraceTime', {g: true}),
  k('LogLevel'),
  k('LogVerbose', {since: [8, 5]}),
  k('MACs', {g: true}),
  k('Match'),
  k('MaxAuthTries'),
  k('MaxSessions'),
  k('MaxStartups', {g: true}),
  k('ModuliFile', {g: true, since: [8, 6]}),
  k('PAMServiceName', {since: [9, 8]}),
  k('PasswordAuthentication'),
  k('PermitEmptyPasswords'),
  k('PermitListen'),
  k('PermitOpen'),
  k('PermitRootLogin'),
  k('PermitTTY'),
  k('PermitTunnel'),
  k('PermitUserEnvironment', {g: true}),
  k('PermitUserRC'),
  k('PerSourceMaxStartups', {g: true, since: [8, 5]}),
  k('PerSourceNetBlockSize', {g: true, since: [8, 5]}),
  k('PerSourcePenalties', {g: true, since: [9, 8]}),
  k('PerSourcePenaltyExemptList', {g: true, since: [9, 8]}),
  k('PidFile', {g: true}),
  k('Port', {g: true, m: true}),
  k('PrintLastLog', {g: true}),
  k('PrintMotd', {g: true}),
  k('PubkeyAcceptedAlgorithms', {since: [8, 5]}),
  k('PubkeyAuthOptions'),
  k('PubkeyAuthentication'),
  k('RDomain'),
  k('RefuseConnection', {since: [9, 9]}),
  k('RekeyLimit'),
  k('RequiredRSASize', {since: [9, 1]}),
  k('RevokedKeys'),
  k('SecurityKeyProvider', {g: true}),
  k('SetEnv'),
  k('SshdAuthPath', {g: true, since: [10, 0]}),
  k('SshdSessionPath', {g: true, since: [9, 8]}),
  k('StreamLocalBindMask'),
  k('StreamLocalBindUnlink'),
  k('StrictModes', {g: true}),
  // Allowed inside Match blocks since 9.6; accumulates by subsystem name.
  k('Subsystem', {g: true, m: true}),
  k('SyslogFacility', {g: true}),
  k('TCPKeepAlive', {g: true}),
  k('TrustedUserCAKeys'),
  k('UnusedConnectionTimeout', {since: [9, 2]}),
  k('UseDNS', {g: true}),
  k('UsePAM', {g: true}),
  k('VersionAddendum', {g: true}),
  k('X11DisplayOffset'),
  k('X11Forwarding'),
  k('X11UseLocalhost'),
  k('XAuthLocation', {g: true}),
  // Debian's banner patch: whether the version string says "Debian".
  k('DebianBanner', {g: true, vendor: 'debian'}),
  // Old names that sshd still reads as another keyword.
  k('ChallengeResponseAuthentication', {aliasOf: 'KbdInteractiveAuthentication'}),
  k('SkeyAuthentication', {aliasOf: 'KbdInteractiveAuthentication'}),
  k('DSAAuthentication', {g: true, aliasOf: 'PubkeyAuthentication'}),
  k('HostDSAKey', {g: true, m: true, aliasOf: 'HostKey'}),
  k('HostbasedAcceptedKeyTypes', {aliasOf: 'HostbasedAcceptedAlgorithms'}),
  k('PubkeyAcceptedKeyTypes', {aliasOf: 'PubkeyAcceptedAlgorithms'}),
  k('KeepAlive', {g: true, aliasOf: 'TCPKeepAlive'}),
  // Options of SSH protocol 1, privilege separation and other removed features: sshd logs
  // "Deprecated option" and ignores them.
  k('AFSTokenPassing', {g: true, status: 'deprecated'}),
  k('AuthorizedKeysFile2', {status: 'deprecated'}),
  k('CheckMail', {g: true, status: 'deprecated'}),
  k('KerberosTgtPassing', {g: true, status: 'deprecated'}),
  k('KeyRegenerationInterval', {g: true, status: 'deprecated'}),
  k('PAMAuthenticationViaKbdInt', {g: true, status: 'deprecated'}),
  k('ReverseMappingCheck', {g: true, status: 'deprecated'}),
  k('RhostsAuthentication', {g: true, status: 'deprecated'}),
  k('RhostsRSAAuthentication', {status: 'deprecated'}),
  k('RSAAuthentication', {status: 'deprecated'}),
  k('ServerKeyBits', {g: true, status: 'deprecated'}),
  k('UseLogin', {g: true, status: 'deprecated'}),
  k('UsePrivilegeSeparation', {g: true, status: 'deprecated'}),
  k('VerifyReverseMapping', {g: true, status: 'deprecated'}),
  // Only SSH protocol 2 is left; sshd accepts the keyword and ignores it.
  k('Protocol', {g: true, status: 'ignored'}),
]

const byLowerName = new Map(keywords.map((info) => [info.name.toLowerCase(), info]))

/**
 * Looks a keyword up, ignoring case as sshd does.
 *
 * @param name the keyword as written, without quotes
 */
export function lookupKeyword(name: string): KeywordInfo | undefined {
  return byLowerName.get(name.toLowerCase())
}

/**
 * The keyword a name finally stands for: itself, or the keyword it is an alias of.
 *
 * @param name the keyword as written, without quotes
 */
export function canonicalKeyword(name: string): KeywordInfo | undefined {
  const info = lookupKeyword(name)
  if (info?.aliasOf !== undefined) return lookupKeyword(info.aliasOf)
  return info
}

/**
 * Whether a release is at least another one.
 *
 * @param version the release in question
 * @param least the release to compare with
 */
export function atLeast(version: Version, least: Version): boolean {
  return version[0] > least[0] || (version[0] === least[0] && version[1] >= least[1])
}

/**
 * Reads `9.2`, `9.2p1` or `OpenSSH_9.2p1` as a version.
 *
 * @param text the version as written
 */
export function parseVersion(text: string): Version | undefined {
  const match = /^(?:OpenSSH_)?(\d+)\.(\d+)(?:p\d+)?$/i.exec(text.trim())
  return match ? [Number(match[1]), Number(match[2])] : undefined
}

/**
 * Whether a keyword may be written inside a `Match` block for a given release.
 *
 * @param info the keyword
 * @param version the release
 */
export function allowedInMatch(info: KeywordInfo, version: Version): boolean {
  if (info.name === 'Subsystem') return atLeast(version, [9, 6])
  return !info.globalOnly
}
