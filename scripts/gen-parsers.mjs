#!/usr/bin/env node
// Generates one parser per grammar in grammars/ into src/formats/<format>/_generated/.
// The generated files are build output: git-ignored, made before build, typecheck and test,
// and imported only by src/formats/<format>/parse.ts.
import {execFileSync} from 'node:child_process'
import {mkdirSync, readdirSync, readFileSync, statSync, existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const peggy = join(root, 'node_modules', 'peggy', 'bin', 'peggy.js')

for (const name of readdirSync(join(root, 'grammars'))) {
  if (!name.endsWith('.peggy')) continue
  const format = name.slice(0, -'.peggy'.length)
  // Beside each grammar, grammars/<format>.json names its start rules and the TypeScript
  // type each returns (from the format's types.ts).
  const settingsFile = join(root, 'grammars', `${format}.json`)
  if (!existsSync(settingsFile)) throw new Error(`grammars/${format}.json is missing: it names the start rules of ${name} and their types`)
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8'))
  const input = join(root, 'grammars', name)
  const output = join(root, 'src', 'formats', format, '_generated', 'parser.js')
  // Skip the work when the parser is newer than its grammar and the settings file.
  if (existsSync(output)) {
    const built = statSync(output).mtimeMs
    if (built > statSync(input).mtimeMs && built > statSync(settingsFile).mtimeMs) continue
  }
  mkdirSync(dirname(output), {recursive: true})
  execFileSync(process.execPath, [
    peggy, '--format', 'es', '--dts',
    '--allowed-start-rules', Object.keys(settings.returnTypes).join(','),
    '--return-types', JSON.stringify(settings.returnTypes),
    '-o', output, input,
  ], {stdio: 'inherit'})
}
