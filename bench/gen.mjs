#!/usr/bin/env node
// Generates the benchmark inputs into bench/out/ (git-ignored): sshd_config files of 2,000
// and 20,000 lines that look like real ones, the same on every run (fixed seed).
//
// A file that long is, in real life, a shared server's: a Debian-like global part (the
// shipped header and prose comments, commented-out defaults such as `#Port 22`, and each
// active keyword once, as sshd uses the first value and a careful admin writes one), then
// one `Match` block per customer or group, each with a comment line above it now and then
// and an indented body of a few keywords (sftp chroots, forwarding off, a password or key
// policy). Separators are mostly a space but also tabs and `=`; some paths are quoted; a
// few lines have trailing comments, trailing blanks or a lowercase keyword.
//
// The mix stays within what Augeas's Sshd lens accepts (no quoted keywords, no indented
// global directives, no `Match all`, no trailing comment after a list keyword such as
// `Ciphers`), so that Augeas can be measured on the same file.
//
// Usage: node bench/gen.mjs   (prints the line mix of each file)
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {prng} from './lib.mjs'

export const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out')
export const SIZES = [2000, 20000]
const SEED = 0x5eed2026

const HEADER = `# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

# This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/bin:/usr/games

# The strategy used for options in the default sshd_config shipped with
# OpenSSH is to specify options with their default value where
# possible, but leave them commented.  Uncommented options override the
# default value.

Include /etc/ssh/sshd_config.d/*.conf

PermitRootLogin yes
PasswordAuthentication yes
X11Forwarding yes
`

// Prose comments: Debian's own, and the kind admins and tools add.
const PROSE = [
  ['# Ciphers and keying'],
  ['# Logging'],
  ['# Authentication:'],
  ['# Expect .ssh/authorized_keys2 to be disregarded by default in future.'],
  ['# For this to work you will also need host keys in /etc/ssh/ssh_known_hosts'],
  ["# Change to yes if you don't trust ~/.ssh/known_hosts for", '# HostbasedAuthentication'],
  ["# Don't read the user's ~/.rhosts and ~/.shosts files"],
  ['# To disable tunneled clear text passwords, change to no here!'],
  ['# Change to yes to enable challenge-response passwords (beware issues with', '# some PAM modules and threads)'],
  ['# Kerberos options'],
  ['# GSSAPI options'],
  [
    "# Set this to 'yes' to enable PAM authentication, account processing,",
    '# and session processing. If this is enabled, PAM authentication will',
    '# be allowed through the KbdInteractiveAuthentication and',
    '# PasswordAuthentication.  Depending on your PAM configuration,',
    '# PAM authentication via KbdInteractiveAuthentication may bypass',
    '# the setting of "PermitRootLogin prohibit-password".',
  ],
  ['# no default banner path'],
  ['# Allow client to pass locale environment variables'],
  ['# override default of no subsystems'],
  ['# Example of overriding settings on a per-user basis'],
  ['# Managed by Ansible: local changes will be overwritten.'],
  ['# CIS Debian Linux 12 Benchmark, section 5.1'],
  ['# See https://infosec.mozilla.org/guidelines/openssh for the algorithm lists.', '# Only modern algorithms; keep in sync with the bastion hosts.'],
  ['# TODO: drop password logins once everyone has a key (ticket OPS-1432)'],
  ['#', '# Hardening, 2023-04-12'],
  ['# Keep idle sessions from hanging forever'],
  ['# sftp-only accounts get a chroot below, in the Match blocks'],
]

const PATH_QUOTE = 0.25
// Length of the global part (a real one is 100 to 300 lines); the rest is Match blocks.
const GLOBAL_LINES = 300
// Keyword → function(rand) returning the arguments as written.
const pick = (rand, list) => list[Math.floor(rand() * list.length)]
const maybeQuoted = (rand, path) => (rand() < PATH_QUOTE ? `"${path}"` : path)
const DIRECTIVES = {
  Port: (r) => pick(r, ['22', '2222', '22022']),
  AddressFamily: (r) => pick(r, ['any', 'inet', 'inet6']),
  ListenAddress: (r) => pick(r, ['0.0.0.0', '::', '10.0.3.15', '192.168.1.10:2222', '[fd00::15]:22']),
  HostKey: (r) => maybeQuoted(r, pick(r, ['/etc/ssh/ssh_host_rsa_key', '/etc/ssh/ssh_host_ecdsa_key', '/etc/ssh/ssh_host_ed25519_key'])),
  RekeyLimit: (r) => pick(r, ['default none', '512M 1h']),
  SyslogFacility: (r) => pick(r, ['AUTH', 'AUTHPRIV']),
  LogLevel: (r) => pick(r, ['INFO', 'VERBOSE']),
  LoginGraceTime: (r) => pick(r, ['2m', '60', '30s']),
  PermitRootLogin: (r) => pick(r, ['prohibit-password', 'no', 'yes', 'without-password']),
  StrictModes: () => 'yes',
  MaxAuthTries: (r) => pick(r, ['3', '4', '6']),
  MaxSessions: (r) => pick(r, ['2', '4', '10']),
  PubkeyAuthentication: () => 'yes',
  AuthorizedKeysFile: (r) => pick(r, ['.ssh/authorized_keys .ssh/authorized_keys2', '.ssh/authorized_keys', '"%h/.ssh/authorized_keys"', '/etc/ssh/authorized_keys/%u .ssh/authorized_keys']),
  AuthorizedPrincipalsFile: () => 'none',
  AuthorizedKeysCommand: (r) => maybeQuoted(r, '/usr/bin/sss_ssh_authorizedkeys'),
  AuthorizedKeysCommandUser: (r) => pick(r, ['nobody', 'root']),
  TrustedUserCAKeys: (r) => maybeQuoted(r, '/etc/ssh/user_ca.pub'),
  RevokedKeys: (r) => maybeQuoted(r, '/etc/ssh/revoked_keys'),
  HostbasedAuthentication: () => 'no',
  IgnoreUserKnownHosts: () => 'no',
  IgnoreRhosts: () => 'yes',
  PasswordAuthentication: (r) => pick(r, ['yes', 'no']),
  PermitEmptyPasswords: () => 'no',
  KbdInteractiveAuthentication: (r) => pick(r, ['no', 'yes']),
  ChallengeResponseAuthentication: () => 'no',
  KerberosAuthentication: () => 'no',
  KerberosOrLocalPasswd: () => 'yes',
  GSSAPIAuthentication: (r) => pick(r, ['no', 'yes']),
  GSSAPICleanupCredentials: () => 'yes',
  UsePAM: () => 'yes',
  AuthenticationMethods: (r) => pick(r, ['publickey', 'publickey,keyboard-interactive', 'any']),
  AllowAgentForwarding: (r) => pick(r, ['no', 'yes']),
  AllowTcpForwarding: (r) => pick(r, ['no', 'yes', 'local']),
  AllowStreamLocalForwarding: () => 'no',
  GatewayPorts: () => 'no',
  X11Forwarding: (r) => pick(r, ['yes', 'no']),
  X11DisplayOffset: () => '10',
  X11UseLocalhost: () => 'yes',
  PermitTTY: () => 'yes',
  PrintMotd: () => 'no',
  PrintLastLog: () => 'yes',
  TCPKeepAlive: (r) => pick(r, ['yes', 'no']),
  PermitUserEnvironment: () => 'no',
  Compression: (r) => pick(r, ['delayed', 'no']),
  ClientAliveInterval: (r) => pick(r, ['300', '0', '120']),
  ClientAliveCountMax: (r) => pick(r, ['0', '2', '3']),
  UseDNS: () => 'no',
  PidFile: (r) => maybeQuoted(r, '/run/sshd.pid'),
  MaxStartups: (r) => pick(r, ['10:30:100', '10:30:60']),
  PermitTunnel: () => 'no',
  ChrootDirectory: () => 'none',
  VersionAddendum: () => 'none',
  DebianBanner: () => 'no',
  Banner: (r) => pick(r, ['none', '/etc/issue.net', '"/etc/ssh/banner.txt"']),
  AcceptEnv: (r) => pick(r, ['LANG LC_*', 'LANG LC_CTYPE LC_NUMERIC LC_TIME LC_COLLATE LC_MONETARY LC_MESSAGES', 'XMODIFIERS']),
  Subsystem: (r) => pick(r, ['sftp\t/usr/lib/openssh/sftp-server', 'sftp /usr/lib/openssh/sftp-server -f AUTHPRIV -l INFO', 'sftp internal-sftp']),
  Ciphers: (r) => pick(r, ['chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr', 'aes256-gcm@openssh.com,aes128-gcm@openssh.com']),
  MACs: (r) => pick(r, ['hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com', 'hmac-sha2-256-etm@openssh.com,hmac-sha2-256']),
  KexAlgorithms: (r) => pick(r, ['sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512', 'curve25519-sha256,curve25519-sha256@libssh.org']),
  HostKeyAlgorithms: (r) => pick(r, ['ssh-ed25519,rsa-sha2-512,rsa-sha2-256', 'ssh-ed25519-cert-v01@openssh.com,ssh-ed25519']),
  AllowUsers: (r) => pick(r, ['deploy admin', 'deploy@10.0.0.* ops backup', 'alice bob carol']),
  AllowGroups: (r) => pick(r, ['sshusers admins', 'sudo sftponly']),
  DenyUsers: (r) => pick(r, ['guest', 'test nobody']),
}
// Keywords after which Augeas's lens takes no trailing comment (it splits their values).
const LIST_KEYWORDS = new Set(['AcceptEnv', 'Ciphers', 'MACs', 'KexAlgorithms', 'HostKeyAlgorithms', 'AllowUsers', 'AllowGroups', 'DenyUsers'])
const TRAILING = ['# CIS 5.2.7', '# ticket OPS-1432', '# per customer request', '# default', '# keep in sync with ansible']
// Keywords a Match block may set.
const MATCH_BODY = {
  AllowTcpForwarding: (r) => pick(r, ['no', 'yes']),
  X11Forwarding: () => 'no',
  ForceCommand: (r) => pick(r, ['internal-sftp', 'internal-sftp -u 0027', '/usr/local/bin/git-shell-wrapper']),
  ChrootDirectory: (r) => maybeQuoted(r, pick(r, ['/srv/sftp/%u', '/home/%u', '/var/www'])),
  PasswordAuthentication: (r) => pick(r, ['no', 'no', 'yes']),
  PermitTTY: () => 'no',
  AllowAgentForwarding: () => 'no',
  AuthenticationMethods: (r) => pick(r, ['publickey', 'publickey,password']),
  PermitRootLogin: (r) => pick(r, ['prohibit-password', 'no']),
  MaxSessions: () => '1',
  ClientAliveInterval: () => '60',
  Banner: () => '/etc/issue.sftp',
  PubkeyAuthentication: () => 'yes',
}
// How often each of them turns up in a block (sftp hosting: chroot, forced sftp, no forwarding).
const MATCH_WEIGHTS = {ForceCommand: 5, ChrootDirectory: 5, AllowTcpForwarding: 4, X11Forwarding: 3, PermitTTY: 3, AllowAgentForwarding: 2, PasswordAuthentication: 2, AuthenticationMethods: 1, PermitRootLogin: 0.5, MaxSessions: 1, ClientAliveInterval: 1, Banner: 1, PubkeyAuthentication: 1}
const MATCH_KEYWORDS = Object.entries(MATCH_WEIGHTS).flatMap(([k, w]) => Array(Math.max(1, Math.round(w * 2))).fill(k))
// Match criteria for customer number n.
const MATCH_CRITERIA = [
  (n) => `User c${n}`,
  (n) => `User c${n}`,
  (n) => `User c${n}`,
  (n) => `Group sftp-c${n}`,
  (n) => `User c${n},c${n}-deploy`,
  (n) => `User c${n} Address 10.${n % 250}.0.0/16`,
  (n) => `Address 10.${n % 250}.${n % 7}.0/24,192.168.${n % 250}.0/24`,
  (n) => `Group sftp-c${n},backup`,
  (n) => `LocalPort ${2200 + (n % 100)}`,
  (n) => `Host c${n}.example.com`,
]
// A comment above a block, for customer number n.
const BLOCK_NOTES = [(n) => `# customer ${n}`, (n) => `# sftp-only account for customer ${n}`, (n) => `# ticket OPS-${1000 + n}`, (n) => `# chroot: see the wiki page of customer ${n}`]
const BODY_NOTES = ['sftp only', 'no shells here', 'temporary, until the migration', 'chroot must be root-owned']

function separator(r) {
  const x = r()
  if (x < 0.82) return ' '
  if (x < 0.9) return '\t'
  if (x < 0.94) return '='
  if (x < 0.97) return ' = '
  return '  '
}

function keywordCase(r, keyword) {
  return r() < 0.01 ? keyword.toLowerCase() : keyword
}

function trailingBlank(r) {
  return r() < 0.015 ? pick(r, [' ', '\t', '  ']) : ''
}

function directive(r, table, keyword, indent = '') {
  let line = `${indent}${keywordCase(r, keyword)}${separator(r)}${table[keyword](r)}`
  if (!LIST_KEYWORDS.has(keyword) && r() < 0.06) line += `${pick(r, [' ', '  ', '\t'])}${pick(r, TRAILING)}`
  return line + trailingBlank(r)
}

/**
 * An sshd_config text of exactly `lines` lines (each ending with `\n`).
 *
 * @param {number} lines
 * @param {number} seed
 */
export function generate(lines, seed = SEED) {
  const r = prng(seed ^ lines)
  const out = HEADER.split('\n').slice(0, -1)
  // The global part: paragraphs, each a prose comment, commented-out defaults or active
  // directives (each keyword at most once), mostly separated by a blank line.
  const globalEnd = Math.min(GLOBAL_LINES, Math.floor(lines / 2))
  const unused = Object.keys(DIRECTIVES).filter((k) => !/^(PermitRootLogin|PasswordAuthentication|X11Forwarding)$/.test(k))
  while (out.length < globalEnd) {
    const x = r()
    if (x < 0.3) {
      out.push(...pick(r, PROSE).map((line) => line + trailingBlank(r)))
    } else if (x < 0.75 || unused.length === 0) {
      const n = 1 + Math.floor(r() * 6)
      for (let i = 0; i < n; i++) {
        const keyword = pick(r, Object.keys(DIRECTIVES))
        out.push(`${r() < 0.85 ? '#' : '# '}${keyword} ${DIRECTIVES[keyword](r)}`)
      }
    } else {
      const n = Math.min(1 + Math.floor(r() * 4), unused.length)
      for (let i = 0; i < n; i++) out.push(directive(r, DIRECTIVES, unused.splice(Math.floor(r() * unused.length), 1)[0]))
    }
    if (r() < 0.75) out.push(r() < 0.97 ? '' : pick(r, [' ', '\t']))
  }
  out.length = Math.min(out.length, globalEnd)
  // Match blocks to the end of the file, one per customer.
  let customer = 100
  while (out.length < lines) {
    customer += 1 + Math.floor(r() * 3)
    if (lines - out.length >= 3 && r() < 0.3) out.push(pick(r, BLOCK_NOTES)(customer))
    const indent = pick(r, ['\t', '\t', '\t', '    ', '    ', '  ', ''])
    out.push(`Match ${pick(r, MATCH_CRITERIA)(customer)}${trailingBlank(r)}`)
    const keywords = [...MATCH_KEYWORDS]
    const n = Math.min(2 + Math.floor(r() * 5), lines - out.length)
    for (let i = 0; i < n; i++) {
      if (i > 0 && r() < 0.08) out.push(`${indent}# ${pick(r, BODY_NOTES)}`)
      else {
        const keyword = pick(r, keywords)
        out.push(directive(r, MATCH_BODY, keyword, indent))
        for (let at = keywords.indexOf(keyword); at !== -1; at = keywords.indexOf(keyword)) keywords.splice(at, 1)
      }
    }
    if (out.length < lines - 1 && r() < 0.85) out.push('')
  }
  out.length = lines
  return `${out.join('\n')}\n`
}

/** Counts the kinds of line in a generated file. */
export function lineMix(text) {
  const mix = {blank: 0, comment: 0, commentedDirective: 0, directive: 0, matchHead: 0, matchBody: 0}
  let inMatch = false
  for (const line of text.slice(0, -1).split('\n')) {
    const t = line.trim()
    if (/^match\s/i.test(t)) {
      inMatch = true
      mix.matchHead++
    } else if (t === '') mix.blank++
    else if (/^#\s?[A-Za-z0-9]+ \S/.test(t) && t.replace(/^#\s?/, '').split(' ')[0] in DIRECTIVES) mix.commentedDirective++
    else if (t.startsWith('#')) mix.comment++
    else if (inMatch) mix.matchBody++
    else mix.directive++
  }
  return mix
}

/** Writes bench/out/sshd_config.<lines> for every size; returns their paths. */
export function generateAll({quiet = false} = {}) {
  mkdirSync(OUT, {recursive: true})
  const files = {}
  for (const lines of SIZES) {
    const text = generate(lines)
    const file = join(OUT, `sshd_config.${lines}`)
    writeFileSync(file, text)
    files[lines] = file
    if (!quiet) {
      const mix = lineMix(text)
      const share = Object.entries(mix).map(([k, v]) => `${k} ${((100 * v) / lines).toFixed(1)}%`).join(', ')
      console.log(`bench/out/sshd_config.${lines}: ${lines} lines, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB (${share})`)
    }
  }
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateAll({quiet: process.argv.includes('--quiet')})
