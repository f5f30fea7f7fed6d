/**
 * The running named as a judge of what matters most: can a client outside the server's
 * own networks use it as a resolver? named sets the RA bit ("recursion available") of an
 * answer only when recursion is on and both recursion ACLs (`allow-recursion`,
 * `allow-query-cache`) let the client in (lib/ns/client.c), so one query for a name of a
 * local zone tells, at once and without any network.
 *
 * Two network namespaces made for the run: the server's (10.53.0.1/32, so `localnets` is
 * that address alone) and a client's (10.53.0.2), joined by a veth pair; nothing leaves
 * them. named runs in the foreground (`-g`) in the server's, chrooted (`-t`) into a
 * throw-away tree holding the configuration, with a local zone `test.`; the client asks
 * `ns.test. A` with RD set. Each named is stopped by its process id.
 *
 * Checked: the inheritance table of ../shared/notes/daemons.md as the library computes it
 * (`recursionAccess`), and that after the library's fixes (role `both`) no remote client
 * gets recursion, with the fixtures' own configurations among the cases.
 *
 * Needs root (namespaces, chroot), `ip` (iproute2) and named (bind9). Without them the suite
 * fails under CI and is skipped elsewhere, with the reason in its name.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import {memoryHost} from '../../src/core/host.js'
import type {AnyFormat} from '../../src/formats/index.js'
import {named} from '../../src/formats/named/index.js'
import {loadNamedConfig, recursionAccess} from '../../src/formats/named/semantics.js'
import {harden} from '../../src/harden.js'

const SERVER = `hc-named-s${process.pid}`
const CLIENT = `hc-named-c${process.pid}`
const MAIN = '/etc/bind/named.conf'

function probe(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root for network namespaces and chroot'
  if (!existsSync('/usr/sbin/named')) return 'named is not installed (Debian package bind9)'
  if (spawnSync('ip', ['-V']).status !== 0) return 'ip (iproute2) is not installed'
  return undefined
}
const reason = probe()
const describeLive = reason === undefined || process.env.CI ? describe : describe.skip

const ip = (...args: string[]) => {
  const run = spawnSync('ip', args, {encoding: 'utf8'})
  if (run.status !== 0) throw new Error(`ip ${args.join(' ')}: ${run.stderr}`)
}

const ZONE = '$TTL 300\n@\tIN SOA ns.test. admin.test. 1 3600 600 86400 300\n@\tIN NS ns.test.\nns\tIN A 10.53.0.1\n'

/** What the server must have besides the options under test: where to listen, the local zone, no control channel. */
function wrap(options: string): string {
  return `options {\n\tdirectory "/var/cache/bind";\n\tpid-file none;\n\tsession-keyfile none;\n\tlisten-on { 10.53.0.1; };\n\tlisten-on-v6 { none; };\n${options}};\ncontrols { };\nzone "test" { type primary; file "/etc/bind/db.test"; };\n`
}

/** A query with RD set: `ns.test. IN A`, or `version.bind. CH TXT`. */
const QUESTIONS = {
  a: [2, 110, 115, 4, 116, 101, 115, 116, 0, 0, 1, 0, 1],
  version: [7, ...Buffer.from('version'), 4, ...Buffer.from('bind'), 0, 0, 16, 0, 3],
}

/** The answer's flags and text (its printable bytes) from the client, once named answers. */
function query(source: string, question: keyof typeof QUESTIONS = 'a'): {rcode: number; ra: boolean; text: string} {
  const script = `const s=require('dgram').createSocket('udp4');const q=Buffer.from([18,52,1,0,0,1,0,0,0,0,0,0,${QUESTIONS[question].join(',')}]);s.bind({address:'${source}'});const t=setTimeout(()=>{console.log('null');s.close()},400);s.on('message',m=>{clearTimeout(t);console.log(JSON.stringify({rcode:m[3]&15,ra:(m[3]&128)!==0,text:m.subarray(12).toString('latin1').replace(/[^ -~]/g,'.')}));s.close()});s.send(q,53,'10.53.0.1')`
  for (let attempt = 0; attempt < 25; attempt++) {
    const run = spawnSync('ip', ['netns', 'exec', CLIENT, process.execPath, '-e', script], {encoding: 'utf8'})
    const answer = JSON.parse(run.stdout.trim() || 'null') as {rcode: number; ra: boolean; text: string} | null
    if (answer !== null) return answer
  }
  throw new Error('named did not answer')
}

/**
 * Starts named on a set of files (its configuration at /etc/bind/named.conf), asks once,
 * stops it by its process id.
 *
 * @param files the configuration, by system path
 * @param source the client's address: 10.53.0.2 or 10.53.0.3, both outside the server's localnets
 * @param question what to ask
 */
async function ask(files: Record<string, string>, source = '10.53.0.2', question: keyof typeof QUESTIONS = 'a'): Promise<{rcode: number; ra: boolean; text: string; log: string}> {
  const root = mkdtempSync(join(tmpdir(), 'named-live-'))
  let child: ChildProcess | undefined
  try {
    for (const folder of ['etc/bind', 'var/cache/bind', 'dev']) mkdirSync(join(root, folder), {recursive: true})
    // named opens /dev/urandom and /dev/null inside the chroot.
    for (const device of ['null', 'random', 'urandom']) spawnSync('cp', ['-a', `/dev/${device}`, join(root, 'dev', device)])
    writeFileSync(join(root, 'etc/bind/db.test'), ZONE)
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), {recursive: true})
      writeFileSync(join(root, path), text)
    }
    child = spawn('ip', ['netns', 'exec', SERVER, '/usr/sbin/named', '-g', '-n', '1', '-t', root, '-c', MAIN], {stdio: ['ignore', 'pipe', 'pipe']})
    let log = ''
    child.stdout!.on('data', (d) => (log += d))
    child.stderr!.on('data', (d) => (log += d))
    const answer = query(source, question)
    return {...answer, log}
  } finally {
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(root, {recursive: true, force: true})
  }
}

/** The library's verdict: may a client outside localnets recurse? */
function libraryVerdict(files: Record<string, string>): boolean {
  const config = loadNamedConfig(MAIN, {host: memoryHost(files), settings: {role: 'both'}, limits: DEFAULT_LIMITS, cache: new Map()})
  return recursionAccess(config).some((a) => a.recursion.enabled && a.allowRecursion.open && a.allowQueryCache.open)
}

function fixed(files: Record<string, string>, role: string): Record<string, string> {
  const result = harden([MAIN], {host: memoryHost(files), formats: [named as unknown as AnyFormat], fix: 'unsafe', options: {named: {role}}})
  const out = {...files}
  for (const file of result.files) out[file.realPath] = file.fixed
  return out
}

// The table of ../shared/notes/daemons.md, and more.
const CASES: Array<[string, string]> = [
  ['nothing set (defaults localnets; localhost;)', ''],
  ['only allow-query { any; }', '\tallow-query { any; };\n'],
  ['only allow-query-cache { any; }', '\tallow-query-cache { any; };\n'],
  ['only allow-recursion { any; }', '\tallow-recursion { any; };\n'],
  ['allow-recursion { any; } + allow-query-cache { localhost; }', '\tallow-recursion { any; };\n\tallow-query-cache { localhost; };\n'],
  ['allow-query { any; } + allow-recursion { localhost; }', '\tallow-query { any; };\n\tallow-recursion { localhost; };\n'],
  ['recursion no with allow-recursion { any; }', '\trecursion no;\n\tallow-recursion { any; };\n'],
  ['allow-recursion { !10.53.0.9; any; }', '\tallow-recursion { !10.53.0.9; any; };\n'],
  ['allow-query-cache { 0.0.0.0/0; }', '\tallow-query-cache { 0.0.0.0/0; };\n'],
]

describeLive(reason === undefined ? 'named (running) answers a client outside localnets' : `named (running) answers a client outside localnets (skipped: ${reason})`, () => {
  beforeAll(() => {
    ip('netns', 'add', SERVER)
    ip('netns', 'add', CLIENT)
    ip('link', 'add', `hcs${process.pid}`, 'type', 'veth', 'peer', 'name', `hcc${process.pid}`)
    ip('link', 'set', `hcs${process.pid}`, 'netns', SERVER)
    ip('link', 'set', `hcc${process.pid}`, 'netns', CLIENT)
    ip('-n', SERVER, 'addr', 'add', '10.53.0.1', 'peer', '10.53.0.2', 'dev', `hcs${process.pid}`)
    ip('-n', CLIENT, 'addr', 'add', '10.53.0.2', 'peer', '10.53.0.1', 'dev', `hcc${process.pid}`)
    for (const [ns, dev] of [[SERVER, `hcs${process.pid}`], [CLIENT, `hcc${process.pid}`], [SERVER, 'lo']] as const) ip('-n', ns, 'link', 'set', dev, 'up')
    // A second client address, for a second view.
    ip('-n', CLIENT, 'addr', 'add', '10.53.0.3/32', 'dev', `hcc${process.pid}`)
    ip('-n', SERVER, 'route', 'add', '10.53.0.3/32', 'dev', `hcs${process.pid}`)
  })
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', SERVER])
    spawnSync('ip', ['netns', 'del', CLIENT])
  })

  for (const [name, options] of CASES) {
    it(`${name}: the library's verdict is named's, and after the fixes nobody outside recurses`, async () => {
      const files = {[MAIN]: wrap(options)}
      const before = await ask(files)
      expect(before.rcode, before.log).toBe(0)
      expect(libraryVerdict(files), 'open resolver').toBe(before.ra)
      for (const role of ['both', 'authoritative']) {
        const after = await ask(fixed(files, role))
        expect(after.rcode, after.log).toBe(0)
        expect(after.ra, `role ${role}`).toBe(false)
      }
    })
  }

  it('version.bind tells the release before the fixes, `none` after', async () => {
    const files = {[MAIN]: wrap('')}
    const release = /9\.\d+\.\d+/
    expect((await ask(files, '10.53.0.2', 'version')).text).toMatch(release)
    const after = await ask(fixed(files, 'both'), '10.53.0.2', 'version')
    expect(after.text).not.toMatch(release)
    expect(after.text).toMatch(/\.none$/)
  })

  it('split horizon: the open view is closed by the fixes, the office view keeps the recursion it inherits from its own ACL', async () => {
    const zone = '\tzone "test" { type primary; file "/etc/bind/db.test"; };\n'
    const files = {
      [MAIN]: `${wrap('\tallow-query { any; };\n').replace(/zone "test"[^\n]*\n/, '')}view "office" {\n\tmatch-clients { 10.53.0.2; };\n\tallow-recursion { 10.53.0.2; };\n${zone}};\nview "world" {\n\tmatch-clients { any; };\n${zone}};\n`,
    }
    const after = fixed(files, 'both')
    // The world (10.53.0.3) may recurse before the fixes, not after.
    expect((await ask(files, '10.53.0.3')).ra).toBe(true)
    expect((await ask(after, '10.53.0.3')).ra).toBe(false)
    // The office (10.53.0.2, outside localnets) may recurse before and after: its cache ACL,
    // inherited from its own allow-recursion, is written out when options gets one.
    expect((await ask(files, '10.53.0.2')).ra).toBe(true)
    expect((await ask(after, '10.53.0.2')).ra, after[MAIN]).toBe(true)
  })

})
