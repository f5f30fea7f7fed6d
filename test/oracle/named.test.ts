/**
 * The real named-checkconf (BIND 9.18, Debian's bind9-utils) judges every fixture of
 * test/fixtures/named and what the library makes of it, for each server role
 * (`named.role` = `both`, `resolver`, `authoritative`) with every fix applied
 * (`fix: 'unsafe'`):
 *
 * (a) named-checkconf accepts the fixture as it is (`-t ROOT`, in a throw-away tree);
 * (b) `harden()` reads and fixes it;
 * (c) named-checkconf accepts the fixed files;
 * (d) `named-checkconf -p` of the fixed files shows the value of every applied
 *     ``Set `option value` ... in `scope` `` fix in that scope;
 * (e) read from `-p` alone (independently of the library), no scope that recurses is an
 *     open resolver any more: `options` and every view either say `recursion no` (role
 *     authoritative) or have `allow-recursion` and `allow-query-cache` without `any`
 *     (or inherit both from `options`); `options` has `allow-transfer { none; }` and
 *     `version "none"`;
 * (e2) from `-p` before and after: a view whose recursion ACLs let nobody in from
 *     anywhere keeps the ACLs it had (named's inheritance applied to what `-p` prints);
 * (f) the patch, written out as the CLI writes it, applies with GNU `patch -p1` and gives
 *     the fixed files byte for byte;
 * (g) fixing the fixed files again changes nothing;
 * (h) the library's reading of which files the configuration includes is named's: a
 *     fixture whose include the library cannot find is one named-checkconf refuses.
 *
 * Without named-checkconf the suite fails under CI (run scripts/install-oracles) and is
 * skipped, with the reason in its name, elsewhere.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, posix, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {hardeningScenario} from '../arbitraries/named.js'
import {memoryHost} from '../../src/core/host.js'
import {encodeText} from '../../src/core/text.js'
import type {AnyFormat} from '../../src/formats/index.js'
import {named} from '../../src/formats/named/index.js'
import {encodePatch, harden, type HardenResult} from '../../src/harden.js'
import {namedAvailability, namedCheckconf, printedList, printedScope, readPrinted, type PrintedStatement} from './named-judge.js'
import {readTreeFiles} from '../support/tree-files.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/named/', import.meta.url))
const MAIN = '/etc/bind/named.conf'
const ROLES = ['both', 'resolver', 'authoritative'] as const

/** A fixture: its files by system path, as bytes. */
interface Fixture {
  name: string
  files: Record<string, Buffer>
}

/**
 * The corpus: a folder holding `etc/bind/named.conf` is a root tree (every file in it is
 * part of the system, at its path below the folder); a file named `*.named.conf` is a main
 * file on its own, read as /etc/bind/named.conf. Other folders are searched.
 */
function loadFixtures(dir: string): Fixture[] {
  const found: Fixture[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (!statSync(path).isDirectory()) {
      if (name.endsWith('.named.conf')) found.push({name: relative(FIXTURES, path), files: {[MAIN]: readFileSync(path)}})
      continue
    }
    if (statSync(join(path, 'etc/bind/named.conf'), {throwIfNoEntry: false})?.isFile()) {
      const files = readTreeFiles(path)
      found.push({name: relative(FIXTURES, path), files})
    } else {
      found.push(...loadFixtures(path))
    }
  }
  return found
}

const fixtures = loadFixtures(FIXTURES)
const state = namedAvailability()
const describeJudged = state.ok ? describe : process.env.CI ? describe : describe.skip
const title = state.ok ? `named-checkconf (${state.version}) judges every fixture` : `named-checkconf judges every fixture (skipped: ${state.reason})`

function runHarden(files: Record<string, Buffer>, role: string): HardenResult {
  return harden([MAIN], {host: memoryHost(files), formats: [named as unknown as AnyFormat], profile: 'strict', fix: 'unsafe', options: {named: {role}}})
}

function fixedFiles(files: Record<string, Buffer>, result: HardenResult): Record<string, Buffer> {
  const fixed = {...files}
  for (const file of result.files) if (file.changed || file.created) fixed[file.realPath] = encodeText(file.fixed, file.encoding)
  return fixed
}

/** What each applied `Set` fix set: option, value as -p prints it (quotes and spacing normalized), scope. */
function settings(result: HardenResult): Array<{option: string; value: string; scope: string; rule: string}> {
  const out: Array<{option: string; value: string; scope: string; rule: string}> = []
  for (const finding of result.applied) {
    const title = finding.fix!.title
    const scope = / in `(options|view [^`]+|zone [^`]+)`/.exec(title)?.[1]
    if (!title.startsWith('Set ') || scope === undefined || scope.startsWith('zone ')) continue
    for (const match of title.slice(0, title.lastIndexOf(' in `')).matchAll(/`([a-z-]+) ([^`]+)`/g)) out.push({option: match[1]!, value: match[2]!, scope, rule: finding.ruleId})
  }
  return out
}

/** A printed value as the fix wrote it: `{ localhost; localnets; }` and `"none"`, quotes of ACL names dropped. */
function printedValue(scope: PrintedStatement | undefined, option: string): string | undefined {
  const list = printedList(scope, option)
  if (list !== undefined) return `{ ${list.map((e) => `${e};`).join(' ')} }`
  const found = scope?.children?.find((s) => s.head.startsWith(`${option} `))
  return found?.head.slice(option.length + 1)
}

/**
 * The recursion ACLs of each view (or of `options` without views) as named computes them,
 * from what `-p` printed: own value, else options', then inherited from each other and from
 * `allow-query`, else the default. Undefined elements mean the default (`localnets; localhost;`).
 */
function effectiveAcls(printed: readonly PrintedStatement[]): Map<string, {recursion: string; acls: Array<string[] | undefined>}> {
  const options = printedScope(printed, 'options')
  const views = printed.filter((s) => /^view /.test(s.head))
  const out = new Map<string, {recursion: string; acls: Array<string[] | undefined>}>()
  for (const scope of views.length > 0 ? views : [options]) {
    const own = (option: string) => printedList(scope, option) ?? printedList(options, option)
    const query = own('allow-query')
    const cache = own('allow-query-cache')
    const recursionAcl = own('allow-recursion')
    out.set(scope?.head ?? 'options', {
      recursion: printedValue(scope, 'recursion') ?? printedValue(options, 'recursion') ?? 'yes',
      acls: [recursionAcl ?? cache ?? query, cache ?? recursionAcl ?? query],
    })
  }
  return out
}

describeJudged(title, () => {
  it('has fixtures', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['debian12', 'views', 'relative-include', 'odd/crlf.named.conf']))
  })

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      it('(a) named-checkconf accepts the fixture as it is', () => {
        const run = namedCheckconf(fixture.files)
        // named-checkconf writes its errors and warnings on standard output.
        expect(`${run.stdout}${run.stderr}`).toBe('')
        expect(run.ok).toBe(true)
      })

      it('(h) the library finds every file named includes', () => {
        const result = runHarden(fixture.files, 'both')
        expect(result.findings.filter((f) => f.ruleId === 'named/invalid-statement').map((f) => f.message)).toEqual([])
        expect(result.files.map((f) => f.path).sort()).toEqual(Object.keys(fixture.files).filter((p) => result.files.some((f) => f.path === p)).sort())
      })

      for (const role of ROLES) {
        describe(`role ${role}`, () => {
          it('(b, c, d, e) the fixed files pass named-checkconf, and -p shows the hardened values', () => {
            const result = runHarden(fixture.files, role)
            const fixed = fixedFiles(fixture.files, result)
            const check = namedCheckconf(fixed)
            expect(check.ok, `${check.stdout}${check.stderr}\n${result.patch}`).toBe(true)
            const printed = readPrinted(namedCheckconf(fixed, ['-p']).stdout)
            for (const set of settings(result)) {
              expect(printedValue(printedScope(printed, set.scope.replace(/`/g, '')), set.option), `${set.rule}: ${set.option} in ${set.scope}`).toBe(set.value)
            }
            // (e) from -p alone.
            const options = printedScope(printed, 'options')
            expect(printedList(options, 'allow-transfer')).toEqual(['none'])
            expect(printedValue(options, 'version')).toBe('"none"')
            const before = effectiveAcls(readPrinted(namedCheckconf(fixture.files, ['-p']).stdout))
            for (const [scope, after] of effectiveAcls(printed)) {
              if (role === 'authoritative') {
                expect(after.recursion, scope).toBe('no')
                continue
              }
              if (after.recursion === 'no') continue
              for (const list of after.acls) expect(list ?? [], `${scope}: ${JSON.stringify(after)}`).not.toContain('any')
              // (e2) a view that was not open keeps its ACLs.
              const old = before.get(scope)
              if (old !== undefined && old.recursion !== 'no' && !old.acls.some((list) => list?.includes('any'))) expect(after.acls, scope).toEqual(old.acls)
            }
          })

          it('(f) the patch applies with GNU patch -p1; (g) fixing again changes nothing', () => {
            const result = runHarden(fixture.files, role)
            const fixed = fixedFiles(fixture.files, result)
            if (result.patch !== '') {
              const dir = mkdtempSync(join(tmpdir(), 'named-patch-'))
              try {
                for (const [path, bytes] of Object.entries(fixture.files)) {
                  mkdirSync(dirname(join(dir, path)), {recursive: true})
                  writeFileSync(join(dir, path), bytes)
                }
                const applied = spawnSync('patch', ['-p1', '--no-backup-if-mismatch', '-F', '0', '-d', dir], {input: encodePatch(result), encoding: 'utf8'})
                expect(applied.status, `${applied.stdout}${applied.stderr}`).toBe(0)
                for (const file of result.files.filter((f) => f.changed)) expect(readFileSync(join(dir, posix.normalize(file.realPath)))).toEqual(fixed[file.realPath])
              } finally {
                rmSync(dir, {recursive: true, force: true})
              }
            }
            const again = runHarden(fixed, role)
            expect(again.patch, again.patch).toBe('')
          })
        })
      }
    })
  }
})

describeJudged('named-checkconf judges generated configurations and their fixes', () => {
  // Each run costs two or three named-checkconf processes: a few dozen runs.
  test.prop([hardeningScenario], {numRuns: Number(process.env.FC_NUM_RUNS ?? 0) > 1000 ? 300 : 30})('a configuration named accepts is still accepted after every fix', (scenario) => {
    const files = Object.fromEntries(Object.entries(scenario.files).map(([path, text]) => [path, Buffer.from(text)]))
    fc.pre(namedCheckconf(files).ok)
    const result = runHarden(files, scenario.role)
    const check = namedCheckconf(fixedFiles(files, result))
    expect(check.ok, `${check.stdout}${check.stderr}\n${JSON.stringify(scenario)}\n${result.patch}`).toBe(true)
  })
})
