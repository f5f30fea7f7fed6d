#!/usr/bin/env node
// The reference point for the CLI's start time: a bare Node script doing the same
// read-fix-diff as `harden-config --root ROOT FILE` with no parser, no rules and no
// report. It reads FILE and the drop-ins its `Include` lines name (`dir/*.conf` globs
// only), sets PermitRootLogin, PasswordAuthentication and X11Forwarding to `no` with
// regular expressions (changing the line that sets them, else adding one after the
// commented default, else at the end), builds the diff with jsdiff's createTwoFilesPatch
// and prints it. Exit status 1 when there is a change, as the CLI's.
//
// Usage: node bench/bare-read-fix-diff.mjs --root ROOT /etc/ssh/sshd_config
import {readdirSync, readFileSync} from 'node:fs'
import {join, posix} from 'node:path'
import {createTwoFilesPatch} from 'diff'

const args = process.argv.slice(2)
const rootAt = args.indexOf('--root')
const root = rootAt === -1 ? '/' : args.splice(rootAt, 2)[1]
const [entry] = args

// The file and its drop-ins.
const files = [entry]
const main = readFileSync(join(root, entry), 'utf8')
for (const [, pattern] of main.matchAll(/^[ \t]*Include[ \t=]+(\S+)/gim)) {
  const dir = posix.dirname(pattern)
  const suffix = posix.basename(pattern).replace(/^\*/, '')
  let names = []
  try {
    names = readdirSync(join(root, dir)).filter((name) => name.endsWith(suffix)).sort()
  } catch {}
  files.push(...names.map((name) => posix.join(dir, name)))
}

const WANT = {PermitRootLogin: 'no', PasswordAuthentication: 'no', X11Forwarding: 'no'}
const before = files.map((file) => (file === entry ? main : readFileSync(join(root, file), 'utf8')))
const after = [...before]
for (const [keyword, value] of Object.entries(WANT)) {
  // sshd takes the first value it reads: fix that line, wherever it is.
  const active = new RegExp(`^([ \\t]*${keyword}[ \\t=]+)(\\S+)(.*)$`, 'im')
  const at = after.findIndex((text) => active.test(text))
  if (at !== -1) {
    after[at] = after[at].replace(active, (line, head, old, rest) => (old.toLowerCase() === value ? line : `${head}${value}${rest}`))
  } else {
    const commented = new RegExp(`^#[ \\t]*${keyword}[ \\t].*$`, 'im').exec(after[0])
    const end = commented ? commented.index + commented[0].length + 1 : after[0].length
    after[0] = `${after[0].slice(0, end)}${keyword} ${value}\n${after[0].slice(end)}`
  }
}
let patch = ''
for (const [i, file] of files.entries()) {
  if (after[i] === before[i]) continue
  patch += createTwoFilesPatch(`a${file}`, `b${file}`, before[i], after[i], undefined, undefined, {context: 3, headerOptions: {includeIndex: false, includeUnderline: false, includeFileHeaders: true}})
}
process.stdout.write(patch)
process.exitCode = patch === '' ? 0 : 1
