/**
 * How long a change takes to come back as diagnostics, on the Debian 12 fixtures of every
 * format read from disk under a root (Apache's reads some thirty files): the time from
 * sending `didChange` to receiving `publishDiagnostics` for that version, in this thread.
 * The figures are printed; the test holds that no file is read again from disk while the
 * document is edited, and that a change stays well under the time a user notices.
 */
import {fileURLToPath, pathToFileURL} from 'node:url'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {nodeHost} from '../../src/core/host.js'
import {startInProcess, type InProcessSession} from './client.js'
import {countReads} from './counting-host.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))
const CHANGES = 40
/** A median this slow would be felt while typing; the measured ones are a few milliseconds. */
const MEDIAN_LIMIT_MS = 150

const cases: Array<[format: string, root: string, file: string]> = [
  ['sshd', 'sshd/debian12', '/etc/ssh/sshd_config'],
  ['sshd (drop-ins)', 'sshd/includes', '/etc/ssh/sshd_config'],
  ['apache', 'apache/debian12', '/etc/apache2/apache2.conf'],
  ['named', 'named/debian12', '/etc/bind/named.conf'],
  ['ntp', 'ntp/debian12', '/etc/ntpsec/ntp.conf'],
  ['iptables', 'iptables/saved/debian-server', '/etc/iptables/rules.v4'],
]

const sessions: InProcessSession[] = []
const figures: string[] = []
afterAll(() => {
  for (const session of sessions) session.close()
  console.log(`Per-change latency (didChange to publishDiagnostics, ${CHANGES} changes each):\n${figures.join('\n')}`)
})

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

describe('latency per change', () => {
  it.each(cases)('%s: no file read again, and a change answered fast', async (format, fixture, file) => {
    const root = join(FIXTURES, fixture)
    const reads = new Map<string, number>()
    const host = nodeHost({root})
    const session = await startInProcess({createHost: () => countReads(() => host, reads)}, {initializationOptions: {root}})
    sessions.push(session)
    const {client} = session
    const uri = pathToFileURL(join(root, file)).href
    const text = readFileSync(join(root, file), 'utf8')
    const opened = await client.open(uri, text)
    const readOnOpen = new Map(reads)
    const times: number[] = []
    for (let i = 1; i <= CHANGES; i++) {
      const started = performance.now()
      // Typing at the end of the file: a comment line grows a character at a time.
      const published = await client.change(uri, `${text}# note ${'x'.repeat(i)}\n`)
      times.push(performance.now() - started)
      expect(published.diagnostics.length).toBe(opened.diagnostics.length)
    }
    expect(reads).toEqual(readOnOpen)
    const sorted = [...times].sort((a, b) => a - b)
    figures.push(`  ${format.padEnd(16)} ${String(readOnOpen.size).padStart(3)} files read on open  median ${percentile(sorted, 0.5).toFixed(2)} ms  p90 ${percentile(sorted, 0.9).toFixed(2)} ms  max ${sorted.at(-1)!.toFixed(2)} ms`)
    expect(percentile(sorted, 0.5)).toBeLessThan(MEDIAN_LIMIT_MS)
  })
})
