// What the bench scripts share: finding programs, describing the machine, waiting for quiet
// CPUs, timing whole commands (hyperfine, or a spawnSync loop) in rounds with the order
// rotated between rounds, medians, and the PRNG the generated inputs are made with.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {cpus, tmpdir, totalmem} from 'node:os'
import {join} from 'node:path'

/** The path of a program on PATH, or null. */
export function which(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], {encoding: 'utf8'})
  return found.status === 0 ? found.stdout.trim() : null
}

/** The first line a program prints (a version), or null. */
export function firstLine(command, args) {
  try {
    const run = spawnSync(command, args, {encoding: 'utf8'})
    return `${run.stdout ?? ''}${run.stderr ?? ''}`.split('\n')[0].trim() || null
  } catch {
    return null
  }
}

/** Cores, CPU model, memory, OS and Node of this machine. */
export function machineInfo() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: existsSync('/etc/os-release') ? ((readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m) ?? [])[1] ?? process.platform) : process.platform,
    node: process.version,
  }
}

/** `--max-wait=SECONDS` of the command line (default 20). */
export function maxWaitArgument(argv = process.argv) {
  return Number((argv.find((a) => a.startsWith('--max-wait=')) ?? '--max-wait=20').split('=')[1])
}

function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  return {idle: fields[3] + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0)}
}

/** The share of the CPUs busy over `ms` milliseconds, or null without /proc/stat. */
function busyShare(ms) {
  if (!existsSync('/proc/stat')) return null
  const a = cpuTimes()
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
  const b = cpuTimes()
  return b.total === a.total ? 0 : 1 - (b.idle - a.idle) / (b.total - a.total)
}

/**
 * Other work on the machine skews every figure: waits (up to `maxWait` seconds) until the
 * CPUs are at most 10% busy, says so when they never were, and returns how busy they were.
 */
export function waitForQuiet(maxWait) {
  const until = Date.now() + maxWait * 1000
  let share = busyShare(1000)
  while (share !== null && share > 0.1 && Date.now() < until) share = busyShare(2000)
  if (share !== null && share > 0.1) console.log(`  warning: the CPUs were ${(share * 100).toFixed(0)}% busy with other work; these figures are noisy`)
  return share
}

/** mulberry32: a small deterministic PRNG, so that every generated input is the same on every run. */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A word as a shell would need it (for hyperfine's command lines and the tables). */
export const quote = (word) => (/^[\w./=:+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)

/**
 * Times whole commands. Each entry: {id, label, argv, okStatus: number[], display?, check?}.
 * Each is run once first and checked (exit status, and `check(run)`); then all run
 * `rounds` times in a rotating order, and the times of every round are pooled.
 *
 * @param entries the commands
 * @param options runs (per command, split over rounds), warmup (per round), rounds, the
 *   environment and working folder of the commands, and hyperfine's path (null: a spawnSync
 *   loop, one run of each command in turn)
 */
export function timeCommands(entries, {runs, warmup, rounds, env, cwd, hyperfine}) {
  for (const entry of entries) {
    const run = spawnSync(entry.argv[0], entry.argv.slice(1), {cwd, env, encoding: 'utf8'})
    if (!entry.okStatus.includes(run.status)) throw new Error(`bench: ${entry.argv.join(' ')} exited ${run.status}: ${run.stderr}`)
    entry.check?.(run)
  }
  const times = new Map(entries.map((e) => [e.id, []]))
  const cpu = new Map(entries.map((e) => [e.id, []]))
  const statuses = new Map(entries.map((e) => [e.id, new Set()]))
  const perRound = Math.ceil(runs / rounds)
  const work = mkdtempSync(join(tmpdir(), 'harden-config-bench-'))
  try {
    for (let round = 0; round < rounds; round++) {
      const order = entries.map((_, i) => entries[(i + round) % entries.length])
      if (hyperfine) {
        const json = join(work, `round-${round}.json`)
        const args = ['-N', '-i', '--style', 'none', '--warmup', String(warmup), '--runs', String(perRound), '--export-json', json]
        for (const entry of order) args.push('-n', entry.id, entry.argv.map(quote).join(' '))
        const run = spawnSync(hyperfine, args, {cwd, env, encoding: 'utf8'})
        if (run.status !== 0) throw new Error(`bench: hyperfine failed: ${run.stderr}`)
        for (const result of JSON.parse(readFileSync(json, 'utf8')).results) {
          times.get(result.command).push(...result.times.map((s) => s * 1000))
          cpu.get(result.command).push((result.user + result.system) * 1000)
          for (const code of result.exit_codes) statuses.get(result.command).add(code)
        }
      } else {
        for (let i = 0; i < warmup + perRound; i++) {
          for (const entry of order) {
            const start = process.hrtime.bigint()
            const run = spawnSync(entry.argv[0], entry.argv.slice(1), {cwd, env, stdio: 'ignore'})
            const ms = Number(process.hrtime.bigint() - start) / 1e6
            statuses.get(entry.id).add(run.status)
            if (i >= warmup) times.get(entry.id).push(ms)
          }
        }
      }
    }
  } finally {
    rmSync(work, {recursive: true, force: true})
  }
  const results = {}
  for (const entry of entries) {
    const t = times.get(entry.id)
    for (const status of statuses.get(entry.id)) {
      if (!entry.okStatus.includes(status)) throw new Error(`bench: ${entry.argv.join(' ')} exited ${status} during timing`)
    }
    const mean = t.reduce((a, b) => a + b, 0) / t.length
    const c = cpu.get(entry.id)
    results[entry.id] = {
      label: entry.label,
      command: entry.display ?? entry.argv.map(quote).join(' '),
      medianMs: median(t),
      meanMs: mean,
      stddevMs: Math.sqrt(t.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, t.length - 1)),
      minMs: Math.min(...t),
      maxMs: Math.max(...t),
      // hyperfine's CPU time (user + system) per run, averaged over rounds: less sensitive to
      // other work on the machine than the wall-clock time, but it counts V8's helper threads.
      cpuMs: c.length > 0 ? c.reduce((a, b) => a + b, 0) / c.length : null,
      runs: t.length,
    }
  }
  return results
}

/**
 * The floor for any reader of sshd_config: split the lines and match each non-comment line
 * for its keyword and arguments, keeping nothing (bench/throughput.mjs, and for scale
 * bench/apache.mjs).
 */
export function sshdSplitRegex(source) {
  const lineRe = /^[ \t]*([^\s=#][^\s=]*)(?:[ \t]*=[ \t]*|[ \t]+)(.*?)[ \t]*$/
  let directives = 0
  let last
  for (const line of source.split('\n')) {
    const match = lineRe.exec(line)
    if (match !== null) {
      directives++
      last = match
    }
  }
  return {directives, last}
}
