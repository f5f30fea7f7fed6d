/**
 * The SARIF report: valid against the SARIF 2.1.0 JSON schema (the OASIS schema as
 * Microsoft's SARIF tools ship it), with what GitHub code scanning reads (rules with help
 * and links, `security-severity`, regions, relative URIs for a repository's files), and
 * fixes whose replacements, applied to the file as it was read, give the fixed file.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import AjvDraft04 from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import type * as Sarif from 'sarif'
import {describe, expect, it} from 'vitest'
import {memoryHost} from '../src/core/host.js'
import {harden, type HardenResult} from '../src/harden.js'
import {sarifReport, UNUSED_SUPPRESSION_RULE} from '../src/sarif.js'
import {REPO, runCli} from './cli-helpers.js'

const require = createRequire(import.meta.url)
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object
// The schema has a pattern that is not valid as a Unicode regular expression.
// Both are CommonJS modules whose export is also their `default`.
const ajv = new AjvDraft04.default({allErrors: true, strict: false, unicodeRegExp: false})
addFormats.default(ajv)
const validate = ajv.compile(schema)

const tool = {name: 'harden-config', version: '1.2.3'}

function expectValid(log: unknown): void {
  const valid = validate(log)
  expect(validate.errors ?? [], 'SARIF 2.1.0 schema errors').toEqual([])
  expect(valid).toBe(true)
}

const SSHD = '/etc/ssh/sshd_config'
const files = {
  [SSHD]: 'Include /etc/ssh/sshd_config.d/*.conf\n# harden-config-disable-next-line sshd/x11-forwarding -- the lab GUI needs it\nX11Forwarding yes\n# harden-config-disable-next-line sshd/max-auth-tries\nPort 22\nPermitRootLogin yes\n',
  '/etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n',
  '/etc/apache2/apache2.conf': 'ServerTokens Full\nTraceEnable On\n',
  '/etc/bind/named.conf': 'options {\n\tallow-query { any; };\n};\n',
  '/etc/ntpsec/ntp.conf': 'server 192.0.2.1\n',
  '/etc/iptables/rules.v4': '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n',
}
const entries = [SSHD, '/etc/apache2/apache2.conf', '/etc/bind/named.conf', '/etc/ntpsec/ntp.conf', '/etc/iptables/rules.v4']

function run(): {result: HardenResult; log: Sarif.Log} {
  const result = harden(entries, {host: memoryHost(files), configFile: false, profile: 'strict'})
  return {result, log: JSON.parse(sarifReport(result, {tool})) as Sarif.Log}
}

describe('SARIF output', () => {
  const {result, log} = run()
  const sarifRun = log.runs[0]!
  const rules = sarifRun.tool.driver.rules!

  it('is valid SARIF 2.1.0, for every format at once', () => {
    expectValid(log)
    expect(log.version).toBe('2.1.0')
    expect(new Set(sarifRun.results!.map((r) => r.ruleId!.split('/')[0]))).toEqual(new Set(['sshd', 'apache', 'named', 'ntp', 'iptables', 'harden-config']))
  })

  it('describes each rule that has a result once, with help text, a link and a security severity', () => {
    const ids = rules.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const result of sarifRun.results!) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId)
    for (const rule of rules) {
      expect(rule.shortDescription!.text.length).toBeGreaterThan(10)
      expect(rule.help!.text.length).toBeGreaterThan(20)
      expect(rule.help!.markdown!.length).toBeGreaterThan(20)
      expect(rule.helpUri).toMatch(/^https:\/\//)
      if (rule.id !== UNUSED_SUPPRESSION_RULE) {
        expect(rule.helpUri).toMatch(new RegExp(`#${rule.id.replace('/', '')}$`))
        expect(Number(rule.properties!['security-severity'])).toBeGreaterThan(0)
      }
    }
  })

  it('has one result per finding, at its region, with the level of its severity', () => {
    const plain = sarifRun.results!.filter((r) => r.suppressions === undefined && r.ruleId !== UNUSED_SUPPRESSION_RULE)
    expect(plain).toHaveLength(result.findings.length)
    result.findings.forEach((finding, index) => {
      const sarif = plain[index]!
      expect(sarif.ruleId).toBe(finding.ruleId)
      expect(sarif.message.text).toBe(finding.message)
      expect(sarif.level).toBe({error: 'error', warning: 'warning', info: 'note'}[finding.severity])
      const {artifactLocation, region} = sarif.locations![0]!.physicalLocation!
      expect(artifactLocation!.uri).toBe(`file://${finding.file}`)
      expect(region).toEqual({startLine: finding.position.start.line, startColumn: finding.position.start.column, endLine: finding.position.end.line, endColumn: finding.position.end.column})
    })
  })

  it('marks suppressed findings as suppressed in source, with the reason, and reports unused suppressions', () => {
    const suppressed = sarifRun.results!.filter((r) => r.suppressions !== undefined)
    expect(suppressed.map((r) => [r.ruleId, r.suppressions![0]!.kind, r.suppressions![0]!.justification])).toEqual([['sshd/x11-forwarding', 'inSource', 'the lab GUI needs it']])
    const unused = sarifRun.results!.filter((r) => r.ruleId === UNUSED_SUPPRESSION_RULE)
    expect(unused.map((r) => r.locations![0]!.physicalLocation!.region!.startLine)).toEqual([4])
  })

  it('carries each fix as replacements that, applied to the file as read, give what the fix gives', () => {
    const withFixes = sarifRun.results!.filter((r) => r.fixes !== undefined)
    expect(withFixes.length).toBeGreaterThan(5)
    for (const sarif of withFixes) {
      for (const change of sarif.fixes![0]!.artifactChanges) {
        const file = result.files.find((f) => `file://${f.path}` === change.artifactLocation.uri)!
        let text = file.original
        // Replacements are over the original text: apply them from the end.
        const replacements = [...change.replacements].sort((a, b) => b.deletedRegion.charOffset! - a.deletedRegion.charOffset!)
        for (const {deletedRegion, insertedContent} of replacements) {
          const {charOffset, charLength, startLine, startColumn} = deletedRegion
          const lines = file.original.split('\n')
          // The line and column say the same place as the offset.
          expect(lines.slice(0, startLine! - 1).reduce((n, line) => n + line.length + 1, 0) + startColumn! - 1).toBe(charOffset)
          text = text.slice(0, charOffset!) + (insertedContent?.text ?? '') + text.slice(charOffset! + charLength!)
        }
        const finding = [...result.findings, ...result.suppressed.map((s) => s.finding)].find((f) => f.message === sarif.message.text)!
        const expected = finding.fix!.edits.filter((e) => e.file === file.path).sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), file.original)
        expect(text).toBe(expected)
      }
    }
  })

  it('says which fixes are unsafe and what they risk', () => {
    const root = sarifRun.results!.find((r) => r.ruleId === 'sshd/permit-root-login')!
    expect(root.fixes![0]!.description!.text).toMatch(/^Unsafe: Set `PermitRootLogin no`\. Root can no longer log in/)
    expect(root.properties).toMatchObject({fixSafety: 'unsafe', fixApplied: true})
  })
})

describe('harden-config --output-format sarif', () => {
  it('names a repository\'s files relative to the working folder, as code scanning wants them', () => {
    const {code, stdout} = runCli(['--root', 'examples/cloud-vm', '--check', '--output-format', 'sarif', '--report-file', '-', '/etc/ssh/sshd_config'], {cwd: REPO})
    expect(code).toBe(1)
    const log = JSON.parse(stdout) as Sarif.Log
    expectValid(log)
    const uris = new Set(log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri))
    expect(uris).toEqual(new Set(['examples/cloud-vm/etc/ssh/sshd_config', 'examples/cloud-vm/etc/ssh/sshd_config.d/50-cloud-init.conf']))
    const {uriBaseId} = log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!
    expect(log.runs[0]!.originalUriBaseIds![uriBaseId!]!.uri).toBe(pathToFileURL(`${REPO}/`).href)
    expect(log.runs[0]!.tool.driver.name).toBe('harden-config')
  })

  it('names other files by absolute file: URIs', () => {
    // A folder of its own: the repository itself may live under the temporary folder.
    const cwd = mkdtempSync(join(tmpdir(), 'harden-config-sarif-'))
    const {stdout} = runCli(['--check', '--output-format', 'sarif', '--report-file', '-', join(REPO, 'examples/cloud-vm/etc/ssh/sshd_config')], {cwd})
    rmSync(cwd, {recursive: true})
    const log = JSON.parse(stdout) as Sarif.Log
    expectValid(log)
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toMatch(/^file:\/\/\/.*examples\/cloud-vm\/etc\/ssh\/sshd_config$/)
  })
})
