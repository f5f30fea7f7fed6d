#!/usr/bin/env node
// The command's start as its users get it: the package packed (`npm pack`, which builds it
// first through `prepack`), the tarball installed into a fresh project in a temporary
// folder, and the installed `harden-config` timed there beside `node -e 0`, in the same
// run, as ratios.
//
// Measured, each a whole process:
// - `node -e 0`, the floor for any Node command;
// - `harden-config --version` and `harden-config --root ROOT /etc/ssh/sshd_config` (a copy
//   of examples/cloud-vm) as a user types them: node_modules/.bin/harden-config, started
//   through its `#!/usr/bin/env node` line;
// - the same check with Node named (`node node_modules/harden-config/dist/bin/harden-config.cjs`),
//   and with the repository's own dist/ (what bench/run.mjs measures), to show that
//   installing changes nothing;
// - the installed bundle without its V8 code cache (`.../dist/bin/cli.cjs`), to show what the
//   shipped cache buys where it is installed;
// - `npx harden-config --version` (npm's own start, then ours), unless --no-npx.
//
// Spawned commands are timed with hyperfine when it is installed (`-N`, no shell; `-i`,
// since exit status 1 means "findings"), else with a spawnSync loop; either way in rounds,
// with the order of the commands rotated between rounds. NODE_EXTRA_CA_CERTS is removed
// from the environment of every measured process (see bench/README.md).
//
// Writes bench/out/start.json and prints a markdown table for bench/README.md.
//
// Usage: node bench/start.mjs [--quick] [--no-build] [--no-npx] [--no-hyperfine] [--max-wait=SECONDS]
//   --no-build  pack the current dist/ as it is (npm pack --ignore-scripts) instead of building
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {delimiter, dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {firstLine, machineInfo, maxWaitArgument, timeCommands, waitForQuiet, which} from './lib.mjs'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(REPO, 'bench', 'out')
const argv = process.argv.slice(2)
const quick = argv.includes('--quick')
const SPAWN = quick ? {runs: 12, warmup: 2, rounds: 3} : {runs: 45, warmup: 2, rounds: 9}
const maxWait = maxWaitArgument(argv)
const node = process.execPath

function must(command, args, options) {
  const run = spawnSync(command, args, {encoding: 'utf8', maxBuffer: 1 << 26, ...options})
  if (run.status !== 0) throw new Error(`bench: ${command} ${args.join(' ')} failed (${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`)
  return run.stdout
}

// npm runs with the caller's environment minus npm's own variables, which under `npm run`
// describe this repository, not the fresh project.
const npmEnv = {...process.env}
for (const key of Object.keys(npmEnv)) if (/^npm_(package_|lifecycle_|command$|config_local_prefix$)/i.test(key)) delete npmEnv[key]
// The measured processes: also without NODE_EXTRA_CA_CERTS and NODE_OPTIONS, and with this
// Node first in PATH for the command's `#!/usr/bin/env node`.
const env = {...npmEnv, PATH: [dirname(node), process.env.PATH ?? ''].join(delimiter)}
const hadCaCerts = env.NODE_EXTRA_CA_CERTS !== undefined
delete env.NODE_EXTRA_CA_CERTS
delete env.NODE_OPTIONS

const hyperfine = argv.includes('--no-hyperfine') ? null : which('hyperfine')
const machine = {
  ...machineInfo(),
  npm: firstLine('npm', ['--version']),
  hyperfine: hyperfine ? firstLine(hyperfine, ['--version']) : null,
}
console.log(`harden-config start bench, ${new Date().toISOString()}`)
console.log(`machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, npm ${machine.npm}`)
console.log(`timer: ${machine.hyperfine ?? 'spawnSync loop (no hyperfine)'}`)
console.log(hadCaCerts ? 'NODE_EXTRA_CA_CERTS is set here; it was removed from the environment of every measured process.' : 'NODE_EXTRA_CA_CERTS is not set.')

// ----- Pack and install ---------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'harden-config-start-'))
process.on('exit', () => rmSync(work, {recursive: true, force: true}))
const build = !argv.includes('--no-build')
console.log(build ? 'npm pack (builds through prepack)...' : 'npm pack --ignore-scripts (the current dist/)...')
const packed = JSON.parse(must('npm', ['pack', '--json', '--pack-destination', work, ...(build ? [] : ['--ignore-scripts'])], {cwd: REPO, env: npmEnv}).replace(/^[^[]*/, ''))[0]
const tarball = join(work, packed.filename)
const project = join(work, 'project')
mkdirSync(project)
writeFileSync(join(project, 'package.json'), `${JSON.stringify({name: 'start-bench', version: '1.0.0', private: true, type: 'module'}, null, 2)}\n`)
console.log(`npm install ${packed.filename} (${(packed.size / 1024).toFixed(0)} KiB, ${packed.entryCount} files) into a fresh project...`)
must('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {cwd: project, env: npmEnv})
const installed = join(project, 'node_modules', 'harden-config')
const root = join(work, 'cloud-vm')
cpSync(join(REPO, 'examples', 'cloud-vm'), root, {recursive: true})

// The installed command must start from its code cache: V8 prints "[Deserializing from N
// bytes ...]" for a cache it accepts (on standard output), nothing for one it rejects.
const cacheFile = join(installed, 'dist', 'bin', 'cli.cjs.cache')
const cacheSize = existsSync(cacheFile) ? statSync(cacheFile).size : 0
const probe = spawnSync(node, ['--profile-deserialization', join(installed, 'dist', 'bin', 'harden-config.cjs'), '--version'], {env, encoding: 'utf8'})
const cacheAccepted = cacheSize > 0 && probe.stdout.includes(`[Deserializing from ${cacheSize} bytes`)
console.log(cacheSize === 0 ? 'warning: the installed package has no code cache (dist/bin/cli.cjs.cache)' : `code cache: ${cacheSize} bytes, ${cacheAccepted ? 'accepted' : 'REJECTED'} by this Node where installed`)

// ----- Timing ---------------------------------------------------------------------------------

const bin = join(project, 'node_modules', '.bin', 'harden-config')
const loader = join(installed, 'dist', 'bin', 'harden-config.cjs')
const bundle = join(installed, 'dist', 'bin', 'cli.cjs')
const TYPICAL = ['--root', root, '/etc/ssh/sshd_config']
const SHOWN = 'ROOT /etc/ssh/sshd_config'
const version = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version
const expectPatch = (run) => {
  if (!run.stdout.includes('+++ b/etc/ssh/sshd_config')) throw new Error(`bench: no patch from a check run:\n${run.stdout}\n${run.stderr}`)
}
const expectVersion = (run) => {
  if (run.stdout !== `harden-config ${version}\n`) throw new Error(`bench: --version printed ${JSON.stringify(run.stdout)}`)
}
const entries = [
  {id: 'node-e-0', label: '`node -e 0`', argv: [node, '-e', '0'], display: 'node -e 0', okStatus: [0]},
  {id: 'version', label: 'installed `harden-config --version`', argv: [bin, '--version'], display: 'node_modules/.bin/harden-config --version', okStatus: [0], check: expectVersion},
  {
    id: 'typical',
    label: 'installed `harden-config --root ROOT /etc/ssh/sshd_config`',
    argv: [bin, ...TYPICAL],
    display: `node_modules/.bin/harden-config --root ${SHOWN}`,
    okStatus: [1],
    check: expectPatch,
  },
  {
    id: 'typical-node',
    label: 'the same, Node named: `node node_modules/harden-config/dist/bin/harden-config.cjs`',
    argv: [node, loader, ...TYPICAL],
    display: `node node_modules/harden-config/dist/bin/harden-config.cjs --root ${SHOWN}`,
    okStatus: [1],
    check: expectPatch,
  },
  {
    id: 'typical-repo',
    label: 'the same from the repository: `node dist/bin/harden-config.cjs` (as bench/run.mjs)',
    argv: [node, join(REPO, 'dist', 'bin', 'harden-config.cjs'), ...TYPICAL],
    display: `node dist/bin/harden-config.cjs --root ${SHOWN}`,
    okStatus: [1],
    check: expectPatch,
  },
  {
    id: 'typical-no-cache',
    label: 'the installed bundle without its code cache (`.../dist/bin/cli.cjs`)',
    argv: [node, bundle, ...TYPICAL],
    display: `node node_modules/harden-config/dist/bin/cli.cjs --root ${SHOWN}`,
    okStatus: [1],
    check: expectPatch,
  },
]
const npx = argv.includes('--no-npx') ? null : which('npx')
if (npx !== null) {
  entries.push({id: 'npx', label: '`npx harden-config --version` (npm starts first)', argv: [npx, '--no-install', 'harden-config', '--version'], display: 'npx --no-install harden-config --version', okStatus: [0], check: expectVersion})
}

const busy = waitForQuiet(maxWait)
console.log(`timing ${entries.length} commands, ${SPAWN.runs} runs each in ${SPAWN.rounds} rounds...`)
const results = timeCommands(entries, {...SPAWN, env, cwd: project, hyperfine})

// ----- Report ---------------------------------------------------------------------------------

const ms = (x) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`)
const ratio = (x, y) => `${(x / y).toFixed(2)}×`
const base = results['node-e-0']
const md = []
md.push(
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine.cpus} cores (${machine.cpuModel}), ${machine.os}, Node ${machine.node}, npm ${machine.npm}; ${machine.hyperfine ?? 'spawnSync loop'}. ` +
    `Tarball ${(packed.size / 1024).toFixed(0)} KiB, ${packed.entryCount} files; code cache ${cacheSize} bytes, ${cacheAccepted ? 'accepted where installed' : '**rejected where installed**'}. ` +
    `NODE_EXTRA_CA_CERTS unset for every measured process. Medians${quick ? ' of a --quick run' : ''}, ${base.runs} runs each.` +
    (busy !== null && busy > 0.1 ? ` Other work kept the CPUs ${Math.round(busy * 100)}% busy before timing: noisy.` : ''),
)
md.push('')
md.push('| command | × `node -e 0` | median | min | CPU time | × in CPU time |', '|---|---|---|---|---|---|')
for (const entry of entries) {
  const r = results[entry.id]
  const cpuCell = r.cpuMs === null ? '—' : ms(r.cpuMs)
  const cpuRatio = r.cpuMs === null || base.cpuMs === null ? '—' : ratio(r.cpuMs, base.cpuMs)
  md.push(`| ${r.label} | ${ratio(r.medianMs, base.medianMs)} | ${ms(r.medianMs)} | ${ms(r.minMs)} | ${cpuCell} | ${cpuRatio} |`)
}
const table = md.join('\n')
mkdirSync(OUT, {recursive: true})
const file = join(OUT, 'start.json')
writeFileSync(file, `${JSON.stringify({date: new Date().toISOString(), quick, machine, packed: {size: packed.size, unpackedSize: packed.unpackedSize, entryCount: packed.entryCount}, cacheSize, cacheAccepted, nodeExtraCaCertsRemoved: hadCaCerts, busyBefore: busy, loadAverageAfter: loadavg()[0], results, markdown: table}, null, 2)}\n`)
console.log(`\n${table}\n`)
console.log(`results: ${relative(REPO, file)}`)
