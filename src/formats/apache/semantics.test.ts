import {describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS} from '../../core/format.js'
import {memoryHost, type MemoryEntry} from '../../core/host.js'
import {
  activeSections,
  directoriesFor,
  listenAddresses,
  loadApacheConfig,
  moduleLoaded,
  optionsKind,
  optionWords,
  serverEntry,
  sslProtocols,
  type ApacheConfig,
} from './semantics.js'

function load(files: Record<string, MemoryEntry>, entry = '/etc/apache2/apache2.conf', settings: {version?: string; defines?: string[]} = {}): ApacheConfig {
  return loadApacheConfig(entry, {host: memoryHost(files), settings: {version: settings.version ?? '2.4.62', defines: settings.defines ?? [], serverRoot: ''}, limits: DEFAULT_LIMITS, cache: new Map()})
}

describe('apache semantics', () => {
  it("follows Debian's links and reads includes in place, in order", () => {
    const config = load({
      '/etc/apache2/apache2.conf': 'ServerTokens Full\nIncludeOptional conf-enabled/*.conf\nInclude ports.conf\n',
      '/etc/apache2/ports.conf': 'Listen 80\n<IfModule ssl_module>\n\tListen 443\n</IfModule>\n',
      '/etc/apache2/conf-available/b.conf': 'ServerTokens Prod\n',
      '/etc/apache2/conf-available/a.conf': 'ServerTokens Minor\n',
      '/etc/apache2/conf-enabled/a.conf': {link: '../conf-available/a.conf'},
      '/etc/apache2/conf-enabled/b.conf': {link: '../conf-available/b.conf'},
    })
    expect(config.documents.map((d) => [d.path, d.realPath])).toEqual([
      ['/etc/apache2/apache2.conf', '/etc/apache2/apache2.conf'],
      ['/etc/apache2/conf-enabled/a.conf', '/etc/apache2/conf-available/a.conf'],
      ['/etc/apache2/conf-enabled/b.conf', '/etc/apache2/conf-available/b.conf'],
      ['/etc/apache2/ports.conf', '/etc/apache2/ports.conf'],
    ])
    expect(serverEntry(config, 'ServerTokens')?.args).toEqual(['Prod'])
    expect(listenAddresses(config).map((l) => l.port)).toEqual(['80'])
  })

  it('decides IfModule, IfDefine and IfVersion while reading', () => {
    const config = load(
      {'/etc/apache2/apache2.conf': '<IfModule ssl_module>\nA 1\n</IfModule>\nLoadModule ssl_module x.so\n<IfModule mod_ssl.c>\nA 2\n</IfModule>\n<IfDefine !SSL>\nA 3\n</IfDefine>\n<IfVersion >= 2.4.50>\nA 4\n</IfVersion>\n<IfVersion < 2.2>\nA 5\n</IfVersion>\n'},
      undefined,
      {defines: ['ssl']},
    )
    expect(config.entries.filter((e) => e.name === 'a' && e.active).map((e) => e.args[0])).toEqual(['2', '4'])
  })

  it('refuses an Include of a missing file, and accepts a missing IncludeOptional', () => {
    expect(() => load({'/etc/apache2/apache2.conf': 'Include missing.conf\n'})).toThrow(/no such file, and httpd refuses that/)
    expect(load({'/etc/apache2/apache2.conf': 'IncludeOptional missing/*.conf\n'}).documents).toHaveLength(1)
  })

  it('reads an included folder, all its files sorted', () => {
    const config = load({'/etc/apache2/apache2.conf': 'Include conf.d\n', '/etc/apache2/conf.d/b.conf': 'B 1\n', '/etc/apache2/conf.d/sub/a.conf': 'A 1\n'})
    expect(config.documents.map((d) => d.path)).toEqual(['/etc/apache2/apache2.conf', '/etc/apache2/conf.d/b.conf', '/etc/apache2/conf.d/sub/a.conf'])
  })

  it('finds the Directory sections of a path in merge order', () => {
    const config = load({
      '/etc/apache2/apache2.conf': '<Directory />\n</Directory>\n<Directory /var/www/>\n</Directory>\n<Directory /var>\n</Directory>\n<DirectoryMatch "^/var/www/(a|b)">\n</DirectoryMatch>\n<Directory /home/*/public_html>\n</Directory>\n',
    })
    expect(directoriesFor(config, '/var/www/a/x').map((s) => s.args.join(' '))).toEqual(['/', '/var', '/var/www/', '^/var/www/(a|b)'])
    expect(directoriesFor(config, '/home/alice/public_html').map((s) => s.args[0])).toEqual(['/', '/home/*/public_html'])
  })

  it('knows modules by identifier and by source file', () => {
    const loaded = new Set(['mpm_prefork_module', 'ssl_module'])
    expect(moduleLoaded('prefork.c', loaded)).toBe(true)
    expect(moduleLoaded('mod_ssl.c', loaded)).toBe(true)
    expect(moduleLoaded('mod_mpm_prefork.c', loaded)).toBe(false)
  })

  it('tells how Options lists are written', () => {
    const kind = (s: string) => optionsKind(optionWords(s.split(' ')))
    expect([kind('Indexes FollowSymLinks'), kind('+Indexes -ExecCGI'), kind('None +Indexes'), kind('All -Indexes'), kind('FollowSymLinks -Indexes'), kind('All -Indexes FollowSymLinks')]).toEqual([
      'unsigned',
      'signed',
      'based',
      'based',
      'mixed',
      'mixed',
    ])
  })

  it('computes the protocols of SSLProtocol', () => {
    expect([...sslProtocols(['all', '-SSLv3'])]).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'])
    expect([...sslProtocols(['-all', '+TLSv1.2'])]).toEqual(['TLSv1.2'])
    expect([...sslProtocols(['TLSv1.2', '+TLSv1.3'])]).toEqual(['TLSv1.2', 'TLSv1.3'])
  })

  it('resolves variables from envvars and Define, as httpd does', () => {
    const config = load({
      '/etc/apache2/apache2.conf': 'Define Site example\nErrorLog ${APACHE_LOG_DIR}/${SITE}.log\nUnDefine site\nCustomLog ${SITE} x\n',
      '/etc/apache2/envvars': 'export APACHE_LOG_DIR=/var/log/apache2$SUFFIX\n',
    })
    expect(config.entries.map((e) => e.args[0])).toEqual(['Site', '/var/log/apache2/example.log', 'site', '${SITE}'])
  })

  it('checks a fragment as if the modules it names were loaded', () => {
    const config = load({'/etc/apache2/mods-available/userdir.conf': '<IfModule mod_userdir.c>\nUserDir public_html\n</IfModule>\n'}, '/etc/apache2/mods-available/userdir.conf')
    expect(config.fragment).toBe(true)
    expect(activeSections(config, 'ifmodule')).toHaveLength(1)
  })
})
