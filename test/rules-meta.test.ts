/**
 * What every rule must have, checked by machine (ESLint's checkRuleFiles, Biome's
 * rules_check): an id that names its file, a test file beside it, documentation with every
 * section, and examples that run: each bad example is reported, each good one is not, and
 * fixing the bad one gives the good one.
 */
import {existsSync, readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {isApplicable} from '../src/core/rule.js'
import {allRules, formats} from '../src/formats/index.js'
import {runRule} from './rule-tester.js'

const rulesDir = new URL('../src/rules/', import.meta.url)

/**
 * The system files of a good example: those of the bad one, with a file's mode tightened
 * the way the documentation asks (others may neither read nor write it).
 */
function goodFiles(files: Record<string, string | {content: string; mode: number}> | undefined) {
  if (files === undefined) return undefined
  return Object.fromEntries(Object.entries(files).map(([path, entry]) => [path, typeof entry === 'string' ? entry : {...entry, mode: entry.mode & ~0o007}]))
}

describe('every rule', () => {
  for (const format of formats) {
    it(`${format.id}: the registry lists every rule file, and only those`, () => {
      const files = readdirSync(new URL(`${format.id}/`, rulesDir))
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('_') && name !== 'index.ts')
        .map((name) => `${format.id}/${name.slice(0, -3)}`)
        .sort()
      expect(format.rules.map((rule) => rule.id).sort()).toEqual(files)
    })
  }

  for (const rule of allRules()) {
    describe(rule.id, () => {
      it('has an id of the form <format>/<kebab-case> and a test file beside it', () => {
        expect(rule.id).toMatch(new RegExp(`^${rule.format}/[a-z0-9]+(?:-[a-z0-9]+)*$`))
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
          const bad = runRule(rule, {code: example.bad, options: example.options, files: example.files})
          expect(bad.outcome.findings.length, 'the bad example is reported').toBeGreaterThan(0)
          const good = runRule(rule, {code: example.good, options: example.options, files: goodFiles(example.files)})
          expect(good.outcome.findings.map((f) => f.message), 'the good example is clean').toEqual([])
          const fixable = bad.outcome.findings.some((f) => f.fix !== undefined && isApplicable(f.fix.safety, 'unsafe'))
          if (fixable) expect(bad.fixed).toBe(example.good)
        })
      })
    })
  }
})
