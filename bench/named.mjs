#!/usr/bin/env node
// Parse throughput of the named.conf format (the fast path, and the Peggy grammar alone), in process and warm, on a generated
// 20,000-line configuration (bench/out/named.conf.20000, written by this script with a
// fixed seed), beside two baselines measured in the same run:
//
// - `tokenize`: one sticky regular expression that walks the whole text token by token
//   (white space, the three comment styles, quoted strings, words, braces, `;`, `!`) and
//   counts them: the floor of any reader of this syntax, with no tree and no positions;
// - `tokenize+positions`: the same, also building an object with line and column for each
//   token, which is what the lossless tree must at least do.
//
// The file looks like a large real one: Debian's options block, acls with nested lists,
// keys, logging channels, and views holding many zones (primary and secondary, with
// allow-transfer lists by key and address, also-notify), with every comment style, tabs,
// and a few one-line zones. Each parser runs `--warmup` times, then `--runs` timed runs
// spread over `--rounds` interleaved rounds. Prints a table and one JSON line.
//
// Usage: npm run build && node bench/named.mjs [--runs 45] [--lines 20000]
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parse, parseWithGrammar, print, loadNamedConfig} from '../dist/formats/named/index.js'
import {memoryHost} from '../dist/core/host.js'
import {DEFAULT_LIMITS} from '../dist/core/format.js'
import {prng, median} from './lib.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at === -1 ? fallback : Number(args[at + 1])
}
const runs = option('--runs', 45)
const warmup = option('--warmup', 10)
const rounds = option('--rounds', 9)
const targetLines = option('--lines', 20000)

/** A configuration of about `lines` lines. */
export function generate(lines) {
  const random = prng(0x6e616d65)
  const pick = (items) => items[Math.floor(random() * items.length)]
  const out = [
    '// This is the primary configuration file for the BIND DNS server named.',
    '//',
    '// Generated for the benchmark: options, acls, keys, logging, and views of zones.',
    '',
    'options {',
    '\tdirectory "/var/cache/bind";',
    '',
    '\t// If there is a firewall between you and nameservers you want',
    '\t// to talk to, you may need to fix the firewall to allow multiple',
    '\t// ports to talk.  See http://www.kb.cert.org/vuls/id/800113',
    '\tdnssec-validation auto;',
    '\tlisten-on-v6 { any; };',
    '\tallow-query { any; };',
    '};',
    '',
    'logging {',
    '\tchannel default_log {',
    '\t\tfile "/var/log/named/default.log" versions 3 size 5m;',
    '\t\tprint-time yes; print-severity yes;',
    '\t};',
    '\tcategory default { default_log; };',
    '};',
    '',
  ]
  let acl = 0
  let zone = 0
  let view = 0
  while (out.length < lines) {
    if (random() < 0.05) {
      out.push(`acl "nets-${acl}" {`, `\t10.${acl % 256}.0.0/16;`, '\t{ 172.16.0.0/12; !172.16.99.0/24; };\t# nested', `\t!192.0.2.${acl % 256};`, '};', '')
      out.push(`key "xfr-${acl}" {`, '\talgorithm hmac-sha256;', '\tsecret "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";', '};', '')
      acl++
      continue
    }
    out.push(`/* view ${view}: customers of region ${view % 7} */`, `view "view-${view}" {`, `\tmatch-clients { nets-${Math.max(0, acl - 1)}; localhost; };`, '\trecursion yes;', `\tallow-recursion { nets-${Math.max(0, acl - 1)}; };`)
    const zones = 20 + Math.floor(random() * 40)
    for (let i = 0; i < zones && out.length < lines - 8; i++, zone++) {
      const name = `zone${zone}.${pick(['example.org', 'example.net', 'example.com', 'test'])}`
      if (random() < 0.1) {
        out.push(`\tzone "${name}" { type secondary; primaries { 192.0.2.${zone % 250}; }; file "/var/cache/bind/db.${name}"; };`)
        continue
      }
      if (random() < 0.2) out.push(`\t# ${pick(['managed by ansible', 'ticket 4711', 'do not edit', 'customer zone'])}`)
      out.push(
        `\tzone "${name}" IN {`,
        `\t\ttype ${pick(['primary', 'master'])};`,
        `\t\tfile "/etc/bind/zones/db.${name}";`,
        `\t\tallow-transfer { key "xfr-${Math.max(0, acl - 1)}"; 198.51.100.${zone % 250}; };\t// secondaries`,
        `\t\talso-notify { 198.51.100.${zone % 250}; };`,
        '\t};',
      )
    }
    out.push('};', '')
    view++
  }
  return `${out.join("\n")}\n`
}

/** The floor: one sticky regular expression over the whole text, counting tokens. */
const TOKEN = /[ \t\r\n]+|\/\*[\s\S]*?\*\/|(?:\/\/|#)[^\n]*|"(?:[^"\\]|\\[\s\S])*"|[{};!]|(?:[^ \t\r\n{};"!/#]|\/(?![/*]))+/y
function tokenize(text) {
  TOKEN.lastIndex = 0
  let count = 0
  while (TOKEN.lastIndex < text.length) {
    if (TOKEN.exec(text) === null) throw new Error(`tokenize: stuck at ${TOKEN.lastIndex}`)
    count++
  }
  return count
}

/** The floor with positions: each token becomes an object with its line and column. */
function tokenizeWithPositions(text) {
  TOKEN.lastIndex = 0
  const tokens = []
  let line = 1
  let lineStart = 0
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex
    const match = TOKEN.exec(text)
    const value = match[0]
    tokens.push({value, start: {line, column: start - lineStart + 1, offset: start}})
    for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) {
      line++
      lineStart = start + at + 1
    }
  }
  return tokens
}

const text = generate(targetLines)
const out = join(dirname(fileURLToPath(import.meta.url)), 'out')
mkdirSync(out, {recursive: true})
const file = join(out, `named.conf.${targetLines}`)
writeFileSync(file, text)

const loadAll = (x) => loadNamedConfig('/etc/bind/named.conf', {host: memoryHost({'/etc/bind/named.conf': x}), settings: {role: 'both'}, limits: DEFAULT_LIMITS, cache: new Map()})
const parsers = [
  {id: 'harden-config', label: 'harden-config `parse` (lossless tree with positions: regex fast path, Peggy for the unusual)', run: (x) => parse(x)},
  {id: 'harden-config-grammar', label: 'harden-config `parseWithGrammar` (the Peggy grammar alone, same tree)', run: (x) => parseWithGrammar(x)},
  {id: 'harden-config-load', label: 'harden-config `parse` + scopes (`loadNamedConfig`)', run: loadAll},
  {id: 'tokenize+positions', label: 'baseline: sticky-regex tokenizer building tokens with line/column', run: tokenizeWithPositions},
  {id: 'tokenize', label: 'baseline: sticky-regex tokenizer, counting only', run: tokenize},
]

let sink = 0
const times = new Map(parsers.map((p) => [p.id, []]))
for (const p of parsers) for (let i = 0; i < warmup; i++) sink ^= p.run(text) === null ? 1 : 0
const perRound = Math.ceil(runs / rounds)
for (let round = 0; round < rounds; round++) {
  for (const p of parsers) {
    for (let i = 0; i < perRound; i++) {
      const start = process.hrtime.bigint()
      const result = p.run(text)
      times.get(p.id).push(Number(process.hrtime.bigint() - start) / 1e6)
      sink ^= result === null ? 1 : 0
    }
  }
}

const bytes = Buffer.byteLength(text)
const lines = text.split('\n').length - 1
const floor = median(times.get('tokenize'))
const results = parsers.map((p) => {
  const ms = median(times.get(p.id))
  return {id: p.id, label: p.label, medianMs: ms, minMs: Math.min(...times.get(p.id)), runs: times.get(p.id).length, mbPerS: bytes / 1e6 / (ms / 1e3), vsTokenize: ms / floor}
})
const roundTrip = print(parse(text)) === text
console.log(`named.conf parse throughput: ${lines} lines, ${(bytes / 1024).toFixed(0)} KiB, ${tokenize(text)} tokens; node ${process.version}; medians of ${results[0].runs} runs`)
console.log('| parser | median | MB/s | × tokenize |')
console.log('|---|---|---|---|')
for (const r of results) console.log(`| ${r.label} | ${r.medianMs.toFixed(1)} ms | ${r.mbPerS.toFixed(1)} | ${r.vsTokenize.toFixed(2)}× |`)
console.log(`round trip byte for byte: ${roundTrip}`)
console.log(JSON.stringify({file, bytes, lines, results, roundTrip, sink}))
