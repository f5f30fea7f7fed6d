/**
 * The rule documentation in README.md and docs/rules.md, and the configuration file's JSON
 * Schema, are generated from the rules; this fails when they are out of date. `npm run docs` (UPDATE_DOCS=1) rewrites it.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {expect, it} from 'vitest'
import {configJsonSchema} from '../src/config-schema.js'
import {allRules, formats} from '../src/formats/index.js'
import {replaceBetween, rulesDocument, rulesTable} from './support/rules-doc.js'

const readmeUrl = new URL('../README.md', import.meta.url)
const rulesUrl = new URL('../docs/rules.md', import.meta.url)
const configSchemaUrl = new URL('../schemas/config.schema.json', import.meta.url)

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

it('schemas/config.schema.json knows every rule, its options and every format setting', () => {
  const schema = `${JSON.stringify(configJsonSchema(formats), null, 2)}\n`
  if (process.env.UPDATE_DOCS) writeFileSync(configSchemaUrl, schema)
  expect(readFileSync(configSchemaUrl, 'utf8'), 'run `npm run docs`').toBe(schema)
})
