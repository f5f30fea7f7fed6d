import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {ConfigFileError, checkConfigFile, findConfigFile} from './config-file.js'
import {ConfigSyntaxError} from './core/errors.js'
import {memoryHost} from './core/host.js'
import {formats} from './formats/index.js'
import {harden} from './harden.js'

const SSHD = '/etc/ssh/sshd_config'
const LAX = 'PermitRootLogin yes\nX11Forwarding yes\nPasswordAuthentication no\n'
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

describe('findConfigFile', () => {
  it('takes the nearest folder that has one: .harden-config.json, or a package.json with the key', () => {
    const host = memoryHost({
      [SSHD]: '',
      '/etc/ssh/sshd_config.d/50-cloud-init.conf': '',
      '/etc/.harden-config.json': '{}',
      '/etc/ssh/package.json': json({name: 'not ours'}),
      '/srv/site/package.json': json({'harden-config': {}}),
      '/srv/site/etc/apache2/apache2.conf': '',
    })
    expect(findConfigFile(host, SSHD)).toBe('/etc/.harden-config.json')
    expect(findConfigFile(host, '/etc/ssh/sshd_config.d/50-cloud-init.conf')).toBe('/etc/.harden-config.json')
    expect(findConfigFile(host, '/srv/site/etc/apache2/apache2.conf')).toBe('/srv/site/package.json')
    expect(findConfigFile(host, '/var/lib/x.conf')).toBeUndefined()
  })
})

describe('a configuration file', () => {
  const run = (config: unknown, options: Parameters<typeof harden>[1] = {}, text = LAX) =>
    harden([SSHD], {host: memoryHost({[SSHD]: text, '/etc/.harden-config.json': json(config)}), ...options})

  it('turns rules off and strict rules on, and names itself in the result', () => {
    const result = run({rules: {'sshd/x11-forwarding': 'off', 'sshd/client-alive': 'on'}})
    const ids = result.findings.map((f) => f.ruleId)
    expect(ids).not.toContain('sshd/x11-forwarding')
    expect(ids).toContain('sshd/client-alive')
    expect(result.configFiles).toEqual(['/etc/.harden-config.json'])
  })

  it('gives rules their options and formats their settings', () => {
    const result = run({rules: {'sshd/permit-root-login': {options: {allow: 'prohibit-password'}}}})
    expect(result.files[0]!.fixed).toMatch(/^PermitRootLogin prohibit-password$/m)
  })

  it('caps the trust of a rule\'s fixes: suggestion is never applied, none drops the fix, unsafe keeps a safe fix out of a safe run', () => {
    const never = run({rules: {'sshd/permit-root-login': {fix: 'suggestion'}}})
    expect(never.findings.find((f) => f.ruleId === 'sshd/permit-root-login')!.fix!.safety).toBe('suggestion')
    expect(never.files[0]!.fixed).toMatch(/^PermitRootLogin yes$/m)
    const none = run({rules: {'sshd/permit-root-login': {fix: 'none'}}})
    expect(none.findings.find((f) => f.ruleId === 'sshd/permit-root-login')!.fix).toBeUndefined()
    const careful = run({rules: {'sshd/x11-forwarding': {fix: 'unsafe'}}}, {fix: 'safe'})
    expect(careful.files[0]!.fixed).toMatch(/^X11Forwarding yes$/m)
    expect(run({}, {fix: 'safe'}).files[0]!.fixed).toMatch(/^X11Forwarding no$/m)
  })

  it('loses to the caller: its profile, its options, a rule it runs by name', () => {
    const config = {profile: 'strict', rules: {'sshd/x11-forwarding': 'off', 'sshd/permit-root-login': {options: {allow: 'prohibit-password'}}}}
    expect(run(config).findings.map((f) => f.ruleId)).toContain('sshd/client-alive')
    expect(run(config, {profile: 'baseline'}).findings.map((f) => f.ruleId)).not.toContain('sshd/client-alive')
    expect(run(config, {options: {'sshd/permit-root-login': {allow: 'no'}}}).files[0]!.fixed).toMatch(/^PermitRootLogin no$/m)
    expect(run(config, {rules: ['sshd/x11-forwarding']}).findings.map((f) => f.ruleId)).toEqual(['sshd/x11-forwarding'])
  })

  it('is not looked for with configFile: false, and can be given as an object', () => {
    const off = {rules: {'sshd/x11-forwarding': 'off'}}
    expect(run(off, {configFile: false}).findings.map((f) => f.ruleId)).toContain('sshd/x11-forwarding')
    const given = harden([SSHD], {host: memoryHost({[SSHD]: LAX}), config: off as never})
    expect(given.findings.map((f) => f.ruleId)).not.toContain('sshd/x11-forwarding')
  })

  it('applies to each file by where it is: two files under two configurations are checked apart', () => {
    const host = memoryHost({
      '/a/etc/ssh/sshd_config': LAX,
      '/b/etc/ssh/sshd_config': LAX,
      '/a/.harden-config.json': json({rules: {'sshd/x11-forwarding': 'off'}}),
    })
    const result = harden(['/a/etc/ssh/sshd_config', '/b/etc/ssh/sshd_config'], {host})
    const x11 = result.findings.filter((f) => f.ruleId === 'sshd/x11-forwarding').map((f) => f.file)
    expect(x11).toEqual(['/b/etc/ssh/sshd_config'])
    expect(result.configFiles).toEqual(['/a/.harden-config.json'])
  })

  describe('mistakes are errors that name the file, the key and what is expected', () => {
    const error = (config: unknown): ConfigFileError => {
      try {
        run(config)
      } catch (caught) {
        return caught as ConfigFileError
      }
      throw new Error('no error')
    }

    it.each([
      [{rule: {}}, /\/etc\/\.harden-config\.json:2: unexpected key at `rule`, expected one of `\$schema`, `profile`, `rules`/],
      [{rules: {'sshd/x11-forwardin': 'off'}}, /:3: unexpected key at `rules.sshd\/x11-forwardin`, expected a rule id such as/],
      [{rules: {'sshd/x11-forwarding': 'of'}}, /unexpected value "of" at `rules.sshd\/x11-forwarding`, expected `"off"`, `"on"`, or an object/],
      [{rules: {'sshd/permit-root-login': {options: {allow: 'yes'}}}}, /:5: unexpected value "yes" at `rules.sshd\/permit-root-login.options.allow`, expected .*`no`.*`prohibit-password`/],
      [{rules: {'sshd/permit-root-login': {option: {}}}}, /unexpected key at `rules.sshd\/permit-root-login.option`, expected one of `enabled`, `options`, `fix`/],
      [{rules: {'sshd/permit-root-login': {fix: 'always'}}}, /unexpected value "always" at `rules.sshd\/permit-root-login.fix`, expected `safe`, `unsafe`, `suggestion`, `none`/],
      [{settings: {named: {role: 'cache'}}}, /unexpected value "cache" at `settings.named.role`, expected/],
      [{settings: {nginx: {}}}, /unexpected key at `settings.nginx`, expected a format id: `sshd`/],
      [{profile: 'paranoid'}, /unexpected value "paranoid" at `profile`, expected `baseline` or `strict`/],
      [[], /unexpected value \[\] at `\(top\)`/],
    ])('%j', (config, message) => {
      const caught = error(config)
      expect(caught).toBeInstanceOf(ConfigFileError)
      expect(caught.message).toMatch(message)
      expect(caught.file).toBe('/etc/.harden-config.json')
    })

    it('JSON that does not parse: a syntax error at its line and column', () => {
      const host = memoryHost({[SSHD]: LAX, '/etc/.harden-config.json': '{\n  "rules": {\n    "sshd/x11-forwarding": "off",\n  }\n}\n'})
      let caught: unknown
      try {
        harden([SSHD], {host})
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(ConfigSyntaxError)
      expect((caught as ConfigSyntaxError).message).toMatch(/^\/etc\/\.harden-config\.json:4:3: not valid JSON/)
    })
  })

  it('checkConfigFile knows every rule and format of the registry', () => {
    const rules = Object.fromEntries(formats.flatMap((f) => f.rules.map((r) => [r.id, 'on'])))
    expect(checkConfigFile({rules}, 'x', formats).enable).toHaveLength(Object.keys(rules).length)
  })
})

describe('a configuration file named by path', () => {
  const folder = mkdtempSync(join(tmpdir(), 'harden-config-'))
  afterAll(() => rmSync(folder, {recursive: true, force: true}))

  it('is read from this machine, relative to cwd, even under a root', () => {
    writeFileSync(join(folder, 'ci.json'), json({rules: {'sshd/x11-forwarding': 'off'}}))
    const host = memoryHost({[SSHD]: LAX, '/etc/.harden-config.json': json({rules: {'sshd/permit-root-login': 'off'}})})
    const result = harden([SSHD], {host, configFile: 'ci.json', cwd: folder})
    const ids = result.findings.map((f) => f.ruleId)
    expect(ids).not.toContain('sshd/x11-forwarding')
    expect(ids).toContain('sshd/permit-root-login')
    expect(result.configFiles).toEqual(['ci.json'])
  })

  it('a package.json without the key is an error', () => {
    writeFileSync(join(folder, 'package.json'), json({name: 'x'}))
    expect(() => harden([SSHD], {host: memoryHost({[SSHD]: LAX}), configFile: 'package.json', cwd: folder})).toThrow(/has no `harden-config` key/)
  })
})
