#!/usr/bin/env node
// Parse throughput, in process and warm: harden-config's parser, a plain split-and-regex
// pass (the floor), and the npm `ssh-config` parser, on the same text. Each parser runs
// `warmup` times, then `runs` timed iterations spread over `rounds` interleaved rounds, so
// that a slow phase of the machine hits all of them alike. Prints one JSON object.
//
// bench/run.mjs starts it in its own process (with NODE_EXTRA_CA_CERTS unset); it can be
// run alone, or under `node --cpu-prof`:
//   node bench/throughput.mjs bench/out/sshd_config.20000 [--runs 45] [--only harden-config]
import {readFileSync} from 'node:fs'
import SSHConfig from 'ssh-config'
import {parse, print} from '../dist/formats/sshd/index.js'
import {median, sshdSplitRegex} from './lib.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at === -1 ? fallback : args.splice(at, 2)[1]
}
const runs = Number(option('--runs', 45))
const warmup = Number(option('--warmup', 10))
const rounds = Number(option('--rounds', 3))
const only = option('--only', undefined)
const file = args[0] ?? new URL('./out/sshd_config.20000', import.meta.url).pathname
const text = readFileSync(file, 'utf8')

const parsers = [
  {id: 'harden-config', label: 'harden-config `parse` (Peggy, lossless tree with positions)', run: (x) => parse(x), roundTrip: (x) => print(parse(x)) === x},
  {id: 'split-regex', label: 'baseline: split lines + one regex per line', run: (x) => sshdSplitRegex(x), roundTrip: undefined},
  {id: 'ssh-config', label: '`ssh-config` 5.3 `SSHConfig.parse`', run: (x) => SSHConfig.parse(x), roundTrip: (x) => SSHConfig.stringify(SSHConfig.parse(x)) === x},
].filter((p) => only === undefined || p.id === only)

/** Lines that differ after a round trip (for the report). */
function differingLines(a, b) {
  const x = a.split('\n')
  const y = b.split('\n')
  let count = Math.abs(x.length - y.length)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) count++
  return count
}

let sink = 0
const times = new Map(parsers.map((p) => [p.id, []]))
for (const p of parsers) for (let i = 0; i < warmup; i++) sink ^= p.run(text) === null ? 1 : 0
const perRound = Math.ceil(runs / rounds)
for (let round = 0; round < rounds; round++) {
  for (const p of parsers) {
    for (let i = 0; i < perRound; i++) {
      const start = process.hrtime.bigint()
      const result = p.run(text)
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6
      sink ^= result === null ? 1 : 0
      times.get(p.id).push(elapsed)
    }
  }
}

const bytes = Buffer.byteLength(text)
const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
const results = parsers.map((p) => {
  const t = times.get(p.id)
  const ms = median(t)
  let roundTrip = null
  let differing = null
  if (p.roundTrip !== undefined) {
    roundTrip = p.roundTrip(text)
    if (!roundTrip) differing = differingLines(text, p.id === 'ssh-config' ? SSHConfig.stringify(SSHConfig.parse(text)) : print(parse(text)))
  }
  return {
    id: p.id,
    label: p.label,
    medianMs: ms,
    minMs: Math.min(...t),
    maxMs: Math.max(...t),
    runs: t.length,
    mbPerS: bytes / 1e6 / (ms / 1e3),
    linesPerS: lines / (ms / 1e3),
    roundTrip,
    differingLines: differing,
  }
})
process.stdout.write(`${JSON.stringify({file, bytes, lines, warmup, rounds, results, sink})}\n`)
