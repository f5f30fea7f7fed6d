/**
 * NTPsec judges generated systems (test/arbitraries/ntp.ts, `hardeningScenario`), before
 * and after every fix: the library reads the restrict table NTPsec applies and logs a
 * syntax error exactly where NTPsec does, and the fixes add no syntax error, no failed
 * include, and give NTPsec's default entries the hardened flags.
 *
 * Each run starts ntpd twice (about a tenth of a second each), so the runs are few:
 * `NTP_ORACLE_RUNS` (default 20); `FC_SEED` replays a failure. Without ntpd the suite fails
 * under CI and is skipped elsewhere, as test/oracle/ntp.test.ts.
 */
import {describe, expect, it} from 'vitest'
import {fc} from '@fast-check/vitest'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import {memoryHost} from '../../src/core/host.js'
import {formatAddress} from '../../src/formats/ntp/address.js'
import type {AnyFormat} from '../../src/formats/index.js'
import {ntp} from '../../src/formats/ntp/index.js'
import {loadNtpConfig, readCommand, restrictTable, type NtpConfig} from '../../src/formats/ntp/semantics.js'
import {harden} from '../../src/harden.js'
import {hardeningScenario, MAIN_PATH, type HardeningScenario} from '../arbitraries/ntp.js'
import {judgeNtp, ntpdAvailability, parseJudgeAddress, type NtpVerdict} from './ntp-judge.js'
import {describeWhenAvailable} from '../support/requires.js'

const RUNS = Number(process.env.NTP_ORACLE_RUNS ?? 20)
const formats = [ntp as unknown as AnyFormat]

function load(files: Record<string, string>): NtpConfig {
  return loadNtpConfig(MAIN_PATH, {host: memoryHost(files), settings: {daemon: 'ntpsec'}, limits: DEFAULT_LIMITS, cache: new Map()})
}

function libraryTable(config: NtpConfig): string[] {
  return restrictTable(config)
    .entries.map((e) => `${formatAddress({family: e.family, value: e.address})}/${formatAddress({family: e.family, value: e.mask})}${e.ntpport ? ' ntpport' : ''}: ${[...e.flags].sort().join(' ')}`)
    .sort()
}

function judgedTable(verdict: NtpVerdict): string[] {
  return verdict.restrict
    .map((e) => `${formatAddress({family: e.family, value: parseJudgeAddress(e.address, e.family)})}/${formatAddress({family: e.family, value: parseJudgeAddress(e.mask, e.family)})}${e.mflags & 0x2000 ? ' ntpport' : ''}: ${[...e.flags].sort().join(' ')}`)
    .sort()
}

/** What the library and NTPsec disagree on, for one set of files and NTPsec's verdict on them. */
function disagreements(files: Record<string, string>, verdict: NtpVerdict): string[] {
  const config = load(files)
  const problems: string[] = []
  const library = libraryTable(config)
  const judged = judgedTable(verdict)
  if (JSON.stringify(library) !== JSON.stringify(judged)) problems.push(`restrict table: library ${JSON.stringify(library)}, NTPsec ${JSON.stringify(judged)}`)
  const errors = config.emptyMain || config.entries.some((e) => readCommand(e.command, 'ntpsec').problem !== undefined)
  if (errors !== verdict.syntaxErrors.length > 0) problems.push(`syntax error: library ${errors}, NTPsec ${verdict.syntaxErrors.join(' | ') || 'none'}`)
  const includes = config.includes.some((i) => i.problem !== undefined)
  if (includes !== verdict.includeFailures.length > 0) problems.push(`include: library ${includes}, NTPsec ${verdict.includeFailures.join(' | ') || 'none'}`)
  return problems
}

const judge = ntpdAvailability()

/** The syntax errors that name their file: one per erroneous line. */
const locatedErrors = (verdict: {syntaxErrors: string[]}) => verdict.syntaxErrors.filter((message) => /syntax error in /.test(message))

describeWhenAvailable('ntp oracle over generated systems', judge, (judge) => {
  describe(`ntp oracle over generated systems (${judge.version})`, () => {
    it(`the library reads ${RUNS} generated systems as NTPsec does, before and after their fixes`, () => {
      // The judge reads NTPsec; the systems are read as NTPsec (the ntpd setting is the fix properties' business).
      const scenarios = hardeningScenario.map((s): HardeningScenario => ({...s, daemon: 'ntpsec'}))
      fc.assert(
        fc.property(scenarios, (system) => {
          const before = judgeNtp(system.files)
          expect(disagreements(system.files, before), JSON.stringify(system.files)).toEqual([])
          const result = harden([MAIN_PATH], {host: memoryHost(system.files), formats, profile: 'strict', fix: 'unsafe'})
          const fixed = {...system.files}
          for (const file of result.files) fixed[file.realPath] = file.fixed
          const after = judgeNtp(fixed)
          expect(disagreements(fixed, after), `${JSON.stringify(system.files)}\n${result.patch}`).toEqual([])
          // Counted by the messages that name a file and line: the judge drops a repeated message,
          // and NTPsec's other one (`line L column C syntax error`) names no file, so two files
          // with an error at the same place log it once.
          expect(locatedErrors(after).length, result.patch).toBeLessThanOrEqual(locatedErrors(before).length)
          expect(after.includeFailures, result.patch).toEqual(before.includeFailures)
          const defaults = after.restrict.filter((e) => e.mflags === 0 && parseJudgeAddress(e.mask, e.family) === 0n)
          for (const entry of defaults) {
            if (entry.flags.includes('ignore')) continue
            expect(['kod', 'nomodify', 'noquery', 'limited'].filter((flag) => !entry.flags.includes(flag)), `${entry.address}: ${result.patch}`).toEqual([])
          }
        }),
        {numRuns: RUNS, ...(process.env.FC_SEED ? {seed: Number(process.env.FC_SEED)} : {})},
      )
    }, 300_000)
  })
})
