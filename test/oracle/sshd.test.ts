/**
 * The real sshd judges every fixture of test/fixtures/sshd and what the library makes of it.
 *
 * For each fixture, and for the `baseline` and `strict` profiles with every fix applied
 * (`fix: 'unsafe'`, `sshd.version` 9.2 as the judge is OpenSSH 9.2p1), and `strict` with
 * new lines in a drop-in that the patch creates (`sshd.dropIn`):
 *
 * (a) sshd accepts the fixture as it is (`sshd -t`), and the connection built for each of
 *     its Match lines is one that sshd finds matching;
 * (b) `harden()` reads and fixes it;
 * (c) sshd accepts the fixed files;
 * (d) `sshd -T` of the fixed files shows the value of every applied ``Set `Keyword value` ``
 *     fix, for every connection (no `-C`) and for a connection that each Match block of
 *     the fixture matches (`-C user=..,host=..,addr=..`), a smaller positive number passing
 *     for a count or a time; and every setting that no applied `Set` fix names keeps the
 *     value it had before, so that removals and renames (`Remove the ignored ... line`,
 *     `Rename ...`) change nothing sshd uses;
 * (e) the patch, written out in UTF-8 as the CLI writes it, applies with GNU `patch -p1`
 *     (without fuzz) and with `git apply`, giving the fixed files byte for byte;
 * (f) fixing the fixed files again changes nothing;
 * (g) each rule whose fixes are not all ``Set `...` `` (removals, renames), run alone,
 *     changes nothing sshd uses but what its fixes set;
 * (h) the library's own reading of every global single-valued setting (first line wins,
 *     includes in order, aliases, quotes, built-in defaults) is the value sshd uses.
 *
 * The checks read the fix titles of `result.applied`, not a list of rules, so rules added
 * later are judged too. Without sshd the suite fails under CI (run scripts/install-oracles)
 * and is skipped, with the reason in its name, elsewhere.
 */

import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {encodePatch, harden, type HardenResult} from '../../src/harden.js'
import {memoryHost} from '../../src/core/host.js'
import {encodeText} from '../../src/core/text.js'
import type {Profile} from '../../src/core/rule.js'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import {keywords} from '../../src/formats/sshd/keywords.js'
import {argumentValues, entriesOf, globalValue, loadSshdConfig} from '../../src/formats/sshd/semantics.js'
import {accountsWith, connectionSpec, parseEffective, runSshdBatch, sshdAvailability, type Connection, type JudgeFiles, type SshdVerdict} from './sshd-judge.js'
import {describeWhenAvailable} from '../support/requires.js'
import {applyInFolder} from '../support/apply-patch.js'
import {readTreeFiles} from '../support/tree-files.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/sshd/', import.meta.url))
const MAIN = '/etc/ssh/sshd_config'
/** How the library is run on each fixture: a profile, and optionally a drop-in for new lines. */
interface Run {
  name: string
  profile: Profile
  dropIn?: string
}
const RUNS: readonly Run[] = [
  {name: 'baseline', profile: 'baseline'},
  {name: 'strict', profile: 'strict'},
  // New global lines go to a drop-in that the patch creates (where the main file includes
  // sshd_config.d/*.conf; elsewhere the same as `strict`).
  {name: 'strict, new lines in a drop-in', profile: 'strict', dropIn: '/etc/ssh/sshd_config.d/00-harden-config.conf'},
]
const STRICT = RUNS[1]!

/** A fixture: its files by system path, as bytes. */
interface Fixture {
  name: string
  files: Record<string, Buffer>
}

/**
 * The corpus: a folder holding `etc/ssh/sshd_config` is a root tree (every file in it is
 * part of the system, at its path below the folder); a file named `*.sshd_config` is a
 * main file on its own, read as /etc/ssh/sshd_config. Other folders are searched.
 */
function loadFixtures(dir: string): Fixture[] {
  const found: Fixture[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (!statSync(path).isDirectory()) {
      if (name.endsWith('.sshd_config')) found.push({name: relative(FIXTURES, path), files: {[MAIN]: readFileSync(path)}})
      continue
    }
    if (existsSync(join(path, 'etc/ssh/sshd_config'))) {
      const files = readTreeFiles(path)
      found.push({name: relative(FIXTURES, path), files})
    } else {
      found.push(...loadFixtures(path))
    }
  }
  return found
}

/** The files sshd reads or may read (under /etc/ssh); account files of a tree stay out of the judge. */
function sshdFiles(files: Record<string, Buffer>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith('/etc/ssh/')))
}

/** What the library made of a fixture in one run. */
interface Outcome {
  result: HardenResult
  /** Every file of the fixture, fixed ones replaced and new ones added, as bytes. */
  fixed: Record<string, Buffer>
}

function runHarden(files: Record<string, Buffer>, run: Run): HardenResult {
  const settings = run.dropIn === undefined ? {version: '9.2'} : {version: '9.2', dropIn: run.dropIn}
  return harden([MAIN], {host: memoryHost(files), profile: run.profile, fix: 'unsafe', options: {sshd: settings}})
}

const outcomes = new Map<string, Outcome>()
function outcome(fixture: Fixture, run: Run): Outcome {
  const key = `${fixture.name}\0${run.name}`
  let found = outcomes.get(key)
  if (found === undefined) {
    const result = runHarden(fixture.files, run)
    const fixed = {...fixture.files}
    for (const file of result.files) if (file.changed || file.created) fixed[file.realPath] = encodeText(file.fixed, file.encoding)
    found = {result, fixed}
    outcomes.set(key, found)
  }
  return found
}

// --- Match blocks, read independently of the library ------------------------------------

/** A connection to judge with: `undefined` is every connection (`sshd -T` without `-C`). */
interface MatchContext {
  label: string
  /** The Match line, as written. */
  head: string
  connection: Connection
}

/** The connections that judge a fixture, and the accounts that `Match Group` needs. */
interface Judging {
  contexts: Array<MatchContext | undefined>
  /** /etc/passwd and /etc/group with the users of Match Group contexts in their groups; empty when none is needed. */
  accounts: Record<string, string>
}

/** Splits a line into words as sshd does for the simple cases the corpus uses: quotes, `#` comments. */
function words(line: string): string[] {
  const out: string[] = []
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? match[3]!
    if (match[3]?.startsWith('#')) break
    out.push(word)
  }
  return out
}

const DEFAULT_CONNECTION: Connection = {user: 'sshd-judge', host: 'client.example.net', addr: '192.0.2.10'}
const DEFAULT_LOCAL = {laddr: '198.51.100.1', lport: '22'}

/** A value a pattern list matches: its first pattern that is not negated, wildcards filled in. */
function sample(patterns: string[], fill: string): string | undefined {
  const positive = patterns.find((p) => p !== '' && !p.startsWith('!'))
  return positive?.replace(/[*?]/g, fill)
}

/**
 * The connections that judge a fixture: every connection (`sshd -T` without `-C`: only
 * global lines and `Match all` apply), then, for every Match line of its files under
 * /etc/ssh, one that the line matches. Lines whose criteria a connection spec cannot
 * express (`Exec`, ...) are left out. When a block tests the local address or port, sshd
 * wants them in every spec and refuses `-T` without `-C`: "every connection" is then one to
 * port 22 that no block names.
 */
function judging(files: Record<string, Buffer>): Judging {
  const contexts: MatchContext[] = []
  const memberships: Array<{user: string; groups: string[]}> = []
  for (const [path, bytes] of Object.entries(sshdFiles(files)).sort(([a], [b]) => a.localeCompare(b))) {
    bytes
      .toString('latin1')
      .split('\n')
      .forEach((raw, index) => {
        const line = raw.replace(/\r$/, '')
        const head = /^\s*"?match"?(?:\s*=\s*|\s+)(.*)$/i.exec(line)
        if (head === null) return
        const args = words(head[1]!)
        const criteria: Array<[string, string[]]> = []
        for (let i = 0; i < args.length; i++) {
          const name = args[i]!.toLowerCase()
          if (name === 'all') criteria.push(['all', []])
          else if (name.includes('=')) criteria.push([name.slice(0, name.indexOf('=')), args[i]!.slice(name.indexOf('=') + 1).split(',')])
          else criteria.push([name, (args[++i] ?? '').split(',')])
        }
        const connection: Connection = {...DEFAULT_CONNECTION}
        const groups: string[] = []
        for (const [name, patterns] of criteria) {
          if (name === 'all') continue
          else if (name === 'user') connection.user = sample(patterns, 'x') ?? connection.user
          else if (name === 'host') connection.host = sample(patterns, 'x') ?? connection.host
          else if (name === 'address') connection.addr = sample(patterns.map((p) => p.replace(/\/\d+$/, '')), '1') ?? connection.addr
          else if (name === 'localaddress') connection.laddr = sample(patterns.map((p) => p.replace(/\/\d+$/, '')), '1') ?? DEFAULT_LOCAL.laddr
          else if (name === 'localport') connection.lport = sample(patterns, '2') ?? DEFAULT_LOCAL.lport
          else if (name === 'group') groups.push(sample(patterns, 'x') ?? 'sshd-judge')
          else return
        }
        if (groups.length > 0) {
          // A user of its own, so that the group does not leak into other contexts.
          if (!criteria.some(([name]) => name === 'user')) connection.user = `judge-${groups[0]}`
          memberships.push({user: connection.user, groups})
        }
        contexts.push({label: `${path}:${index + 1} \`${line.trim()}\``, head: line.trim(), connection})
      })
  }
  const accounts = memberships.length > 0 ? accountsWith(memberships) : {}
  if (!contexts.some((c) => c.connection.laddr !== undefined || c.connection.lport !== undefined)) return {contexts: [undefined, ...contexts], accounts}
  for (const context of contexts) context.connection = {...DEFAULT_LOCAL, ...context.connection}
  const anyone: MatchContext = {label: 'a connection to port 22 that no Match block names', head: 'Match all', connection: {...DEFAULT_CONNECTION, ...DEFAULT_LOCAL}}
  return {contexts: [anyone, ...contexts], accounts}
}

const judgings = new Map<Fixture, Judging>()
function judgingOf(fixture: Fixture): Judging {
  let found = judgings.get(fixture)
  if (found === undefined) {
    found = judging(fixture.files)
    judgings.set(fixture, found)
  }
  return found
}

/**
 * The Match lines whose connection sshd does not find matching, asked on files that each
 * hold only that line and a marker (the judged files are never rewritten for this).
 */
function unmatchedContexts(judged: Judging): string[] {
  const contexts = judged.contexts.filter((context) => context !== undefined)
  const marker = '/sshd-judge/matched'
  const files: JudgeFiles = {...judged.accounts, ...Object.fromEntries(contexts.map((context, i) => [`/etc/ssh/probe-${i}`, `${context.head}\n\tBanner ${marker}\n`]))}
  const runs = runSshdBatch(
    files,
    contexts.map((context, i) => ['-T', '-f', `/etc/ssh/probe-${i}`, '-C', connectionSpec(context.connection)]),
  )
  return contexts.flatMap((context, i) => (runs[i]!.stdout.split('\n').includes(`banner ${marker}`) ? [] : [`${context.label}: ${runs[i]!.stderr}`]))
}

/** What sshd says about a set of files: `sshd -t`, and `sshd -T` for each context. */
interface Verdicts {
  check: SshdVerdict
  /** By context, in the order of {@link Judging.contexts}; undefined when sshd -t refused the files. */
  effective: Array<Map<string, string[]>> | undefined
}

const verdicts = new Map<string, Verdicts>()
/** `sshd -t` and `sshd -T` for every context, in one namespace, memoized by the files. */
function verdictsOf(fixture: Fixture, files: Record<string, Buffer>): Verdicts {
  const judged = judgingOf(fixture)
  const key = JSON.stringify([fixture.name, asText(sshdFiles(files))])
  let found = verdicts.get(key)
  if (found === undefined) {
    const argLists = [['-t'], ...judged.contexts.map((context) => (context === undefined ? ['-T'] : ['-T', '-C', connectionSpec(context.connection)]))]
    const [check, ...effective] = runSshdBatch({...sshdFiles(files), ...judged.accounts}, argLists)
    const verdict: SshdVerdict = {ok: check!.status === 0, status: check!.status, stderr: check!.stderr}
    const failed = effective.findIndex((run) => run.status !== 0)
    if (verdict.ok && failed >= 0) throw new Error(`sshd ${argLists[failed + 1]!.join(' ')} failed (exit ${effective[failed]!.status}):\n${effective[failed]!.stderr}`)
    found = {check: verdict, effective: verdict.ok ? effective.map((run) => parseEffective(run.stdout)) : undefined}
    verdicts.set(key, found)
  }
  return found
}

// --- Comparing what sshd prints with what a fix wrote ------------------------------------

const TIME = /^(?:\d+[smhdw]?)+$/i
const TIME_UNITS: Record<string, number> = {'': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800}

/** A value as sshd -T prints it: lower case, `prohibit-password` by its old name, times in seconds. */
function normalize(value: string): string {
  return words(value)
    .map((word) => {
      const lower = word.toLowerCase()
      if (lower === 'prohibit-password') return 'without-password'
      if (TIME.test(lower) && /[a-z]/.test(lower)) {
        let seconds = 0
        for (const [, n, unit] of lower.matchAll(/(\d+)([smhdw]?)/g)) seconds += Number(n) * TIME_UNITS[unit!]!
        return String(seconds)
      }
      return lower
    })
    .join(' ')
}

/** ``Set `Keyword value` ``: the keyword (lower case) and the value a fix writes. */
function setTitle(title: string): {keyword: string; value: string} | undefined {
  const match = /^Set `([A-Za-z0-9]+)\s+(.+)`$/.exec(title)
  return match ? {keyword: match[1]!.toLowerCase(), value: match[2]!} : undefined
}

/**
 * Whether sshd's value satisfies a fix that wrote `wanted`: the same value; or, for a
 * count or a time, a smaller positive one (a Match block or an earlier line the rule
 * accepted as stricter than its target, as `MaxAuthTries 2` is for a target of 4).
 */
function satisfies(actual: string, wanted: string): boolean {
  if (actual === wanted) return true
  return /^\d+$/.test(actual) && /^\d+$/.test(wanted) && Number(actual) > 0 && Number(actual) <= Number(wanted)
}

// --- The library's reading, against sshd's ------------------------------------------------

/**
 * Where the library's reading of the global value of a single-valued keyword differs from
 * `sshd -T`: its first global line, in any included file, or sshd's built-in value
 * (`builtinDefaults`). Keywords that a Match block sets are left to (d): `sshd -T` without
 * `-C` applies `Match all` blocks.
 *
 * @param files the configuration's files
 * @param effective what `sshd -T` printed for every connection
 */
function misreadGlobals(files: Record<string, Buffer>, effective: Map<string, string[]>): string[] {
  const config = loadSshdConfig(MAIN, {host: memoryHost(files), settings: {version: '9.2', dropIn: ''}, limits: DEFAULT_LIMITS, cache: new Map()})
  const problems: string[] = []
  for (const info of keywords) {
    if (info.aliasOf !== undefined || info.accumulates || info.status !== 'active' || info.name === 'Match') continue
    if (entriesOf(config, info.name).some((entry) => entry.conditions.length > 0)) continue
    const {value, entry} = globalValue(config, info.name)
    const sshd = effective.get(info.name.toLowerCase())
    if (value === undefined || sshd === undefined) continue
    const library = entry === undefined ? value : argumentValues(entry.directive).join(' ')
    if (normalize(library) !== normalize(sshd.join(' '))) {
      const where = entry === undefined ? 'its built-in default' : `${entry.document.path}:${entry.directive.position!.start.line}`
      problems.push(`${info.name}: the library reads \`${library}\` (${where}), sshd uses \`${sshd.join(' ')}\``)
    }
  }
  return problems
}

// --- Applying the patch with the real tools ---------------------------------------------

/** Files as text, for readable failures (bytes stay exact: latin1 maps each byte to one character). */
function asText(files: Record<string, Buffer>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(([path, bytes]) => [path, bytes.toString('latin1')]))
}

// --- The suite -----------------------------------------------------------------------------

/**
 * Known bugs of the library that the oracle shows, by fixture and check: those checks are
 * declared with `it.fails` until the bug is fixed (then they fail, as a reminder to remove
 * the entry). Each bug also has a small test of its own in sshd-bugs.test.ts.
 */
const KNOWN_BUGS: ReadonlyArray<{fixture: string; check: string; bug: string}> = []

/** Whether a run's patch differs from the strict run's (a harden error counts as different, to be reported). */
function differsFromStrict(fixture: Fixture, run: Run): boolean {
  try {
    return outcome(fixture, run).result.patch !== outcome(fixture, STRICT).result.patch
  } catch {
    return true
  }
}

/** `it`, or `it.fails` with the bug in the title when the check is a known bug. */
function check(fixture: Fixture, name: string, title: string, body: () => void): void {
  const known = KNOWN_BUGS.find((bug) => bug.fixture === fixture.name && bug.check === name)
  if (known) it.fails(`${title} (known bug: ${known.bug})`, body)
  else it(title, body)
}

const fixtures = loadFixtures(FIXTURES)
const judge = sshdAvailability()

describeWhenAvailable('sshd oracle', judge, (judge) => {
  describe(`sshd oracle (${judge.version})`, () => {
    it('has a corpus', () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(10)
    })

    /**
     * What sshd says about a fixed configuration, as a list of problems (empty: all good):
     * sshd -t accepts it; for every context, each ``Set `Keyword value` `` fix shows in
     * `sshd -T`, and every other setting keeps the value it had before the fixes.
     */
    const judgeFixed = (fixture: Fixture, result: HardenResult, fixed: Record<string, Buffer>): string[] => {
      const before = verdictsOf(fixture, fixture.files)
      const after = verdictsOf(fixture, fixed)
      if (!after.check.ok) return [`sshd -t refuses the fixed files: ${after.check.stderr}`]
      const wanted = new Map<string, {value: string; title: string}>()
      for (const finding of result.applied) {
        const set = setTitle(finding.fix!.title)
        if (set !== undefined) wanted.set(set.keyword, {value: set.value, title: finding.fix!.title})
      }
      const problems: string[] = []
      judgingOf(fixture).contexts.forEach((context, index) => {
        const where = context === undefined ? 'every connection (sshd -T)' : `${context.label} (sshd -T -C ${connectionSpec(context.connection)})`
        const was = before.effective![index]!
        const is = after.effective![index]!
        for (const [keyword, {value, title}] of wanted) {
          const actual = is.get(keyword)
          if (actual === undefined) {
            problems.push(`${where}: sshd -T prints no \`${keyword}\` (after ${title})`)
          } else if (!satisfies(normalize(actual.join(' ')), normalize(value))) {
            problems.push(`${where}: ${title} applied, but sshd uses \`${keyword} ${actual.join(' ')}\``)
          }
        }
        // What no Set fix names must not change: removals and renames only tidy up.
        for (const keyword of new Set([...was.keys(), ...is.keys()])) {
          if (wanted.has(keyword)) continue
          const old = (was.get(keyword) ?? []).join(' | ')
          const now = (is.get(keyword) ?? []).join(' | ')
          if (old !== now) problems.push(`${where}: \`${keyword}\` changed from \`${old}\` to \`${now}\`, though no applied fix sets it`)
        }
      })
      return problems
    }

    describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      it('(a) is accepted by sshd -t as it is', () => {
        const {check} = verdictsOf(fixture, fixture.files)
        expect(check, check.stderr).toMatchObject({ok: true})
      })

      it('(a) each Match block is matched by the connection that judges it', () => {
        expect(unmatchedContexts(judgingOf(fixture))).toEqual([])
      })

      it('(h) the library reads the global values sshd uses, before and after the fixes', () => {
        const sets = [fixture.files, ...RUNS.map((run) => outcome(fixture, run).fixed)]
        expect(sets.flatMap((files) => misreadGlobals(files, verdictsOf(fixture, files).effective![0]!))).toEqual([])
      })

      // A run that changes nothing against `strict` (no drop-in is included) is not repeated.
      const runs = RUNS.filter((run) => run === STRICT || run.dropIn === undefined || differsFromStrict(fixture, run))
      describe.each(runs.map((run) => [run.name, run] as const))('%s', (_run, run) => {
        it('(b, c) is fixed into files sshd -t accepts', () => {
          const {result, fixed} = outcome(fixture, run)
          // Every fixture is there to be fixed: a run that fixes nothing judges nothing.
          expect(result.applied.length, 'applied fixes').toBeGreaterThan(0)
          expect(result.patch).not.toBe('')
          const {check} = verdictsOf(fixture, fixed)
          expect(check, `sshd -t of the fixed files:\n${check.stderr}\n${result.patch}`).toMatchObject({ok: true})
        })

        it('(d) sshd -T shows the fixed values, for every connection and for each Match block', () => {
          const {result, fixed} = outcome(fixture, run)
          expect(judgeFixed(fixture, result, fixed), result.patch).toEqual([])
        })

        check(fixture, '(e)', '(e) the patch applies with patch -p1 and git apply, giving the fixed files', () => {
          const {result, fixed} = outcome(fixture, run)
          for (const tool of ['patch', 'git'] as const) {
            const applied = applyInFolder(fixture.files, encodePatch(result), tool)
            expect(applied.status, `${tool}: ${applied.output}\n${result.patch}`).toBe(0)
            expect(asText(applied.after), tool).toEqual(asText(fixed))
          }
        })

        it('(f) fixing the fixed files again changes nothing', () => {
          const {fixed} = outcome(fixture, run)
          const again = runHarden(fixed, run)
          expect(again.applied.map((f) => `${f.ruleId}: ${f.fix!.title}`)).toEqual([])
          expect(again.patch).toBe('')
        })
      })

      // Every rule whose fixes here are not all ``Set `Keyword value` `` (removals, renames),
      // run alone: such fixes claim to change nothing sshd uses, and in the full run another
      // rule's fix can hide the change (a removed line that counted, re-added by another rule).
      // Rules that only set values are judged by (d).
      // (A run that throws is reported by (b, c); collecting the tests must not throw.)
      let applied: HardenResult['applied'] = []
      try {
        applied = outcome(fixture, STRICT).result.applied
      } catch {
        applied = []
      }
      const rules = [...new Set(applied.filter((finding) => setTitle(finding.fix!.title) === undefined).map((finding) => finding.ruleId))].sort()
      describe.each(rules)('(g) %s alone', (rule) => {
        check(fixture, `(g) ${rule}`, 'changes only what its fixes set', () => {
          const result = harden([MAIN], {host: memoryHost(fixture.files), rules: [rule], fix: 'unsafe', options: {sshd: {version: '9.2'}}})
          const fixed = {...fixture.files}
          for (const file of result.files) if (file.changed || file.created) fixed[file.realPath] = encodeText(file.fixed, file.encoding)
          expect(judgeFixed(fixture, result, fixed), result.patch).toEqual([])
        })
      })
    })
  })
})
