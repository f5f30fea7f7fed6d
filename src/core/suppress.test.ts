import {describe, expect, it} from 'vitest'
import {harden, type HardenOptions} from '../harden.js'
import {memoryHost} from './host.js'
import {parseDirective} from './suppress.js'

const SSHD = '/etc/ssh/sshd_config'

function run(files: Record<string, string>, entry: string, options: HardenOptions = {}) {
  return harden([entry], {host: memoryHost(files), configFile: false, ...options})
}

describe('parseDirective', () => {
  it('reads the verb, the rule ids (spaces or commas) and the reason after --', () => {
    expect(parseDirective('# harden-config-disable-next-line sshd/x11-forwarding -- the lab GUI needs it')).toEqual({
      verb: 'disable-next-line',
      ruleIds: ['sshd/x11-forwarding'],
      reason: 'the lab GUI needs it',
    })
    expect(parseDirective('#harden-config-disable a/b, c/d,e/f')).toEqual({verb: 'disable', ruleIds: ['a/b', 'c/d', 'e/f'], reason: undefined})
    expect(parseDirective('// harden-config-enable')).toEqual({verb: 'enable', ruleIds: [], reason: undefined})
    expect(parseDirective('/* harden-config-disable-file named/version-hidden -- kept for the monitoring */')).toEqual({
      verb: 'disable-file',
      ruleIds: ['named/version-hidden'],
      reason: 'kept for the monitoring',
    })
    // A reason may itself hold dashes; only the first free-standing -- splits.
    expect(parseDirective('# harden-config-disable-next-line x/y -- a -- b--c')?.reason).toBe('a -- b--c')
  })

  it('reads nothing else', () => {
    expect(parseDirective('# harden-config-disabled x/y')).toBeUndefined()
    expect(parseDirective('# see harden-config-disable-next-line')).toBeUndefined()
    expect(parseDirective('# Port 22')).toBeUndefined()
  })
})

describe('suppression comments', () => {
  const x11 = 'sshd/x11-forwarding'

  it('disable-next-line: the finding is neither reported nor fixed, and the comment is counted as used', () => {
    const text = `# harden-config-disable-next-line ${x11} -- the lab GUI needs it\nX11Forwarding yes\nPermitRootLogin yes\n`
    const result = run({[SSHD]: text}, SSHD, {rules: [x11, 'sshd/permit-root-login']})
    expect(result.findings.map((f) => f.ruleId)).toEqual(['sshd/permit-root-login'])
    expect(result.suppressed.map((s) => [s.finding.ruleId, s.suppression.reason])).toEqual([[x11, 'the lab GUI needs it']])
    expect(result.files[0]!.fixed).toBe(`# harden-config-disable-next-line ${x11} -- the lab GUI needs it\nX11Forwarding yes\nPermitRootLogin no\n`)
    expect(result.unusedSuppressions).toEqual([])
  })

  it('covers only the next line, and only the rules it names', () => {
    const text = `# harden-config-disable-next-line sshd/permit-root-login\nX11Forwarding yes\nX11Forwarding yes\n`
    const result = run({[SSHD]: text}, SSHD, {rules: [x11, 'sshd/permit-root-login']})
    expect(result.findings.map((f) => `${f.ruleId}:${f.position.start.line}`)).toContain(`${x11}:2`)
    expect(result.suppressed).toEqual([])
  })

  it('disable ... enable covers the lines between, per rule; a bare enable ends every range', () => {
    const text = [
      'PermitRootLogin no',
      `# harden-config-disable ${x11}, sshd/permit-root-login`,
      'X11Forwarding yes',
      `# harden-config-enable ${x11}`,
      'Match User lab',
      '\tX11Forwarding yes',
      '\tPermitRootLogin yes',
      '# harden-config-enable',
      'Match User other',
      '\tPermitRootLogin yes',
      '',
    ].join('\n')
    const result = run({[SSHD]: text}, SSHD, {rules: [x11, 'sshd/permit-root-login']})
    expect(result.suppressed.map((s) => `${s.finding.ruleId}:${s.finding.position.start.line}`)).toEqual([`${x11}:3`, 'sshd/permit-root-login:7'])
    expect(result.findings.map((f) => `${f.ruleId}:${f.position.start.line}`)).toEqual([`${x11}:6`, 'sshd/permit-root-login:10'])
  })

  it('disable-file covers a setting the file lacks, which is reported at its first line', () => {
    const text = '# A host where root logs in with a key, on purpose.\nPort 22\n# harden-config-disable-file sshd/permit-root-login -- key-only root for the backup robot\n'
    const result = run({[SSHD]: text}, SSHD, {rules: ['sshd/permit-root-login']})
    expect(result.findings).toEqual([])
    expect(result.suppressed).toHaveLength(1)
    expect(result.patch).toBe('')
  })

  it('a comment without rule ids covers every rule', () => {
    const result = run({[SSHD]: '# harden-config-disable-next-line\nX11Forwarding yes\n'}, SSHD, {rules: [x11]})
    expect(result.findings).toEqual([])
    expect(result.suppressed).toHaveLength(1)
  })

  it('reports comments that suppress nothing, or name no rule, and leaves rules that did not run alone', () => {
    const text = [
      `# harden-config-disable-next-line ${x11}`,
      'X11Forwarding no',
      '# harden-config-disable-next-line sshd/x11-forwardin',
      'X11Forwarding no',
      '# harden-config-disable-next-line sshd/allow-users',
      'Port 22',
      '# harden-config-disable-next-line',
      'Port 22',
      '',
    ].join('\n')
    const result = run({[SSHD]: text}, SSHD, {rules: [x11]})
    expect(result.unusedSuppressions.map((u) => [u.position.start.line, u.ruleIds, u.level])).toEqual([
      [1, [x11], 'warn'],
      [3, ['sshd/x11-forwardin'], 'warn'],
      [7, [], 'warn'],
    ])
    expect(result.unusedSuppressions[1]!.message).toMatch(/which is no rule/)
    expect(run({[SSHD]: text}, SSHD, {rules: [x11], unusedSuppressions: 'off'}).unusedSuppressions).toEqual([])
    expect(run({[SSHD]: text}, SSHD, {rules: [x11], unusedSuppressions: 'error'}).unusedSuppressions.every((u) => u.level === 'error')).toBe(true)
  })

  it('is read only from real comments: a value that holds the words is no directive', () => {
    // sshd reads `#` after a word as an argument here (Banner takes one path).
    const apache = '/etc/apache2/apache2.conf'
    const text = 'ServerTokens Full\nServerSignature "harden-config-disable-next-line"\nServerTokens Full\n'
    const result = run({[apache]: text}, apache, {rules: ['apache/server-tokens']})
    expect(result.suppressed).toEqual([])
  })

  it.each([
    ['apache', '/etc/apache2/apache2.conf', '# harden-config-disable-next-line apache/server-tokens -- an internal mirror\nServerTokens Full\n', 'apache/server-tokens'],
    ['named (//)', '/etc/bind/named.conf', 'options {\n\t// harden-config-disable-next-line named/version-hidden -- the monitoring reads it\n\tversion "9.18";\n};\n', 'named/version-hidden'],
    ['named (/* */)', '/etc/bind/named.conf', 'options {\n\t/* harden-config-disable-next-line named/version-hidden */\n\tversion "9.18";\n};\n', 'named/version-hidden'],
    ['named (#)', '/etc/bind/named.conf', 'options {\n\t# harden-config-disable-next-line named/version-hidden\n\tversion "9.18";\n};\n', 'named/version-hidden'],
    ['ntp', '/etc/ntpsec/ntp.conf', '# harden-config-disable-file ntp/restrict-default -- a lab clock that serves the lab\nserver 192.0.2.1\n', 'ntp/restrict-default'],
    [
      'iptables',
      '/etc/iptables/rules.v4',
      '# harden-config-disable-file iptables/default-drop -- a lab router\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n',
      'iptables/default-drop',
    ],
  ])('works in the comment syntax of %s', (_, path, text, rule) => {
    const plain = run({[path]: text.replace(/harden-config-disable[\w-]*/, 'a comment')}, path, {rules: [rule]})
    expect(plain.findings.map((f) => f.ruleId), 'the rule reports the text without the comment').toContain(rule)
    const result = run({[path]: text}, path, {rules: [rule]})
    expect(result.findings.filter((f) => f.ruleId === rule)).toEqual([])
    expect(result.suppressed.length).toBeGreaterThan(0)
    expect(result.files.every((f) => !f.changed)).toBe(true)
  })
})
