/**
 * Properties of `harden()` on ntp systems an administrator could have
 * (test/arbitraries/ntp.ts, `hardeningScenario`: a main file with restrict lines and the
 * rest, sometimes an included file and a file of ntp.d, one style, one daemon): the fixes
 * reach a fixed point in one run, write nothing ntpd would stumble over, keep the files'
 * line ends, leave who can connect alone when only safe fixes apply, and the patch is
 * minimal and applies to the original files.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import {memoryHost} from '../../src/core/host.js'
import {isApplicable, type Profile} from '../../src/core/rule.js'
import type {AnyFormat} from '../../src/formats/index.js'
import {ntp} from '../../src/formats/ntp/index.js'
import {parse} from '../../src/formats/ntp/parse.js'
import {print} from '../../src/formats/ntp/print.js'
import {hasRuntimeKey} from '../../src/rules/ntp/_restrict.js'
import {loadNtpConfig, lookupRestrict, readCommand, restrictTable, type NtpConfig} from '../../src/formats/ntp/semantics.js'
import {harden, type HardenResult} from '../../src/harden.js'
import {hardeningScenario, MAIN_PATH, type HardeningScenario} from '../arbitraries/ntp.js'
import {expectPatchApplies, expectPatchMinimal} from '../support/patch-checks.js'

const formats = [ntp as unknown as AnyFormat]
const profile = fc.constantFrom<Profile>('baseline', 'strict')

function run(scenario: HardeningScenario, chosen: Profile, fix: 'safe' | 'unsafe' = 'unsafe'): HardenResult {
  return harden([MAIN_PATH], {host: memoryHost(scenario.files), formats, profile: chosen, fix, options: {ntp: {daemon: scenario.daemon}}})
}

function fixedSystem(scenario: HardeningScenario, result: HardenResult): HardeningScenario {
  const files = {...scenario.files}
  for (const file of result.files) files[file.realPath] = file.fixed
  return {...scenario, files}
}

function load(scenario: HardeningScenario): NtpConfig {
  return loadNtpConfig(MAIN_PATH, {host: memoryHost(scenario.files), settings: {daemon: scenario.daemon}, limits: DEFAULT_LIMITS, cache: new Map()})
}

/** Findings whose fix `harden` would still apply. */
function applicable(result: HardenResult): string[] {
  return result.findings.filter((f) => f.fix !== undefined && f.fix.edits.length > 0 && isApplicable(f.fix.safety, 'unsafe')).map((f) => `${f.file}:${f.position.start.line} ${f.ruleId}: ${f.message}`)
}

/** How many lines of each file ntpd cannot read (syntax errors). */
function unreadable(config: NtpConfig): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const entry of config.entries) {
    if (readCommand(entry.command, config.daemon).problem !== undefined) counts[entry.document.path] = (counts[entry.document.path] ?? 0) + 1
  }
  return counts
}

/** Addresses to probe the restrict table with: loopback, LAN, public, IPv6. */
const PROBES: ReadonlyArray<[4 | 6, bigint]> = [
  [4, 0x7f000001n],
  [4, 0x0a010203n],
  [4, 0xc0a80105n],
  [4, 0xac100001n],
  [4, 0xc6336407n],
  [4, 0x08080808n],
  [6, 1n],
  [6, 0x20010db8n << 96n],
  [6, (0x20010db8n << 96n) | (1n << 64n)],
  [6, 0x26064700n << 96n],
]

/** What each probe may do, as the flags that decide who can connect and query. */
function access(config: NtpConfig): string[] {
  const table = restrictTable(config)
  // `kod` only answers packets that are refused anyway; `nomodify` needs the control key.
  const ignored = new Set(['kod', ...(hasRuntimeKey(config) ? [] : ['nomodify'])])
  return PROBES.map(([family, address]) => [...lookupRestrict(table, family, address).flags].filter((flag) => !ignored.has(flag)).sort().join(' '))
}

function lineEnds(text: string): {crlf: number; lf: number} {
  return {crlf: text.match(/\r\n/g)?.length ?? 0, lf: text.match(/(?<!\r)\n/g)?.length ?? 0}
}

describe('ntp fixes', () => {
  test.prop([hardeningScenario, profile])('fixing twice equals fixing once', (system, chosen) => {
    const once = run(system, chosen)
    const fixed = fixedSystem(system, once)
    const twice = run(fixed, chosen)
    expect(applicable(twice), JSON.stringify(fixed.files, null, 1)).toEqual([])
    expect(twice.patch).toBe('')
  })

  test.prop([hardeningScenario, profile])('every fixed file parses back, and no fix adds a line ntpd cannot read', (system, chosen) => {
    const result = run(system, chosen)
    for (const file of result.files) expect(print(parse(file.fixed)), file.path).toBe(file.fixed)
    const before = unreadable(load(system))
    const after = unreadable(load(fixedSystem(system, result)))
    expect(Object.entries(after).filter(([path, count]) => count > (before[path] ?? 0)), result.patch).toEqual([])
  })

  test.prop([hardeningScenario, profile])('safe fixes reach a fixed point and leave who can connect alone', (system, chosen) => {
    const once = run(system, chosen, 'safe')
    expect(once.applied.filter((f) => f.fix?.safety !== 'safe').map((f) => f.ruleId)).toEqual([])
    const fixed = fixedSystem(system, once)
    expect(run(fixed, chosen, 'safe').patch).toBe('')
    expect(access(load(fixed)), once.patch).toEqual(access(load(system)))
  })

  test.prop([hardeningScenario, profile])("new text copies the file's line ends", (system, chosen) => {
    for (const file of run(system, chosen).files) {
      const before = lineEnds(file.original)
      const after = lineEnds(file.fixed)
      if (before.lf === 0 && before.crlf > 0) expect(after.lf, JSON.stringify(file.fixed)).toBe(0)
      if (before.crlf === 0 && before.lf > 0) expect(after.crlf, JSON.stringify(file.fixed)).toBe(0)
    }
  })

  test.prop([hardeningScenario, profile])('the patch applies to the original files and gives the fixed ones', (system, chosen) => {
    expectPatchApplies(run(system, chosen))
  })

  test.prop([hardeningScenario, profile])('the patch touches only lines that change, with 3 lines of context', (system, chosen) => {
    expectPatchMinimal(run(system, chosen))
  })
})
