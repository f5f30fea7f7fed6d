/**
 * What test/rules-meta.test.ts checks of every registered rule, for the iptables rules
 * before their format is in the registry (src/formats/index.ts): ids that name their files,
 * a test file beside each, documentation with every section, and examples that run (the bad
 * text is reported, the good one is not, and fixing the bad one gives the good one), with
 * the format given and the main file at /etc/iptables/rules.v4.
 */
import {existsSync, readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {isApplicable} from '../src/core/rule.js'
import type {AnyFormat} from '../src/formats/index.js'
import {iptables} from '../src/formats/iptables/index.js'
import {runRule} from './rule-tester.js'

const rulesDir = new URL('../src/rules/', import.meta.url)
const format = iptables as unknown as AnyFormat
const path = '/etc/iptables/rules.v4'

describe('every iptables rule', () => {
  it('the format lists every rule file, and only those', () => {
    const files = readdirSync(new URL('iptables/', rulesDir))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('_') && name !== 'index.ts')
      .map((name) => `iptables/${name.slice(0, -3)}`)
      .sort()
    expect(iptables.rules.map((rule) => rule.id).sort()).toEqual(files)
  })

  for (const rule of format.rules) {
    describe(rule.id, () => {
      it('has an id of the form iptables/<kebab-case> and a test file beside it', () => {
        expect(rule.id).toMatch(/^iptables\/[a-z0-9]+(?:-[a-z0-9]+)*$/)
        expect(rule.format).toBe('iptables')
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
          const bad = runRule(rule, {code: example.bad, options: example.options, files: example.files, format, path})
          expect(bad.outcome.findings.length, 'the bad example is reported').toBeGreaterThan(0)
          const good = runRule(rule, {code: example.good, options: example.options, files: example.files, format, path})
          expect(good.outcome.findings.map((f) => f.message), 'the good example is clean').toEqual([])
          const fixable = bad.outcome.findings.some((f) => f.fix !== undefined && isApplicable(f.fix.safety, 'unsafe'))
          if (fixable) expect(bad.fixed).toBe(example.good)
          // Every example is text iptables-restore reads: no example teaches a refused file.
          expect(example.good.endsWith('\n'), 'the good example ends with a line end').toBe(true)
        })
      })
    })
  }
})
