import {describe, expect, it} from 'vitest'
import {memoryHost} from '../../core/host.js'
import {harden} from '../../harden.js'
import {iptables, isIptablesPath} from './index.js'

describe('the iptables format', () => {
  it.each([
    ['/etc/iptables/rules.v4', true],
    ['/etc/iptables/rules.v6', true],
    ['/etc/iptables.rules', true],
    ['/etc/ip6tables.rules', true],
    ['/etc/iptables/iptables.up.rules', true],
    ['/etc/sysconfig/iptables', true],
    ['/etc/sysconfig/ip6tables', true],
    ['/srv/firewall.rules', true],
    ['backup.v4', true],
    ['/etc/udev/rules.d/70-persistent-net.rules', false],
    ['/etc/audit/rules.d/audit.rules', false],
    ['/etc/audit/audit.rules', false],
    ['/etc/polkit-1/rules.d/50-default.rules', false],
    ['/etc/ssh/sshd_config', false],
    ['/etc/iptables', false],
  ])('%s is an iptables file: %s', (path, expected) => {
    expect(isIptablesPath(path)).toBe(expected)
  })

  it('reads settings from the command line\'s strings', () => {
    expect(iptables.settings.router.parse('true')).toBe(true)
    expect(iptables.settings.open.parse('tcp/80,udp/51820')).toEqual(['tcp/80', 'udp/51820'])
    expect(iptables.settings.open.parse('http')).toBeUndefined()
    expect(iptables.settings.twin.parse('none')).toBe('none')
    expect(iptables.settings.twin.parse('rules.v6')).toBeUndefined()
    expect(iptables.settings.family.parse('ipv6')).toBe('ipv6')
  })

  it('hardens by name or with --type, both families at once, each file with its own rules', () => {
    const v4 = '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\nCOMMIT\n'
    const v6 = '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p ipv6-icmp -j ACCEPT\nCOMMIT\n'
    const host = memoryHost({'/etc/iptables/rules.v4': v4, '/etc/iptables/rules.v6': v6, '/srv/fw': v4})
    const result = harden(['/etc/iptables/rules.v4', '/etc/iptables/rules.v6'], {host, formats: [iptables]})
    // IPv4 accepts what IPv6 drops: the twins disagree, and the IPv4 file is the one reported.
    expect(result.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['/etc/iptables/rules.v4 iptables/default-drop', '/etc/iptables/rules.v4 iptables/ipv6-open'])
    expect(result.files.map((f) => [f.path, f.changed])).toEqual([
      ['/etc/iptables/rules.v4', true],
      ['/etc/iptables/rules.v6', false],
    ])
    expect(result.patch).toContain('+:INPUT DROP [0:0]')
    const typed = harden(['/srv/fw'], {host, formats: [iptables], type: 'iptables'})
    expect(typed.findings.map((f) => f.ruleId)).toEqual(['iptables/default-drop'])
  })

  it('reads where sshd listens only for a file named by its system path', () => {
    const files = {'/etc/iptables/rules.v4': '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\nCOMMIT\n', '/etc/ssh/sshd_config': 'Port 2202\n', 'rules.v4': '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\nCOMMIT\n'}
    const risk = (path: string) => harden([path], {host: memoryHost(files), formats: [iptables], rules: ['iptables/default-drop']}).findings[0]!.fix!.risk!
    expect(risk('/etc/iptables/rules.v4')).toContain('SSH (TCP 2202, from /etc/ssh/sshd_config)')
    expect(risk('rules.v4')).toContain('SSH (TCP 22, from the default port')
  })
})
