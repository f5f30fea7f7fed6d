#!/usr/bin/env node
// Parse throughput of the iptables format, in process and warm, on a generated
// iptables-save file of 20,000 rules, beside baselines measured in the same run:
//
// - `harden-config parse`: the lossless tree with positions, every command's words grouped
//   into typed options (dist/formats/iptables/index.js; `npm run build` first);
// - `parse + compile`: the tree, then the chains built from the commands (what every rule of
//   the format starts from);
// - `split-regex` (the floor): split the lines, and for each command line one regular
//   expression for its counters, command and chain, and a split of the rest into words;
// - `split-tokens`: the same with quotes honoured, as iptables-restore splits words (a
//   character loop, no tree), the least a correct reader must do.
//
// Each parser runs `--warmup` times, then `--runs` timed iterations spread over `--rounds`
// interleaved rounds, so that a slow phase of the machine hits all of them alike. Prints a
// JSON object and a markdown table with the medians and the ratios to the floor.
//
// The input looks like the rule sets that grow that big: kube-proxy's (`KUBE-SVC-...`,
// `KUBE-SEP-...` chains, a quoted `-m comment` on most rules), fail2ban's block lists and
// Docker's chains, saved with counters (`iptables-save -c`), in the `filter` and `nat`
// tables. It is written to bench/out/iptables.20000 (git-ignored), the same on every run.
//
// Usage: npm run build && node bench/iptables.mjs [--runs 45] [--warmup 10] [--rounds 9] [--rules 20000]
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {prng, median} from './lib.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at === -1 ? fallback : Number(args[at + 1])
}
const runs = option('--runs', 45)
const warmup = option('--warmup', 10)
const rounds = option('--rounds', 9)
const RULES = option('--rules', 20000)

let lib
try {
  lib = await import('../dist/formats/iptables/index.js')
} catch (error) {
  console.error(`bench/iptables.mjs: dist/formats/iptables/ is missing or broken; run \`npm run build\` first (${error.message})`)
  process.exit(2)
}
const {parse, print, compileRuleset} = lib

// ----- The input ------------------------------------------------------------------------------

/** An iptables-save -c file of about `count` rules. */
function generate(count) {
  const random = prng(0x1b7ab1e5)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const id = () => Array.from({length: 16}, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(random() * 32)]).join('')
  const ip = () => `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`
  const counters = () => `[${Math.floor(random() * 5000)}:${Math.floor(random() * 900000)}]`
  const stamp = 'Mon Nov 23 02:55:17 2026'
  const nat = []
  const filter = []
  const natChains = new Set(['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ', 'DOCKER'])
  const filterChains = new Set(['KUBE-FIREWALL', 'KUBE-FORWARD', 'DOCKER', 'DOCKER-USER', 'f2b-sshd', 'LOGDROP'])
  filter.push('-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 22 -j f2b-sshd', '-A INPUT -j KUBE-FIREWALL')
  filter.push('-A FORWARD -j DOCKER-USER', '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD', '-A DOCKER-USER -j RETURN')
  filter.push('-A LOGDROP -m limit --limit 5/min -j LOG --log-prefix "iptables drop: " --log-level 4', '-A LOGDROP -j DROP')
  let rules = filter.length
  while (rules < count) {
    const kind = random()
    if (kind < 0.55) {
      // kube-proxy: a service, its endpoints, with quoted comments.
      const ns = pick(['default', 'kube-system', 'shop', 'billing', 'monitoring', 'web'])
      const name = `${pick(['api', 'db', 'cache', 'frontend', 'worker', 'auth'])}-${Math.floor(random() * 400)}`
      const port = pick(['http', 'https', 'grpc', 'metrics'])
      const svc = `KUBE-SVC-${id()}`
      const clusterIp = `10.96.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`
      natChains.add(svc)
      nat.push(`-A KUBE-SERVICES -d ${clusterIp}/32 -p tcp -m comment --comment "${ns}/${name}:${port} cluster IP" -m tcp --dport ${pick([80, 443, 8080, 9090])} -j ${svc}`)
      const endpoints = 1 + Math.floor(random() * 3)
      for (let e = 0; e < endpoints; e++) {
        const sep = `KUBE-SEP-${id()}`
        natChains.add(sep)
        const last = e === endpoints - 1
        nat.push(`-A ${svc} -m comment --comment "${ns}/${name}:${port} -> ${ip()}:8080" ${last ? '' : `-m statistic --mode random --probability ${(1 / (endpoints - e)).toFixed(11)} `}-j ${sep}`)
        nat.push(`-A ${sep} -s ${ip()}/32 -m comment --comment "${ns}/${name}:${port}" -j KUBE-MARK-MASQ`)
        nat.push(`-A ${sep} -p tcp -m comment --comment "${ns}/${name}:${port}" -m tcp -j DNAT --to-destination ${ip()}:8080`)
        rules += 2
      }
      rules += 1 + endpoints
    } else if (kind < 0.85) {
      // fail2ban: a block list.
      filter.push(`-A f2b-sshd -s ${ip().replace(/^10\./, `${1 + Math.floor(random() * 222)}.`)}/32 -j REJECT --reject-with icmp-port-unreachable`)
      rules++
    } else {
      // Hand-written services and Docker's published ports.
      const port = 1024 + Math.floor(random() * 60000)
      filter.push(pick([
        `-A INPUT -s ${ip()}/32 -p tcp -m tcp --dport ${port} -j ACCEPT`,
        `-A DOCKER -d 172.17.${Math.floor(random() * 256)}.${2 + Math.floor(random() * 250)}/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport ${port} -j ACCEPT`,
        `-A INPUT -p udp -m udp --dport ${port} -m conntrack --ctstate NEW -j ACCEPT`,
        `-A INPUT -p tcp -m tcp --dport ${port} -m recent --update --seconds 60 --hitcount 4 --name t${port} --mask 255.255.255.255 --rsource -j LOGDROP`,
      ]))
      rules++
    }
  }
  filter.push('-A f2b-sshd -j RETURN', '-A KUBE-FIREWALL -m comment --comment "kubernetes firewall for dropping marked packets" -m mark --mark 0x8000/0x8000 -j DROP')
  const block = (table, builtins, chains, lines) => [
    `# Generated by iptables-nft-save v1.8.9 (nf_tables) on ${stamp}`,
    `*${table}`,
    ...builtins.map((c) => `:${c} ACCEPT ${counters()}`),
    ...[...chains].sort().map((c) => `:${c} - [0:0]`),
    ...lines.map((l) => `${counters()} ${l}`),
    'COMMIT',
    `# Completed on ${stamp}`,
  ]
  return [...block('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], natChains, nat), ...block('filter', ['INPUT', 'FORWARD', 'OUTPUT'], filterChains, filter)].join('\n') + '\n'
}

const text = generate(RULES)
const out = join(dirname(fileURLToPath(import.meta.url)), 'out')
mkdirSync(out, {recursive: true})
const file = join(out, `iptables.${RULES}`)
writeFileSync(file, text)

// ----- The baselines --------------------------------------------------------------------------

/** The floor: split lines, one regex per command line, split its rest into words. */
function splitRegex(source) {
  const command = /^(\[\d+:\d+\] )?(-[A-Z]) (\S+) (.*)$/
  let rules = 0
  let words = 0
  for (const line of source.split('\n')) {
    const first = line.charCodeAt(0)
    if (first === 35 || first === 42 || first === 58 || line === 'COMMIT' || line === '') continue
    const match = command.exec(line)
    if (match === null) continue
    rules++
    words += match[4].split(' ').length
  }
  return {rules, words}
}

/** Words as iptables-restore splits them (quotes, escapes), with no tree: a character loop. */
function splitTokens(source) {
  let rules = 0
  const tokens = []
  for (const line of source.split('\n')) {
    const first = line.charCodeAt(0)
    if (first === 35 || first === 42 || first === 58 || line === 'COMMIT' || line === '') continue
    rules++
    let word = ''
    let quote = false
    let started = false
    for (let i = 0; i < line.length; i++) {
      const c = line[i]
      if (quote) {
        if (c === '\\' && i + 1 < line.length) word += line[++i]
        else if (c === '"') {
          tokens.push(word)
          word = ''
          quote = false
          started = false
        } else word += c
      } else if (c === '"') {
        quote = true
        started = true
      } else if (c === ' ' || c === '\t') {
        if (started) tokens.push(word)
        word = ''
        started = false
      } else {
        word += c
        started = true
      }
    }
    if (started) tokens.push(word)
  }
  return {rules, tokens: tokens.length}
}

const parsers = [
  {id: 'split-regex', label: 'baseline: split lines + one regex per command line + split its words', run: (x) => splitRegex(x)},
  {id: 'split-tokens', label: 'baseline: split lines + iptables-restore\'s word splitting (quotes, escapes), no tree', run: (x) => splitTokens(x)},
  {id: 'harden-config', label: 'harden-config `parse` (lossless tree with positions, typed options)', run: (x) => parse(x), roundTrip: (x) => print(parse(x)) === x},
  {id: 'harden-config+compile', label: 'harden-config `parse` + `compileRuleset` (the chains the commands build)', run: (x) => compileRuleset(parse(x), 'ipv4')},
]

// ----- Timing ------------------------------------------------------------------------------------

let sink = 0
const times = new Map(parsers.map((p) => [p.id, []]))
for (const p of parsers) for (let i = 0; i < warmup; i++) sink ^= p.run(text) === null ? 1 : 0
const perRound = Math.ceil(runs / rounds)
for (let round = 0; round < rounds; round++) {
  // Rotate the order between rounds.
  const order = parsers.map((_, i) => parsers[(i + round) % parsers.length])
  for (const p of order) {
    for (let i = 0; i < perRound; i++) {
      const start = process.hrtime.bigint()
      const result = p.run(text)
      times.get(p.id).push(Number(process.hrtime.bigint() - start) / 1e6)
      sink ^= result === null ? 1 : 0
    }
  }
}

const floor = median(times.get('split-regex'))
const tokens = median(times.get('split-tokens'))
const lines = text.split('\n').length - 1
const ruleCount = splitRegex(text).rules
const results = parsers.map((p) => {
  const ms = median(times.get(p.id))
  return {
    id: p.id,
    label: p.label,
    medianMs: Number(ms.toFixed(2)),
    minMs: Number(Math.min(...times.get(p.id)).toFixed(2)),
    rulesPerSecond: Math.round(ruleCount / (ms / 1000)),
    mibPerSecond: Number((Buffer.byteLength(text) / 1048576 / (ms / 1000)).toFixed(1)),
    vsSplitRegex: Number((ms / floor).toFixed(2)),
    vsSplitTokens: Number((ms / tokens).toFixed(2)),
    lossless: p.roundTrip === undefined ? undefined : p.roundTrip(text),
  }
})
const report = {
  file: file.replace(`${process.cwd()}/`, ''),
  bytes: Buffer.byteLength(text),
  lines,
  rules: ruleCount,
  quotedRules: text.split('\n').filter((l) => l.includes('"') && /^\[/.test(l)).length,
  node: process.version,
  runs: times.get('split-regex').length,
  results,
  sink,
}
console.log(JSON.stringify(report, null, 2))
console.log('')
console.log(`Parse throughput on ${report.file} (${lines} lines, ${ruleCount} rules, ${(report.bytes / 1024).toFixed(0)} KiB, ${report.quotedRules} with a quoted comment), medians of ${report.runs} runs, ${process.version}:`)
console.log('')
console.log('| what | median | rules/s | × split-regex | × split-tokens | lossless |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const r of results) console.log(`| ${r.label} | ${r.medianMs} ms | ${r.rulesPerSecond.toLocaleString('en')} | ${r.vsSplitRegex}× | ${r.vsSplitTokens}× | ${r.lossless === undefined ? '—' : r.lossless ? 'yes' : 'NO'} |`)
