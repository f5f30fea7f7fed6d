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
// The command's registry loads each format on first use (src/bin/formats.ts in place of
// src/formats/list.ts): a check of one format's file evaluates only that format's modules.
const lazyFormats = {
  name: 'lazy-formats',
  setup(context) {
    const list = join(root, 'src', 'formats', 'list.ts')
    context.onResolve({filter: /^\.\/list\.js$/}, (args) => (join(args.resolveDir, 'list.ts') === list ? {path: join(root, 'src', 'bin', 'formats.ts')} : undefined))
  },
}
/** What both bundles share: one CommonJS file for Node 20, minified, the version built in. */
const bundle = (entry, outfile, banner, plugins = []) =>
  build({
    entryPoints: [join(root, 'src', 'bin', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    banner: {js: banner},
    legalComments: 'none',
    define: {HARDEN_CONFIG_VERSION: JSON.stringify(pkg.version)},
    plugins,
    logLevel: 'warning',
  })
await bundle('harden-config.ts', outfile, '// harden-config command bundle; started by harden-config.cjs', [lazyFormats])
// The language server is a bundle of its own: vscode-languageserver takes longer to load
// than the whole command, so `harden-config lsp` requires this file only when asked.
const lsp = join(root, 'dist', 'bin', 'harden-config-lsp.cjs')
await bundle('harden-config-lsp.ts', lsp, '#!/usr/bin/env node\n// harden-config language server bundle')
chmodSync(lsp, 0o755)
// The command starts through a small loader that uses a V8 code cache of the bundle. The
// cache holds what one run compiled: a check of the shipped example's sshd_config with
// every sshd rule. The other formats, loaded on first use, compile when they are used; a
// cache that held them too would be larger, and every start reads all of it (measured in
// bench/README.md).
const bin = join(root, 'dist', 'bin', 'harden-config.cjs')
copyFileSync(join(root, 'src', 'bin', 'loader.cjs'), bin)
chmodSync(bin, 0o755)
const cacheRun = ['--root', join(root, 'examples', 'cloud-vm'), '--profile', 'strict', '/etc/ssh/sshd_config']
// Exit status 1 (findings) is expected here.
const run = spawnSync(process.execPath, [bin, ...cacheRun], {env: {...process.env, HARDEN_CONFIG_WRITE_CODE_CACHE: outfile}, stdio: 'ignore'})
if (run.status !== 0 && run.status !== 1) throw new Error(`harden-config ${cacheRun.join(' ')} failed while making the code cache`)
