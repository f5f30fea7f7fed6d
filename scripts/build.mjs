#!/usr/bin/env node
// Builds the package: the library with tsc (unbundled, with declarations), the generated
// parsers copied beside it, and the command bundled into one file with esbuild so that it
// starts fast.
import {execFileSync, spawnSync} from 'node:child_process'
import {cpSync, existsSync, readdirSync, readFileSync, rmSync, chmodSync, copyFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
rmSync(join(root, 'dist'), {recursive: true, force: true})
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {stdio: 'inherit'})
for (const format of readdirSync(join(root, 'src', 'formats'))) {
  const generated = join(root, 'src', 'formats', format, '_generated')
  if (existsSync(generated)) cpSync(generated, join(root, 'dist', 'formats', format, '_generated'), {recursive: true})
}
const outfile = join(root, 'dist', 'bin', 'cli.cjs')
await build({
  entryPoints: [join(root, 'src', 'bin', 'harden-config.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  banner: {js: '// harden-config command bundle; started by harden-config.cjs'},
  legalComments: 'none',
  define: {HARDEN_CONFIG_VERSION: JSON.stringify(pkg.version)},
  logLevel: 'warning',
})
// The language server is a bundle of its own: vscode-languageserver takes longer to load
// than the whole command, so `harden-config lsp` requires this file only when asked.
const lsp = join(root, 'dist', 'bin', 'harden-config-lsp.cjs')
await build({
  entryPoints: [join(root, 'src', 'bin', 'harden-config-lsp.ts')],
  outfile: lsp,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  banner: {js: '#!/usr/bin/env node\n// harden-config language server bundle'},
  legalComments: 'none',
  define: {HARDEN_CONFIG_VERSION: JSON.stringify(pkg.version)},
  logLevel: 'warning',
})
chmodSync(lsp, 0o755)
// The command starts through a small loader that uses a V8 code cache of the bundle. The
// cache is made by running the command on the shipped examples, so that the functions a
// typical run needs are in it.
const bin = join(root, 'dist', 'bin', 'harden-config.cjs')
copyFileSync(join(root, 'src', 'bin', 'loader.cjs'), bin)
chmodSync(bin, 0o755)
for (const args of [['--root', join(root, 'examples', 'cloud-vm'), '--profile', 'strict', '/etc/ssh/sshd_config'], ['--list-rules']]) {
  // Exit status 1 (findings) is expected here.
  const run = spawnSync(process.execPath, [bin, ...args], {env: {...process.env, HARDEN_CONFIG_WRITE_CODE_CACHE: outfile}, stdio: 'ignore'})
  if (run.status !== 0 && run.status !== 1) throw new Error(`harden-config ${args.join(' ')} failed while making the code cache`)
}
