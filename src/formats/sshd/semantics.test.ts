import {describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS} from '../../core/format.js'
import {memoryHost, type MemoryEntry} from '../../core/host.js'
import {
  argumentValues,
  entriesOf,
  globalEntry,
  globalValue,
  keywordName,
  loadSshdConfig,
  matchCriteria,
  parseTime,
  unquote,
  type SshdConfig,
} from './semantics.js'

function load(files: Record<string, MemoryEntry>, entry = '/etc/ssh/sshd_config', settings = {version: '9.2', dropIn: ''}): SshdConfig {
  return loadSshdConfig(entry, {host: memoryHost(files), settings, limits: DEFAULT_LIMITS, cache: new Map()})
}

describe('sshd semantics', () => {
  it('unquotes like argv_split', () => {
    expect(unquote('"a b"')).toBe('a b')
    expect(unquote("'a \"b'")).toBe('a "b')
    expect(unquote('a"b c"d')).toBe('ab cd')
    expect(unquote('a\\ b')).toBe('a b')
    expect(unquote('"a\\"b"')).toBe('a"b')
    expect(unquote('a\\x')).toBe('a\\x')
  })

  it('reads time values', () => {
    expect(parseTime('90')).toBe(90)
    expect(parseTime('1m30s')).toBe(90)
    expect(parseTime('2H')).toBe(7200)
    expect(parseTime('1x')).toBeUndefined()
  })

  it('splits Match criteria', () => {
    const config = load({'/etc/ssh/sshd_config': 'Match User alice,bob Address 10.0.0.0/8\nMatch all\n'})
    const heads = entriesOf(config, 'Match').map((e) => matchCriteria(e.directive))
    expect(heads).toEqual([[{name: 'user', patterns: ['alice', 'bob']}, {name: 'address', patterns: ['10.0.0.0/8']}], [{name: 'all', patterns: []}]])
  })

  it('reads includes in place, in glob order, relative ones under /etc/ssh', () => {
    const config = load({
      '/etc/ssh/sshd_config': 'Include sshd_config.d/*.conf\nPasswordAuthentication yes\nInclude /etc/ssh/extra.conf\n',
      '/etc/ssh/sshd_config.d/50-b.conf': 'PasswordAuthentication no\n',
      '/etc/ssh/sshd_config.d/10-a.conf': 'X11Forwarding no\n',
      '/etc/ssh/sshd_config.d/.hidden.conf': 'Port 1\n',
      '/etc/ssh/sshd_config.d/notes.txt': 'Port 2\n',
      '/etc/ssh/extra.conf': 'Port 3\n',
    })
    expect(config.documents.map((d) => d.path)).toEqual([
      '/etc/ssh/sshd_config',
      '/etc/ssh/sshd_config.d/10-a.conf',
      '/etc/ssh/sshd_config.d/50-b.conf',
      '/etc/ssh/extra.conf',
    ])
    expect(globalValue(config, 'PasswordAuthentication')).toMatchObject({value: 'no'})
    expect(globalEntry(config, 'PasswordAuthentication')!.document.path).toBe('/etc/ssh/sshd_config.d/50-b.conf')
    expect(entriesOf(config, 'Port').map((e) => argumentValues(e.directive))).toEqual([['3']])
  })

  it('ends an included file\'s Match block with the file, and carries the including Match into it', () => {
    const config = load({
      '/etc/ssh/sshd_config': 'Include /etc/ssh/a.conf\nX11Forwarding yes\nMatch User bob\nInclude /etc/ssh/b.conf\n',
      '/etc/ssh/a.conf': 'Match User alice\n  PermitTTY no\n',
      '/etc/ssh/b.conf': 'AllowTcpForwarding no\n',
    })
    const describe = (name: string) => entriesOf(config, name).map((e) => e.conditions.map((c) => argumentValues(c.head).join(' ')))
    expect(describe('PermitTTY')).toEqual([['User alice']])
    expect(describe('X11Forwarding')).toEqual([[]])
    expect(describe('AllowTcpForwarding')).toEqual([['User bob']])
  })

  it('skips includes that match nothing, and refuses include loops past sshd\'s depth', () => {
    expect(load({'/etc/ssh/sshd_config': 'Include /nowhere/*.conf\nPort 22\n'}).documents).toHaveLength(1)
    expect(() => load({'/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config\n'})).toThrow(/Too many recursive configuration includes/)
  })

  it('stops at the limit of files a configuration may read', () => {
    const files: Record<string, string> = {'/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\n'}
    for (let i = 0; i < 5; i++) files[`/etc/ssh/sshd_config.d/${i}.conf`] = 'Port 22\n'
    const limits = {...DEFAULT_LIMITS, maxFiles: 3}
    expect(() => loadSshdConfig('/etc/ssh/sshd_config', {host: memoryHost(files), settings: {version: '9.2', dropIn: ''}, limits, cache: new Map()})).toThrow(
      'The configuration reads more than 3 files',
    )
  })

  it('follows aliases and ignores case', () => {
    const config = load({'/etc/ssh/sshd_config': 'challengeresponseauthentication no\n'})
    const entry = globalEntry(config, 'KbdInteractiveAuthentication')!
    expect(keywordName(entry.directive)).toBe('challengeresponseauthentication')
    expect(entry.written!.name).toBe('ChallengeResponseAuthentication')
  })

  it('knows a drop-in checked alone is a fragment', () => {
    expect(load({'/etc/ssh/sshd_config.d/x.conf': 'Port 22\n'}, '/etc/ssh/sshd_config.d/x.conf').fragment).toBe(true)
    expect(load({'/etc/ssh/sshd_config': 'Port 22\n'}).fragment).toBe(false)
  })

  it('uses a configured drop-in only when the main file includes it', () => {
    const withInclude = load({'/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\n'}, '/etc/ssh/sshd_config', {version: '9.2', dropIn: '/etc/ssh/sshd_config.d/00-harden.conf'})
    expect(withInclude.dropIn).toMatchObject({path: '/etc/ssh/sshd_config.d/00-harden.conf', exists: false})
    const without = load({'/etc/ssh/sshd_config': 'Port 22\n'}, '/etc/ssh/sshd_config', {version: '9.2', dropIn: '/etc/ssh/sshd_config.d/00-harden.conf'})
    expect(without.dropIn).toBeUndefined()
  })
})
