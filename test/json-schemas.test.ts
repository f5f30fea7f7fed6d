/**
 * The JSON the tool writes and reads has a documented shape: the JSON report follows
 * schemas/report-v1.schema.json in every mode, and schemas/config.schema.json accepts the
 * configuration files the tool accepts and refuses what it refuses.
 */
import {readFileSync} from 'node:fs'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import {describe, expect, it} from 'vitest'
import {checkConfigFile} from '../src/config-file.js'
import type {OptionSpec} from '../src/core/options.js'
import {formats} from '../src/formats/index.js'
import {REPORT_VERSION} from '../src/report.js'
import {REPO, runCli, tempDir, writeTree} from './cli-helpers.js'

// Both are CommonJS modules whose export is also their `default`.
const ajv = new Ajv.default({allErrors: true, strict: true, allowUnionTypes: true})
addFormats.default(ajv)
const readSchema = (name: string) => JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8')) as object
const validateReport = ajv.compile(readSchema('report-v1.schema.json'))
const validateConfig = ajv.compile(readSchema('config.schema.json'))

function expectReport(json: string): Record<string, unknown> {
  const report = JSON.parse(json) as Record<string, unknown>
  validateReport(report)
  expect(validateReport.errors ?? [], 'schemas/report-v1.schema.json').toEqual([])
  return report
}

describe('the JSON report', () => {
  it.each([
    ['a patch', ['--root', 'examples/cloud-vm', '/etc/ssh/sshd_config']],
    ['--check, strict', ['--root', 'examples/cloud-vm', '--check', '--profile', 'strict', '/etc/ssh/sshd_config']],
    ['--safe', ['--root', 'examples/cloud-vm', '--safe', '/etc/ssh/sshd_config']],
    ['no finding', ['--root', 'examples/cloud-vm', '--rule', 'sshd/permit-empty-passwords', '/etc/ssh/sshd_config']],
  ])('has the documented shape: %s', (_, args) => {
    const {stdout, code} = runCli([...args, '--output-format', 'json', '--report-file', '-'], {cwd: REPO})
    expect(code).toBeLessThan(2)
    const report = expectReport(stdout.slice(stdout.indexOf('{\n  "reportVersion"')))
    expect(report.reportVersion).toBe(REPORT_VERSION)
  })

  it('has the documented shape with a configuration file, suppressed findings and unused suppressions', () => {
    const dir = tempDir()
    writeTree(dir, {
      'etc/ssh/sshd_config': '# harden-config-disable-next-line sshd/x11-forwarding -- the lab GUI needs it\nX11Forwarding yes\n# harden-config-disable-next-line sshd/permit-root-login\nPort 22\nPasswordAuthentication no\n',
      '.harden-config.json': JSON.stringify({rules: {'sshd/allow-users': 'off'}}),
    })
    const {stdout} = runCli(['--root', dir, '--check', '--output-format', 'json', '--report-file', '-', '/etc/ssh/sshd_config'], {cwd: dir})
    const report = expectReport(stdout)
    expect((report.suppressed as unknown[]).length).toBe(1)
    expect((report.unusedSuppressions as unknown[]).length).toBe(1)
    expect(report.configFiles).toEqual([`${dir}/.harden-config.json`])
  })

  it('the schema can fail: a report without its version, or with a bad severity, is refused', () => {
    const {stdout} = runCli(['--root', 'examples/cloud-vm', '--check', '--output-format', 'json', '--report-file', '-', '/etc/ssh/sshd_config'], {cwd: REPO})
    const report = JSON.parse(stdout) as {reportVersion?: number; findings: Array<{severity: string}>}
    delete report.reportVersion
    expect(validateReport(report)).toBe(false)
    const bad = JSON.parse(stdout) as {findings: Array<{severity: string}>}
    bad.findings[0]!.severity = 'fatal'
    expect(validateReport(bad)).toBe(false)
  })
})

describe('schemas/config.schema.json', () => {
  const accepted = (config: unknown): boolean => {
    try {
      checkConfigFile(config, 'x', formats)
      return true
    } catch {
      return false
    }
  }

  it('accepts every rule with its default options, and every format with its default settings, as the tool does', () => {
    const rules: Record<string, unknown> = {}
    for (const format of formats) {
      for (const rule of format.rules) {
        const options = Object.fromEntries(Object.entries(rule.options as Record<string, OptionSpec<unknown>>).map(([key, spec]) => [key, spec.default]))
        rules[rule.id] = {options, fix: 'suggestion', enabled: true}
      }
    }
    const settings = Object.fromEntries(formats.map((format) => [format.id, Object.fromEntries(Object.entries(format.settings as Record<string, OptionSpec<unknown>>).map(([key, spec]) => [key, spec.default]))]))
    const config = {$schema: './node_modules/harden-config/schemas/config.schema.json', profile: 'strict', unusedSuppressions: 'error', rules, settings}
    expect(accepted(config)).toBe(true)
    validateConfig(config)
    expect(validateConfig.errors ?? []).toEqual([])
  })

  it.each([
    [{rules: {'sshd/x11-forwardin': 'off'}}],
    [{rules: {'sshd/x11-forwarding': 'of'}}],
    [{rules: {'sshd/permit-root-login': {options: {allow: 'yes'}}}}],
    [{rules: {'sshd/permit-root-login': {options: {allows: 'no'}}}}],
    [{rules: {'sshd/permit-root-login': {fix: 'always'}}}],
    [{settings: {named: {role: 'cache'}}}],
    [{settings: {nginx: {}}}],
    [{profile: 'paranoid'}],
    [{rule: {}}],
  ])('refuses what the tool refuses: %j', (config) => {
    expect(accepted(config)).toBe(false)
    expect(validateConfig(config)).toBe(false)
  })
})

describe('the README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('## Configuration'))

  it("its configuration example is one the tool and the schema accept", () => {
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]!) as unknown
    expect(() => checkConfigFile(example, 'README.md', formats)).not.toThrow()
    validateConfig(example)
    expect(validateConfig.errors ?? []).toEqual([])
  })

  it('its error example is what the tool says', () => {
    const shown = /^ {4}(harden-config: \/etc\/\.harden-config\.json:.*)$/m.exec(section)![1]!
    const dir = tempDir()
    writeTree(dir, {
      'etc/ssh/sshd_config': 'Port 22\n',
      'etc/.harden-config.json': '{\n  "rules": {\n    "sshd/x11-forwarding": "off",\n    "sshd/permit-root-login": {\n      "options": {"allow": "yes"}\n    }\n  }\n}\n',
    })
    const {code, stderr} = runCli(['--root', dir, '/etc/ssh/sshd_config'], {cwd: dir})
    expect(code).toBe(2)
    expect(stderr.split('\n')[0]).toBe(shown.replace('/etc/.harden-config.json', `${dir}/etc/.harden-config.json`))
  })
})
