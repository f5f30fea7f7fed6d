import {describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS} from '../../core/format.js'
import {memoryHost} from '../../core/host.js'
import {ConfigSyntaxError} from '../../core/errors.js'
import {named} from './index.js'
import {
  addressMatchList,
  blockOf,
  describeStatement,
  entryIn,
  keywordOf,
  listOpenness,
  loadNamedConfig,
  optionsEntry,
  recursionAccess,
  termValue,
  unquote,
  viewEntries,
  zoneType,
  allZones,
  type NamedConfig,
} from './semantics.js'

function load(files: Record<string, string>, entry = '/etc/bind/named.conf'): NamedConfig {
  return loadNamedConfig(entry, {host: memoryHost(files), settings: {role: 'both'}, limits: DEFAULT_LIMITS, cache: new Map()})
}
const main = (text: string) => load({'/etc/bind/named.conf': text})

describe('named semantics', () => {
  it('reads tokens: keywords ignore case, strings lose their quotes, `\\"` is `"`', () => {
    const config = main('OPTIONS { Version "a\\"b\\\\c"; };\n')
    const options = optionsEntry(config)!
    expect(keywordOf(options.statement)).toBe('options')
    expect(unquote('"a\\"b\\\\c"')).toBe('a"b\\\\c')
    const version = entryIn(options.body, 'version')!
    expect(version.statement.children.filter((c) => c.type === 'string').map((c) => termValue(c as never))).toEqual(['a"b\\\\c'])
  })

  // The table of ../shared/notes/daemons.md ("Recursion ACLs, checked with a running named").
  it.each([
    ['nothing (defaults localnets; localhost;)', '', false, 'default', 'default'],
    ['only allow-query { any; }: an open resolver', 'allow-query { any; };', true, 'allow-query', 'allow-query'],
    ['only allow-query-cache { any; }', 'allow-query-cache { any; };', true, 'allow-query-cache', 'set'],
    ['only allow-recursion { any; }', 'allow-recursion { any; };', true, 'set', 'allow-recursion'],
    ['allow-recursion { any; } + allow-query-cache { localhost; }: both are checked', 'allow-recursion { any; }; allow-query-cache { localhost; };', false, 'set', 'set'],
    ['allow-query { any; } + allow-recursion { localhost; }', 'allow-query { any; }; allow-recursion { localhost; };', false, 'set', 'allow-recursion'],
    ['recursion no (with anything)', 'recursion no; allow-recursion { any; };', false, 'set', 'allow-recursion'],
  ])('%s', (_, body, open, recursionFrom, cacheFrom) => {
    const [access] = recursionAccess(main(`options { ${body} };\n`))
    const remoteMayRecurse = access!.recursion.enabled && access!.allowRecursion.open && access!.allowQueryCache.open
    expect(remoteMayRecurse).toBe(open)
    expect(access!.allowRecursion.from).toBe(recursionFrom)
    expect(access!.allowQueryCache.from).toBe(cacheFrom)
  })

  it('a view takes its own ACLs first, then those of options', () => {
    const config = main('options { allow-query { any; }; };\nview a { allow-recursion { localnets; }; };\nview b { };\n')
    const [a, b] = recursionAccess(config)
    expect([a!.allowRecursion.from, a!.allowRecursion.open, a!.allowQueryCache.from, a!.allowQueryCache.open]).toEqual(['set', false, 'allow-recursion', false])
    expect([b!.allowRecursion.from, b!.allowRecursion.open]).toEqual(['allow-query', true])
    expect(viewEntries(config).length).toBe(2)
  })

  it.each([
    ['{ any; }', true],
    ['{ !any; any; }', false],
    ['{ !10.0.0.1; any; }', true],
    ['{ 0.0.0.0/0; }', true],
    ['{ ::/0; }', true],
    ['{ 0.0.0.0 / 0; }', true],
    ['{ 1.0.0.0/7; }', true],
    ['{ 10.0.0.0/8; }', false],
    ['{ { any; }; }', true],
    ['{ !{ any; }; any; }', false],
    ['{ !!any; }', true],
    ['{ everyone; }', true],
    ['{ "everyone"; }', true],
    ['{ key "k"; }', false],
    ['{ localhost; localnets; none; }', false],
    ['{ undefined-acl; }', false],
  ])('the list %s lets everybody in: %s', (list, open) => {
    const config = main(`acl everyone { !192.0.2.1; any; };\nacl loop { loop; };\noptions { allow-query ${list}; };\n`)
    const block = blockOf(entryIn(optionsEntry(config)!.body, 'allow-query')!.statement)!
    expect(listOpenness(config, addressMatchList(config, block)).open).toBe(open)
  })

  it('an acl that names itself is not followed for ever', () => {
    const config = main('acl loop { loop; };\noptions { allow-query { loop; }; };\n')
    const block = blockOf(entryIn(optionsEntry(config)!.body, 'allow-query')!.statement)!
    expect(listOpenness(config, addressMatchList(config, block)).open).toBe(false)
  })

  it('reads includes in place, in any block that holds options', () => {
    const config = load({
      '/etc/bind/named.conf': 'include "/etc/bind/named.conf.options";\nview v { include "/etc/bind/v.conf"; };\n',
      '/etc/bind/named.conf.options': 'options { include "/etc/bind/o.conf"; };\n',
      '/etc/bind/o.conf': 'recursion no;\n',
      '/etc/bind/v.conf': 'zone "x" { type master; file "x"; };\n',
    })
    expect(config.documents.map((d) => d.path)).toEqual(['/etc/bind/named.conf', '/etc/bind/named.conf.options', '/etc/bind/o.conf', '/etc/bind/v.conf'])
    expect(entryIn(optionsEntry(config)!.body, 'recursion')!.document.path).toBe('/etc/bind/o.conf')
    expect(allZones(config).map((z) => [zoneType(z), z.scope.owner?.keyword])).toEqual([['primary', 'view']])
  })

  it('resolves relative includes against / (named\'s working folder), then against `directory`', () => {
    const config = load({
      '/etc/bind/named.conf': 'include "a.conf";\noptions { directory "/var/cache/bind"; };\ninclude "b.conf";\ninclude "../c.conf";\n',
      '/a.conf': '',
      '/var/cache/bind/b.conf': '',
      '/var/cache/c.conf': '',
    })
    expect(config.includes.map((i) => [i.path, i.found])).toEqual([['/a.conf', true], ['/var/cache/bind/b.conf', true], ['/var/cache/c.conf', true]])
  })

  it('resolves relative includes of a relative main file against the working folder', () => {
    const config = load({'named.conf': 'include "local.conf";\n', 'local.conf': 'acl a { any; };\n'}, 'named.conf')
    expect(config.includes.map((i) => [i.path, i.found])).toEqual([['local.conf', true]])
  })

  it('refuses an include loop and includes nested too deep', () => {
    expect(() => load({'/etc/bind/named.conf': 'include "/etc/bind/a";\n', '/etc/bind/a': 'include "/etc/bind/named.conf";\n'})).toThrow(ConfigSyntaxError)
    const files: Record<string, string> = {'/etc/bind/named.conf': 'include "/f0";\n'}
    for (let i = 0; i < 20; i++) files[`/f${i}`] = `include "/f${i + 1}";\n`
    files['/f20'] = ''
    expect(() => load(files)).toThrow(/nested more than 16 deep/)
  })

  it('a split file checked alone is a fragment', () => {
    expect(load({'/etc/bind/named.conf.local': ''}, '/etc/bind/named.conf.local').fragment).toBe(true)
    expect(main('').fragment).toBe(false)
  })

  it('describes statements on one line', () => {
    const config = main('options {\n\tallow-query {\n\t\t!10.0.0.1; // x\n\t\tany;\n\t};\n};\n')
    expect(describeStatement(entryIn(optionsEntry(config)!.body, 'allow-query')!.statement)).toBe('allow-query { !10.0.0.1; any; }')
  })

  it.each([
    ['/etc/bind/named.conf', true],
    ['/etc/bind/named.conf.options', true],
    ['/srv/copy/named.conf.local', true],
    ['/etc/bind/zones.conf', true],
    ['/etc/bind/db.local', false],
    ['/etc/ssh/sshd_config', false],
  ])('detects %s: %s', (path, expected) => {
    expect(named.detect(path)).toBe(expected)
  })
})
