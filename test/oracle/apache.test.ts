/**
 * The real Apache httpd judges every fixture of test/fixtures/apache and what the library
 * makes of it (see test/fixtures/apache/README.md for the corpus).
 *
 * For each fixture, and for the `baseline` and `strict` profiles with every fix applied
 * (`fix: 'unsafe'`, `apache.version` set to the judge's release):
 *
 * (a) httpd accepts the fixture as it is (`apache2 -t`);
 * (b) `harden()` reads and fixes it, and httpd accepts the fixed files;
 * (c) `apache2 -t -D DUMP_CONFIG` (mod_info) of the fixed files shows what the fixes claim:
 *     - ``Set `Directive value...` `` (optionally `in <Section ...>`): httpd reads the line the
 *       fix wrote, with that value, in that section; and it is the value in force: the last
 *       occurrence of the directive in the same context (server level, or the same virtual
 *       host or `<Directory>`/`<Location>`... section) has it. `Require` lines of one section
 *       combine (any of them grants), so there every `Require` must be the value; `Listen`
 *       and other lines that add up only need to be there.
 *     - ``Remove `W` from `D` ``, ``Turn `+W` into `-W` ``, ``Use `A` instead of `B` ``,
 *       ``Replace `X` by/with ...`` (and `... without `W``): the directive on the edited line,
 *       as httpd reads it, no longer has `W`/`+W`/`B`/`X`, and has `-W`/`A`.
 *     - ``Add `<Section args>` with `D v` and ...``: httpd reads that section where the fix
 *       wrote it, with those directives in it. ``Add `D v` ``: httpd reads that line; for
 *       `UserDir disabled` the last bare `UserDir disabled|enabled` at server level (the
 *       global switch) is `disabled`.
 *     - ``Redirect to URL``: httpd reads a `Redirect` to that URL where the fix wrote it.
 *     - Every fix, whatever its title: new lines never follow a line that ends with a
 *       backslash (httpd would join them to it); every directive line it wrote is read by
 *       httpd (not swallowed by a continuation, not in a section that does not hold); and
 *       outside the lines the fixes touched, httpd reads exactly what it read before (same
 *       directives, values and sections, in the same order), so no fix changes more than
 *       it says. A spoiled fix (`(c) catches a spoiled fix`) shows that these checks bite.
 * (d) the patch (`encodePatch`) applies with GNU `patch -p1` (no fuzz) and `git apply` on a
 *     copy of the fixture (symbolic links included), giving the fixed files byte for byte;
 *     each file's patch path is its real path, never one through a link;
 * (e) fixing the fixed files again changes nothing;
 * (f) for main configurations, before and after the fixes, the library reads what httpd
 *     reads: the same directives and sections in the same order with the same values
 *     (`entries`, `sections`: includes, links, continuations, quotes, `${VAR}`, and which
 *     `<IfModule>`/`<IfDefine>`/`<IfVersion>` hold), the same modules, the same `Listen`
 *     addresses (`listenAddresses`), and the same server-wide values (`serverEntry`).
 *
 * The checks read the fix titles of `result.applied`, not a list of rules, so rules added
 * later are judged too. Without apache2 the suite fails under CI (run
 * scripts/install-oracles) and is skipped, with the reason in its name, elsewhere.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, posix, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {encodePatch, harden, type HardenResult} from '../../src/harden.js'
import {memoryHost, type FileHost} from '../../src/core/host.js'
import {encodeText} from '../../src/core/text.js'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import type {Finding, Profile} from '../../src/core/rule.js'
import {sortSplices, type Splice} from '../../src/core/edits.js'
import {DEFAULT_HTTPD_VERSION} from '../../src/formats/apache/index.js'
import {CONDITIONAL_SECTIONS, listenAddresses, loadApacheConfig, serverEntry, type ApacheConfig} from '../../src/formats/apache/semantics.js'
import {apacheAvailability, apacheJudgeBatch, JUDGE_MAIN, type ApacheJudgement, type DumpEntry, type FragmentMain, type JudgeMain} from './apache-judge.js'
import {describeWhenAvailable} from '../support/requires.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/apache/', import.meta.url))
const MAIN = '/etc/apache2/apache2.conf'

/** A file of a fixture: its bytes, or a symbolic link. */
type FixtureEntry = Buffer | {link: string}
type Files = Record<string, FixtureEntry>

/** A fixture: its files by system path, and what httpd and the library read first. */
interface Fixture {
  name: string
  files: Files
  /** What harden() is run on. */
  entry: string
  /** What the judge reads: the main file, or the fragment inside the judge's main file. */
  main: JudgeMain
  fragment: boolean
}

/** How the library is run on each fixture. */
interface Run {
  name: string
  profile: Profile
}
const RUNS: readonly Run[] = [
  {name: 'baseline', profile: 'baseline'},
  {name: 'strict', profile: 'strict'},
]

// --- The corpus -----------------------------------------------------------------------------

/** Every file and link below a folder, by system path (`/etc/...`), links kept as links. */
function readTree(root: string, into: Files = {}): Files {
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name)
      const stat = lstatSync(path)
      const system = `/${relative(root, path).split('\\').join('/')}`
      if (stat.isSymbolicLink()) into[system] = {link: readlinkSync(path)}
      else if (stat.isDirectory()) walk(path)
      else if (folder !== root) into[system] = readFileSync(path)
    }
  }
  walk(root)
  return into
}

/** A root tree: its own files over those of the fixture named in its `EXTENDS` file, if any. */
function treeFiles(dir: string): Files {
  const extendsFile = join(dir, 'EXTENDS')
  const base = existsSync(extendsFile) ? treeFiles(join(FIXTURES, readFileSync(extendsFile, 'utf8').trim())) : {}
  return readTree(dir, {...base})
}

/**
 * The corpus: a folder holding `etc/apache2/apache2.conf` or an `EXTENDS` file is a root
 * tree; a file named `*.apache2.conf` is a main file read as /etc/apache2/apache2.conf,
 * with Debian's `envvars` beside it; `fragments.json` lists fragments judged alone. Other
 * folders are searched.
 */
function loadFixtures(dir: string, envvars: Buffer): Fixture[] {
  const found: Fixture[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    const label = relative(FIXTURES, path)
    if (!lstatSync(path).isDirectory()) {
      if (name.endsWith('.apache2.conf')) found.push({name: label, files: {[MAIN]: readFileSync(path), '/etc/apache2/envvars': envvars}, entry: MAIN, main: MAIN, fragment: false})
      continue
    }
    if (existsSync(join(path, 'EXTENDS')) || existsSync(join(path, 'etc/apache2/apache2.conf'))) {
      found.push({name: label, files: treeFiles(path), entry: MAIN, main: MAIN, fragment: false})
    } else {
      found.push(...loadFixtures(path, envvars))
    }
  }
  return found
}

interface FragmentSpec {
  tree: string
  file: string
  modules: string[]
  mpm?: FragmentMain['mpm']
}

function loadFragments(): Fixture[] {
  const specs = JSON.parse(readFileSync(join(FIXTURES, 'fragments.json'), 'utf8')) as FragmentSpec[]
  return specs.map((spec) => ({
    name: `fragment ${spec.tree}${spec.file}`,
    files: treeFiles(join(FIXTURES, spec.tree)),
    entry: spec.file,
    main: {fragment: spec.file, modules: spec.modules, mpm: spec.mpm},
    fragment: true,
  }))
}

const judge = apacheAvailability()
const VERSION = judge.ok ? judge.version : DEFAULT_HTTPD_VERSION
const DEBIAN_ENVVARS = readFileSync(join(FIXTURES, 'debian12/etc/apache2/envvars'))
const fixtures = [...loadFixtures(FIXTURES, DEBIAN_ENVVARS), ...loadFragments()]

// --- What the library makes of a fixture ----------------------------------------------------

interface Outcome {
  result: HardenResult
  /** Every file of the fixture, fixed ones replaced (by real path), links kept. */
  fixed: Files
}

function runHarden(fixture: Fixture, files: Files, run: Run): HardenResult {
  const settings = fixture.fragment ? {version: VERSION, serverRoot: '/etc/apache2'} : {version: VERSION}
  return harden([fixture.entry], {host: memoryHost(files), profile: run.profile, fix: 'unsafe', options: {apache: settings}})
}

const outcomes = new Map<string, Outcome | Error>()
function tryOutcome(fixture: Fixture, run: Run): Outcome | Error {
  const key = `${fixture.name}\0${run.name}`
  let found = outcomes.get(key)
  if (found === undefined) {
    try {
      const result = runHarden(fixture, fixture.files, run)
      const fixed = {...fixture.files}
      for (const file of result.files) if (file.changed || file.created) fixed[file.realPath] = encodeText(file.fixed, file.encoding)
      found = {result, fixed}
    } catch (error) {
      found = error as Error
    }
    outcomes.set(key, found)
  }
  return found
}
function outcome(fixture: Fixture, run: Run): Outcome {
  const found = tryOutcome(fixture, run)
  if (found instanceof Error) throw found
  return found
}

// --- What httpd says, in one batch for the whole corpus --------------------------------------

const keys = new WeakMap<Files, string>()
function filesKey(files: Files): string {
  let key = keys.get(files)
  if (key === undefined) {
    key = JSON.stringify(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(([path, entry]) => [path, Buffer.isBuffer(entry) ? entry.toString('latin1') : entry]))
    keys.set(files, key)
  }
  return key
}

let judged: Map<string, ApacheJudgement> | undefined
/** `apache2 -t` and the dump of the original and every fixed set of every fixture, in one batch. */
function judgementOf(fixture: Fixture, files: Files): ApacheJudgement {
  const key = (f: Fixture, set: Files) => `${f.name}\0${filesKey(set)}`
  if (judged === undefined) {
    const sets = new Map<string, {files: Files; main: JudgeMain}>()
    for (const f of fixtures) {
      sets.set(key(f, f.files), {files: f.files, main: f.main})
      for (const run of RUNS) {
        const found = tryOutcome(f, run)
        if (!(found instanceof Error)) sets.set(key(f, found.fixed), {files: found.fixed, main: f.main})
      }
    }
    const results = apacheJudgeBatch([...sets.values()])
    judged = new Map([...sets.keys()].map((k, i) => [k, results[i]!]))
  }
  let found = judged.get(key(fixture, files))
  if (found === undefined) {
    found = apacheJudgeBatch([{files, main: fixture.main}])[0]!
    judged.set(key(fixture, files), found)
  }
  return found
}

// --- Lines, edits and where they land -------------------------------------------------------

/** Where each line starts (offsets), and the line of an offset (1-based). */
class Lines {
  readonly starts: number[] = [0]
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1)
  }
  lineOf(offset: number): number {
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.starts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return low + 1
  }
  /** A line's text without its line end. */
  line(n: number): string {
    const start = this.starts[n - 1]!
    const end = n < this.starts.length ? this.starts[n]! : this.text.length
    return this.text.slice(start, end).replace(/\r?\n$/, '')
  }
  get count(): number {
    return this.starts.length
  }
  /** The first line of the logical line that ends on line n (continuations joined). */
  logicalStart(n: number): number {
    let first = n
    while (first > 1 && this.line(first - 1).endsWith('\\')) first--
    return first
  }
  /** The lines an edit's range touches: a range's lines, or the line an insertion splits (none when it is at a line start or at the end). */
  touched(start: number, end: number): number[] {
    if (start === end) {
      const line = this.lineOf(start)
      return start === this.starts[line - 1] || start >= this.text.length ? [] : [line]
    }
    const lines: number[] = []
    for (let n = this.lineOf(start); n <= this.lineOf(end - 1); n++) lines.push(n)
    return lines
  }
}

/** Where the splices of a file land in its fixed text: each splice's start there. */
function fixedStarts(splices: readonly Splice[]): Array<{splice: Splice; at: number}> {
  let delta = 0
  return sortSplices(splices).map((splice) => {
    const at = splice.start + delta
    delta += splice.text.length - (splice.end - splice.start)
    return {splice, at}
  })
}

/** What a changed file looks like to the checks: lines before and after, touched lines, and the line map. */
interface FileChange {
  before: Lines
  after: Lines
  /** Lines of the original that the fixes touched. */
  touchedBefore: Set<number>
  /** Lines of the fixed text that the fixes wrote or touched. */
  touchedAfter: Set<number>
  /** The fixed line of an untouched original line. */
  map(line: number): number
}

function fileChange(original: string, fixed: string, splices: readonly Splice[]): FileChange {
  const before = new Lines(original)
  const after = new Lines(fixed)
  const placed = fixedStarts(splices)
  const touchedBefore = new Set<number>()
  const touchedAfter = new Set<number>()
  for (const {splice, at} of placed) {
    for (const n of before.touched(splice.start, splice.end)) touchedBefore.add(n)
    for (const n of after.touched(at, at + splice.text.length)) touchedAfter.add(n)
  }
  const newlines = (text: string) => text.split('\n').length - 1
  const map = (line: number) => {
    const start = before.starts[line - 1]!
    let shift = 0
    for (const {splice} of placed) if (splice.end <= start) shift += newlines(splice.text) - newlines(original.slice(splice.start, splice.end))
    return line + shift
  }
  return {before, after, touchedBefore, touchedAfter, map}
}

/**
 * The lines of the fixed text where one edit of a fix landed: the fixed image of every
 * splice of the file (the fixes' edits, merged) that covers or touches the edit. A fix's
 * own edit can be merged with a neighbour's, or stand among other insertions at the same
 * offset: the region is then a little wider than the fix's own text, never narrower.
 */
function editRegion(change: FileChange, edit: {start: number; end: number}, splices: readonly Splice[]): {first: number; last: number} | undefined {
  const covering = fixedStarts(splices).filter(({splice}) => (edit.start === edit.end ? splice.start <= edit.start && edit.start <= splice.end : splice.start < edit.end && edit.start < splice.end) || (splice.start === splice.end && splice.start === edit.start))
  // Edits that cancel out (another fix restored the text) leave nothing to look at.
  if (covering.length === 0) return undefined
  const from = Math.min(...covering.map(({at}) => at))
  const to = Math.max(...covering.map(({splice, at}) => at + splice.text.length))
  const first = change.after.lineOf(from)
  let last = change.after.lineOf(Math.max(from, to - 1))
  // A word replaced inside a logical line: the line that ends it is what httpd numbers.
  while (last < change.after.count && change.after.line(last).endsWith('\\')) last++
  return {first: change.after.logicalStart(first), last}
}

// --- Reading the dump -----------------------------------------------------------------------

/** Directives httpd runs while reading (EXEC_ON_READ), which mod_info does not list. */
const EXEC_ON_READ = new Set(['loadmodule', 'loadfile', 'include', 'includeoptional', 'define', 'undefine', 'serverroot', 'defaultruntimedir', 'use', 'undefmacro'])
/** Directives whose lines add up instead of the last one winning. */
const ACCUMULATING = new Set(['listen', 'alias', 'aliasmatch', 'scriptalias', 'redirect', 'redirectmatch', 'header', 'requestheader', 'setenv', 'setenvif', 'addtype', 'addhandler', 'customlog', 'logformat', 'userdir', 'errordocument'])

const lower = (words: readonly string[]) => words.map((word) => word.toLowerCase())
const sameWords = (a: readonly string[], b: readonly string[]) => lower(a).join(' ') === lower(b).join(' ')

/** A context a directive is in, as httpd merges it: a virtual host is its own, other sections merge by name and arguments. */
function contextOf(entry: DumpEntry): string {
  return entry.scopes.map((scope) => (scope.name.toLowerCase() === 'virtualhost' ? `<VirtualHost ${scope.file}:${scope.line}>` : `<${scope.name.toLowerCase()} ${scope.args.join(' ')}>`)).join(' ')
}

/** The words of a title between backticks. */
function ticks(title: string): string[] {
  return [...title.matchAll(/`([^`]+)`/g)].map((match) => match[1]!)
}

/** ``Set `Directive value...` [in <Section args>]``. */
function setTitle(title: string): {directive: string; value: string[]; section: string | undefined} | undefined {
  const match = /^Set `([A-Za-z0-9_]+)\s+([^`]+)`(?:\s+in\s+<([^>]+)>)?$/.exec(title)
  return match ? {directive: match[1]!, value: match[2]!.split(/\s+/), section: match[3]} : undefined
}

/** Splits a directive line as written in a title (`Require all denied`) into name and words. */
function directiveOf(text: string): {name: string; args: string[]} {
  const [name = '', ...args] = text.trim().split(/\s+/)
  return {name, args}
}

// --- The judgement of one fixed configuration -----------------------------------------------

/** Everything the checks need about one fixed set. */
interface Judged {
  fixture: Fixture
  result: HardenResult
  host: FileHost
  before: DumpEntry[]
  after: DumpEntry[]
  /** By real path: the changed files. */
  changes: Map<string, FileChange>
  /** The real path of a dumped file (a link's target); the judge's own main file and mod_macro's expansions stay as they are. */
  real(file: string): string
}

function judgedOf(fixture: Fixture, run: Run): Judged | string {
  const {result, fixed} = outcome(fixture, run)
  return judgedFrom(fixture, result, fixed)
}

function judgedFrom(fixture: Fixture, result: HardenResult, fixed: Files): Judged | string {
  const before = judgementOf(fixture, fixture.files)
  const after = judgementOf(fixture, fixed)
  if (before.dump === undefined) return `apache2 -t refuses the original files: ${before.check.stderr}`
  if (after.dump === undefined) return `apache2 -t refuses the fixed files: ${after.check.stderr}`
  const host = memoryHost(fixture.files)
  const changes = new Map<string, FileChange>()
  for (const file of result.files) if (file.changed) changes.set(file.realPath, fileChange(file.original, file.fixed, file.edits))
  return {fixture, result, host, before: before.dump, after: after.dump, changes, real: (file) => (file.startsWith('/') ? host.realPath(file) : file)}
}

/** The dumped entries (after the fixes) on the lines one fix wrote, with the region, per edit. */
function regionsOf(j: Judged, finding: Finding): Array<{file: string; first: number; last: number; entries: DumpEntry[]}> {
  const regions: Array<{file: string; first: number; last: number; entries: DumpEntry[]}> = []
  for (const edit of finding.fix!.edits) {
    const real = j.host.realPath(edit.file)
    const change = j.changes.get(real)
    const file = j.result.files.find((f) => f.realPath === real)
    if (change === undefined || file === undefined) continue
    const region = editRegion(change, edit, file.edits)
    if (region === undefined) continue
    const {first, last} = region
    const entries = j.after.filter((entry) => j.real(entry.file) === real && entry.line >= first && change.after.logicalStart(entry.line) <= last)
    regions.push({file: real, first, last, entries})
  }
  return regions
}

/** Every problem (c) finds in a fixed configuration: the fixes' claims, then what changed outside them. */
function problemsOf(j: Judged): string[] {
  const problems = j.result.applied.flatMap((finding) => judgeFix(j, finding))
  const {before, after} = untouched(j)
  const gone = before.filter((entry) => !after.includes(entry))
  const added = after.filter((entry) => !before.includes(entry))
  for (const entry of gone) problems.push(`outside the lines the fixes touched, httpd no longer reads ${entry}`)
  for (const entry of added) problems.push(`outside the lines the fixes touched, httpd now reads ${entry}`)
  if (gone.length === 0 && added.length === 0 && before.join('\n') !== after.join('\n')) problems.push('outside the lines the fixes touched, httpd reads the same lines in another order')
  return problems
}

/** What httpd shows against what a fix claims, as problems (empty: all good). */
function judgeFix(j: Judged, finding: Finding): string[] {
  const title = finding.fix!.title
  const problems: string[] = []
  const regions = regionsOf(j, finding)
  const where = (r: {file: string; first: number; last: number}) => `${r.file}:${r.first}${r.last > r.first ? `-${r.last}` : ''}`
  const say = (text: string) => problems.push(`${finding.ruleId}: ${title}: ${text}`)
  const named = (entries: DumpEntry[], name: string) => entries.filter((entry) => entry.directive.toLowerCase() === name.toLowerCase())

  // New lines never continue the line before them (one that ends with a backslash, such as
  // a comment: httpd would join them to it).
  for (const edit of finding.fix!.edits) {
    const real = j.host.realPath(edit.file)
    const change = j.changes.get(real)
    const file = j.result.files.find((f) => f.realPath === real)
    if (change === undefined || file === undefined || edit.start > file.original.length) continue
    const before = file.original.slice(0, edit.start)
    const startsLine = edit.start === 0 || before.endsWith('\n') || edit.text.startsWith('\n') || edit.text.startsWith('\r\n')
    const previous = (edit.text.startsWith('\n') || edit.text.startsWith('\r\n') ? before : before.replace(/\r?\n$/, '')).split('\n').at(-1)!.replace(/\r$/, '')
    if (startsLine && edit.start > 0 && previous.endsWith('\\') && /\S/.test(edit.text)) {
      say(`the new text follows \`${previous}\` (${real}:${change.before.lineOf(edit.start - 1)}), which ends with a backslash: httpd joins the new line to it`)
    }
  }

  // Every directive line the fix wrote is read by httpd.
  for (const region of regions) {
    const change = j.changes.get(region.file)!
    for (let n = region.first; n <= region.last; n++) {
      if (change.after.line(n).endsWith('\\')) continue
      const text = Array.from({length: n - change.after.logicalStart(n) + 1}, (_, i) => change.after.line(change.after.logicalStart(n) + i).replace(/\\$/, '')).join('').trim()
      if (text === '' || text.startsWith('#') || text.startsWith('</')) continue
      const name = directiveOf(text).name.replace(/^</, '').replace(/>$/, '').toLowerCase()
      if (EXEC_ON_READ.has(name) || CONDITIONAL_SECTIONS.has(name)) continue
      if (!region.entries.some((entry) => entry.line === n)) say(`httpd does not read \`${text}\` (${region.file}:${n}): swallowed by a continuation or in a section that does not hold`)
    }
  }

  const set = setTitle(title)
  if (set !== undefined) {
    const found = regions.flatMap((region) => named(region.entries, set.directive).map((entry) => ({entry, region})))
    if (found.length === 0) {
      say(`httpd reads no \`${set.directive}\` where the fix wrote it (${regions.map(where).join(', ') || 'its edits are not over the original file: a fix of a later pass that no first-pass finding stands for'})`)
      return problems
    }
    for (const {entry, region} of found) {
      if (!sameWords(entry.args, set.value)) say(`httpd reads \`${entry.directive} ${entry.raw}\` at ${where(region)}`)
      if (set.section !== undefined) {
        const wanted = directiveOf(set.section)
        if (!entry.scopes.some((scope) => scope.name.toLowerCase() === wanted.name.toLowerCase() && sameWords(scope.args, wanted.args))) say(`httpd reads it outside <${set.section}> (in ${contextOf(entry) || 'the server level'})`)
      }
      const name = set.directive.toLowerCase()
      const context = contextOf(entry)
      const same = j.after.filter((other) => other.directive.toLowerCase() === name && contextOf(other) === context)
      if (name === 'require') {
        for (const other of same) if (!sameWords(other.args, set.value)) say(`\`Require ${other.raw}\` (${other.file}:${other.line}) in the same section still grants access beside it`)
      } else if (!ACCUMULATING.has(name)) {
        const last = same.at(-1)!
        if (!sameWords(last.args, set.value)) say(`a later \`${last.directive} ${last.raw}\` (${last.file}:${last.line}) in ${context || 'the server level'} wins over it`)
      }
    }
    return problems
  }

  const words = ticks(title)
  const edited = regions.flatMap((region) => region.entries)
  const has = (entry: DumpEntry, word: string) => lower(entry.args).includes(word.toLowerCase())
  let match: RegExpExecArray | null
  if ((match = /^Remove `([^`]+)` from `([^`]+)`$/.exec(title))) {
    const [, word, directive] = match
    const lines = named(edited, directive!.split(/\s+/)[0]!)
    if (lines.length === 0) say(`httpd reads no \`${directive}\` on the edited lines`)
    for (const entry of lines) if (has(entry, word!) || has(entry, `+${word}`)) say(`httpd still reads \`${entry.directive} ${entry.raw}\` (${entry.file}:${entry.line})`)
  } else if ((match = /^Turn `\+([^`]+)` into `-([^`]+)`$/.exec(title))) {
    const word = match[1]!
    if (!edited.some((entry) => has(entry, `-${word}`))) say(`httpd reads no \`-${word}\` on the edited lines (${edited.map((e) => `${e.directive} ${e.raw}`).join('; ')})`)
    for (const entry of edited) if (has(entry, `+${word}`)) say(`httpd still reads \`${entry.directive} ${entry.raw}\``)
  } else if ((match = /^Use `([^`]+)` instead of `([^`]+)`$/.exec(title))) {
    const [, wanted, unwanted] = match
    if (!edited.some((entry) => has(entry, wanted!))) say(`httpd reads no \`${wanted}\` on the edited lines (${edited.map((e) => `${e.directive} ${e.raw}`).join('; ')})`)
    for (const entry of edited) if (has(entry, unwanted!)) say(`httpd still reads \`${entry.directive} ${entry.raw}\``)
  } else if ((match = /^(?:Replace|Remove) `([^`]+)`/.exec(title))) {
    const gone = [match[1]!, ...(/without `([^`]+)`/.exec(title)?.slice(1) ?? [])]
    for (const entry of edited) for (const word of gone) if (has(entry, word) || has(entry, `+${word}`)) say(`httpd still reads \`${entry.directive} ${entry.raw}\` (${entry.file}:${entry.line})`)
  } else if ((match = /^Add `<([^`>]+)>`/.exec(title))) {
    const section = directiveOf(match[1]!)
    const opened = edited.find((entry) => entry.section && entry.directive.toLowerCase() === `<${section.name.toLowerCase()}` && sameWords(entry.args, section.args))
    if (opened === undefined) say(`httpd reads no <${match[1]}> where the fix wrote it`)
    else {
      for (const line of words.slice(1)) {
        const wanted = directiveOf(line)
        const inside = edited.filter((entry) => entry.scopes.some((scope) => scope.file === opened.file && scope.line === opened.line))
        if (!named(inside, wanted.name).some((entry) => sameWords(entry.args, wanted.args))) say(`httpd reads no \`${line}\` in the new <${match[1]}>`)
      }
    }
  } else if ((match = /^Add `([^`<]+)`$/.exec(title))) {
    const wanted = directiveOf(match[1]!)
    const added = named(edited, wanted.name).filter((entry) => sameWords(entry.args, wanted.args))
    if (added.length === 0) say(`httpd reads no \`${match[1]}\` where the fix wrote it`)
    if (wanted.name.toLowerCase() === 'userdir' && sameWords(wanted.args, ['disabled'])) {
      // The switch of the server or virtual host it was added to: the last bare
      // `UserDir disabled|enabled` there.
      for (const entry of added) {
        const context = contextOf(entry)
        const last = j.after.filter((other) => other.directive.toLowerCase() === 'userdir' && contextOf(other) === context && other.args.length === 1 && /^(?:disabled|enabled)$/i.test(other.args[0]!)).at(-1)
        if (last === undefined || last.args[0]!.toLowerCase() !== 'disabled') say(`the last bare UserDir switch in ${context || 'the server level'} is \`${last ? `UserDir ${last.raw}` : 'none'}\``)
      }
    }
  } else if ((match = /^Redirect to (\S+)$/.exec(title))) {
    const url = match[1]!
    if (!edited.some((entry) => /^redirect/i.test(entry.directive) && entry.args.includes(url))) say(`httpd reads no Redirect to ${url} where the fix wrote it`)
  }
  return problems
}

/** The entries httpd reads outside the lines the fixes touched, before and after, comparable. */
function untouched(j: Judged): {before: string[]; after: string[]} {
  const key = (entry: DumpEntry, file: string, line: number) => `${file}:${line} ${entry.directive} ${JSON.stringify(entry.args)} in ${entry.scopes.map((s) => `<${s.name} ${s.args.join(' ')}>`).join(' ') || 'server'}`
  const touchedIn = (lines: Lines, touched: Set<number>, line: number) => {
    for (let n = lines.logicalStart(line); n <= line; n++) if (touched.has(n)) return true
    return false
  }
  const before = j.before.flatMap((entry) => {
    const file = j.real(entry.file)
    const change = j.changes.get(file)
    if (change === undefined) return [key(entry, file, entry.line)]
    return touchedIn(change.before, change.touchedBefore, entry.line) ? [] : [key(entry, file, change.map(entry.line))]
  })
  const after = j.after.flatMap((entry) => {
    const file = j.real(entry.file)
    const change = j.changes.get(file)
    if (change === undefined) return [key(entry, file, entry.line)]
    return touchedIn(change.after, change.touchedAfter, entry.line) ? [] : [key(entry, file, entry.line)]
  })
  return {before, after}
}

// --- The library's reading, against httpd's -------------------------------------------------

function loadConfig(fixture: Fixture, files: Files): ApacheConfig {
  return loadApacheConfig(fixture.entry, {host: memoryHost(files), settings: {version: VERSION, defines: [], serverRoot: ''}, limits: DEFAULT_LIMITS, cache: new Map()})
}

const lineIndexes = new Map<string, Lines>()
/** The line httpd numbers a node by: where its logical line ends. */
function endLine(text: string, offset: number): number {
  let lines = lineIndexes.get(text)
  if (lines === undefined) {
    lines = new Lines(text)
    lineIndexes.set(text, lines)
  }
  return lines.lineOf(offset)
}

/** The directives (not the EXEC_ON_READ ones) the library reads as active, as `file:line name args`. */
function libraryDirectives(config: ApacheConfig): string[] {
  return config.entries
    .filter((entry) => entry.active && !EXEC_ON_READ.has(entry.name))
    .map((entry) => `${entry.document.path}:${endLine(entry.document.text, entry.directive.position!.end.offset! + entry.directive.trailing.length)} ${entry.name} ${JSON.stringify(entry.args)}`)
}

function libraryContextSections(config: ApacheConfig): string[] {
  return config.sections
    .filter((section) => section.active && !CONDITIONAL_SECTIONS.has(section.kind))
    .map((section) => `${section.document.path}:${endLine(section.document.text, section.section.open.position!.end.offset!)} <${section.kind} ${JSON.stringify(section.args)}`)
}

function httpdDirectives(dump: DumpEntry[]): string[] {
  return dump.filter((entry) => !entry.section && entry.file !== JUDGE_MAIN).map((entry) => `${entry.file}:${entry.line} ${entry.directive.toLowerCase()} ${JSON.stringify(entry.args)}`)
}

function httpdContextSections(dump: DumpEntry[]): string[] {
  return dump.filter((entry) => entry.section && entry.file !== JUDGE_MAIN).map((entry) => `${entry.file}:${entry.line} ${entry.directive.toLowerCase()} ${JSON.stringify(entry.args)}`)
}

/** Which conditional sections hold, for the library and for httpd (one of its directives is in the dump). */
function conditionals(config: ApacheConfig, dump: DumpEntry[]): {library: string[]; httpd: string[]} {
  const dumped = new Set(dump.map((entry) => `${entry.file}:${entry.line}`))
  const library: string[] = []
  const httpd: string[] = []
  for (const section of config.sections) {
    if (!CONDITIONAL_SECTIONS.has(section.kind)) continue
    // A directive or context section under it whose conditions inside it hold for the library.
    const witnesses = [
      ...config.entries.filter((entry) => !EXEC_ON_READ.has(entry.name)).map((entry) => ({scopes: entry.scopes, at: `${entry.document.path}:${endLine(entry.document.text, entry.directive.position!.end.offset! + entry.directive.trailing.length)}`})),
      ...config.sections.filter((s) => !CONDITIONAL_SECTIONS.has(s.kind)).map((s) => ({scopes: s.scopes, at: `${s.document.path}:${endLine(s.document.text, s.section.open.position!.end.offset!)}`})),
    ].filter((w) => {
      const index = w.scopes.findIndex((scope) => scope.section === section.section)
      if (index < 0) return false
      return w.scopes.slice(index + 1).every((scope) => {
        if (!CONDITIONAL_SECTIONS.has(scope.kind)) return true
        return config.sections.find((s) => s.section === scope.section)?.active === true || !section.active
      })
    })
    if (witnesses.length === 0) continue
    const label = `${section.document.path}:${section.section.open.position!.start.line} <${section.section.open.name.value} ${section.args.join(' ')}>`
    library.push(`${label} ${section.active ? 'holds' : 'does not hold'}`)
    httpd.push(`${label} ${witnesses.some((w) => dumped.has(w.at)) ? 'holds' : 'does not hold'}`)
  }
  return {library, httpd}
}

/** Server-wide directives whose last server-level line is the value httpd uses. */
const SERVER_WIDE = ['ServerTokens', 'ServerSignature', 'TraceEnable', 'Timeout', 'KeepAlive', 'KeepAliveTimeout', 'MaxKeepAliveRequests', 'HostnameLookups', 'LogLevel', 'ServerAdmin', 'ServerName', 'User', 'Group', 'PidFile', 'ErrorLog', 'FileETag', 'DocumentRoot', 'LimitRequestBody', 'AccessFileName', 'UseCanonicalName', 'ExtendedStatus', 'SSLProtocol', 'SSLCipherSuite', 'SSLHonorCipherOrder', 'SSLSessionTickets']

function serverWide(config: ApacheConfig, dump: DumpEntry[]): {library: string[]; httpd: string[]} {
  const library: string[] = []
  const httpd: string[] = []
  for (const name of SERVER_WIDE) {
    const entry = serverEntry(config, name)
    const last = dump.filter((e) => !e.section && e.scopes.length === 0 && e.directive.toLowerCase() === name.toLowerCase()).at(-1)
    library.push(`${name} ${entry === undefined ? '(unset)' : JSON.stringify(entry.args)}`)
    httpd.push(`${name} ${last === undefined ? '(unset)' : JSON.stringify(last.args)}`)
  }
  return {library, httpd}
}

// --- Applying the patch with the real tools -------------------------------------------------

/**
 * Writes files (links as links) under a fresh folder, runs a tool there, returns the
 * folder's files after it.
 */
function applyWith(files: Files, patch: Buffer, tool: 'patch' | 'git'): {status: number | null; output: string; after: Record<string, string | {link: string}>} {
  const root = mkdtempSync(join(tmpdir(), `apache-oracle-${tool}-`))
  try {
    for (const [path, entry] of Object.entries(files)) {
      const target = join(root, path)
      mkdirSync(posix.dirname(target), {recursive: true})
      if (Buffer.isBuffer(entry)) writeFileSync(target, entry)
      else symlinkSync(entry.link, target)
    }
    const patchFile = join(tmpdir(), `${posix.basename(root)}.diff`)
    writeFileSync(patchFile, patch)
    let run
    if (tool === 'patch') {
      run = spawnSync('patch', ['-p1', '--batch', '--fuzz=0', '--forward', '--no-backup-if-mismatch', '-d', root, '-i', patchFile], {encoding: 'utf8'})
    } else {
      // Outside any repository (none above the folder is looked for), git apply works on the files as patch does.
      run = spawnSync('git', ['apply', '-p1', '--whitespace=nowarn', patchFile], {cwd: root, encoding: 'utf8', env: {...process.env, GIT_CEILING_DIRECTORIES: posix.dirname(root)}})
    }
    rmSync(patchFile, {force: true})
    const after = asText(readTree(root))
    return {status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error?.message ?? ''}`, after}
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

/**
 * The part of a fixture a patch can touch: every file the configuration read (by real
 * path) and every link. A patch aimed at another file fails, as that file is not there.
 */
function patchable(files: Files, result: HardenResult): Files {
  const read = new Set(result.files.map((file) => file.realPath))
  return Object.fromEntries(Object.entries(files).filter(([path, entry]) => !Buffer.isBuffer(entry) || read.has(path)))
}

/** Files as text for readable failures (latin1 keeps every byte), links as links. */
function asText(files: Files): Record<string, string | {link: string}> {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(([path, entry]) => [path, Buffer.isBuffer(entry) ? entry.toString('latin1') : entry]))
}

// --- The suite ------------------------------------------------------------------------------

/**
 * Known bugs of the library that the oracle shows, by fixture and check: those checks are
 * declared with `it.fails` until the bug is fixed (then they fail, as a reminder to remove
 * the entry). Each bug also has a small test of its own in apache-bugs.test.ts.
 */
const KNOWN_BUGS: ReadonlyArray<{fixture: string; check: string; bug: string}> = []

/** `it`, or `it.fails` with the bug in the title when the check is a known bug. */
function check(fixture: Fixture, name: string, title: string, body: () => void): void {
  const known = KNOWN_BUGS.find((bug) => bug.fixture === fixture.name && bug.check === name)
  if (known) it.fails(`${title} (known bug: ${known.bug})`, body)
  else it(title, body)
}

describeWhenAvailable('apache oracle', judge, (judge) => {
  describe(`apache oracle (httpd ${judge.version})`, () => {
    it('has a corpus', () => {
      expect(fixtures.filter((f) => !f.fragment).length).toBeGreaterThanOrEqual(10)
      expect(fixtures.filter((f) => f.fragment).length).toBeGreaterThanOrEqual(5)
    })

    // The checks of (c) on a small configuration whose fixed text is then spoiled on purpose,
    // keeping its line count, so that a check that cannot fail would show here.
    describe('(c) catches a spoiled fix', () => {
      const lines = [
        'DefaultRuntimeDir ${APACHE_RUN_DIR}',
        'PidFile ${APACHE_PID_FILE}',
        'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so',
        'LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so',
        'ErrorLog ${APACHE_LOG_DIR}/error.log',
        'Listen 80',
        '<Directory />',
        '\tAllowOverride None',
        '\tRequire all denied',
        '</Directory>',
        'Timeout 300',
        '# the tokens',
        'ServerTokens Full',
        '',
      ]
      const probe: Fixture = {name: 'probe', files: {[MAIN]: Buffer.from(lines.join('\n')), '/etc/apache2/envvars': DEBIAN_ENVVARS}, entry: MAIN, main: MAIN, fragment: false}
      const spoiled = (spoil: (text: string) => string): string[] => {
        const result = runHarden(probe, probe.files, RUNS[0]!)
        const fixed = result.files.find((file) => file.realPath === MAIN)!.fixed
        expect(fixed).toContain('\nServerTokens Prod\n')
        const j = judgedFrom(probe, result, {...probe.files, [MAIN]: Buffer.from(spoil(fixed))})
        return typeof j === 'string' ? [j] : problemsOf(j)
      }

      it('finds nothing wrong with the fix as it is', () => {
        expect(spoiled((text) => text)).toEqual([])
      })

      it('a later line that undoes a Set fix', () => {
        const problems = spoiled((text) => `${text}ServerTokens Full\n`).join('\n')
        expect(problems).toMatch(/a later `ServerTokens Full` \(\/etc\/apache2\/apache2\.conf:\d+\) in the server level wins over it/)
        expect(problems).toMatch(/outside the lines the fixes touched, httpd now reads \/etc\/apache2\/apache2\.conf:\d+ ServerTokens \["Full"\]/)
      })

      it('a line the fix wrote that httpd does not read (swallowed by a continuation)', () => {
        const problems = spoiled((text) => text.replace('# the tokens\n', '# the tokens \\\n')).join('\n')
        expect(problems).toContain('httpd does not read `ServerTokens Prod`')
        expect(problems).toContain('httpd reads no `ServerTokens` where the fix wrote it')
      })

      it('a change outside the lines the fixes touched', () => {
        const problems = spoiled((text) => text.replace('Timeout 300', 'Timeout 301')).join('\n')
        expect(problems).toMatch(/httpd no longer reads \/etc\/apache2\/apache2\.conf:11 Timeout \["300"\]/)
        expect(problems).toMatch(/httpd now reads \/etc\/apache2\/apache2\.conf:11 Timeout \["301"\]/)
      })
    })

    describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      it('(a) is accepted by apache2 -t as it is', () => {
        const {check} = judgementOf(fixture, fixture.files)
        expect(check, check.stderr).toMatchObject({ok: true})
      })

      if (!fixture.fragment) {
        check(fixture, '(f)', '(f) the library reads what httpd reads, before and after the fixes', () => {
          const sets = [fixture.files, ...RUNS.map((run) => outcome(fixture, run).fixed)]
          for (const [index, files] of sets.entries()) {
            const label = index === 0 ? 'original' : `fixed (${RUNS[index - 1]!.name})`
            const judged = judgementOf(fixture, files)
            expect(judged.dump, `${label}: ${judged.check.stderr}`).toBeDefined()
            const config = loadConfig(fixture, files)
            const dump = judged.dump!
            expect(libraryDirectives(config), `${label}: directives in reading order`).toEqual(httpdDirectives(dump))
            expect(libraryContextSections(config), `${label}: sections in reading order`).toEqual(httpdContextSections(dump))
            const conditions = conditionals(config, dump)
            expect(conditions.library, `${label}: <IfModule>/<IfDefine>/<IfVersion> that hold`).toEqual(conditions.httpd)
            expect([...config.modules].sort(), `${label}: modules`).toEqual([...judged.modules!].sort())
            const listens = listenAddresses(config).map((address) => (address.host === undefined ? address.port : address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`))
            expect(listens, `${label}: Listen`).toEqual(dump.filter((entry) => entry.directive.toLowerCase() === 'listen').map((entry) => entry.args[0]))
            const values = serverWide(config, dump)
            expect(values.library, `${label}: server-wide values`).toEqual(values.httpd)
          }
        })
      }

      describe.each(RUNS.map((run) => [run.name, run] as const))('%s', (_run, run) => {
        it('(b) is fixed into files apache2 -t accepts', () => {
          const {result, fixed} = outcome(fixture, run)
          // A main configuration is there to be fixed; a fragment may have nothing to fix.
          if (!fixture.fragment) expect(result.applied.length, 'applied fixes').toBeGreaterThan(0)
          const {check} = judgementOf(fixture, fixed)
          expect(check, `apache2 -t of the fixed files:\n${check.stderr}\n${result.patch}`).toMatchObject({ok: true})
        })

        check(fixture, `(c) ${run.name}`, '(c) the dump shows what each fix claims, and nothing else changes', () => {
          const j = judgedOf(fixture, run)
          if (typeof j === 'string') throw new Error(j)
          expect(problemsOf(j), j.result.patch).toEqual([])
        })

        check(fixture, `(d) ${run.name}`, '(d) the patch applies with patch -p1 and git apply, giving the fixed files', () => {
          const {result, fixed} = outcome(fixture, run)
          const host = memoryHost(fixture.files)
          for (const file of result.files.filter((f) => f.changed)) expect(host.realPath(`/${file.patchPath}`), 'the patch path is the real file').toBe(`/${file.patchPath}`)
          if (result.patch === '') return
          for (const tool of ['patch', 'git'] as const) {
            const applied = applyWith(patchable(fixture.files, result), encodePatch(result), tool)
            expect(applied.status, `${tool}: ${applied.output}\n${result.patch}`).toBe(0)
            expect(applied.after, tool).toEqual(asText(patchable(fixed, result)))
          }
        })

        it('(e) fixing the fixed files again changes nothing', () => {
          const {fixed} = outcome(fixture, run)
          const again = runHarden(fixture, fixed, run)
          expect(again.applied.map((f) => `${f.ruleId}: ${f.fix!.title}`)).toEqual([])
          expect(again.patch).toBe('')
        })
      })
    })
  })
})
