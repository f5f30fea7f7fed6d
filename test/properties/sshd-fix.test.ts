/**
 * Properties of `harden()` on sshd systems an administrator could have: the fixes reach a
 * fixed point in one run, their output is text the parser reads back, and the patch is
 * minimal and applies to the original files.
 *
 * The systems (test/arbitraries/sshd.ts, `hardeningScenarioWith`) hold a main file with
 * real keywords and plausible values, sometimes a drop-in it includes, sometimes the
 * accounts that decide how far a fix may be trusted, sometimes the setting that sends new
 * directives to a drop-in the fix creates, and sometimes an `AllowUsers` option.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {memoryHost} from '../../src/core/host.js'
import {isApplicable, type Profile} from '../../src/core/rule.js'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import {parse} from '../../src/formats/sshd/parse.js'
import {globalValue, loadSshdConfig} from '../../src/formats/sshd/semantics.js'
import {print} from '../../src/formats/sshd/print.js'
import {harden, type HardenResult} from '../../src/harden.js'
import {hardeningScenarioWith, MAIN_PATH, type HardeningScenario} from '../arbitraries/sshd.js'
import {treeDirectives} from '../support/sshd-tree.js'
import {expectPatchApplies, expectPatchMinimal} from '../support/patch-checks.js'

/** Hardens a system held in memory. */
function run(scenario: HardeningScenario, profile: Profile, fix: 'safe' | 'unsafe' = 'unsafe'): HardenResult {
  return harden([MAIN_PATH], {host: memoryHost(scenario.files), profile, fix, options: scenario.options})
}

/** Settings that decide who can connect, and how. */
const ACCESS = ['PermitRootLogin', 'PasswordAuthentication', 'KbdInteractiveAuthentication', 'PermitEmptyPasswords', 'PubkeyAuthentication', 'AllowUsers', 'AllowGroups', 'AuthenticationMethods', 'Port', 'ListenAddress', 'UsePAM']

/** The global value sshd uses for each access setting of a system, as the library reads it. */
function accessValues(scenario: HardeningScenario): Record<string, string | undefined> {
  const config = loadSshdConfig(MAIN_PATH, {host: memoryHost(scenario.files), settings: {version: '8.9', dropIn: ''}, limits: DEFAULT_LIMITS, cache: new Map()})
  return Object.fromEntries(ACCESS.map((keyword) => [keyword, globalValue(config, keyword).value]))
}

/** The system after a run: every file as fixed, new ones included. */
function fixedSystem(scenario: HardeningScenario, result: HardenResult): HardeningScenario {
  const files = {...scenario.files}
  for (const file of result.files) if (file.fixed !== '' || !file.created) files[file.realPath] = file.fixed
  return {files, options: scenario.options}
}

const profile = fc.constantFrom<Profile>('baseline', 'strict')

/** The systems to fix, trailing comments and spaces included (bug 1 of test/regressions/sshd.test.ts). */
const scenario = hardeningScenarioWith({trailing: true})

/** Findings whose fix `harden` would still apply. */
function applicableFixes(result: HardenResult): string[] {
  return result.findings
    .filter((f) => f.fix !== undefined && f.fix.edits.length > 0 && isApplicable(f.fix.safety, 'unsafe'))
    .map((f) => `${f.file}:${f.position.start.line} ${f.ruleId}: ${f.message}`)
}

/** How many line ends of each kind a text has. */
function lineEnds(text: string): {crlf: number; lf: number} {
  return {crlf: text.match(/\r\n/g)?.length ?? 0, lf: text.match(/(?<!\r)\n/g)?.length ?? 0}
}

/** The separators between keyword and first argument that a text's directives use. */
function separators(text: string): Set<string> {
  return new Set(treeDirectives(parse(text)).filter((d) => d.arguments.length > 0).map((d) => d.separator))
}

describe('sshd fixes', () => {
  test.prop([scenario, profile])('fixing twice equals fixing once', (system, profile) => {
    const once = run(system, profile)
    const fixed = fixedSystem(system, once)
    const twice = run(fixed, profile)
    expect(applicableFixes(twice), `fixed files: ${JSON.stringify(fixed.files, null, 1)}`).toEqual([])
    expect(twice.patch).toBe('')
    expect(twice.files.map((f) => [f.realPath, f.fixed])).toEqual(twice.files.map((f) => [f.realPath, fixed.files[f.realPath] ?? '']))
  })

  test.prop([scenario, profile])('safe fixes reach a fixed point and leave who can connect alone', (system, profile) => {
    const once = run(system, profile, 'safe')
    expect(once.applied.filter((f) => f.fix?.safety !== 'safe').map((f) => f.ruleId)).toEqual([])
    const fixed = fixedSystem(system, once)
    const twice = run(fixed, profile, 'safe')
    expect(twice.patch).toBe('')
    expect(twice.findings.filter((f) => f.fix !== undefined && f.fix.edits.length > 0 && f.fix.safety === 'safe').map((f) => f.message)).toEqual([])
    expect(accessValues(fixed)).toEqual(accessValues(system))
  })

  test.prop([scenario, profile])('new text copies the file\'s line ends and separator', (system, profile) => {
    const main = system.files[MAIN_PATH]!
    for (const file of run(system, profile).files) {
      // A new or empty drop-in copies the main file.
      const model = file.original.includes('\n') ? file.original : main
      const before = lineEnds(model)
      const after = lineEnds(file.fixed)
      if (before.lf === 0 && before.crlf > 0) expect(after.lf, `${file.path}: ${JSON.stringify(file.fixed)}`).toBe(0)
      if (before.crlf === 0 && before.lf > 0) expect(after.crlf, `${file.path}: ${JSON.stringify(file.fixed)}`).toBe(0)
      const own = separators(file.original)
      const style = own.size > 0 ? own : separators(main)
      if (style.size === 1) expect([...separators(file.fixed)].filter((s) => !style.has(s)), `${file.path}: ${JSON.stringify(file.fixed)}`).toEqual([])
    }
  })

  test.prop([scenario, profile])('every fixed file parses and prints back', (system, profile) => {
    for (const file of run(system, profile).files) expect(print(parse(file.fixed)), file.path).toBe(file.fixed)
  })

  test.prop([scenario, profile])('the patch applies to the original files and gives the fixed ones', (system, profile) => {
    expectPatchApplies(run(system, profile))
  })

  test.prop([scenario, profile])('the patch touches only lines that change, with 3 lines of context', (system, profile) => {
    expectPatchMinimal(run(system, profile))
  })
})
