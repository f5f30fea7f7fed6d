/**
 * Properties of `harden()` on Apache systems an administrator could have: the fixes reach a
 * fixed point in one run, their output is text the parser reads back, and the patch is
 * minimal and applies to the original files.
 *
 * The systems (test/arbitraries/apache.ts, `hardeningScenario`) hold Debian's main file
 * `/etc/apache2/apache2.conf` with LoadModule lines, server-level settings, `<Directory>`
 * sections and virtual hosts nested in `<IfModule>`, sometimes `conf-enabled/security.conf`
 * and a site in `sites-enabled/` that it includes, sometimes `envvars`, and sometimes
 * options of the rules. The properties hold for whatever rules the format has: they run
 * `harden()` with the baseline and strict profiles and every fix up to `unsafe`.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {memoryHost} from '../../src/core/host.js'
import {isApplicable, type Profile} from '../../src/core/rule.js'
import {parse} from '../../src/formats/apache/parse.js'
import {print} from '../../src/formats/apache/print.js'
import type {ApacheContent} from '../../src/formats/apache/types.js'
import {harden, type HardenResult} from '../../src/harden.js'
import {hardeningScenario, MAIN_PATH, type HardeningScenario} from '../arbitraries/apache.js'
import {readLikeHttpd} from '../support/httpd-model.js'
import {expectPatchApplies, expectPatchMinimal} from '../support/patch-checks.js'

/** Hardens a system held in memory. */
function run(scenario: HardeningScenario, profile: Profile, fix: 'safe' | 'unsafe' = 'unsafe'): HardenResult {
  return harden([MAIN_PATH], {host: memoryHost(scenario.files), profile, fix, options: scenario.options})
}

/** The system after a run: every file as fixed, new ones included. */
function fixedSystem(scenario: HardeningScenario, result: HardenResult): HardeningScenario {
  const files = {...scenario.files}
  for (const file of result.files) if (file.fixed !== '' || !file.created) files[file.realPath] = file.fixed
  return {files, options: scenario.options}
}

const profile = fc.constantFrom<Profile>('baseline', 'strict')

/** Findings whose fix `harden` would still apply. */
function applicableFixes(result: HardenResult, level: 'safe' | 'unsafe'): string[] {
  return result.findings
    .filter((f) => f.fix !== undefined && f.fix.edits.length > 0 && isApplicable(f.fix.safety, level))
    .map((f) => `${f.file}:${f.position.start.line} ${f.ruleId}: ${f.message}`)
}

/** Where each comment's text is, as offsets (continued lines included). */
function commentRanges(children: readonly ApacheContent[]): Array<[number, number]> {
  return children.flatMap((node): Array<[number, number]> => {
    if (node.type === 'comment') return [[node.position!.start.offset!, node.position!.end.offset!]]
    return node.type === 'section' ? commentRanges(node.children) : []
  })
}

/** How many line ends of each kind a text has. */
function lineEnds(text: string): {crlf: number; lf: number} {
  return {crlf: text.match(/\r\n/g)?.length ?? 0, lf: text.match(/(?<!\r)\n/g)?.length ?? 0}
}

describe('apache fixes', () => {
  test.prop([hardeningScenario, profile])('fixing twice equals fixing once', (system, profile) => {
    const once = run(system, profile)
    const fixed = fixedSystem(system, once)
    const twice = run(fixed, profile)
    expect(applicableFixes(twice, 'unsafe'), `fixed files: ${JSON.stringify(fixed.files, null, 1)}`).toEqual([])
    expect(twice.patch).toBe('')
    expect(twice.files.map((f) => [f.realPath, f.fixed])).toEqual(twice.files.map((f) => [f.realPath, fixed.files[f.realPath] ?? '']))
  })

  test.prop([hardeningScenario, profile])('safe fixes alone reach a fixed point too', (system, profile) => {
    const once = run(system, profile, 'safe')
    expect(once.applied.filter((f) => f.fix?.safety !== 'safe').map((f) => f.ruleId)).toEqual([])
    const twice = run(fixedSystem(system, once), profile, 'safe')
    expect(twice.patch).toBe('')
    expect(applicableFixes(twice, 'safe')).toEqual([])
  })

  test.prop([hardeningScenario, profile])('every fixed file parses and prints back', (system, profile) => {
    for (const file of run(system, profile).files) expect(print(parse(file.fixed)), file.path).toBe(file.fixed)
  })

  test.prop([hardeningScenario, profile])('httpd still reads every fixed file (a model of it, test/support/httpd-model.ts)', (system, profile) => {
    for (const file of run(system, profile).files) {
      const before = readLikeHttpd(file.original)
      const after = readLikeHttpd(file.fixed)
      expect(before.ok, `${file.path} before`).toBe(true)
      expect(after, `${file.path}: ${JSON.stringify(file.fixed)}`).toMatchObject({ok: true, known: []})
    }
  })

  test.prop([hardeningScenario, profile])('no finding and no edit lands inside a comment (which may swallow a line httpd never reads)', (system, profile) => {
    const result = run(system, profile)
    for (const file of result.files) {
      if (file.created) continue
      const comments = commentRanges(parse(file.original).children)
      const inside = (offset: number) => comments.some(([start, end]) => start < offset && offset < end)
      for (const finding of result.findings.filter((f) => f.file === file.path)) {
        expect(inside(finding.position.start.offset!), `${finding.ruleId}: ${finding.message} at ${JSON.stringify(file.original.slice(finding.position.start.offset!, finding.position.end.offset!))}`).toBe(false)
      }
      for (const edit of file.edits) expect(inside(edit.start) || inside(edit.end), `${file.path}: edit ${JSON.stringify(edit)}`).toBe(false)
    }
  })

  test.prop([hardeningScenario, profile])("new text copies the file's line ends", (system, profile) => {
    const main = system.files[MAIN_PATH]!
    for (const file of run(system, profile).files) {
      // A file without any line end gets `\n` whatever the main file uses: bug 10 of
      // test/regressions/apache.test.ts, stepped around while it is open. A new file copies
      // the main one.
      if (!file.created && !file.original.includes('\n')) continue
      const model = file.original.includes('\n') ? file.original : main
      const before = lineEnds(model)
      const after = lineEnds(file.fixed)
      if (before.lf === 0 && before.crlf > 0) expect(after.lf, `${file.path}: ${JSON.stringify(file.fixed)}`).toBe(0)
      if (before.crlf === 0 && before.lf > 0) expect(after.crlf, `${file.path}: ${JSON.stringify(file.fixed)}`).toBe(0)
    }
  })

  test.prop([hardeningScenario, profile])('the patch applies to the original files and gives the fixed ones', (system, profile) => {
    expectPatchApplies(run(system, profile))
  })

  test.prop([hardeningScenario, profile])('the patch touches only lines that change, with 3 lines of context', (system, profile) => {
    expectPatchMinimal(run(system, profile))
  })
})
