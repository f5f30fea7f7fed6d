/**
 * The real iptables judges every fixture of test/fixtures/iptables and what the library makes
 * of it, with each backend the namespace allows (nf_tables and legacy), each file in a
 * network namespace of its own (test/oracle/iptables-judge.ts):
 *
 * (a) iptables-restore loads each fixture as it is (`--test` and a real restore), except
 *     those under `refused/`, which it must refuse;
 * (b) `harden()` fixes each fixture, in at least one run: `baseline` (no options), and
 *     `trusted` (trusted ranges for `iptables/exposed-service`, `iptables.open` = HTTP and
 *     HTTPS);
 * (c) every fixed file passes `iptables-restore --test` and a real restore, and the
 *     `iptables-save` that follows shows the hardened policies: INPUT `DROP` wherever
 *     `iptables/default-drop` fixed it, FORWARD `DROP` too (the runs are for hosts that are no
 *     router), and each rule the fix added, as iptables-save writes it;
 * (d) the library reads every file as the kernel builds it: the tables, chains, policies and,
 *     in order, each rule's target, protocol, addresses and ports of `iptables-save` after the
 *     restore are those the library computes from the file's commands (`-I`, `-D`, `-N`,
 *     `-P`, address lists, long options, service names), before and after the fixes;
 * (e) the packet walk is the kernel's: for connections from a second namespace to a set of
 *     ports, the rule or policy whose counter the kernel increments is one that the walk
 *     (`traverse`) says can decide, and the only one when the walk is certain;
 * (f) the patch applies with GNU `patch -p1` and with `git apply`, giving the fixed files;
 * (g) fixing the fixed files again changes nothing;
 * (h) the same for rule sets fast-check generates (test/arbitraries/iptables.ts): the
 *     original and the fixed files load, the library reads them as iptables builds them, and
 *     the walk meets the rule the kernel counts;
 * (i) the good example of every rule's documentation loads, and so does every bad one but
 *     those that show a file iptables-restore refuses.
 *
 * Without iptables the suite fails under CI (run scripts/install-oracles) and is skipped,
 * with the reason in its name, elsewhere.
 */

import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {test} from '@fast-check/vitest'
import {memoryHost} from '../../src/core/host.js'
import {encodeText} from '../../src/core/text.js'
import {encodePatch, harden, type HardenResult} from '../../src/harden.js'
import {formatAddress, parseAddressSpec} from '../../src/formats/iptables/addresses.js'
import {iptables} from '../../src/formats/iptables/index.js'
import {hardeningScenario, type HardeningScenario} from '../arbitraries/iptables.js'
import {parse} from '../../src/formats/iptables/parse.js'
import {
  compileRuleset,
  detectFamily,
  inboundOutcomes,
  type CompiledRule,
  type Outcome,
  type Family,
  type Packet,
  type Ruleset,
} from '../../src/formats/iptables/semantics.js'
import {iptablesAvailability, judgeRules, normalizeSaved, POLICY_PROBE, PROBE_ADDRESSES, PROBE_INTERFACE, type Backend, type Probe} from './iptables-judge.js'
import {describeWhenAvailable} from '../support/requires.js'
import {applyInFolder} from '../support/apply-patch.js'
import {readTreeFiles} from '../support/tree-files.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/iptables/', import.meta.url))
/** The rules whose errors say that iptables-restore refuses the file. */
const REFUSAL_RULES = ['iptables/byte-order-mark', 'iptables/line-ending', 'iptables/invalid-line']

/** A fixture: its files by system path, as bytes, and which of them are rule files. */
interface Fixture {
  name: string
  files: Record<string, Buffer>
  /** The rule files, by system path, with their family. */
  entries: Array<{path: string; family: Family}>
  /** True for fixtures iptables-restore must refuse as they are. */
  refused: boolean
}

/**
 * The corpus: a folder holding `etc/iptables/` is a root tree whose `rules.v4` and `rules.v6`
 * are judged; a file `NAME.v4` or `NAME.v6` is a rule file on its own, read as
 * `/etc/iptables/rules.v4` or `rules.v6`. Fixtures under `refused/` must be refused as they are.
 */
function loadFixtures(dir: string): Fixture[] {
  const found: Fixture[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    const fixtureName = relative(FIXTURES, path)
    const refused = fixtureName.startsWith('refused')
    if (!statSync(path).isDirectory()) {
      const family = name.endsWith('.v4') ? 'ipv4' : name.endsWith('.v6') ? 'ipv6' : undefined
      if (family === undefined) continue
      const system = `/etc/iptables/rules.${family === 'ipv4' ? 'v4' : 'v6'}`
      found.push({name: fixtureName, files: {[system]: readFileSync(path)}, entries: [{path: system, family}], refused})
      continue
    }
    if (existsSync(join(path, 'etc/iptables'))) {
      const files = readTreeFiles(path)
      const entries = Object.keys(files)
        .filter((file) => /\/etc\/iptables\/rules\.v[46]$/.test(file))
        .map((file) => ({path: file, family: (file.endsWith('v6') ? 'ipv6' : 'ipv4') as Family}))
      found.push({name: fixtureName, files, entries, refused})
    } else {
      found.push(...loadFixtures(path))
    }
  }
  return found
}

/** How the library is run on each fixture. */
interface Run {
  name: string
  options: Record<string, Record<string, unknown>>
}
const RUNS: readonly Run[] = [
  {name: 'baseline', options: {}},
  {
    name: 'trusted',
    options: {
      'iptables/exposed-service': {trusted: ['192.0.2.0/24', '2001:db8:1::/48']},
      iptables: {open: ['tcp/80', 'tcp/443']},
    },
  },
]

/** What the library made of a fixture in one run. */
interface HardenOutcome {
  result: HardenResult
  /** Every file of the fixture, fixed ones replaced, as bytes. */
  fixed: Record<string, Buffer>
}

function runHarden(fixture: Fixture, files: Record<string, Buffer>, run: Run): HardenResult {
  return harden(
    fixture.entries.map((e) => e.path),
    {host: memoryHost(files), fix: 'unsafe', formats: [iptables], options: run.options},
  )
}

const outcomes = new Map<string, HardenOutcome>()
function outcome(fixture: Fixture, run: Run): HardenOutcome {
  const key = `${fixture.name}\0${run.name}`
  let found = outcomes.get(key)
  if (found === undefined) {
    const result = runHarden(fixture, fixture.files, run)
    const fixed = {...fixture.files}
    for (const file of result.files) if (file.changed) fixed[file.realPath] = encodeText(file.fixed, file.encoding)
    found = {result, fixed}
    outcomes.set(key, found)
  }
  return found
}

// --- The library's reading, in a form iptables-save can be compared with ------------------

/**
 * The chains a rule set builds, one line per chain and per rule, in the terms iptables-save
 * normalizes to: policies (ACCEPT when the file sets none, as nf_tables does), and for each
 * rule its target, protocol, addresses with masks, interfaces and destination ports.
 * Tables that hold nothing but empty built-in chains with ACCEPT are left out (nf_tables
 * does not save them).
 */
function describeRuleset(ruleset: Ruleset, options: {undeclaredPolicies: boolean}): string[] {
  const lines: string[] = []
  for (const name of [...ruleset.tables.keys()].sort()) {
    const table = ruleset.tables.get(name)!
    const chains = [...table.chains.values()]
    const empty = chains.every((c) => c.builtin && (c.policy?.value ?? 'ACCEPT') === 'ACCEPT' && c.rules.length === 0)
    if (empty) continue
    for (const chain of chains.sort((a, b) => Number(b.builtin) - Number(a.builtin) || (a.builtin ? 0 : a.name.localeCompare(b.name)))) {
      const policy = chain.builtin ? (chain.policy?.value ?? (options.undeclaredPolicies ? 'ACCEPT' : '?')) : '-'
      lines.push(`${name} :${chain.name} ${policy}`)
      for (const rule of chain.rules) {
        const spec = rule.spec
        const address = (a: typeof rule.source) => (a === undefined || a.family === undefined || a.mask === 0n ? '' : formatAddress(a))
        const parts = [
          spec.protocol ? `${spec.protocol.negated ? '!' : ''}p=${spec.protocol.value}` : '',
          address(rule.source) ? `${spec.sources!.negated ? '!' : ''}s=${address(rule.source)}` : '',
          address(rule.destination) ? `${spec.destinations!.negated ? '!' : ''}d=${address(rule.destination)}` : '',
          spec.inInterface ? `${spec.inInterface.negated ? '!' : ''}i=${spec.inInterface.value}` : '',
          spec.outInterface ? `${spec.outInterface.negated ? '!' : ''}o=${spec.outInterface.value}` : '',
          spec.destinationPorts ? `${spec.destinationPorts.negated ? '!' : ''}dport=${spec.destinationPorts.value.ranges.map(([a, b]) => (a === b ? a : `${a}:${b}`)).join(',')}` : '',
          spec.states.length > 0 ? `state=${spec.states.map((s) => [...s.value].sort().join(',')).join('/')}` : '',
          spec.target ? `${spec.target.goto ? 'g' : 'j'}=${spec.target.name}` : '',
        ]
        lines.push(`${name} -A ${chain.name} ${parts.filter(Boolean).join(' ')}`)
      }
    }
  }
  return lines
}

/** The library's reading of a file's text. */
function readingOf(text: string, family: Family, undeclaredPolicies = true): string[] {
  return describeRuleset(compileRuleset(parse(text), family), {undeclaredPolicies})
}

// --- The kernel's answer to a probe ----------------------------------------------------------

/**
 * The rule or policy that decides an outcome, as a key both readings share: `filter/INPUT#3`
 * for the fourth rule of filter INPUT, `policy:filter/INPUT`; for a packet a DNAT sends on to
 * another host, the DNAT rule (the judged namespace routes nothing further).
 */
function outcomeKey(outcome: Outcome): string {
  if (outcome.forwarded && outcome.via !== undefined) return ruleKey(outcome.via)
  const decider = outcome.by
  if (decider.kind === 'policy') return `policy:${decider.chain.table}/${decider.chain.name}`
  return ruleKey(decider.rule)
}
function ruleKey(rule: CompiledRule): string {
  return `${rule.table}/${rule.chain}#${chainIndex.get(rule) ?? -1}`
}
/** Each compiled rule's index in its chain, filled for the rule set being compared. */
const chainIndex = new Map<CompiledRule, number>()
function indexRuleset(ruleset: Ruleset): void {
  for (const table of ruleset.tables.values()) for (const chain of table.chains.values()) chain.rules.forEach((rule, i) => chainIndex.set(rule, i))
}

/** The packet count of `[packets:bytes]`. */
function packets(counters: string | undefined): number {
  return Number(/^\[(\d+):/.exec(counters ?? '')?.[1] ?? 0)
}

/** The packet counters of a `save -c`, by rule (`filter/INPUT#3`) and built-in chain policy (`policy:filter/INPUT`). */
function countersOf(saved: string, family: Family): {counts: Map<string, number>; ruleset: Ruleset} {
  const ruleset = compileRuleset(parse(saved), family)
  const counts = new Map<string, number>()
  for (const table of ruleset.tables.values()) {
    for (const chain of table.chains.values()) {
      chain.rules.forEach((rule, i) => counts.set(`${table.name}/${chain.name}#${i}`, packets(rule.node.counters?.value)))
      const policy = chain.policy?.node
      if (policy?.type === 'chain') counts.set(`policy:${table.name}/${chain.name}`, packets(policy.counters?.value))
    }
  }
  return {counts, ruleset}
}

/**
 * The rule or policy whose counter the kernel increased for a probe, with a deciding target:
 * in filter INPUT and its user chains (or INPUT's policy); else a DNAT of nat that sent the
 * packet elsewhere; else a DROP or REJECT of raw or mangle.
 *
 * @param before `save -c` before the probe
 * @param after `save -c` after it
 */
function kernelDeciders(before: string, after: string, family: Family): string[] {
  const old = countersOf(before, family).counts
  const {counts, ruleset} = countersOf(after, family)
  const grew = (key: string) => (counts.get(key) ?? 0) > (old.get(key) ?? 0)
  const counted = (table: string, targets: readonly string[], skipBuiltins: (name: string) => boolean): string[] => {
    const keys: string[] = []
    for (const chain of ruleset.tables.get(table)?.chains.values() ?? []) {
      if (chain.builtin && skipBuiltins(chain.name)) continue
      chain.rules.forEach((rule, i) => {
        const key = `${table}/${chain.name}#${i}`
        if (grew(key) && targets.includes(rule.spec.target?.name ?? '')) keys.push(key)
      })
    }
    return keys
  }
  const filter = counted('filter', ['ACCEPT', 'DROP', 'REJECT'], (name) => name !== 'INPUT')
  // The judge's last rule of INPUT counts what falls through to the policy.
  const input = ruleset.tables.get('filter')?.chains.get('INPUT')?.rules ?? []
  const probe = input.findIndex((rule) => rule.spec.comments.includes(POLICY_PROBE))
  if (grew('policy:filter/INPUT') || (probe !== -1 && grew(`filter/INPUT#${probe}`))) filter.push('policy:filter/INPUT')
  if (filter.length > 0) return filter
  const nat = counted('nat', ['DNAT'], () => false)
  if (nat.length > 0) return nat
  return [...counted('raw', ['DROP', 'REJECT'], () => false), ...counted('mangle', ['DROP', 'REJECT'], () => false)]
}

/** Ports to probe: the usual ones, and those the file's INPUT rules name. */
function probesFor(text: string, family: Family): Probe[] {
  const probes: Probe[] = [22, 23, 80, 443, 3306, 3389, 5432, 6379, 64999].map((port) => ({protocol: 'tcp' as const, port}))
  probes.push({protocol: 'udp', port: 53}, {protocol: 'udp', port: 64998})
  const ruleset = compileRuleset(parse(text), family)
  const chains = [...(ruleset.tables.get('filter')?.chains.values() ?? []), ...(ruleset.tables.get('nat')?.chains.values() ?? [])]
  for (const chain of chains) {
    for (const rule of chain.rules) {
      const protocol = rule.spec.protocol?.value
      if (protocol !== 'tcp' && protocol !== 'udp') continue
      for (const [from] of rule.spec.destinationPorts?.value.ranges ?? []) {
        if (!probes.some((p) => p.protocol === protocol && p.port === from) && probes.length < 18) probes.push({protocol, port: from})
      }
    }
  }
  return probes
}

/** Where the walk and the kernel disagree on the probes of one file (empty: they agree). */
function walkProblems(text: string, family: Family, backend: Backend): string[] {
  if (judge.ok && !judge.probes) {
    if (process.env.CI) throw new Error('The iptables oracle cannot probe connections: install iproute2 (ip), util-linux (nsenter) and bash')
    return []
  }
  const probes = probesFor(text, family)
  const verdict = judgeRules(text, family, backend, probes)
  if (verdict.restore.status !== 0) return [`restore failed: ${verdict.restore.stderr}`]
  const ruleset = compileRuleset(parse(text), family)
  indexRuleset(ruleset)
  const client = parseAddressSpec(PROBE_ADDRESSES[family].client, family)!
  if (client.family === undefined) throw new Error('unreachable')
  const problems: string[] = []
  probes.forEach((probe, i) => {
    const packet: Packet = {protocol: probe.protocol, port: probe.port, source: client, inInterface: PROBE_INTERFACE, state: 'NEW'}
    const outcomes = inboundOutcomes(ruleset, packet)
    const library = [...new Set(outcomes.map(outcomeKey))]
    const kernel = kernelDeciders(verdict.probes[i]!, verdict.probes[i + 1]!, family)
    const what = `${probe.protocol.toUpperCase()} ${probe.port}`
    if (kernel.length !== 1) {
      problems.push(`${what}: the kernel counted ${kernel.length} deciding rules (${kernel.join(', ')})`)
      return
    }
    if (!library.includes(kernel[0]!)) problems.push(`${what}: the kernel decides by ${kernel[0]}, the walk by ${library.join(' or ') || 'nothing'}`)
    else if (outcomes.length === 1 && outcomes[0]!.certain && library[0] !== kernel[0]) problems.push(`${what}: the walk is certain of ${library[0]}, the kernel decides by ${kernel[0]}`)
  })
  return problems
}

// --- Applying the patch with the real tools ---------------------------------------------

function asText(files: Record<string, Buffer>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(([path, bytes]) => [path, bytes.toString('latin1')]))
}

// --- The suite -----------------------------------------------------------------------------

const fixtures = loadFixtures(FIXTURES)
const judge = iptablesAvailability()

describeWhenAvailable('iptables oracle', judge, (judge) => {
  describe(`iptables oracle (${judge.version}; backends: ${judge.backends.join(', ')}${judge.notes.length > 0 ? `; ${judge.notes.join('; ')}` : ''})`, () => {
    it('has a corpus: saved output of both backends and both families, hand-written files, refused files', () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(12)
      const texts = fixtures.flatMap((f) => Object.values(f.files).map((b) => b.toString('latin1')))
      expect(texts.some((t) => t.includes('(nf_tables)'))).toBe(true)
      expect(texts.some((t) => /^# Generated by iptables-save v/m.test(t))).toBe(true)
      expect(texts.some((t) => /^# Generated by ip6tables-/m.test(t))).toBe(true)
      expect(fixtures.some((f) => f.refused)).toBe(true)
    })

    it('runs both backends', () => {
      expect(judge.backends).toContain('nft')
      if (process.env.CI) expect(judge.backends).toEqual(['nft', 'legacy'])
    })

    describe('(h) generated rule sets', () => {
      // Each run restores a few files with both backends; the number of runs stays small.
      const runs = Math.max(5, Math.min(40, Math.round(Number(process.env.FC_NUM_RUNS ?? 100) / 10)))
      test.prop([hardeningScenario], {numRuns: runs})('load before and after the fixes, read as iptables builds them, walked as the kernel walks them', (scenario: HardeningScenario) => {
        const result = harden(scenario.entries, {host: memoryHost(scenario.files), fix: 'unsafe', formats: [iptables], options: scenario.options})
        for (const path of scenario.entries) {
          const family = detectFamily(parse(scenario.files[path]!), path).family
          const fixed = result.files.find((f) => f.path === path)!.fixed
          for (const [what, text] of [['original', scenario.files[path]!], ['fixed', fixed]] as const) {
            // The original is refused exactly where the library says so (a CRLF, a last COMMIT
            // without a line end for legacy...); the fixed file never is.
            const refusals = what === 'fixed' ? [] : result.findings.filter((f) => f.file === path && f.severity === 'error' && REFUSAL_RULES.includes(f.ruleId))
            for (const backend of judge.backends) {
              const refused = refusals.some((f) => (backend === 'legacy' ? !/nf_tables backend|iptables-nft-restore/.test(f.message) : !/legacy backend/.test(f.message)))
              const verdict = judgeRules(text, family, backend)
              const loaded = verdict.test.status === 0 && verdict.restore.status === 0
              expect(loaded, `${backend} ${what} ${path}: ${verdict.test.stderr}${verdict.restore.stderr}\n${refusals.map((f) => f.message).join('\n')}\n${text}`).toBe(!refused)
              if (loaded) expect(readingOf(verdict.saved, family), `${backend} ${what} ${path}`).toEqual(readingOf(text, family))
            }
            if (refusals.length === 0) expect(walkProblems(text, family, 'nft'), `${what} ${path}\n${text}`).toEqual([])
          }
        }
      })
    })

    describe('(i) the examples of the rules\' documentation', () => {
      for (const rule of iptables.rules) {
        rule.docs.examples.forEach((example, index) => {
          it(`${rule.id} example ${index + 1}`, () => {
            const refusedOnPurpose = ['iptables/byte-order-mark', 'iptables/line-ending', 'iptables/invalid-line'].includes(rule.id)
            for (const [what, text] of [['good', example.good], ['bad', example.bad]] as const) {
              if (what === 'bad' && refusedOnPurpose) continue
              for (const backend of judge.backends) {
                const verdict = judgeRules(text, 'ipv4', backend)
                expect(verdict.test.status === 0 && verdict.restore.status === 0, `${backend} ${what}: ${verdict.test.stderr}${verdict.restore.stderr}`).toBe(true)
              }
            }
          })
        })
      }
    })

    describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      const files = fixture.entries

      it(`(a) iptables-restore ${fixture.refused ? 'refuses' : 'loads'} it as it is`, () => {
        for (const {path, family} of files) {
          for (const backend of judge.backends) {
            const verdict = judgeRules(fixture.files[path]!, family, backend)
            const loaded = verdict.test.status === 0 && verdict.restore.status === 0
            expect(loaded, `${backend} ${path}: ${verdict.test.stderr}${verdict.restore.stderr}`).toBe(!fixture.refused)
          }
        }
      })

      it('(b) is fixed by at least one run', () => {
        expect(RUNS.some((run) => outcome(fixture, run).result.applied.length > 0)).toBe(true)
      })

      it('the library tells the family of each file as its name says', () => {
        for (const {path, family} of files) expect(detectFamily(parse(fixture.files[path]!.toString('latin1')), path).family).toBe(family)
      })

      if (!fixture.refused) {
        it('(d) the library builds the chains iptables builds from the file', () => {
          for (const {path, family} of files) {
            const text = fixture.files[path]!.toString('utf8')
            for (const backend of judge.backends) {
              const saved = judgeRules(text, family, backend).saved
              const legacyKeepsPolicies = backend === 'legacy' && compileRulesetHasReplaced(text, family)
              expect(readingOf(saved, family), `${backend} ${path}:\n${normalizeSaved(saved)}`).toEqual(readingOf(text, family, !legacyKeepsPolicies))
            }
          }
        })

        it('(e) the walk meets the rule the kernel counts, for connections to each port', () => {
          for (const {path, family} of files) {
            for (const backend of judge.backends) expect(walkProblems(fixture.files[path]!.toString('utf8'), family, backend), `${backend} ${path}`).toEqual([])
          }
        })
      }

      describe.each(RUNS.map((run) => [run.name, run] as const))('%s run', (_run, run) => {
        it('(c) every fixed file passes iptables-restore --test and a real restore, and iptables-save shows the hardened policies', () => {
          const {result, fixed} = outcome(fixture, run)
          for (const {path, family} of files) {
            const text = fixed[path]!.toString('utf8')
            const drops = result.applied.filter((f) => f.ruleId === 'iptables/default-drop' && f.file === path)
            for (const backend of judge.backends) {
              const verdict = judgeRules(text, family, backend)
              expect(verdict.test.status, `${backend} --test ${path}: ${verdict.test.stderr}\n${result.patch}`).toBe(0)
              expect(verdict.restore.status, `${backend} restore ${path}: ${verdict.restore.stderr}\n${result.patch}`).toBe(0)
              const saved = normalizeSaved(verdict.saved)
              if (drops.some((f) => f.fix!.title.includes('INPUT') || f.fix!.title.includes('`*filter`'))) {
                expect(saved, `${backend} ${path}`).toMatch(/^:INPUT DROP \[0:0\]$/m)
                // Each rule the fix added, as iptables-save writes it.
                for (const finding of drops) {
                  for (const edit of finding.fix!.edits) {
                    for (const line of edit.text.split(/\r?\n/)) {
                      const rule = line.replace(/^\[0:0\] /, '')
                      // A later fix may restrict the rule's source (exposed-service): compare without `-s`.
                      const withoutSource = (text: string) => text.replace(/^(-A \S+) -s \S+/gm, '$1')
                      if (rule.startsWith('-A ')) expect(withoutSource(saved), `${backend} ${path}: ${rule}`).toContain(`\n${withoutSource(rule)}\n`)
                    }
                  }
                }
              }
              if (drops.some((f) => f.fix!.title.includes('FORWARD'))) expect(saved, `${backend} ${path}`).toMatch(/^:FORWARD DROP \[0:0\]$/m)
            }
          }
        })

        it('(d, e) the library reads the fixed files as iptables builds them, and its walk is the kernel\'s', () => {
          const {fixed} = outcome(fixture, run)
          for (const {path, family} of files) {
            const text = fixed[path]!.toString('utf8')
            for (const backend of judge.backends) {
              const saved = judgeRules(text, family, backend).saved
              const legacyKeepsPolicies = backend === 'legacy' && compileRulesetHasReplaced(text, family)
              expect(readingOf(saved, family), `${backend} ${path}`).toEqual(readingOf(text, family, !legacyKeepsPolicies))
              expect(walkProblems(text, family, backend), `${backend} ${path}`).toEqual([])
            }
          }
        })

        it('(f) the patch applies with patch -p1 and git apply, giving the fixed files', () => {
          const {result, fixed} = outcome(fixture, run)
          if (result.patch === '') return
          for (const tool of ['patch', 'git'] as const) {
            const applied = applyInFolder(fixture.files, encodePatch(result), tool)
            expect(applied.status, `${tool}: ${applied.output}\n${result.patch}`).toBe(0)
            expect(asText(applied.after), tool).toEqual(asText(fixed))
          }
        })

        it('(g) fixing the fixed files again changes nothing', () => {
          const {fixed} = outcome(fixture, run)
          const again = runHarden(fixture, fixed, run)
          expect(again.applied.map((f) => `${f.ruleId}: ${f.fix!.title}`)).toEqual([])
          expect(again.patch).toBe('')
        })
      })
    })
  })
})

/** Whether a file names a table twice (the legacy backend then keeps policies of the first block). */
function compileRulesetHasReplaced(text: string, family: Family): boolean {
  return [...compileRuleset(parse(text), family).tables.values()].some((t) => t.replaced.length > 0)
}
