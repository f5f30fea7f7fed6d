/**
 * The real NTPsec (Debian's `ntpsec` 1.2.2, test/oracle/ntp-judge.ts) judges every fixture
 * of test/fixtures/ntp, what the library makes of it, and the library's own reading.
 *
 * For each fixture:
 * (a) NTPsec applies it as it is: it starts, logs no syntax error and opens every include;
 * (b) the library reads the restrict table NTPsec applied (every entry, its flags, the
 *     `restrict source` template) and the files NTPsec reads;
 * then for each daemon setting (`ntp.daemon` `ntpsec` and `ntpd`), with every rule of the
 * strict profile and every fix (`fix: 'unsafe'`):
 * (c) NTPsec applies the fixed files with no syntax error and no failed include, and
 *     refuses no `disable monitor` the fixes wrote;
 * (d) the restrict table NTPsec applies to the fixed files shows the hardened flags: the
 *     default entries have `kod nomodify noquery limited` (or `ignore`), the loopback
 *     addresses get an entry of their own when the default refuses queries, and no entry
 *     wider than /24 (/64) opens queries or run-time changes the default entries refuse
 *     (for `ntpd`, where NTPsec reads the same table as ntpd 4.2.8 but for `nopeer` and
 *     `notrap`: not for files with NTPsec's own words); and the library reads that table;
 * (e) the patch applies with GNU `patch -p1` (no fuzz) and `git apply`, giving the fixed
 *     files byte for byte;
 * (f) fixing the fixed files again changes nothing;
 * and for the files fixed for NTPsec, live:
 * (g) the real `ntpq` gets an answer from the loopback addresses and none from other
 *     hosts (`203.0.113.50`, `2001:db8:ffff::50`), and which addresses get one is what the
 *     library's restrict table says (no `noquery`, no `ignore` on the entry that matches).
 *
 * And lines the fixtures do not hold: for each snippet of `SNIPPETS` (syntax errors whose
 * prefix still applies, keywords as addresses, CIDR quirks, `unrestrict`, includes,
 * `ntp.d`), the library's reading as NTPsec (which restrict entries, which flags, whether
 * a syntax error is logged) is NTPsec's.
 *
 * Without ntpd the suite fails under CI (run scripts/install-oracles) and is skipped, with
 * the reason in its name, elsewhere.
 */

import {existsSync, readdirSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import {memoryHost} from '../../src/core/host.js'
import {encodeText} from '../../src/core/text.js'
import {formatAddress} from '../../src/formats/ntp/address.js'
import {ntp} from '../../src/formats/ntp/index.js'
import type {Daemon} from '../../src/formats/ntp/keywords.js'
import {parseAddress} from '../../src/formats/ntp/address.js'
import {loadNtpConfig, lookupRestrict, readCommand, restrictTable, type NtpConfig} from '../../src/formats/ntp/semantics.js'
import {encodePatch, harden, type HardenResult} from '../../src/harden.js'
import type {AnyFormat} from '../../src/formats/index.js'
import {judgeNtp, ntpdAvailability, parseJudgeAddress, type JudgedEntry, type NtpVerdict} from './ntp-judge.js'
import {describeWhenAvailable} from '../support/requires.js'
import {applyInFolder} from '../support/apply-patch.js'
import {readTreeFiles} from '../support/tree-files.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/ntp/', import.meta.url))
const formats = [ntp as unknown as AnyFormat]

/** A fixture: its files by system path, as bytes, and its main file. */
interface Fixture {
  name: string
  main: string
  files: Record<string, Buffer>
}

/** A folder holding `etc/ntpsec/ntp.conf` or `etc/ntp.conf` is a root tree; other folders are searched. */
function loadFixtures(dir: string): Fixture[] {
  const found: Fixture[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (!statSync(path).isDirectory()) continue
    const main = ['/etc/ntpsec/ntp.conf', '/etc/ntp.conf'].find((candidate) => existsSync(join(path, candidate)))
    if (main === undefined) {
      found.push(...loadFixtures(path))
      continue
    }
    const files = readTreeFiles(path)
    found.push({name: relative(FIXTURES, path), main, files})
  }
  return found
}

function load(files: Record<string, Buffer | string>, main: string, daemon: Daemon = 'ntpsec'): NtpConfig {
  return loadNtpConfig(main, {host: memoryHost(files), settings: {daemon}, limits: DEFAULT_LIMITS, cache: new Map()})
}

/** A restrict entry as a comparable line: family, address, mask, ntpport, flags. */
function entryKey(family: 4 | 6, address: bigint, mask: bigint, mflags: number, flags: readonly string[]): string {
  return `${family} ${formatAddress({family, value: address})} ${formatAddress({family, value: mask})}${mflags & 0x2000 ? ' ntpport' : ''}: ${[...flags].sort().join(' ')}`
}

function judgedKeys(entries: readonly JudgedEntry[]): string[] {
  return entries.map((e) => entryKey(e.family, parseJudgeAddress(e.address, e.family), parseJudgeAddress(e.mask, e.family), e.mflags, e.flags)).sort()
}

/** The library's restrict table (read as NTPsec: `nopeer` and `notrap` are not in it). */
function libraryKeys(config: NtpConfig): string[] {
  return restrictTable(config)
    .entries.map((e) => entryKey(e.family, e.address, e.mask, e.ntpport ? 0x2000 : 0, [...e.flags].filter((flag) => flag !== 'nopeer' && flag !== 'notrap')))
    .sort()
}

/**
 * Whether NTPsec can stand in for ntpd 4.2.8 on some files: both read the same restrict
 * table from them, but for `nopeer` and `notrap` (which NTPsec ignores). Not so for a file
 * with NTPsec's own words (`unrestrict`, `address/prefix`, an `ntp.d` folder, a folder
 * include), whose hardening for ntpd the judge cannot see.
 */
function sameForBothDaemons(files: Record<string, Buffer>, main: string): boolean {
  return JSON.stringify(libraryKeys(load(files, main, 'ntpsec'))) === JSON.stringify(libraryKeys(load(files, main, 'ntpd')))
}

/** What NTPsec's table must show after the fixes. */
function hardeningProblems(verdict: NtpVerdict): string[] {
  const problems: string[] = []
  const has = (entry: JudgedEntry, flag: string) => entry.flags.includes(flag)
  const defaults = verdict.restrict.filter((e) => parseJudgeAddress(e.mask, e.family) === 0n && e.mflags === 0)
  for (const entry of defaults) {
    if (has(entry, 'ignore')) continue
    const missing = ['kod', 'nomodify', 'noquery', 'limited'].filter((flag) => !has(entry, flag))
    if (missing.length > 0) problems.push(`the IPv${entry.family} default entry lacks ${missing.join(' ')}: ${entry.flags.join(' ')}`)
  }
  for (const [family, loopback] of [[4, 0x7f000001n], [6, 1n]] as const) {
    const own = verdict.restrict.some((e) => e.family === family && e.mflags === 0 && parseJudgeAddress(e.mask, family) !== 0n && (loopback & parseJudgeAddress(e.mask, family)) === parseJudgeAddress(e.address, family))
    const refuses = defaults.some((e) => e.family === family && (has(e, 'noquery') || has(e, 'ignore')))
    if (refuses && !own) problems.push(`no entry of its own for the IPv${family} loopback address`)
  }
  for (const entry of verdict.restrict) {
    const mask = parseJudgeAddress(entry.mask, entry.family)
    let ones = 0
    for (let bit = 0n; bit < (entry.family === 4 ? 32n : 128n); bit++) if ((mask >> bit) & 1n) ones++
    const widest = entry.family === 4 ? 24 : 64
    if (mask === 0n || ones >= widest || has(entry, 'ignore')) continue
    const opens = ['noquery', 'nomodify'].filter((flag) => defaults.some((d) => d.family === entry.family && has(d, flag)) && !has(entry, flag))
    if (opens.length > 0) problems.push(`${entry.address} mask ${entry.mask} opens ${opens.join(' ')}`)
  }
  return problems
}

function asText(files: Record<string, Buffer>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(([path, bytes]) => [path, bytes.toString('latin1')]))
}

/** Snippets whose reading NTPsec and the library must agree on; each is the main file, some with other files. */
const SNIPPETS: ReadonlyArray<{name: string; files: Record<string, string>}> = [
  {name: 'syntax errors whose prefix applies', files: {'/etc/ntpsec/ntp.conf': 'restrict default kod bogus noquery\nrestrict 10.0.0.1 noquery bogus nomodify\nrestrict 10.0.0.2 notrust 5\nrestrict 10.0.0.3 mask\nrestrict 10.0.0.4 mask 255.0.0.0 noquery =\nrestrict\nrestrict 10.0.0.5 -4\nrestrict -4 10.0.0.6 noquery\nrestrict -4\nrestrict -6 default nomodify pool\n'}},
  {name: 'masks, CIDR and its quirks, families, source, unrestrict', files: {'/etc/ntpsec/ntp.conf': 'restrict 10.0.0.5 mask 255.0.0.0 noquery\nrestrict 0.0.0.0/0 nomodify\nrestrict -6 ::1 noquery\nrestrict -4 ::1 noquery\nrestrict [::2] noquery\nrestrict default mask 0.0.0.0\nrestrict source noquery\nrestrict 10.0.0.9\nunrestrict 10.0.0.9\nrestrict 10.1.0.0/16 mask 255.255.255.255\nrestrict 10.2.0.0 mask 255.255.0.0/8\nrestrict ::/0 kod\nrestrict 0.0.0.0 mask 0.0.0.0 notrust\nrestrict :: mask :: version\nrestrict 10.0.0.0/8 ntpport noquery\nrestrict 10.0.0.0/8 noquery\n'}},
  {name: 'case, glued comments, keywords as addresses, special characters', files: {'/etc/ntpsec/ntp.conf': 'restrict default kod nomodify#x kod\nRestrict ::1\nrestrict 10.0.0.0 mask 255.0.0.0 nomodify#x kod\nrestrict 192.168.1.0/24 notrap\nrestrict -4 default ignore\nunrestrict default limited\nrestrict source nomodify\nrestrict ntp\nrestrict "default" noquery\nrestrict 10.0.0.7 lowpriotrap noquery\nrestrict 10.0.0.8 noquery,nomodify\nrestrict 10.0.0.9 mask 255.255.255.0 ntpport\nrestrict 10 noquery\nrestrict 1.5\nrestrict -4 source\nrestrict -6 default\nrestrict 2001:db8::/32 noquery\nrestrict 2001:db8::1/129 nomodify\nrestrict fe80::1%1 noquery\nrestrict ::ffff:192.0.2.1 noquery\n'}},
  {name: 'characters above U+007F, a BOM, CRLF, quotes', files: {'/etc/ntpsec/ntp.conf': '\uFEFFrestrict default nomodify\r\nrestr\u00e9ict 10.0.0.1 noquery\r\n\u00a0restrict 10.0.0.2\r\nrestrict "" 10.0.0.3 kod\r\nrestrict 10.0.0.4 ""noquery\r\nrestrict 10.0.0.5"" noquery\r\nrestrict 10.0.0.6 nomodify "\r\n'}},
  {name: 'includefile with a command after the path, nested, missing, a folder', files: {'/etc/ntpsec/ntp.conf': 'includefile /nonexist restrict 10.0.0.10 noquery\nrestrict 10.0.0.11 noquery includefile\nincludefile inc.conf restrict 10.0.0.12\nincludefile sub\n', '/etc/ntpsec/inc.conf': 'restrict 10.0.0.13\nincludefile deeper/x.conf\n', '/etc/ntpsec/deeper/x.conf': 'restrict 10.0.0.14 nomodify\n', '/etc/ntpsec/sub/b.conf': 'restrict 10.0.0.15\n', '/etc/ntpsec/sub/a.conf': 'unrestrict 10.0.0.15\n', '/etc/ntpsec/sub/c.txt': 'restrict 10.0.0.16\n'}},
  {name: 'end, and the ntp.d folder after it in descending order', files: {'/etc/ntpsec/ntp.conf': 'restrict default noquery\nend\nrestrict 10.0.0.1\n', '/etc/ntpsec/ntp.d/10-a.conf': 'unrestrict 10.0.0.2\n', '/etc/ntpsec/ntp.d/20-b.conf': 'restrict 10.0.0.2 kod\n', '/etc/ntpsec/ntp.d/30-c.conf': 'restrict 10.0.0.3\nend\nrestrict 10.0.0.4\n'}},
  {name: 'includes nest at most 5 deep, counting the files of a folder', files: {'/etc/ntpsec/ntp.conf': 'includefile a.conf\n', '/etc/ntpsec/a.conf': 'includefile b.conf\n', '/etc/ntpsec/b.conf': 'includefile c.conf\n', '/etc/ntpsec/c.conf': 'includefile d.conf\nrestrict 10.0.0.4\n', '/etc/ntpsec/d.conf': 'includefile e.conf\n', '/etc/ntpsec/e.conf': 'includefile f.conf\nrestrict 10.0.0.5\n', '/etc/ntpsec/f.conf': 'restrict 10.0.0.6\n', '/etc/ntpsec/ntp.d/1.conf': 'restrict 10.0.1.1\n', '/etc/ntpsec/ntp.d/2.conf': 'restrict 10.0.1.2\n', '/etc/ntpsec/ntp.d/3.conf': 'restrict 10.0.1.3\n', '/etc/ntpsec/ntp.d/4.conf': 'restrict 10.0.1.4\n', '/etc/ntpsec/ntp.d/5.conf': 'includefile ../g.conf\n', '/etc/ntpsec/g.conf': 'restrict 10.0.1.7\n'}},
  {name: 'server options and their values, enable and disable', files: {'/etc/ntpsec/ntp.conf': 'server 10.0.0.7 bogus\nserver\nserver 10.0.0.8 iburst minpoll\nserver 10.0.0.9 prefer key 5 iburst\ndisable monitor bogus\ndisable\nenable stats mode7\ndriftfile\nincludefile\nrestrict default kod\n'}},
]

/** Where ntpq asks from in (g): the loopback addresses, and two hosts that no fixture names on its own. */
const PROBES = ['127.0.0.1', '::1', '203.0.113.50', '2001:db8:ffff::50']

const fixtures = loadFixtures(FIXTURES)
const judge = ntpdAvailability()

describeWhenAvailable('ntp oracle', judge, (judge) => {
  const verdicts = new Map<string, NtpVerdict>()
  const verdictOf = (files: Record<string, Buffer | string>, main: string): NtpVerdict => {
    const key = JSON.stringify([main, Object.entries(files).map(([p, b]) => [p, typeof b === 'string' ? b : b.toString('latin1')]).sort()])
    let found = verdicts.get(key)
    if (found === undefined) verdicts.set(key, (found = judgeNtp(files, main)))
    return found
  }
  const outcomes = new Map<string, {result: HardenResult; fixed: Record<string, Buffer>}>()
  const outcome = (fixture: Fixture, daemon: Daemon) => {
    const key = `${fixture.name}\0${daemon}`
    let found = outcomes.get(key)
    if (found === undefined) {
      const result = harden([fixture.main], {host: memoryHost(fixture.files), formats, profile: 'strict', fix: 'unsafe', options: {ntp: {daemon}}})
      const fixed = {...fixture.files}
      for (const file of result.files) if (file.changed || file.created) fixed[file.realPath] = encodeText(file.fixed, file.encoding)
      outcomes.set(key, (found = {result, fixed}))
    }
    return found
  }

  describe(`ntp oracle (${judge.version})`, () => {
    it('has a corpus', () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(8)
    })

    it('the corpus has something to fix for each daemon', () => {
      for (const daemon of ['ntpsec', 'ntpd'] as const) {
        expect(fixtures.filter((fixture) => outcome(fixture, daemon).result.applied.length > 0).length, daemon).toBeGreaterThanOrEqual(4)
      }
    })

    describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      it('(a) NTPsec applies it as it is: no syntax error, every include opened', () => {
        const verdict = verdictOf(fixture.files, fixture.main)
        expect({started: verdict.started, syntaxErrors: verdict.syntaxErrors, includeFailures: verdict.includeFailures}, verdict.output).toEqual({started: true, syntaxErrors: [], includeFailures: []})
      })

      it('(b) the library reads the restrict table NTPsec applies, and sees no syntax error either', () => {
        const verdict = verdictOf(fixture.files, fixture.main)
        const config = load(fixture.files, fixture.main)
        expect(libraryKeys(config)).toEqual(judgedKeys(verdict.restrict))
        const source = restrictTable(config).source
        expect(source === undefined ? undefined : [...source.flags].sort()).toEqual(verdict.source)
        expect(config.entries.map((e) => readCommand(e.command, 'ntpsec').problem).filter((p) => p !== undefined)).toEqual([])
        // NTPsec names the ntp.d folder when it reads it.
        expect(config.includes.some((i) => i.entry === undefined && i.files.length > 0)).toBe(verdict.parsed.some((p) => p.endsWith('/ntp.d')))
      })

      describe.each((['ntpsec', 'ntpd'] as const).map((daemon) => [daemon] as const))('fixed for %s', (daemon) => {
        it('(c) NTPsec applies the fixed files: no syntax error, every include opened, no refused disable monitor', () => {
          const {result, fixed} = outcome(fixture, daemon)
          const verdict = verdictOf(fixed, fixture.main)
          const before = verdictOf(fixture.files, fixture.main)
          expect({started: verdict.started, syntaxErrors: verdict.syntaxErrors, includeFailures: verdict.includeFailures}, `${result.patch}\n${verdict.output}`).toEqual({started: true, syntaxErrors: [], includeFailures: []})
          if (daemon === 'ntpsec') expect(verdict.monitorRefused && !before.monitorRefused, 'a fix wrote a disable monitor that NTPsec refuses').toBe(false)
        })

        it('(d) the restrict table NTPsec applies shows the hardened flags, and the library reads it', () => {
          const {result, fixed} = outcome(fixture, daemon)
          const verdict = verdictOf(fixed, fixture.main)
          if (daemon === 'ntpsec' || sameForBothDaemons(fixed, fixture.main)) expect(hardeningProblems(verdict), result.patch).toEqual([])
          expect(libraryKeys(load(fixed, fixture.main))).toEqual(judgedKeys(verdict.restrict))
        })

        it('(e) the patch applies with patch -p1 and git apply, giving the fixed files', () => {
          const {result, fixed} = outcome(fixture, daemon)
          if (result.patch === '') return
          for (const tool of ['patch', 'git'] as const) {
            const applied = applyInFolder(fixture.files, encodePatch(result), tool)
            expect(applied.status, `${tool}: ${applied.output}\n${result.patch}`).toBe(0)
            expect(asText(applied.after), tool).toEqual(asText(fixed))
          }
        })

        const queries = judge.ok ? judge.queries : {ok: true as const}
        if (daemon === 'ntpsec' && !queries.ok && !process.env.CI) {
          it.skip(`(g) ntpq from the loopback and other addresses (skipped: ${queries.reason})`, () => {})
        } else if (daemon === 'ntpsec') {
          it('(g) ntpq gets an answer from the loopback addresses only, as the library says', () => {
            const {result, fixed} = outcome(fixture, daemon)
            const verdict = judgeNtp(fixed, fixture.main, PROBES)
            const table = restrictTable(load(fixed, fixture.main))
            const predicted = Object.fromEntries(
              PROBES.map((address) => {
                const parsed = parseAddress(address)!
                const flags = lookupRestrict(table, parsed.family, parsed.value).flags
                return [address, !flags.has('noquery') && !flags.has('ignore')]
              }),
            )
            expect(verdict.answers, `${result.patch}\n${verdict.output}`).toEqual(predicted)
            expect(verdict.answers, result.patch).toEqual({'127.0.0.1': true, '::1': true, '203.0.113.50': false, '2001:db8:ffff::50': false})
          })
        }

        it('(f) fixing the fixed files again changes nothing', () => {
          const {fixed} = outcome(fixture, daemon)
          const again = harden([fixture.main], {host: memoryHost(fixed), formats, profile: 'strict', fix: 'unsafe', options: {ntp: {daemon}}})
          expect(again.patch).toBe('')
        })
      })
    })

    describe.each(SNIPPETS.map((snippet) => [snippet.name, snippet] as const))('snippet: %s', (_name, snippet) => {
      it('the library reads what NTPsec applies', () => {
        const verdict = verdictOf(snippet.files, '/etc/ntpsec/ntp.conf')
        const config = load(snippet.files, '/etc/ntpsec/ntp.conf')
        expect(libraryKeys(config), verdict.output).toEqual(judgedKeys(verdict.restrict))
        const source = restrictTable(config).source
        expect(source === undefined ? undefined : [...source.flags].sort()).toEqual(verdict.source)
        const problems = config.entries.filter((e) => readCommand(e.command, 'ntpsec').problem !== undefined)
        const includeProblems = config.includes.filter((i) => i.problem !== undefined)
        expect(problems.length > 0, 'a syntax error').toBe(verdict.syntaxErrors.length > 0)
        expect(includeProblems.length > 0, 'an include ntpd cannot read').toBe(verdict.includeFailures.length > 0)
      })
    })
  })
})
