#!/usr/bin/env node
// The benchmark (`npm run bench` builds first). Everything is measured in this one run,
// beside baselines measured in the same run, and reported as medians and ratios:
//
// 1. Start-up on a typical file (Debian 12's sshd_config and its cloud-init drop-in, from
//    examples/cloud-vm): the CLI vs `node -e 0` vs a bare Node read-fix-diff script.
// 2. Parse throughput on a generated 20,000-line file, in process and warm: harden-config's
//    parser vs a split-and-regex pass vs the npm `ssh-config` parser, with whether each
//    gives the input back byte for byte.
// 3. A generated 2,000-line file: the CLI vs Augeas's augtool (Sshd lens only) setting the
//    same three directives and saving, as whole commands.
//
// Spawned commands are timed with hyperfine when it is installed (else a spawnSync loop),
// in interleaved rounds. NODE_EXTRA_CA_CERTS is removed from the environment of every
// measured process: when set, Node loads the certificates at start, which adds tens of
// milliseconds to every start and would hide what the CLI itself costs.
//
// Writes bench/out/results.json and prints markdown tables for bench/README.md.
//
// Before each part it waits (up to --max-wait seconds) for the CPUs to be idle, since other
// work on the machine skews everything; it records how busy they were.
//
// Usage: node bench/run.mjs [--quick] [--max-wait=SECONDS] [--no-hyperfine]
import {spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {generateAll, OUT} from './gen.mjs'
import {firstLine, machineInfo, maxWaitArgument, median, timeCommands, waitForQuiet, which} from './lib.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const REPO = join(HERE, '..')
process.chdir(REPO)
const quick = process.argv.includes('--quick')
// Spawned commands: runs per command (split over rounds), warmup runs per round.
const SPAWN = quick ? {runs: 12, warmup: 2, rounds: 3} : {runs: 45, warmup: 2, rounds: 9}
const PARSE = quick ? {runs: 12, warmup: 5, rounds: 3} : {runs: 45, warmup: 10, rounds: 9}

// ----- Environment ---------------------------------------------------------------------------

const env = {...process.env}
const hadCaCerts = env.NODE_EXTRA_CA_CERTS !== undefined
delete env.NODE_EXTRA_CA_CERTS
const node = process.execPath

if (!existsSync('dist/bin/harden-config.cjs') || !existsSync('dist/formats/sshd/index.js')) {
  console.error('bench: dist/ is missing; run `npm run bench` (which builds first) or `npm run build`.')
  process.exit(2)
}
const hyperfine = process.argv.includes('--no-hyperfine') ? null : which('hyperfine')
const augtool = which('augtool')
const machine = {
  ...machineInfo(),
  hyperfine: hyperfine ? firstLine('hyperfine', ['--version']) : null,
  augtool: augtool ? firstLine('augtool', ['--version'])?.replace(/\s*<.*>$/, '') ?? null : null,
  sshConfig: JSON.parse(readFileSync('node_modules/ssh-config/package.json', 'utf8')).version,
}
console.log(`harden-config bench, ${new Date().toISOString()}`)
console.log(`machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`)
console.log(`timer: ${machine.hyperfine ?? 'spawnSync loop (no hyperfine)'}; augtool: ${machine.augtool ?? 'not installed'}`)
const loadBefore = loadavg()[0]
console.log(`load average (1 min) before: ${loadBefore.toFixed(2)} on ${machine.cpus} cores`)
console.log(
  hadCaCerts
    ? 'NODE_EXTRA_CA_CERTS is set here; it was removed from the environment of every measured process.'
    : 'NODE_EXTRA_CA_CERTS is not set; every measured process runs without it.',
)

const files = generateAll()

// Other work on the machine skews every figure: before each part, wait (up to
// --max-wait seconds, default 20) until the CPUs are at most 10% busy, and record how busy
// they were.
const maxWait = maxWaitArgument()
const busy = {}
const quiet = (part) => {
  busy[part] = waitForQuiet(maxWait)
}
const timed = (entries, options) => timeCommands(entries, {...options, env, cwd: REPO, hyperfine})

// ----- 1. Start-up on a typical file --------------------------------------------------------

const TYPICAL = ['--root', 'examples/cloud-vm', '/etc/ssh/sshd_config']
const expectPatch = (run) => {
  if (!run.stdout.includes('+++ b/etc/ssh/sshd_config')) throw new Error(`bench: no patch from a check run:\n${run.stdout}\n${run.stderr}`)
}
quiet('startup')
console.log(`\n[1/3] start-up on the typical file (examples/cloud-vm: Debian 12 sshd_config + drop-in), ${SPAWN.runs} runs each`)
const startup = timed(
  [
    {id: 'node-e-0', label: '`node -e 0`', argv: [node, '-e', '0'], display: 'node -e 0', okStatus: [0]},
    {
      id: 'bare',
      label: 'bare Node read-fix-diff script (`bench/bare-read-fix-diff.mjs`)',
      argv: [node, 'bench/bare-read-fix-diff.mjs', ...TYPICAL],
      display: `node bench/bare-read-fix-diff.mjs ${TYPICAL.join(' ')}`,
      okStatus: [1],
      check: expectPatch,
    },
    {
      id: 'cli',
      label: '`harden-config` CLI (loader + V8 code cache)',
      argv: [node, 'dist/bin/harden-config.cjs', ...TYPICAL],
      display: `node dist/bin/harden-config.cjs ${TYPICAL.join(' ')}`,
      okStatus: [1],
      check: expectPatch,
    },
    {
      id: 'cli-no-cache',
      label: 'the same bundle without the code cache (`dist/bin/cli.cjs`)',
      argv: [node, 'dist/bin/cli.cjs', ...TYPICAL],
      display: `node dist/bin/cli.cjs ${TYPICAL.join(' ')}`,
      okStatus: [1],
      check: expectPatch,
    },
  ],
  SPAWN,
)

// ----- 2. Parse throughput -----------------------------------------------------------------

quiet('throughput')
console.log(`[2/3] parse throughput on bench/out/sshd_config.20000, in process, warm, ${PARSE.runs} iterations each`)
const throughputRun = spawnSync(
  node,
  ['bench/throughput.mjs', files[20000], '--runs', String(PARSE.runs), '--warmup', String(PARSE.warmup), '--rounds', String(PARSE.rounds)],
  {env, encoding: 'utf8', maxBuffer: 1 << 24},
)
if (throughputRun.status !== 0) throw new Error(`bench: throughput.mjs failed: ${throughputRun.stderr}`)
const throughput = JSON.parse(throughputRun.stdout)
throughput.file = relative(REPO, throughput.file)

// ----- 3. Against Augeas on the 2,000-line file ---------------------------------------------

let augeas = null
if (augtool === null) {
  console.log('[3/3] skipped: augtool is not installed (Debian: apt-get install -y --no-install-recommends augeas-tools)')
} else {
  quiet('augeas')
  console.log(`[3/3] 2,000-line file: harden-config CLI vs augtool (Sshd lens only), ${SPAWN.runs} runs each`)
  const root = mkdtempSync(join(tmpdir(), 'harden-config-bench-root-'))
  try {
    mkdirSync(join(root, 'etc', 'ssh'), {recursive: true})
    const target = join(root, 'etc', 'ssh', 'sshd_config')
    copyFileSync(files[2000], target)
    const original = readFileSync(target, 'utf8')
    const load = ['set /augeas/load/Sshd/lens Sshd.lns', 'set /augeas/load/Sshd/incl /etc/ssh/sshd_config', 'load']
    const sets = ['PermitRootLogin', 'PasswordAuthentication', 'X11Forwarding'].map((k) => `set /files/etc/ssh/sshd_config/${k}[1] no`)
    // The measured script: load the file with the Sshd lens, set the three directives,
    // save. `-n` saves to sshd_config.augnew, leaving the input as it is for the next run
    // (as the CLI leaves it and prints a patch).
    const script = join(root, 'set.augtool')
    writeFileSync(script, [...load, ...sets, 'save', ''].join('\n'))
    // Check that Augeas really parsed the file: no error node, one tree node per Match
    // block, and the saved file differs from the input in exactly the three lines.
    const verify = join(root, 'verify.augtool')
    writeFileSync(verify, [...load, 'match /augeas//error', 'match /files/etc/ssh/sshd_config/Match', ''].join('\n'))
    const checked = spawnSync(augtool, ['--noautoload', '-r', root, '-f', verify], {env, encoding: 'utf8'})
    const matchBlocks = original.split('\n').filter((line) => /^match\s/i.test(line)).length
    const out = checked.stdout.split('\n')
    if (checked.status !== 0 || out[0].trim() !== '(no matches)' || out.filter((l) => l.startsWith('/files/etc/ssh/sshd_config/Match')).length !== matchBlocks) {
      throw new Error(`bench: augtool did not parse ${files[2000]}:\n${checked.stdout}\n${checked.stderr}`)
    }
    const augnew = `${target}.augnew`
    let expected = original
    for (const k of ['PermitRootLogin', 'PasswordAuthentication', 'X11Forwarding']) expected = expected.replace(new RegExp(`^${k} yes$`, 'm'), `${k} no`)
    const checkAugnew = () => {
      if (readFileSync(augnew, 'utf8') !== expected) throw new Error('bench: augtool saved something else than the three changed lines')
      rmSync(augnew)
    }
    augeas = {
      file: relative(REPO, files[2000]),
      matchBlocks,
      ...timed(
        [
          {
            id: 'augtool',
            label: '`augtool` (Sshd lens only): load, set 3 directives, save',
            argv: [augtool, '--noautoload', '-n', '-r', root, '-f', script],
            display: 'augtool --noautoload -n -r ROOT -f set.augtool',
            okStatus: [0],
            check: checkAugnew,
          },
          {
            id: 'cli',
            label: '`harden-config` CLI: load, check all rules, fix in memory, print the patch',
            argv: [node, 'dist/bin/harden-config.cjs', '--root', root, '/etc/ssh/sshd_config'],
            display: 'node dist/bin/harden-config.cjs --root ROOT /etc/ssh/sshd_config',
            okStatus: [1],
            check: expectPatch,
          },
          {
            id: 'cli-check',
            label: '`harden-config --check`: load and check only, no fixes',
            argv: [node, 'dist/bin/harden-config.cjs', '--check', '--root', root, '/etc/ssh/sshd_config'],
            display: 'node dist/bin/harden-config.cjs --check --root ROOT /etc/ssh/sshd_config',
            okStatus: [1],
          },
          {id: 'node-e-0', label: '`node -e 0`', argv: [node, '-e', '0'], display: 'node -e 0', okStatus: [0]},
        ],
        SPAWN,
      ),
    }
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

// ----- Report ------------------------------------------------------------------------------

const ms = (x) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`)
const ratio = (x, y) => `${(x / y).toFixed(2)}×`
const cpuCell = (r) => (r.cpuMs === null ? '—' : ms(r.cpuMs))
const cpuRatio = (r, base) => (r.cpuMs === null || base.cpuMs === null ? '—' : ratio(r.cpuMs, base.cpuMs))
const parseById = Object.fromEntries(throughput.results.map((r) => [r.id, r]))
const hc = parseById['harden-config']
const sc = parseById['ssh-config']
const floor = parseById['split-regex']

const targets = [
  {
    target: 'CLI on a typical file within 1.6× of `node -e 0`',
    measured: ratio(startup.cli.medianMs, startup['node-e-0'].medianMs),
    met: startup.cli.medianMs / startup['node-e-0'].medianMs <= 1.6,
  },
  augeas && {
    target: 'CLI on a 2,000-line file under half of Augeas’s time',
    measured: ratio(augeas.cli.medianMs, augeas.augtool.medianMs),
    met: augeas.cli.medianMs / augeas.augtool.medianMs < 0.5,
  },
  {
    target: 'parse of a 20,000-line file faster than `ssh-config`, while lossless',
    measured: `${ratio(hc.medianMs, sc.medianMs)}, round trip ${hc.roundTrip ? 'byte-exact' : 'NOT byte-exact'}`,
    met: hc.medianMs < sc.medianMs && hc.roundTrip === true,
  },
].filter(Boolean)

const md = []
md.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${machine.cpus} cores (${machine.cpuModel}), ${machine.os}, Node ${machine.node}; ${machine.hyperfine ?? 'spawnSync loop'}, ${machine.augtool ?? 'no augtool'}, ssh-config ${machine.sshConfig}. NODE_EXTRA_CA_CERTS unset for every measured process. Medians${quick ? ' of a --quick run' : ''}.${Object.values(busy).some((b) => b !== null && b > 0.1) ? ` Other work kept the CPUs ${Object.values(busy).map((b) => `${Math.round((b ?? 0) * 100)}%`).join('/')} busy before the three parts: noisy.` : ''}`)
md.push('')
md.push('| target | measured | verdict |', '|---|---|---|')
for (const t of targets) md.push(`| ${t.target} | ${t.measured} | ${t.met ? 'met' : '**missed**'} |`)
md.push('')
md.push(`**Start-up, typical file** (\`examples/cloud-vm\`: Debian 12 \`sshd_config\`, 122 lines, and its drop-in), ${startup.cli.runs} runs each:`)
md.push('')
md.push('| command | × `node -e 0` | median | min | CPU time | × in CPU time |', '|---|---|---|---|---|---|')
for (const id of ['node-e-0', 'bare', 'cli', 'cli-no-cache']) {
  const r = startup[id]
  md.push(`| ${r.label} | ${ratio(r.medianMs, startup['node-e-0'].medianMs)} | ${ms(r.medianMs)} | ${ms(r.minMs)} | ${cpuCell(r)} | ${cpuRatio(r, startup['node-e-0'])} |`)
}
md.push('')
md.push(`**Parse throughput** (\`${throughput.file}\`: ${throughput.lines.toLocaleString('en-US')} lines, ${(throughput.bytes / 1024).toFixed(0)} KiB), in process, warm, ${hc.runs} iterations each:`)
md.push('')
md.push('| parser | × `ssh-config` | × split-regex | median | MB/s | byte-exact round trip |', '|---|---|---|---|---|---|')
for (const r of throughput.results) {
  const trip = r.roundTrip === null ? '— (not a parser)' : r.roundTrip ? 'yes' : `no (${r.differingLines} lines differ)`
  md.push(`| ${r.label} | ${ratio(r.medianMs, sc.medianMs)} | ${ratio(r.medianMs, floor.medianMs)} | ${ms(r.medianMs)} | ${r.mbPerS.toFixed(1)} | ${trip} |`)
}
if (augeas) {
  md.push('')
  md.push(`**Against Augeas** (\`${augeas.file}\`: 2,000 lines, ${augeas.matchBlocks} Match blocks, under a temporary root), whole commands, ${augeas.cli.runs} runs each:`)
  md.push('')
  md.push('| command | × augtool | median | min | CPU time | × in CPU time |', '|---|---|---|---|---|---|')
  for (const id of ['augtool', 'cli', 'cli-check', 'node-e-0']) {
    const r = augeas[id]
    md.push(`| ${r.label} | ${ratio(r.medianMs, augeas.augtool.medianMs)} | ${ms(r.medianMs)} | ${ms(r.minMs)} | ${cpuCell(r)} | ${cpuRatio(r, augeas.augtool)} |`)
  }
}
const table = md.join('\n')

mkdirSync(OUT, {recursive: true})
machine.loadAverageBefore = loadBefore
machine.otherCpuUseBeforeEachPart = busy
machine.loadAverageAfter = loadavg()[0]
const results = {date: new Date().toISOString(), quick, machine, nodeExtraCaCertsRemoved: hadCaCerts, startup, throughput, augeas, targets, markdown: table}
writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
console.log(`\n${table}\n`)
console.log(`results: ${relative(REPO, join(OUT, 'results.json'))}`)
