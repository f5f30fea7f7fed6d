/**
 * The rule tester: every rule's test file describes valid and invalid cases, and this runs
 * them through the real engine (one rule, files in memory) with ESLint's strictness:
 *
 * - a valid case has no finding;
 * - an invalid case lists every finding (line, column, message, fix safety) and the exact
 *   text after the fixes (`output`), or `null` when no fix applies;
 * - a case whose fix changes the text but has no `output` fails, and so does an `output`
 *   equal to the input;
 * - fixing the output again changes nothing, and the rule then reports nothing fixable.
 */
import {describe, expect, it} from 'vitest'
import {fixConfigurations, type ActiveRule} from '../src/core/engine.js'
import {memoryHost, type MemoryEntry} from '../src/core/host.js'
import {resolveOptions} from '../src/core/options.js'
import type {Configuration, FixSafety, Rule} from '../src/core/rule.js'
import {formatById, type AnyFormat} from '../src/formats/index.js'

/** A case: the main file's text, and optionally other files, options and settings. */
export interface ValidCase {
  /** A name for the test (default: the code). */
  name?: string | undefined
  code: string
  /** The main file's system path (default: the format's usual one). */
  path?: string | undefined
  /** Other files of the system (includes, /etc/passwd, authorized keys). */
  files?: Record<string, MemoryEntry> | undefined
  options?: Record<string, unknown> | undefined
  settings?: Record<string, unknown> | undefined
  /** The format, when it is not (yet) in the registry of src/formats/index.ts. */
  format?: AnyFormat | undefined
}

/** An expected finding. */
export interface ExpectedFinding {
  line: number
  column: number
  /** The message, or a pattern it matches. */
  message?: string | RegExp
  /** The fix's safety, or `none` for no fix. */
  fix?: FixSafety | 'none'
  /** The file (default: the main file). */
  file?: string
}

/** An invalid case: what is found and what the fixes make of it. */
export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[]
  /** The main file after every safe and unsafe fix, or null when none applies. */
  output: string | null
  /** Other files after the fixes, by path. */
  outputFiles?: Record<string, string>
}

/** Where each format's main file is, for cases that name no path. */
const defaultPaths: Record<string, string> = {sshd: '/etc/ssh/sshd_config', apache: '/etc/apache2/apache2.conf', named: '/etc/bind/named.conf', ntp: '/etc/ntpsec/ntp.conf', iptables: '/etc/iptables/rules.v4'}

/**
 * Runs one rule over one case.
 *
 * @param rule the rule
 * @param testCase the case
 * @param code the main file's text (the case's, or a fixed one)
 */
export function runRule(rule: Rule<Configuration<unknown>, unknown>, testCase: ValidCase, code = testCase.code) {
  const format = testCase.format ?? formatById(rule.format)
  if (format === undefined) throw new Error(`${rule.format} is not a registered format: give it as \`format\` in the case`)
  const path = testCase.path ?? defaultPaths[rule.format]
  if (path === undefined) throw new Error(`no default path for ${rule.format}: give the case a \`path\``)
  const host = memoryHost({...testCase.files, [path]: code})
  const active: ActiveRule<Configuration<unknown>> = {rule, options: resolveOptions(rule.options, testCase.options, rule.id)}
  const outcome = fixConfigurations({
    format,
    entries: [path],
    host,
    settings: resolveOptions(format.settings, testCase.settings, format.id),
    rules: [active],
    apply: 'unsafe',
  })
  // A fix through a link lands in the real file: find a file by either path.
  const fixedOf = (file: string) => outcome.files.find((f) => f.path === file || f.realPath === file)?.fixed
  return {outcome, path, fixed: fixedOf(path) ?? code, fixedOf}
}

/**
 * Declares the tests of a rule.
 *
 * @param rule the rule
 * @param cases its valid and invalid cases
 */
export function testRule<C, O>(rule: Rule<C, O>, cases: {valid: ValidCase[]; invalid: InvalidCase[]; format?: AnyFormat; path?: string}): void {
  const erased = rule as unknown as Rule<Configuration<unknown>, unknown>
  const seen = new Set<string>()
  const unique = (c: ValidCase) => {
    const key = JSON.stringify({...c, format: c.format?.id})
    if (seen.has(key)) throw new Error(`Duplicate case: ${c.name ?? c.code}`)
    seen.add(key)
  }
  const withDefaults = <T extends ValidCase>(c: T): T => ({...c, format: c.format ?? cases.format, path: c.path ?? cases.path})
  cases = {...cases, valid: cases.valid.map(withDefaults), invalid: cases.invalid.map(withDefaults)}
  describe(rule.id, () => {
    for (const c of cases.valid) {
      unique(c)
      it(`valid: ${c.name ?? JSON.stringify(c.code)}`, () => {
        const {outcome} = runRule(erased, c)
        expect(outcome.findings.map((f) => `${f.position.start.line}:${f.position.start.column} ${f.message}`)).toEqual([])
      })
    }
    for (const c of cases.invalid) {
      unique(c)
      it(`invalid: ${c.name ?? JSON.stringify(c.code)}`, () => {
        const {outcome, path, fixed, fixedOf} = runRule(erased, c)
        const actual = outcome.findings.map((f) => ({
          line: f.position.start.line,
          column: f.position.start.column,
          file: f.file,
          fix: f.fix?.safety ?? 'none',
          message: f.message,
        }))
        expect(actual.length, `findings: ${JSON.stringify(actual, null, 1)}`).toBe(c.findings.length)
        c.findings.forEach((expected, i) => {
          const got = actual[i]!
          expect({line: got.line, column: got.column, file: got.file}).toEqual({line: expected.line, column: expected.column, file: expected.file ?? path})
          if (expected.fix !== undefined) expect(got.fix).toBe(expected.fix)
          if (typeof expected.message === 'string') expect(got.message).toBe(expected.message)
          else if (expected.message instanceof RegExp) expect(got.message).toMatch(expected.message)
          expect(got.message, 'messages share one voice').toMatch(/^(Unexpected|Missing) /)
        })
        if (c.output === null) {
          expect(fixed, 'a fix changed the text: add `output`').toBe(c.code)
        } else {
          expect(c.output, '`output` must differ from `code`').not.toBe(c.code)
          expect(fixed).toBe(c.output)
          // Fixing again changes nothing more.
          const again = runRule(erased, {...c, files: {...c.files, ...c.outputFiles}}, fixed)
          expect(again.fixed).toBe(fixed)
        }
        for (const [file, text] of Object.entries(c.outputFiles ?? {})) expect(fixedOf(file)).toBe(text)
      })
    }
  })
}
