#!/usr/bin/env node
// Parse throughput of the apache format, in process and warm, beside baselines measured in
// the same run:
//
// - harden-config's `parse` from dist/formats/apache/index.js (lossless tree with unist
//   positions) on a generated 20,000-line nested httpd configuration;
// - a baseline split-and-regex pass over the same text: split the lines, match each with one
//   regular expression (comment, opening or closing tag, directive). It builds nothing and
//   joins no continuation: the floor for any reader;
// - for scale, the sshd parser (dist/formats/sshd/index.js) on bench/out/sshd_config.20000,
//   the file bench/throughput.mjs measures, with its own split-and-regex baseline.
//
// Each parser runs `--warmup` times, then `--runs` timed iterations spread over `--rounds`
// interleaved rounds, so that a slow phase of the machine hits all of them alike. Medians,
// ratios to the baseline of the same text, MB/s; each tree is checked to print back to its
// text byte for byte.
//
// The input, bench/out/apache2.conf.20000 (git-ignored), is the same on every run (mulberry32,
// fixed seed): Debian 12's apache2.conf (test/fixtures/apache/debian12), then the virtual
// hosts of a shared web server, one per customer, with a comment above some: ServerName and
// aliases, a document root in quotes a third of the time, logs under ${APACHE_LOG_DIR}, a
// `<Directory>` with Options/AllowOverride/Require and sometimes a `<FilesMatch>` inside it, an
// `<IfModule mod_rewrite.c>` with rewrite rules (some continued with `\` over two lines),
// for HTTPS hosts an `<IfModule mod_ssl.c>` with certificates and sometimes
// `<IfModule mod_headers.c>` in it, half of them wrapped in `<IfModule mod_ssl.c>` as
// Debian's default-ssl.conf is, a `<Location /server-status>` now and then; indents of tabs
// or 4 spaces, 2% trailing blanks, 1% lower-case names. Nesting goes 4 deep. httpd 2.4.71
// says `Syntax OK` to it (`apache2 -d /etc/apache2 -f bench/out/apache2.conf.20000 -t` with
// Debian's default modules and the APACHE_* variables of ../shared/notes/daemons.md).
//
// Usage:
//   npm run build && node bench/apache.mjs [--runs 45] [--warmup 10] [--rounds 9] [--only ID] [--json]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/apache.mjs --only harden-config   (profile the parser alone)
// IDs: harden-config, split-regex, sshd, sshd-split-regex.
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {cpus, loadavg} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {median, prng, sshdSplitRegex} from './lib.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const REPO = join(HERE, '..')
const OUT = join(HERE, 'out')
const LINES = 20000
const SEED = 0xa9ac4e20

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at === -1 ? fallback : args.splice(at, 2)[1]
}
const runs = Number(option('--runs', 45))
const warmup = Number(option('--warmup', 10))
const rounds = Number(option('--rounds', 9))
const only = option('--only', undefined)
const json = args.includes('--json')

// ----- The input -------------------------------------------------------------------------------

/**
 * A configuration of about `lines` lines.
 *
 * @param lines how many lines, at least
 * @param seed the PRNG seed
 */
export function generateApache(lines, seed = SEED) {
  const r = prng(seed)
  const pick = (list) => list[Math.floor(r() * list.length)]
  const chance = (p) => r() < p
  const header = readFileSync(join(REPO, 'test/fixtures/apache/debian12/etc/apache2/apache2.conf'), 'utf8')
  const out = header.split('\n')
  if (out[out.length - 1] === '') out.pop()
  out.push('', '# Virtual hosts of the shared server, one per customer (managed by hand since 2019).', '')
  let step = '\t'
  const line = (depth, text) => {
    const name = chance(0.01) ? text.replace(/^\S+/, (n) => n.toLowerCase()) : text
    out.push(`${step.repeat(depth)}${name}${chance(0.02) ? pick([' ', '\t', '  ']) : ''}`)
  }
  const quote = (path) => (chance(0.33) ? `"${path}"` : path)
  for (let n = 1; out.length < lines; n++) {
    step = chance(0.7) ? '\t' : '    '
    const site = `c${String(n).padStart(4, '0')}`
    const domain = `${site}.${pick(['example.com', 'example.org', 'example.net', 'hosting.test'])}`
    const root = `/srv/www/${site}/htdocs`
    const ssl = chance(0.45)
    if (chance(0.5)) out.push(pick([`# ${site}: ${pick(['shop', 'blog', 'wiki', 'intranet', 'landing page', 'API'])}, ticket #${1000 + Math.floor(r() * 9000)}`, `## ${domain}`, '#', `# Customer ${site} (contract ${2015 + Math.floor(r() * 10)})`]))
    // As Debian's default-ssl.conf, an HTTPS host is often wrapped in <IfModule mod_ssl.c>.
    const wrapped = ssl && chance(0.5)
    const v = wrapped ? 1 : 0
    if (wrapped) out.push('<IfModule mod_ssl.c>')
    out.push(`${step.repeat(v)}<VirtualHost ${ssl ? pick(['*:443', '_default_:443']) : pick(['*:80', '*:80', '192.0.2.10:80', '[2001:db8::10]:80'])}>`)
    line(v + 1, `ServerName ${domain}`)
    if (chance(0.6)) line(v + 1, `ServerAlias www.${domain}${chance(0.3) ? ` static.${domain}` : ''}`)
    line(v + 1, `ServerAdmin webmaster@${domain}`)
    line(v + 1, `DocumentRoot ${quote(root)}`)
    line(v + 1, `ErrorLog \${APACHE_LOG_DIR}/${site}-error.log`)
    line(v + 1, `CustomLog \${APACHE_LOG_DIR}/${site}-access.log ${pick(['combined', 'combined', 'vhost_combined'])}`)
    if (chance(0.3)) line(v + 1, `LogLevel ${pick(['warn', 'info authz_core:warn', 'notice core:info'])}`)
    if (chance(0.5)) out.push('')
    line(v + 1, `<Directory ${quote(root)}>`)
    line(v + 2, `Options ${pick(['Indexes FollowSymLinks', '-Indexes +FollowSymLinks', 'FollowSymLinks MultiViews', 'None', 'SymLinksIfOwnerMatch'])}`)
    line(v + 2, `AllowOverride ${pick(['None', 'All', 'FileInfo AuthConfig Limit'])}`)
    line(v + 2, `Require ${pick(['all granted', 'all granted', 'ip 192.0.2.0/24', 'all denied'])}`)
    if (chance(0.4)) {
      line(v + 2, `<FilesMatch ${pick(['"\\.(php|phtml)$"', '"^\\.ht"', '"\\.(bak|old|swp)$"'])}>`)
      line(v + 3, pick(['Require all denied', 'SetHandler "proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost"', 'ForceType application/octet-stream']))
      line(v + 2, '</FilesMatch>')
    }
    line(v + 1, '</Directory>')
    if (chance(0.6)) {
      line(v + 1, '<IfModule mod_rewrite.c>')
      line(v + 2, 'RewriteEngine On')
      if (chance(0.5)) {
        // A long condition, continued on the next line.
        line(v + 2, `RewriteCond %{HTTP_HOST} !^www\\.${domain.replace(/\./g, '\\.')}$ [NC] \\`)
        out.push(`${step.repeat(v + 3)}[OR]`)
      }
      line(v + 2, `RewriteRule ${pick(['^/old/(.*)$ /new/$1 [R=301,L]', `^/?$ "https://${domain}/" [R=302,L]`, '^/api/(.*) http://127.0.0.1:8080/$1 [P,L]'])}`)
      line(v + 1, '</IfModule>')
    }
    if (ssl) {
      line(v + 1, '<IfModule mod_ssl.c>')
      line(v + 2, 'SSLEngine on')
      line(v + 2, `SSLCertificateFile ${quote(`/etc/letsencrypt/live/${domain}/fullchain.pem`)}`)
      line(v + 2, `SSLCertificateKeyFile ${quote(`/etc/letsencrypt/live/${domain}/privkey.pem`)}`)
      if (chance(0.4)) line(v + 2, `SSLProtocol ${pick(['all -SSLv3 -TLSv1 -TLSv1.1', '-all +TLSv1.2 +TLSv1.3', 'all -SSLv3'])}`)
      if (chance(0.5)) {
        line(v + 2, '<IfModule mod_headers.c>')
        line(v + 3, 'Header always set Strict-Transport-Security "max-age=63072000; includeSubDomains"')
        line(v + 2, '</IfModule>')
      }
      line(v + 1, '</IfModule>')
    }
    if (chance(0.15)) {
      line(v + 1, '<Location /server-status>')
      line(v + 2, 'SetHandler server-status')
      line(v + 2, 'Require local')
      line(v + 1, '</Location>')
    }
    out.push(`${step.repeat(v)}</VirtualHost>`)
    if (wrapped) out.push('</IfModule>')
    out.push('')
  }
  return `${out.join('\n')}\n`
}

const apacheFile = join(OUT, `apache2.conf.${LINES}`)
mkdirSync(OUT, {recursive: true})
const apacheText = generateApache(LINES)
if (!existsSync(apacheFile) || readFileSync(apacheFile, 'utf8') !== apacheText) writeFileSync(apacheFile, apacheText)

const sshdFile = join(OUT, 'sshd_config.20000')
if (!existsSync(sshdFile)) {
  const {generateAll} = await import('./gen.mjs')
  generateAll({quiet: true})
}
const sshdText = readFileSync(sshdFile, 'utf8')

// ----- The parsers -----------------------------------------------------------------------------

if (!existsSync(join(REPO, 'dist/formats/apache/index.js'))) {
  console.error('bench/apache.mjs: dist/ is missing or has no apache format; run `npm run build` first.')
  process.exit(2)
}
const apache = await import('../dist/formats/apache/index.js')
const sshd = await import('../dist/formats/sshd/index.js')

/** The floor for an httpd reader: split the lines, one regular expression each, nothing built. */
function apacheSplitRegex(source) {
  const lineRe = /^[ \t]*(?:#|<(\/?)([^\s>]+)([^>]*)>|([^\s<#]\S*)(?:[ \t]+(.*?))?)[ \t]*\r?$/
  let matched = 0
  let last
  for (const line of source.split('\n')) {
    const match = lineRe.exec(line)
    if (match !== null) {
      matched++
      last = match
    }
  }
  return {matched, last}
}

const parsers = [
  {id: 'harden-config', text: apacheText, base: 'split-regex', label: 'harden-config `parse` (apache: Peggy, lossless tree with positions)', run: (x) => apache.parse(x), roundTrip: (x) => apache.print(apache.parse(x)) === x},
  {id: 'split-regex', text: apacheText, base: 'split-regex', label: 'baseline: split lines + one regex per line', run: apacheSplitRegex},
  {id: 'sshd', text: sshdText, base: 'sshd-split-regex', label: 'for scale: harden-config `parse` (sshd) on `sshd_config.20000`', run: (x) => sshd.parse(x), roundTrip: (x) => sshd.print(sshd.parse(x)) === x},
  {id: 'sshd-split-regex', text: sshdText, base: 'sshd-split-regex', label: 'for scale: its split-regex baseline (bench/throughput.mjs)', run: sshdSplitRegex},
].filter((p) => only === undefined || p.id === only)

let sink = 0
const times = new Map(parsers.map((p) => [p.id, []]))
// CPU time of the process per iteration: steadier than wall time on a shared machine.
const cpuTimes = new Map(parsers.map((p) => [p.id, []]))
const loadBefore = loadavg()[0]
for (const p of parsers) for (let i = 0; i < warmup; i++) sink ^= p.run(p.text) === null ? 1 : 0
const perRound = Math.ceil(runs / rounds)
for (let round = 0; round < rounds; round++) {
  // Rotate the order between rounds.
  const order = parsers.map((_, i) => parsers[(i + round) % parsers.length])
  for (const p of order) {
    for (let i = 0; i < perRound; i++) {
      const cpu = process.cpuUsage()
      const start = process.hrtime.bigint()
      const result = p.run(p.text)
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6
      const used = process.cpuUsage(cpu)
      sink ^= result === null ? 1 : 0
      times.get(p.id).push(elapsed)
      cpuTimes.get(p.id).push((used.user + used.system) / 1e3)
    }
  }
}

// ----- The report ------------------------------------------------------------------------------

const countLines = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
const depth = (children) => Math.max(0, ...children.map((c) => (c.type === 'section' ? 1 + depth(c.children) : 0)))
const tree = apache.parse(apacheText)
const input = {
  file: relative(REPO, apacheFile),
  bytes: Buffer.byteLength(apacheText),
  lines: countLines(apacheText),
  sections: (apacheText.match(/^\s*<[^/]/gm) ?? []).length,
  virtualHosts: (apacheText.match(/^<VirtualHost/gm) ?? []).length,
  continuations: (apacheText.match(/\\\n/g) ?? []).length,
  depth: depth(tree.children),
}
const medians = new Map(parsers.map((p) => [p.id, median(times.get(p.id))]))
const results = parsers.map((p) => {
  const t = times.get(p.id)
  const ms = medians.get(p.id)
  const bytes = Buffer.byteLength(p.text)
  return {
    id: p.id,
    label: p.label,
    file: relative(REPO, p.text === apacheText ? apacheFile : sshdFile),
    medianMs: ms,
    minMs: Math.min(...t),
    cpuMs: median(cpuTimes.get(p.id)),
    runs: t.length,
    perBaseline: medians.has(p.base) ? ms / medians.get(p.base) : null,
    mbPerS: bytes / 1e6 / (ms / 1e3),
    linesPerS: countLines(p.text) / (ms / 1e3),
    roundTrip: p.roundTrip === undefined ? null : p.roundTrip(p.text),
  }
})
const machine = {node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', loadBefore, loadAfter: loadavg()[0]}

if (json) {
  process.stdout.write(`${JSON.stringify({input, warmup, rounds, machine, results, sink})}\n`)
} else {
  const fmt = (x, digits = 1) => x.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits})
  console.log(`**Parse throughput, apache** (\`${input.file}\`: ${input.lines.toLocaleString('en-US')} lines, ${fmt(input.bytes / 1024, 0)} KiB, ${input.virtualHosts} virtual hosts, ${input.sections.toLocaleString('en-US')} sections nested up to ${input.depth} deep, ${input.continuations} continuations), in process, warm, ${results[0]?.runs ?? 0} iterations each; Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, load average ${fmt(machine.loadBefore, 2)} before and ${fmt(machine.loadAfter, 2)} after\n`)
  console.log('| parser | × its split-regex | median | min | CPU time | MB/s | lines/s | byte-exact round trip |')
  console.log('|---|---|---|---|---|---|---|---|')
  for (const r of results) {
    const ratio = r.perBaseline === null ? '—' : `${fmt(r.perBaseline, 2)}×`
    const trip = r.roundTrip === null ? '— (not a parser)' : r.roundTrip ? 'yes' : '**no**'
    console.log(`| ${r.label} | ${ratio} | ${fmt(r.medianMs)} ms | ${fmt(r.minMs)} ms | ${fmt(r.cpuMs)} ms | ${fmt(r.mbPerS)} | ${Math.round(r.linesPerS).toLocaleString('en-US')} | ${trip} |`)
  }
  const a = results.find((r) => r.id === 'harden-config')
  const s = results.find((r) => r.id === 'sshd')
  if (a !== undefined && s !== undefined) console.log(`\napache parse against sshd parse: ${fmt(a.mbPerS / s.mbPerS, 2)}× the MB/s, ${fmt(a.perBaseline / s.perBaseline, 2)}× the ratio to its own baseline.`)
}
if (results.some((r) => r.roundTrip === false)) process.exitCode = 1
