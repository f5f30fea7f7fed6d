/**
 * Properties of `harden()` on named configurations an administrator could have
 * (test/arbitraries/named.ts, `hardeningScenario`): the fixes reach a fixed point in one run,
 * their output is text the parser reads back, the patch applies to the original files,
 * after the fixes no scope recurses for everybody, and safe fixes leave who may recurse alone.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import {memoryHost} from '../../src/core/host.js'
import {isApplicable, type Profile} from '../../src/core/rule.js'
import type {AnyFormat} from '../../src/formats/index.js'
import {named} from '../../src/formats/named/index.js'
import {parse} from '../../src/formats/named/parse.js'
import {print} from '../../src/formats/named/print.js'
import {blockOf, loadNamedConfig, recursionAccess, type NamedConfig} from '../../src/formats/named/semantics.js'
import {harden, type HardenResult} from '../../src/harden.js'
import {hardeningScenario, type NamedScenario} from '../arbitraries/named.js'
import {expectPatchApplies, expectPatchMinimal} from '../support/patch-checks.js'

const MAIN = '/etc/bind/named.conf'
const formats = [named as unknown as AnyFormat]
const profile = fc.constantFrom<Profile>('baseline', 'strict')

function run(scenario: NamedScenario, profile: Profile, fix: 'safe' | 'unsafe' = 'unsafe'): HardenResult {
  return harden([MAIN], {host: memoryHost(scenario.files), formats, profile, fix, options: {named: {role: scenario.role}}})
}

function fixedSystem(scenario: NamedScenario, result: HardenResult): NamedScenario {
  const files = {...scenario.files}
  for (const file of result.files) files[file.realPath] = file.fixed
  return {...scenario, files}
}

function load(scenario: NamedScenario): NamedConfig {
  return loadNamedConfig(MAIN, {host: memoryHost(scenario.files), settings: {role: scenario.role}, limits: DEFAULT_LIMITS, cache: new Map()})
}

/** Who may recurse in each view, as the texts of the lists named uses (`default` for named's own). */
function recursionLists(config: NamedConfig): string[] {
  const text = (source: {entry?: {document: {text: string}; statement: Parameters<typeof blockOf>[0]} | undefined}) => {
    if (source.entry === undefined) return 'default'
    const block = blockOf(source.entry.statement)!
    return source.entry.document.text.slice(block.position!.start.offset!, block.position!.end.offset!).replace(/\s+/g, ' ')
  }
  return recursionAccess(config).map((a) => `${a.recursion.enabled} ${text(a.allowRecursion)} ${text(a.allowQueryCache)}`)
}

function applicable(result: HardenResult): string[] {
  return result.findings.filter((f) => f.fix !== undefined && f.fix.edits.length > 0 && isApplicable(f.fix.safety, 'unsafe')).map((f) => `${f.ruleId}: ${f.message}`)
}

describe('named fixes', () => {
  test.prop([hardeningScenario, profile])('fixing twice equals fixing once', (scenario, profile) => {
    const once = run(scenario, profile)
    const fixed = fixedSystem(scenario, once)
    const twice = run(fixed, profile)
    expect(applicable(twice), JSON.stringify(fixed.files)).toEqual([])
    expect(twice.patch).toBe('')
  })

  test.prop([hardeningScenario, profile])('every fixed file parses and prints back', (scenario, profile) => {
    for (const file of run(scenario, profile).files) expect(print(parse(file.fixed)), file.path).toBe(file.fixed)
  })

  test.prop([hardeningScenario])('after the fixes no view recurses for everybody', (scenario) => {
    const fixed = fixedSystem(scenario, run(scenario, 'baseline'))
    const config = load(fixed)
    for (const access of recursionAccess(config)) {
      if (scenario.role === 'authoritative') expect(access.recursion.enabled, JSON.stringify(fixed.files)).toBe(false)
      else if (access.recursion.enabled) expect([access.allowRecursion.open, access.allowQueryCache.open], JSON.stringify(fixed.files)).toEqual([false, false])
    }
  })

  test.prop([hardeningScenario, profile])('safe fixes leave who may recurse alone', (scenario, profile) => {
    const once = run(scenario, profile, 'safe')
    expect(once.applied.filter((f) => f.fix?.safety !== 'safe').map((f) => f.ruleId)).toEqual([])
    expect(recursionLists(load(fixedSystem(scenario, once)))).toEqual(recursionLists(load(scenario)))
  })

  test.prop([hardeningScenario, profile])('new text copies the file\'s line ends', (scenario, profile) => {
    for (const file of run(scenario, profile).files) {
      const crlf = (file.original.match(/\r\n/g) ?? []).length
      const lf = (file.original.match(/(?<!\r)\n/g) ?? []).length
      if (crlf > 0 && lf === 0) expect(file.fixed.match(/(?<!\r)\n/g), JSON.stringify(file.fixed)).toBeNull()
      if (lf > 0 && crlf === 0) expect(file.fixed.includes('\r\n'), JSON.stringify(file.fixed)).toBe(false)
    }
  })

  test.prop([hardeningScenario, profile])('the patch applies to the original files, touching only changed lines', (scenario, profile) => {
    const result = run(scenario, profile)
    expectPatchApplies(result)
    expectPatchMinimal(result)
  })
})
