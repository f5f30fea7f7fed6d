#!/usr/bin/env node
// The `harden-config` command: loads the bundled command (cli.cjs) with the V8 code cache
// made at build time (cli.cjs.cache), so that its functions need not be compiled again on
// every start. When the cache is missing or made by another V8, V8 rejects it and the
// command compiles as usual: the cache changes how fast it starts, never what it does.
'use strict'
const {readFileSync} = require('node:fs')
const {Script} = require('node:vm')
const file = `${__dirname}/cli.cjs`
let cachedData
try {
  cachedData = readFileSync(`${file}.cache`)
} catch {
  cachedData = undefined
}
const source = readFileSync(file, 'utf8')
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {filename: file, cachedData})
script.runInThisContext()(exports, require, module, file, __dirname)
if (process.env.HARDEN_CONFIG_WRITE_CODE_CACHE === file) {
  process.on('exit', () => require('node:fs').writeFileSync(`${file}.cache`, script.createCachedData()))
}
