/**
 * The rule documentation in README.md and docs/rules.md is generated from the rules; this
 * fails when it is out of date. `npm run docs` (UPDATE_DOCS=1) rewrites it.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {expect, it} from 'vitest'
import {allRules} from '../src/formats/index.js'
import {replaceBetween, rulesDocument, rulesTable} from './support/rules-doc.js'

const readmeUrl = new URL('../README.md', import.meta.url)
const rulesUrl = new URL('../docs/rules.md', import.meta.url)

it('README.md and docs/rules.md describe every rule as the rules do', () => {
  const rules = allRules()
  const readme = replaceBetween(readFileSync(readmeUrl, 'utf8'), 'rules', rulesTable(rules))
  const document = rulesDocument(rules)
  if (process.env.UPDATE_DOCS) {
    writeFileSync(readmeUrl, readme)
    writeFileSync(rulesUrl, document)
  }
  expect(readFileSync(readmeUrl, 'utf8'), 'run `npm run docs`').toBe(readme)
  expect(readFileSync(rulesUrl, 'utf8'), 'run `npm run docs`').toBe(document)
})
