import {describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS} from '../../core/format.js'
import {memoryHost} from '../../core/host.js'
import {parseAddressSpec, type AddressMask} from './addresses.js'
import {parse} from './parse.js'
import {
  compileRuleset,
  describeRule,
  detectFamily,
  inboundOutcomes,
  loadIptablesConfig,
  newConnection,
  ruleCovers,
  serviceExposure,
  traverse,
  twinPath,
  unnamedPort,
  type Outcome,
  type Packet,
  type Ruleset,
} from './semantics.js'

const compile = (text: string, family: 'ipv4' | 'ipv6' = 'ipv4'): Ruleset => compileRuleset(parse(text), family)
/** Each chain as `NAME POLICY: rule; rule` with the rules as written. */
const chains = (ruleset: Ruleset, table = 'filter') =>
  [...ruleset.tables.get(table)!.chains.values()].map((c) => `${c.name} ${c.policy?.value ?? '-'}: ${c.rules.map((r) => describeRule(r.node) + (r.source?.family ? ` [${r.source.address.toString(16)}]` : '')).join('; ')}`)
/** An outcome as `verdict by line N` or `verdict by policy`. */
const said = (outcomes: Outcome[]) => outcomes.map((o) => `${o.verdict} by ${o.by.kind === 'rule' ? `line ${o.by.rule.node.position!.start.line}` : `${o.by.chain.name} policy`}${o.certain ? '' : '?'}${o.forwarded ? ' (forwarded)' : ''}`)
const host = (text: string) => parseAddressSpec(text, 'ipv4') as AddressMask

describe('building the chains from the commands', () => {
  it('runs -A, -I, -D by number and by rule, -R, -N, -F, -X, -E and -P in order; an address list adds a rule per address', () => {
    const ruleset = compile(
      [
        '*filter',
        ':INPUT ACCEPT [0:0]',
        '-N A',
        '-N B',
        '-A INPUT -s 10.0.0.1,10.0.0.2 -j A',
        '-I INPUT -i lo -j ACCEPT',
        '-I INPUT 2 -p tcp --dport 22 -j ACCEPT',
        '-A INPUT -p udp -j DROP',
        '-D INPUT -p udp -j DROP',
        '-D INPUT 1',
        '-R INPUT 1 -p tcp --dport 2222 -j ACCEPT',
        '-A B -j RETURN',
        '-F B',
        '-X B',
        '-E A TRUSTED',
        '-P INPUT DROP',
        'COMMIT',
        '',
      ].join('\n'),
    )
    expect(chains(ruleset)).toEqual([
      'INPUT DROP: -R INPUT 1 -p tcp --dport 2222 -j ACCEPT; -A INPUT -s 10.0.0.1,10.0.0.2 -j A [a000001]; -A INPUT -s 10.0.0.1,10.0.0.2 -j A [a000002]',
      'FORWARD -: ',
      'OUTPUT -: ',
      'TRUSTED -: ',
    ])
    // Checked with iptables-legacy-restore and -save; iptables-nft-restore 1.8.9 crashes on the `-R`.
    expect(ruleset.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Unexpected `-R`: iptables-nft-restore 1\.8\.9 crashes/)])
  })

  it('the last block of a table wins; a table the file does not name is not built', () => {
    const ruleset = compile('*filter\n:INPUT DROP [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n')
    expect(chains(ruleset)).toEqual(['INPUT ACCEPT: ', 'FORWARD -: ', 'OUTPUT -: '])
    expect(ruleset.tables.get('filter')!.replaced.length).toBe(1)
    expect(ruleset.tables.has('nat')).toBe(false)
  })

  it('collects what the kernel refuses', () => {
    const ruleset = compile('*filter\n-A INPUT -j NOWHERE\n-I INPUT 5 -j ACCEPT\n-D INPUT 3\n-N INPUT\n-A INPUT -o eth0 -j ACCEPT\nCOMMIT\n')
    expect(ruleset.problems.map((p) => p.message.replace(/:.*/, ''))).toEqual([
      'Unexpected rule number 5',
      'Unexpected rule number 3',
      'Unexpected `-N INPUT`',
      'Unexpected `-o` in `INPUT`',
      'Unexpected target `NOWHERE`',
    ])
  })
})

describe('walking a packet through the chains', () => {
  const file = [
    '*filter',
    ':INPUT DROP [0:0]',
    ':SERVICES - [0:0]',
    ':ADMIN - [0:0]',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A INPUT -j LOG --log-prefix "in: "',
    '-A INPUT -j SERVICES',
    '-A INPUT -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset',
    '-A SERVICES -s 192.0.2.0/24 -g ADMIN',
    '-A SERVICES -p tcp -m multiport --dports 80,443 -j ACCEPT',
    '-A SERVICES -p udp -j RETURN',
    '-A SERVICES -p tcp -m tcp --dport 8080 -m limit --limit 10/s -j ACCEPT',
    '-A ADMIN -p tcp -m tcp --dport 22 -j ACCEPT',
    'COMMIT',
    '',
  ].join('\n')
  const ruleset = compile(file)
  const walk = (packet: Packet) => said(traverse(ruleset, 'filter', 'INPUT', packet))

  it('follows jumps, RETURN, goto and the policy', () => {
    expect(walk(newConnection('tcp', 443))).toEqual(['accept by line 11'])
    expect(walk(newConnection('tcp', 22))).toEqual(['reject by line 9'])
    expect(walk({...newConnection('tcp', 22), source: host('192.0.2.7')})).toEqual(['accept by line 14'])
    // A goto does not come back: the admin chain ends, and INPUT's policy decides.
    expect(walk({...newConnection('tcp', 23), source: host('192.0.2.7')})).toEqual(['drop by INPUT policy'])
    expect(walk(newConnection('udp', 53))).toEqual(['drop by INPUT policy'])
    expect(walk({...newConnection('udp', 53), state: 'ESTABLISHED'})).toEqual(['accept by line 6'])
    expect(walk({protocol: 'udp', port: 53, source: 'loopback', inInterface: 'lo', state: 'NEW'})).toEqual(['accept by line 5'])
  })

  it('a match it cannot judge splits the walk, and says so', () => {
    expect(walk(newConnection('tcp', 8080))).toEqual(['drop by INPUT policy?', 'accept by line 13?'])
  })

  it('a jump to a chain that never decides splits nothing, however many there are', () => {
    const lines = ['*filter', ':INPUT DROP [0:0]', ':COUNT - [0:0]', '-A COUNT -j LOG', '-A COUNT -j RETURN']
    for (let i = 0; i < 200; i++) lines.push(`-A INPUT -m recent --rcheck --name n${i} -j COUNT`)
    lines.push('-A INPUT -p tcp -m tcp --dport 3306 -j ACCEPT', 'COMMIT', '')
    const many = compile(lines.join('\n'))
    expect(said(traverse(many, 'filter', 'INPUT', newConnection('tcp', 3306)))).toEqual(['accept by line 206'])
  })

  it('what a new connection meets before INPUT: DNAT to another host goes through FORWARD, REDIRECT and notrack stay', () => {
    const nat = compile(
      [
        '*raw',
        '-A PREROUTING -p udp -m udp --dport 123 -j CT --notrack',
        'COMMIT',
        '*nat',
        '-A PREROUTING -p tcp -m tcp --dport 6379 -j DNAT --to-destination 172.17.0.2:6379',
        '-A PREROUTING -p tcp -m tcp --dport 8080 -j REDIRECT --to-ports 80',
        'COMMIT',
        '*filter',
        ':INPUT DROP [0:0]',
        ':FORWARD DROP [0:0]',
        '-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT',
        '-A INPUT -p udp -m conntrack --ctstate NEW -j ACCEPT',
        '-A INPUT -p udp -m udp --dport 123 -j LOG',
        '-A FORWARD -d 172.17.0.2/32 -p tcp -m tcp --dport 6379 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
    )
    const inbound = (packet: Packet) => said(inboundOutcomes(nat, packet))
    expect(inbound(newConnection('tcp', 6379))).toEqual(['accept by line 14 (forwarded)'])
    expect(inbound(newConnection('tcp', 8080))).toEqual(['accept by line 11'])
    expect(inbound(newConnection('udp', 53))).toEqual(['accept by line 12'])
    // Untracked: the NEW state no longer matches, the policy decides.
    expect(inbound(newConnection('udp', 123))).toEqual(['drop by INPUT policy'])
  })

  it('answers "is this service open to the internet?" and "what happens to traffic no rule names?"', () => {
    expect(serviceExposure(ruleset, {protocol: 'tcp', ports: [[80, 80]]}).open).toBe(true)
    expect(serviceExposure(ruleset, {protocol: 'tcp', ports: [[22, 22]]}).open).toBe(false)
    expect(serviceExposure(ruleset, {protocol: 'tcp', ports: [[22, 22]]}, host('192.0.2.9')).open).toBe(true)
    // "Is SSH reachable from anywhere?": from some host, yes (the admin range), not for sure.
    const fromAnywhere = serviceExposure(ruleset, {protocol: 'tcp', ports: [[22, 22]]}, 'any')
    expect([fromAnywhere.open, fromAnywhere.accepting.every((o) => !o.certain)]).toEqual([true, true])
    const port = unnamedPort([ruleset])
    expect([80, 443, 8080, 22]).not.toContain(port)
    expect(said(inboundOutcomes(ruleset, newConnection('tcp', port)))).toEqual(['drop by INPUT policy'])
  })

  it('an interface of an internal bridge is not where the internet comes in', () => {
    const bridges = compile('*filter\n:INPUT DROP [0:0]\n-A INPUT -i docker0 -j ACCEPT\n-A INPUT -i veth+ -j ACCEPT\n-A INPUT -i eth0 -j ACCEPT\nCOMMIT\n')
    expect(said(inboundOutcomes(bridges, newConnection('tcp', 1)))).toEqual(['drop by INPUT policy?', 'accept by line 5?'])
  })
})

describe('comparing rules', () => {
  const pair = (a: string, b: string) => {
    const rules = compile(`*filter\n${a}\n${b}\nCOMMIT\n`).tables.get('filter')!.chains.get('INPUT')!.rules
    return ruleCovers(rules[0]!, rules[rules.length - 1]!)
  }
  it.each([
    ['-A INPUT -j ACCEPT', '-A INPUT -p tcp --dport 22 -j DROP', true],
    ['-A INPUT -p tcp -j ACCEPT', '-A INPUT -p udp -j DROP', false],
    ['-A INPUT -p tcp -m multiport --dports 1:1024 -j ACCEPT', '-A INPUT -p tcp --dport 443 -j DROP', true],
    ['-A INPUT -p tcp --dport 443 -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 443,444 -j DROP', false],
    ['-A INPUT -s 10.0.0.0/8 -j ACCEPT', '-A INPUT -s 10.2.0.0/16 -j DROP', true],
    ['-A INPUT ! -s 10.0.0.0/8 -j DROP', '-A INPUT -s 10.2.0.0/16 -j ACCEPT', false],
    ['-A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT', '-A INPUT -m state --state NEW -j DROP', true],
    ['-A INPUT -p tcp -m recent --update --seconds 60 -j DROP', '-A INPUT -p tcp --dport 22 -j ACCEPT', false],
    ['-A INPUT -i eth+ -j ACCEPT', '-A INPUT -i eth0 -j DROP', true],
    ['-A INPUT -p tcp --syn -j ACCEPT', '-A INPUT -p tcp --dport 22 -j DROP', false],
  ])('%s then %s: covered %s', (a, b, covered) => {
    expect(pair(a, b)).toBe(covered)
  })
})

describe('the family and the twin', () => {
  it('tells the family from the header, then the name, then the addresses', () => {
    const family = (text: string, path: string) => detectFamily(parse(text), path)
    expect(family('# Generated by ip6tables-save v1.8.9 (nf_tables) on x\n*filter\nCOMMIT\n', '/etc/iptables/rules.v4')).toEqual({family: 'ipv6', reason: 'header'})
    expect(family('*filter\nCOMMIT\n', '/etc/iptables/rules.v6')).toEqual({family: 'ipv6', reason: 'name'})
    expect(family('*filter\nCOMMIT\n', '/etc/sysconfig/ip6tables')).toEqual({family: 'ipv6', reason: 'name'})
    expect(family('*filter\nCOMMIT\n', '/etc/iptables.rules')).toEqual({family: 'ipv4', reason: 'name'})
    expect(family('*filter\n-A INPUT -s 0/0 -j ACCEPT\n-A INPUT -s 2001:db8::/32 -j ACCEPT\nCOMMIT\n', '/srv/firewall.rules')).toEqual({family: 'ipv6', reason: 'address'})
    expect(family('*filter\n-A INPUT -p ipv6-icmp -j ACCEPT\nCOMMIT\n', '/srv/fw.rules')).toEqual({family: 'ipv6', reason: 'address'})
    expect(family('*filter\nCOMMIT\n', '/srv/fw.rules')).toEqual({family: 'ipv4', reason: 'default'})
  })

  it('finds the twin by the usual names', () => {
    expect(twinPath('/etc/iptables/rules.v4')).toBe('/etc/iptables/rules.v6')
    expect(twinPath('/etc/iptables/rules.v6')).toBe('/etc/iptables/rules.v4')
    expect(twinPath('/etc/iptables.rules')).toBe('/etc/ip6tables.rules')
    expect(twinPath('/etc/sysconfig/ip6tables')).toBe('/etc/sysconfig/iptables')
    expect(twinPath('/srv/fw.rules')).toBeUndefined()
  })

  it('loads the twin of the other family, read but not part of the configuration', () => {
    const host = memoryHost({'/etc/iptables/rules.v4': '*filter\nCOMMIT\n', '/etc/iptables/rules.v6': '*filter\n:INPUT DROP [0:0]\nCOMMIT\n'})
    const load = (entry: string, twin = '') => loadIptablesConfig(entry, {host, settings: {family: 'auto', twin, router: false, open: []}, limits: DEFAULT_LIMITS, cache: new Map()})
    const config = load('/etc/iptables/rules.v4')
    expect(config.documents.map((d) => d.path)).toEqual(['/etc/iptables/rules.v4'])
    expect(config.twin?.document.path).toBe('/etc/iptables/rules.v6')
    expect(config.twin?.family.family).toBe('ipv6')
    expect(load('/etc/iptables/rules.v4', 'none').twin).toBeUndefined()
    expect(load('/etc/iptables/rules.v6').twin?.family.family).toBe('ipv4')
    expect(() => load('/etc/iptables/missing.v4')).toThrow(/no such file/)
  })
})
