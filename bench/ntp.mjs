#!/usr/bin/env node
// ntp.conf parse throughput, in process and warm, beside baselines measured in the same run:
//
// - harden-config's `parse` for ntp.conf (a lossless tree with positions: plain lines read
//   with one regular expression each, every other line by the Peggy grammar);
// - the same grammar reading every line (what the fast path saves);
// - the floor: split the lines and match each non-comment line with one regular expression
//   for its keyword and arguments, keeping nothing;
// - and, for scale, `harden()` with every rule on the same file (load, read for NTPsec,
//   check, fix to a fixed point, build the patch).
//
// The input is generated here, the same on every run (fixed seed): a 20,000-line ntp.conf of
// a large site (bench/out/ntp.conf.20000, git-ignored): a header, servers and pools, a
// restrict line for every client network and monitoring host, comments and blank lines,
// some tabs, trailing comments, quoted paths and CIDR ranges.
//
// Each subject runs `--warmup` times, then `--runs` timed iterations spread over `--rounds`
// interleaved rounds, so that a slow phase of the machine hits all of them alike. Prints a
// human summary and, last, one JSON line.
//
// Usage: npm run build && node bench/ntp.mjs [--runs 45] [--rounds 9] [--warmup 10] [--lines 20000]
import {mkdirSync, writeFileSync} from 'node:fs'
import {cpus, loadavg} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {prng, median} from './lib.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at === -1 ? fallback : Number(args[at + 1])
}
const runs = option('--runs', 45)
const rounds = option('--rounds', 9)
const warmup = option('--warmup', 10)
const lineCount = option('--lines', 20000)

let library
try {
  library = {
    ntp: await import('../dist/formats/ntp/index.js'),
    grammar: await import('../dist/formats/ntp/_generated/parser.js'),
    lexicon: (await import('../dist/formats/ntp/parse.js')).lexicon,
    text: await import('../dist/core/text.js'),
    host: await import('../dist/core/host.js'),
    harden: await import('../dist/harden.js'),
  }
} catch (error) {
  console.error(`bench/ntp.mjs: dist/ has no ntp format (${error.message}); run \`npm run build\` first.`)
  process.exit(2)
}

// ----- The input --------------------------------------------------------------------------------

/** A 20,000-line ntp.conf of a large site, the same on every run. */
export function generate(lines) {
  const random = prng(0x4e545032)
  const pick = (items) => items[Math.floor(random() * items.length)]
  const octet = () => Math.floor(random() * 256)
  const out = [
    '# /etc/ntpsec/ntp.conf of the campus time servers; see ntp.conf(5) for help',
    '# Generated from the network inventory: one restrict line per client network.',
    '',
    'driftfile /var/lib/ntpsec/ntp.drift',
    'leapfile /usr/share/zoneinfo/leap-seconds.list',
    'statsdir /var/log/ntpsec/',
    'statistics loopstats peerstats clockstats',
    'filegen loopstats file loopstats type day enable',
    'filegen peerstats file peerstats type day enable',
    'tos maxclock 11',
    'tos minclock 4 minsane 3',
    '',
    'restrict default kod nomodify noquery limited',
    'restrict 127.0.0.1',
    'restrict ::1',
    '',
  ]
  const flags = ['nomodify', 'noquery', 'kod', 'limited', 'notrap', 'nopeer', 'nomrulist']
  while (out.length < lines) {
    const roll = random()
    if (roll < 0.2) {
      out.push(pick(['# ', '#', '## ']) + pick(['Building', 'Lab', 'Department', 'Dormitory', 'Library', 'Data centre']) + ` ${Math.floor(random() * 400)}: ` + pick(['clients', 'printers and sensors', 'monitoring', 'the VPN pool', 'guest Wi-Fi']))
    } else if (roll < 0.32) {
      out.push('')
    } else if (roll < 0.4) {
      out.push(`${pick(['server', 'server', 'pool'])} ${pick([`ntp${Math.floor(random() * 9)}.campus.example`, `10.${octet()}.${octet()}.${octet()}`, `${Math.floor(random() * 4)}.debian.pool.ntp.org`])}${pick([' iburst', ' iburst', ' iburst prefer', ' iburst minpoll 4 maxpoll 6', ''])}`)
    } else if (roll < 0.9) {
      const chosen = flags.filter(() => random() < 0.35)
      const network = pick([
        () => `10.${octet()}.${octet()}.0 mask 255.255.255.0`,
        () => `172.${16 + Math.floor(random() * 16)}.${octet()}.0/24`,
        () => `192.168.${octet()}.${octet()}`,
        () => `2001:db8:${Math.floor(random() * 65536).toString(16)}::/64`,
        () => `198.51.100.${octet()}`,
      ])()
      const separator = random() < 0.1 ? '\t' : ' '
      const trailing = random() < 0.08 ? `${separator}# ticket ${Math.floor(random() * 90000)}` : random() < 0.02 ? '  ' : ''
      out.push(['restrict', network, ...chosen].join(separator) + trailing)
    } else if (roll < 0.96) {
      out.push(pick(['#restrict default ignore', '#server ntp.example.net iburst', '# disable monitor', '#statsdir /var/log/ntpsec/']))
    } else {
      // Lines the grammar reads: quotes, special characters, characters above U+007F.
      out.push(pick([`logfile "/var/log/ntpsec/ntpd ${Math.floor(random() * 9)}.log"`, 'setvar site = "campus time" default', 'trustedkey (1 ... 4) 7', `# Zoë's note: ${octet()}`, `restrict 10.${octet()}.0.0 mask 255.255.0.0 nomodify,noquery`]))
    }
  }
  return `${out.slice(0, lines).join('\n')}\n`
}

const text = generate(lineCount)
const file = join(HERE, 'out', `ntp.conf.${lineCount}`)
mkdirSync(dirname(file), {recursive: true})
writeFileSync(file, text)

// ----- The subjects -----------------------------------------------------------------------------

/** The floor: split the lines, match each one that is not a comment for its keyword and arguments. */
function splitRegex(source) {
  const lineRe = /^[ \t]*([^\s#]+)[ \t]*([^#]*?)[ \t]*(?:#.*)?$/
  let commands = 0
  let last
  for (const line of source.split('\n')) {
    const match = lineRe.exec(line)
    if (match !== null) {
      commands++
      last = match
    }
  }
  return {commands, last}
}

const {ntp, grammar, lexicon, text: textModule, host: hostModule, harden: hardenModule} = library
const subjects = [
  {id: 'harden-config', label: 'harden-config `parse` (fast path + Peggy grammar, lossless tree with positions)', run: (x) => ntp.parse(x)},
  {id: 'grammar-only', label: 'the Peggy grammar on every line (no fast path)', run: (x) => grammar.parse(x, {lineIndex: new textModule.LineIndex(x), lexicon})},
  {id: 'split-regex', label: 'baseline: split lines + one regex per line (keeps nothing)', run: (x) => splitRegex(x)},
  {
    id: 'harden',
    label: '`harden()`: load, every rule (strict), fixes to a fixed point, patch',
    run: (x) => hardenModule.harden(['/etc/ntpsec/ntp.conf'], {host: hostModule.memoryHost({'/etc/ntpsec/ntp.conf': x}), formats: [ntp.ntp], profile: 'strict'}),
  },
]

const loadBefore = loadavg()[0]
let sink = 0
for (const subject of subjects) for (let i = 0; i < warmup; i++) sink ^= subject.run(text) === null ? 1 : 0
const times = new Map(subjects.map((s) => [s.id, []]))
const perRound = Math.ceil(runs / rounds)
for (let round = 0; round < rounds; round++) {
  // Rotate the order between rounds, so that no subject always runs first.
  const order = subjects.map((_, i) => subjects[(i + round) % subjects.length])
  for (const subject of order) {
    for (let i = 0; i < perRound; i++) {
      const start = process.hrtime.bigint()
      const result = subject.run(text)
      times.get(subject.id).push(Number(process.hrtime.bigint() - start) / 1e6)
      sink ^= result === null ? 1 : 0
    }
  }
}
const loadAfter = loadavg()[0]

const bytes = Buffer.byteLength(text)
const results = subjects.map((subject) => {
  const t = times.get(subject.id)
  const ms = median(t)
  return {id: subject.id, label: subject.label, medianMs: ms, minMs: Math.min(...t), maxMs: Math.max(...t), runs: t.length, mbPerS: bytes / 1e6 / (ms / 1e3), linesPerS: lineCount / (ms / 1e3)}
})
const by = Object.fromEntries(results.map((r) => [r.id, r]))
const roundTrip = ntp.print(ntp.parse(text)) === text
const hardenResult = hardenModule.harden(['/etc/ntpsec/ntp.conf'], {host: hostModule.memoryHost({'/etc/ntpsec/ntp.conf': text}), formats: [ntp.ntp], profile: 'strict'})
const ratios = {
  parseVsSplitRegex: by['harden-config'].medianMs / by['split-regex'].medianMs,
  parseVsGrammarOnly: by['harden-config'].medianMs / by['grammar-only'].medianMs,
  hardenVsParse: by.harden.medianMs / by['harden-config'].medianMs,
}

console.log(`ntp.conf parse throughput: bench/out/ntp.conf.${lineCount} (${lineCount} lines, ${(bytes / 1024).toFixed(0)} KiB), ${cpus().length} cores, Node ${process.version}`)
console.log(`medians of ${results[0].runs} runs in ${rounds} interleaved rounds after ${warmup} warm-up runs; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`)
for (const r of results) console.log(`  ${r.medianMs.toFixed(1).padStart(8)} ms  ${r.mbPerS.toFixed(1).padStart(6)} MB/s  ${r.label}`)
console.log(`  parse = ${ratios.parseVsSplitRegex.toFixed(1)}x the split-regex floor, ${ratios.parseVsGrammarOnly.toFixed(2)}x the grammar alone; harden() = ${ratios.hardenVsParse.toFixed(1)}x parse`)
console.log(`  lossless: print(parse(x)) === x is ${roundTrip}; harden() found ${hardenResult.findings.length} findings and applied ${hardenResult.applied.length} fixes`)
process.stdout.write(`${JSON.stringify({file: `bench/out/ntp.conf.${lineCount}`, bytes, lines: lineCount, runs, rounds, warmup, loadBefore, loadAfter, results, ratios, roundTrip, findings: hardenResult.findings.length, applied: hardenResult.applied.length, sink})}\n`)
