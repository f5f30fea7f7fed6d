/**
 * Properties of `harden()` on iptables rule sets an administrator could have
 * (test/arbitraries/iptables.ts, `hardeningScenario`): an IPv4 file and sometimes its IPv6
 * twin, iptables-save output or hand-written, with counters, CRLF or no final line end now
 * and then, trusted ranges, services to keep open, a router, an sshd_config. The fixes reach a
 * fixed point in one run, their output is text the parser reads back, the patch applies to
 * the original files, and dropping by default never locks out the SSH session that applies
 * it.
 */
import {describe, expect} from 'vitest'
import {test} from '@fast-check/vitest'
import {memoryHost} from '../../src/core/host.js'
import {isApplicable} from '../../src/core/rule.js'
import {harden, type HardenResult} from '../../src/harden.js'
import {parseAddressSpec, type AddressMask} from '../../src/formats/iptables/addresses.js'
import {iptables} from '../../src/formats/iptables/index.js'
import {parse} from '../../src/formats/iptables/parse.js'
import {print} from '../../src/formats/iptables/print.js'
import {byInputPolicy, compileRuleset, detectFamily, inboundOutcomes, newConnection, unnamedPort, type Packet} from '../../src/formats/iptables/semantics.js'
import {hardeningScenario, type HardeningScenario} from '../arbitraries/iptables.js'
import {expectPatchApplies, expectPatchMinimal} from '../support/patch-checks.js'

function run(scenario: HardeningScenario, fix: 'safe' | 'unsafe' = 'unsafe'): HardenResult {
  return harden(scenario.entries, {host: memoryHost(scenario.files), formats: [iptables], fix, options: scenario.options})
}

/** The system after a run: every file as fixed. */
function fixedSystem(scenario: HardeningScenario, result: HardenResult): HardeningScenario {
  const files = {...scenario.files}
  for (const file of result.files) files[file.realPath] = file.fixed
  return {...scenario, files}
}

/** Findings whose fix `harden` would still apply. */
function applicableFixes(result: HardenResult): string[] {
  return result.findings.filter((f) => f.fix !== undefined && f.fix.edits.length > 0 && isApplicable(f.fix.safety, 'unsafe')).map((f) => `${f.file}:${f.position.start.line} ${f.ruleId}: ${f.message}`)
}

/** Whether some way in accepts a packet, by a file's rules. */
function accepted(text: string, path: string, packet: Packet): boolean {
  const root = parse(text)
  const family = detectFamily(root, path).family
  return inboundOutcomes(compileRuleset(root, family), packet).some((o) => o.verdict === 'accept')
}

describe('iptables fixes', () => {
  test.prop([hardeningScenario])('fixing twice equals fixing once', (scenario) => {
    const once = run(scenario)
    const fixed = fixedSystem(scenario, once)
    const twice = run(fixed)
    expect(applicableFixes(twice), JSON.stringify(fixed.files, null, 1)).toEqual([])
    expect(twice.patch).toBe('')
  })

  test.prop([hardeningScenario])('no fix is safe: a safe run changes nothing', (scenario) => {
    expect(run(scenario, 'safe').patch).toBe('')
  })

  test.prop([hardeningScenario])('every fixed file parses and prints back, with LF line ends', (scenario) => {
    for (const file of run(scenario).files) {
      expect(print(parse(file.fixed)), file.path).toBe(file.fixed)
      expect(file.fixed.includes('\r\n'), `${file.path}: ${JSON.stringify(file.fixed)}`).toBe(false)
    }
  })

  test.prop([hardeningScenario])('the patch applies to the original files and gives the fixed ones, touching only lines that change', (scenario) => {
    const result = run(scenario)
    expectPatchApplies(result)
    expectPatchMinimal(result)
  })

  test.prop([hardeningScenario])('the fixes never cut SSH, loopback or established connections that the rules let in', (scenario) => {
    const result = run(scenario)
    const sshPort = /Port (\d+)/.exec(scenario.files['/etc/ssh/sshd_config'] ?? '')?.[1]
    for (const file of result.files) {
      const family = detectFamily(parse(file.original), file.path).family
      const trusted = parseAddressSpec(family === 'ipv6' ? '2001:db8:2::5' : '192.0.2.5', family) as AddressMask
      const restricted = result.applied.some((f) => f.ruleId === 'iptables/exposed-service' && f.file === file.path)
      const packets: Array<[string, Packet]> = [
        ['loopback', {protocol: 'tcp', port: 5555, source: 'loopback', inInterface: 'lo', state: 'NEW'}],
        ['an established connection', {protocol: 'tcp', port: 5555, source: 'internet', inInterface: 'external', state: 'ESTABLISHED'}],
        ['SSH', restricted ? {...newConnection('tcp', Number(sshPort ?? 22)), source: trusted} : newConnection('tcp', Number(sshPort ?? 22))],
      ]
      for (const [what, packet] of packets) {
        if (accepted(file.original, file.path, packet)) expect(accepted(file.fixed, file.path, packet), `${file.path}: ${what}\n${result.patch}`).toBe(true)
      }
    }
  })

  test.prop([hardeningScenario])('after the fixes INPUT drops what no rule names, wherever default-drop changed it', (scenario) => {
    const result = run(scenario)
    for (const file of result.files) {
      if (!result.applied.some((f) => f.ruleId === 'iptables/default-drop' && f.file === file.path && !f.fix!.title.startsWith('Set the FORWARD'))) continue
      const root = parse(file.fixed)
      const ruleset = compileRuleset(root, detectFamily(root, file.path).family)
      for (const protocol of ['tcp', 'udp'] as const) {
        const outcomes = inboundOutcomes(ruleset, newConnection(protocol, unnamedPort([ruleset], protocol)))
        expect(outcomes.some((o) => o.verdict === 'accept' && byInputPolicy(o)), `${file.path} ${protocol}\n${file.fixed}`).toBe(false)
      }
    }
  })
})

