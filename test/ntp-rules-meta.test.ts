/**
 * test/rules-meta.test.ts for the ntp rules, which it cannot see until the format is in
 * the registry of src/formats/index.ts: every rule file is listed, has a test beside it and
 * documentation, and its documentation's examples run (the bad text is reported, the good
 * one is not, fixing the bad one gives the good one), as NTPsec (the default daemon) reads
 * them. Once the format is registered, test/rules-meta.test.ts does the same; this file
 * can then go.
 */
import {existsSync, readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {isApplicable} from '../src/core/rule.js'
import {ntp} from '../src/formats/ntp/index.js'
import {runRule} from './rule-tester.js'
import {NTP_PATH, ntpFormat} from './support/ntp.js'

const rulesDir = new URL('../src/rules/', import.meta.url)
const cases = {format: ntpFormat, path: NTP_PATH}

describe('every ntp rule', () => {
  it('the format lists every rule file, and only those', () => {
    const files = readdirSync(new URL('ntp/', rulesDir))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('_') && name !== 'index.ts')
      .map((name) => `ntp/${name.slice(0, -3)}`)
      .sort()
    expect(ntp.rules.map((rule) => rule.id).sort()).toEqual(files)
  })

  for (const rule of ntp.rules) {
    describe(rule.id, () => {
      it('has an id of the form ntp/<kebab-case> and a test file beside it', () => {
        expect(rule.id).toMatch(/^ntp\/[a-z0-9]+(?:-[a-z0-9]+)*$/)
        expect(rule.format).toBe('ntp')
        expect(existsSync(new URL(`${rule.id}.test.ts`, rulesDir)), `${rule.id}.test.ts`).toBe(true)
      })

      it('is documented', () => {
        const {docs} = rule
        for (const key of ['summary', 'why', 'fixSafety'] as const) expect(docs[key].length, key).toBeGreaterThan(20)
        expect(docs.references.length).toBeGreaterThan(0)
        expect(docs.examples.length).toBeGreaterThan(0)
        for (const [key, spec] of Object.entries(rule.options as Record<string, {description: string; parse(v: unknown): unknown; default: unknown}>)) {
          expect(spec.description.length, key).toBeGreaterThan(10)
          expect(spec.parse(spec.default), `the default of ${key} is accepted`).toEqual(spec.default)
        }
      })

      rule.docs.examples.forEach((example, index) => {
        it(`example ${index + 1}: the bad text is reported, the good one is not, and the fix gives the good one`, () => {
          const bad = runRule(rule, {...cases, code: example.bad, options: example.options})
          expect(bad.outcome.findings.length, 'the bad example is reported').toBeGreaterThan(0)
          const good = runRule(rule, {...cases, code: example.good, options: example.options})
          expect(good.outcome.findings.map((f) => f.message), 'the good example is clean').toEqual([])
          const fixable = bad.outcome.findings.some((f) => f.fix !== undefined && isApplicable(f.fix.safety, 'unsafe'))
          if (fixable) expect(bad.fixed).toBe(example.good)
        })
      })
    })
  }
})
