/**
 * The npm package as its users get it. The built package is packed once (`npm pack`, as
 * `npm publish` would pack it) and the tarball installed into a fresh project outside the
 * repository, its dependencies from the registry (or npm's cache). Then:
 *
 * - the tarball's files: the built code, its types, the sources its maps name, the README,
 *   the license and the rules' docs, and no tests or fixtures;
 * - `publint` and `attw --profile esm-only` on that same tarball report nothing;
 * - a Node ESM script imports `harden-config` and every format subpath of `exports` (read
 *   from the installed package.json, so a new format is covered as soon as it is exported)
 *   and uses each a little;
 * - a strict TypeScript consumer (`nodenext`) type-checks against the shipped declarations,
 *   and a file with deliberate type errors fails with exactly those errors;
 * - the installed `harden-config` command runs, does what the built one does, and starts
 *   with the V8 code cache shipped beside it.
 *
 * It builds nothing unless it must: it packs the repository's dist/ when that is newer than
 * its sources (as cli-spawn.test.ts uses it), else builds a copy of the sources once, in a
 * temporary folder. It packs with `--ignore-scripts`: the `prepack` script would only build
 * again.
 */
import {spawnSync, type SpawnSyncReturns} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {publint} from 'publint'
import {formatMessage} from 'publint/utils'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import * as source from '../../src/index.js'
import {buildCopy, isBuilt, REPO} from '../support/built.js'

interface PackageJson {
  name: string
  version: string
  license: string
  exports: Record<string, string | {types: string; default: string}>
  bin: Record<string, string>
  dependencies: Record<string, string>
}

/** What `npm pack --json` says of a tarball. */
interface Packed {
  filename: string
  files: Array<{path: string; size: number; mode: number}>
}

const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as PackageJson
/** The format subpaths (`./sshd`), from the repository's package.json. */
const FORMAT_SUBPATHS = Object.keys(PKG.exports).filter((key) => key !== '.' && key !== './package.json')

/**
 * A small input per format, with a path its format is told by. A format without one here is
 * still imported, parsed and printed (the generic comment line, which every format
 * supported so far reads as a comment) and run through harden().
 */
const SAMPLES: Record<string, {path: string; text: string}> = {
  sshd: {path: '/etc/ssh/sshd_config', text: 'PermitRootLogin yes\n# a comment\nMatch User bob\n    X11Forwarding yes\n'},
  apache: {path: '/etc/apache2/apache2.conf', text: '<Directory "/var/www">\n    Options Indexes FollowSymLinks\n</Directory>\nServerTokens Full\n'},
  named: {path: '/etc/bind/named.conf', text: 'options {\n    directory "/var/cache/bind";\n    recursion yes;\n};\n'},
  ntp: {path: '/etc/ntpsec/ntp.conf', text: 'server 0.debian.pool.ntp.org iburst\nrestrict default kod nomodify\n'},
  iptables: {
    path: '/etc/iptables/rules.v4',
    text: '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n',
  },
}
const GENERIC = '# harden-config\n'

// ----- Building, packing, installing ----------------------------------------------------------

/** The built files the package needs. */
const BUILT = ['dist/bin/harden-config.cjs', 'dist/bin/cli.cjs', 'dist/bin/cli.cjs.cache', 'dist/index.js']

/**
 * The environment of the commands run here. npm's own variables are dropped, since under
 * `npm test` they describe the repository (`npm_config_local_prefix`, `npm_package_*`) and
 * the fresh project must be its own; npm's configuration (cache, registry, certificates)
 * stays. NODE_OPTIONS is dropped too: V8 rejects a code cache made under other flags.
 * Node's own folder comes first in PATH, for the `#!/usr/bin/env node` of the command.
 */
function environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env}
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$)/i.test(key) || key === 'NODE_OPTIONS') delete env[key]
  }
  env.PATH = [path.dirname(process.execPath), env.PATH ?? ''].join(path.delimiter)
  return env
}
const ENV = environment()

/**
 * Runs a command, throwing with its output when it fails.
 *
 * @param command the command
 * @param args its arguments
 * @param cwd its working folder
 * @param timeout its time limit in milliseconds
 */
function must(command: string, args: string[], cwd: string, timeout = 120_000): string {
  const result = spawnSync(command, args, {cwd, env: ENV, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024})
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal ?? result.error?.message}):\n${result.stdout}${result.stderr}`)
  }
  return result.stdout
}

/**
 * Runs Node on a script.
 *
 * @param args Node's arguments
 * @param cwd the working folder
 */
function node(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, {cwd, env: ENV, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024})
}

/** The script a package's bin names, run with this Node (not through npx). */
function binScript(packageName: string, bin: string): string {
  const dir = path.join(REPO, 'node_modules', ...packageName.split('/'))
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {bin: string | Record<string, string>}
  return path.join(dir, typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin]!)
}

/** Every file under a folder, relative to it, with `/` between names. */
function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const name = `${prefix}${entry.name}`
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${name}/`) : [name]
  })
}

let work = ''
/** The folder that was built and packed. */
let built = ''
let tarball = ''
let packed: Packed
let files: string[] = []
let consumer = ''
let installed = ''

/**
 * The folder to pack: the repository when its dist/ is newer than its sources (as after
 * `npm run build`, which CI runs before the tests), else a copy of the build's inputs,
 * built there. Building in a copy leaves the repository's dist/ alone, which
 * cli-spawn.test.ts may be rebuilding at the same time.
 */
function builtTree(): string {
  if (isBuilt(BUILT)) return REPO
  const copy = path.join(work, 'source')
  buildCopy(copy, BUILT)
  return copy
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-config-package-'))
  built = builtTree()
  packed = (JSON.parse(must('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], built)) as Packed[])[0]!
  tarball = path.join(work, packed.filename)
  files = packed.files.map((file) => file.path).sort()
  consumer = path.join(work, 'consumer')
  fs.mkdirSync(consumer)
  fs.writeFileSync(path.join(consumer, 'package.json'), `${JSON.stringify({name: 'consumer', version: '1.0.0', private: true, type: 'module'}, null, 2)}\n`)
  must('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], consumer, 240_000)
  installed = path.join(consumer, 'node_modules', PKG.name)
}, 360_000)

afterAll(() => {
  if (work !== '') fs.rmSync(work, {recursive: true, force: true})
})

// ----- The tarball ----------------------------------------------------------------------------

describe('the tarball', () => {
  it('holds the built code, its types, the README, the license and the rules docs', () => {
    const targets = Object.values(PKG.exports).flatMap((target) => (typeof target === 'string' ? [target] : [target.types, target.default]))
    const required = [
      'package.json',
      'README.md',
      'LICENSE',
      // The rules' links (RULES_DOCS_URL) point at this file of the published version.
      'docs/rules.md',
      ...targets,
      ...Object.values(PKG.bin),
      // The command's bundle and its code cache, which its loader reads.
      'dist/bin/cli.cjs',
      'dist/bin/cli.cjs.cache',
    ].map((file) => path.posix.normalize(file))
    expect(required.filter((file) => !files.includes(file)), 'missing from the tarball').toEqual([])
    // Each module of the library comes with its declarations.
    const untyped = files.filter((file) => /^dist\/(?!bin\/).*\.js$/.test(file) && !files.includes(file.replace(/\.js$/, '.d.ts')))
    expect(untyped, 'modules without declarations').toEqual([])
    expect(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/)
    expect(PKG.license).toBe('MIT')
    // The command's files are executable (npm marks bin files so on install in any case).
    for (const bin of Object.values(PKG.bin)) {
      const entry = packed.files.find((file) => file.path === path.posix.normalize(bin))
      if (entry !== undefined) expect(entry.mode & 0o111, bin).not.toBe(0)
    }
  })

  it('holds nothing else: no tests, fixtures, examples, generated copies in src/, tarballs or maps without their sources', () => {
    const kinds = [
      /^(package\.json|README\.md|LICENSE)$/,
      /^docs\/[\w.-]+\.md$/,
      // The JSON schemas of the configuration file and of the JSON report.
      /^schemas\/[\w.-]+\.schema\.json$/,
      /^dist\/.+\.(js|d\.ts)(\.map)?$/,
      /^dist\/bin\/[\w.-]+\.cjs(\.cache)?$/,
      // TypeScript sources, named by the source and declaration maps (checked below).
      /^src\/.+(?<!\.d)\.ts$/,
    ]
    expect(files.filter((file) => !kinds.some((kind) => kind.test(file))), 'files of no expected kind').toEqual([])
    const unwanted = /(^|\/)(test|tests|__tests__|fixtures?|examples?|bench|scripts|grammars|coverage|node_modules)\/|\.(test|spec)\.|\.tgz$|^src\/.*_generated\/|^src\/bin\//
    expect(files.filter((file) => unwanted.test(file)), 'files a user has no use for').toEqual([])
  })

  it('has source maps whose sources are all in it, and every shipped source is named by a map', () => {
    const shipped = new Set(files)
    const named = new Set<string>()
    const dangling: string[] = []
    for (const file of files) {
      if (file.endsWith('.map')) {
        const map = JSON.parse(fs.readFileSync(path.join(installed, file), 'utf8')) as {sources: string[]; sourceRoot?: string}
        for (const entry of map.sources) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), map.sourceRoot ?? '', entry))
          named.add(target)
          if (!shipped.has(target)) dangling.push(`${file} -> ${target}`)
        }
      } else if (/\.(c?js|d\.ts)$/.test(file)) {
        const text = fs.readFileSync(path.join(installed, file), 'utf8')
        const link = /^\/\/# sourceMappingURL=(\S+)\s*$/m.exec(text)?.[1]
        if (link !== undefined && !link.startsWith('data:')) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), link))
          if (!shipped.has(target)) dangling.push(`${file} -> ${target}`)
        }
      }
    }
    expect(dangling, 'maps, or links to maps, naming files the tarball lacks').toEqual([])
    expect(files.filter((file) => file.startsWith('src/') && !named.has(file)), 'sources no map names').toEqual([])
  })

  it('is what npm installed', () => {
    expect(listFiles(installed).sort()).toEqual(files)
  })

  it('publint reports nothing', async () => {
    const bytes = fs.readFileSync(tarball)
    const result = await publint({pack: {tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)}, level: 'suggestion', strict: true})
    expect(result.messages.map((message) => `${message.type} ${message.code}: ${formatMessage(message, result.pkg, {color: false}) ?? ''}`)).toEqual([])
  })

  it('attw --profile esm-only reports nothing, for every entry point', () => {
    const run = node([binScript('@arethetypeswrong/cli', 'attw'), tarball, '--profile', 'esm-only', '--format', 'json'], work)
    const report = JSON.parse(run.stdout) as {analysis: {entrypoints: Record<string, unknown>}; problems?: Record<string, Array<{resolutionKind?: string; entrypoint?: string}>>}
    // The esm-only profile ignores these two: the package has no CommonJS entry points.
    const ignored = new Set(['node10', 'node16-cjs'])
    const problems = Object.entries(report.problems ?? {}).flatMap(([kind, list]) =>
      list.filter((problem) => !ignored.has(problem.resolutionKind ?? '')).map((problem) => `${kind} ${problem.entrypoint ?? ''} (${problem.resolutionKind ?? 'any resolution'})`),
    )
    expect(problems).toEqual([])
    expect(run.status, run.stderr).toBe(0)
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(Object.keys(PKG.exports).sort())
  })
})

// ----- Node ESM consumer ------------------------------------------------------------------------

interface FormatUse {
  /** Set when importing or using the subpath threw. */
  error?: string
  id: string
  namedInMain: boolean
  registered: boolean
  rules: number
  sameRules: boolean
  treeType: unknown
  roundTrip: boolean
  genericRoundTrip: boolean
  mainRoundTrip: boolean
  detects: boolean | null
  harden: {files: string[]; findings: string[]; patch: string}
}

interface SmokeReport {
  version: string
  exports: string[]
  mainExports: string[]
  formats: string[]
  subpaths: Record<string, FormatUse>
  x11: {findings: string[]; patch: string}
  deepImport: string
}

/** A plain ESM script of the fresh project: it knows only the installed package. */
const SMOKE = `import {createRequire} from 'node:module'
import {basename} from 'node:path'
import * as main from 'harden-config'

const require = createRequire(import.meta.url)
const pkg = require('harden-config/package.json')
const samples = JSON.parse(process.argv[2])
const out = {version: pkg.version, exports: Object.keys(pkg.exports), mainExports: Object.keys(main).sort(), formats: main.formats.map((f) => f.id), subpaths: {}}
for (const key of Object.keys(pkg.exports)) {
  if (key === '.' || key === './package.json') continue
  try {
    out.subpaths[key] = await use(key)
  } catch (error) {
    out.subpaths[key] = {error: String(error.stack ?? error)}
  }
}
async function use(key) {
  const mod = await import('harden-config/' + key.slice(2))
  const format = mod.default
  const sample = samples[format.id] ?? {path: null, text: samples.generic}
  const tree = mod.parse(sample.text)
  const result = main.harden([{path: sample.path === null ? format.id + '.conf' : basename(sample.path), text: sample.text}], {type: format.id, cwd: process.cwd()})
  return {
    id: format.id,
    namedInMain: main[format.id] === format,
    registered: main.formatById(format.id) === format,
    rules: mod.rules.length,
    sameRules: mod.rules === format.rules,
    treeType: tree.type,
    roundTrip: mod.print(tree) === sample.text,
    genericRoundTrip: mod.print(mod.parse(samples.generic)) === samples.generic,
    mainRoundTrip: main.print(main.parse(sample.text, format.id), format.id) === sample.text,
    detects: sample.path === null ? null : format.detect(sample.path),
    harden: {files: result.files.map((f) => f.format + ' ' + f.patchPath), findings: result.findings.map((f) => f.ruleId), patch: result.patch},
  }
}
const x11 = main.harden([{path: 'sshd_config', text: 'X11Forwarding yes\\n'}], {rules: ['sshd/x11-forwarding'], cwd: process.cwd()})
out.x11 = {findings: x11.findings.map((f) => f.ruleId), patch: x11.patch}
try {
  await import('harden-config/dist/index.js')
  out.deepImport = 'allowed'
} catch (error) {
  out.deepImport = error.code
}
console.log(JSON.stringify(out))
`

describe('a Node ESM consumer', () => {
  let report: SmokeReport
  beforeAll(() => {
    fs.writeFileSync(path.join(consumer, 'smoke.mjs'), SMOKE)
    const run = node(['smoke.mjs', JSON.stringify({...SAMPLES, generic: GENERIC})], consumer)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    report = JSON.parse(run.stdout) as SmokeReport
  })

  it('imports harden-config: the API of the sources, every registered format exported as a subpath', () => {
    expect(report.version).toBe(PKG.version)
    expect(report.exports).toEqual(Object.keys(PKG.exports))
    expect(report.mainExports).toEqual(Object.keys(source).sort())
    expect(report.formats.map((id) => `./${id}`).sort(), 'registered formats and format subpaths').toEqual([...FORMAT_SUBPATHS].sort())
    expect(report.deepImport).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED')
  })

  it('harden() on a {path, text} input', () => {
    expect(report.x11.findings).toEqual(['sshd/x11-forwarding'])
    expect(report.x11.patch).toBe(
      '# harden-config: 1 file(s) changed, 1 fix(es), 0 of them unsafe.\n--- a/sshd_config\n+++ b/sshd_config\n@@ -1,1 +1,1 @@\n-X11Forwarding yes\n+X11Forwarding no\n',
    )
  })

  it.each(FORMAT_SUBPATHS.map((subpath) => subpath.slice(2)))('imports and uses harden-config/%s', (id) => {
    const use = report.subpaths[`./${id}`]!
    expect(use.error).toBeUndefined()
    expect(use.id).toBe(id)
    // One module instance behind the main entry and the subpath.
    expect(use.registered, 'the subpath exports the format object the main entry registers').toBe(true)
    expect(use.namedInMain, `the main entry exports it as \`${id}\` too`).toBe(true)
    expect(use.sameRules).toBe(true)
    expect(use.rules).toBeGreaterThan(0)
    expect(use.treeType).toBe('root')
    expect([use.roundTrip, use.genericRoundTrip, use.mainRoundTrip]).toEqual([true, true, true])
    expect(use.harden.files[0]).toMatch(new RegExp(`^${id} `))
    if (SAMPLES[id] !== undefined) {
      expect(use.detects).toBe(true)
      // Each sample breaks at least one rule of its format, and the fix makes a patch.
      expect(use.harden.findings.length).toBeGreaterThan(0)
      expect(use.harden.findings.every((ruleId) => ruleId.startsWith(`${id}/`))).toBe(true)
      expect(use.harden.patch).toContain(`+++ b/${path.posix.basename(SAMPLES[id].path)}\n`)
    }
  })
})

// ----- TypeScript consumer ----------------------------------------------------------------------

/** The type-checked consumer: the API as a user writes it. */
const CONSUMER_TS = `import {ConfigSyntaxError, formatById, harden, type Finding, type FixSafety, type HardenResult} from 'harden-config'
import {apache, parse as parseApache} from 'harden-config/apache'
import {parse as parseSshd, print as printSshd, sshd, type SshdRoot} from 'harden-config/sshd'

const result: HardenResult = harden([{path: 'sshd_config', text: 'X11Forwarding yes\\n'}], {rules: ['sshd/x11-forwarding'], fix: 'safe'})
export const ids: string[] = result.findings.map((finding: Finding) => finding.ruleId)
export const safety: FixSafety | undefined = result.findings[0]?.fix?.safety
const tree: SshdRoot = parseSshd('Port 22\\n')
export const text: string = printSshd(tree)
export const names: string[] = [sshd.id, apache.id, formatById('ntp')?.title ?? '']
try {
  parseSshd('Banner "x\\n')
} catch (error) {
  if (error instanceof ConfigSyntaxError) console.log(error.message)
}

// @ts-expect-error: no such fix level
harden([], {fix: 'all'})
// @ts-expect-error: an input with a path needs its text
harden([{path: 'sshd_config'}])
// @ts-expect-error: a tree of one format is not another's
printSshd(parseApache('ServerTokens Prod\\n'))
// @ts-expect-error: only the exported subpaths can be imported
await import('harden-config/dist/index.js')
`

/** Deliberate type errors: the check must fail, at exactly these lines. */
const BAD_TS = `import {harden} from 'harden-config'
import {print} from 'harden-config/sshd'

export const patch: number = harden(['sshd_config']).patch
export const printed: string = print('not a tree')
`
const BAD_ERRORS = ['bad.ts(4) TS2322', 'bad.ts(5) TS2345']

/** Every format subpath, as a user of that subpath alone would use it. */
function formatsTs(): string {
  return FORMAT_SUBPATHS.map((subpath, i) =>
    [
      `import * as f${i} from 'harden-config${subpath.slice(1)}'`,
      `import f${i}Format from 'harden-config${subpath.slice(1)}'`,
      `const t${i} = f${i}.parse(${JSON.stringify(GENERIC)})`,
      `export const s${i}: string = f${i}.print(t${i})`,
      `export const r${i}: number = f${i}.rules.length`,
      `export const d${i}: boolean = f${i}Format.detect('/etc/x') && f${i}Format.id === ${JSON.stringify(subpath.slice(2))}`,
      `// @ts-expect-error: print returns a string (fails as unused if the types were any)`,
      `export const n${i}: number = f${i}.print(t${i})`,
      '',
    ].join('\n'),
  ).join('\n')
}

describe('a TypeScript consumer (strict, nodenext)', () => {
  const tsc = (project: string) => node([path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project, '--pretty', 'false'], consumer)

  beforeAll(() => {
    const compilerOptions = {
      strict: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      lib: ['es2023'],
      // The shipped declarations use Node's types (Buffer): a Node consumer has @types/node.
      types: ['node'],
      typeRoots: [path.join(REPO, 'node_modules', '@types')],
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      // The shipped declarations are checked too.
      skipLibCheck: false,
      noEmit: true,
    }
    fs.writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify({compilerOptions, files: ['consumer.ts', 'formats.ts']}, null, 2))
    fs.writeFileSync(path.join(consumer, 'tsconfig.bad.json'), JSON.stringify({extends: './tsconfig.json', files: ['bad.ts']}, null, 2))
    fs.writeFileSync(path.join(consumer, 'consumer.ts'), CONSUMER_TS)
    fs.writeFileSync(path.join(consumer, 'formats.ts'), formatsTs())
    fs.writeFileSync(path.join(consumer, 'bad.ts'), BAD_TS)
  })

  it('type-checks against the shipped declarations, for the main entry and every format subpath', () => {
    const run = tsc('tsconfig.json')
    expect(`${run.stdout}${run.stderr}`).toBe('')
    expect(run.status).toBe(0)
  })

  it('fails on deliberate type errors, with exactly those errors', () => {
    const run = tsc('tsconfig.bad.json')
    expect(run.status).not.toBe(0)
    const errors = [...run.stdout.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => `${m[1]}(${m[2]}) ${m[3]}`)
    expect(errors, run.stdout).toEqual(BAD_ERRORS)
  })
})

// ----- The installed command -------------------------------------------------------------------

describe('the installed harden-config command', () => {
  const installedBin = () => path.join(consumer, 'node_modules', '.bin', 'harden-config')
  const spawnBin = (args: string[]) => spawnSync(installedBin(), args, {cwd: consumer, env: ENV, encoding: 'utf8', timeout: 30_000})

  it('--version', () => {
    const run = spawnBin(['--version'])
    expect([run.status, run.stdout, run.stderr]).toEqual([0, `harden-config ${PKG.version}\n`, ''])
  })

  it('checks the example system as the built command does', () => {
    const root = path.join(work, 'cloud-vm')
    fs.cpSync(path.join(REPO, 'examples', 'cloud-vm'), root, {recursive: true})
    const args = ['--root', root, '/etc/ssh/sshd_config']
    const run = spawnBin(args)
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('+++ b/etc/ssh/sshd_config\n')
    expect(run.stdout).toContain('+++ b/etc/ssh/sshd_config.d/50-cloud-init.conf\n')
    expect(run.stderr).toContain('sshd/permit-root-login')
    const direct = node([path.join(built, 'dist', 'bin', 'harden-config.cjs'), ...args], consumer)
    expect({status: run.status, stdout: run.stdout, stderr: run.stderr}).toEqual({status: direct.status, stdout: direct.stdout, stderr: direct.stderr})
  })

  // With --profile-deserialization, V8 prints "[Deserializing from N bytes took ...]" for a
  // code cache it accepts, and nothing for one it rejects (made by another V8, under other
  // flags, or for another source).
  it('starts with the V8 code cache shipped beside its bundle', () => {
    const loader = path.join(installed, 'dist', 'bin', 'harden-config.cjs')
    expect(fs.realpathSync(installedBin())).toBe(fs.realpathSync(loader))
    const size = fs.statSync(path.join(installed, 'dist', 'bin', 'cli.cjs.cache')).size
    const run = node(['--profile-deserialization', loader, '--version'], consumer)
    // V8 prints its timings on standard output, before the command's own line.
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`harden-config ${PKG.version.replace(/\./g, '\\.')}\n$`))
    expect(run.stdout).toContain(`[Deserializing from ${size} bytes`)
  })
})
