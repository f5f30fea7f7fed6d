/**
 * The real sshd judges the library's algorithm lists: for each configured value of
 * `Ciphers`, `MACs` and `KexAlgorithms` (none, a whole list, `+`, `-`, `^`, patterns), the
 * list that `effectiveAlgorithms()` says sshd uses must be the one `sshd -T` prints. The
 * `sshd/ciphers`, `sshd/macs` and `sshd/kex-algorithms` rules decide from it what is weak
 * and write their fixes from it. All values run in one batch (one namespace).
 *
 * Values that sshd refuses (unknown or upper-case names, patterns in a whole list or after
 * `+`) are not here: there is no list to compare.
 */
import {describe, expect, it} from 'vitest'
import {effectiveAlgorithms, type AlgorithmKeyword} from '../../src/formats/sshd/algorithms.js'
import {runSshdBatch, sshdAvailability, parseEffective, type SshdRun} from './sshd-judge.js'

const cases: ReadonlyArray<{keyword: AlgorithmKeyword; value: string | undefined; debian?: boolean}> = [
  {keyword: 'Ciphers', value: undefined},
  {keyword: 'MACs', value: undefined},
  {
    keyword: 'KexAlgorithms',
    value: undefined,
    // Debian's 1:9.2p1-2+deb12u4 made sntrup761x25519-sha512 available without the
    // @openssh.com suffix (Debian bug #1088873), as OpenSSH 9.9 did: bookworm's sshd offers
    // both names first. The library's tables follow upstream releases, so its 9.2 list has
    // only the suffixed name, and a fix written for 9.2 leaves the other out (harmless:
    // clients offer both names). The comparison leaves that vendor addition out.
    debian: true,
  },
  {keyword: 'Ciphers', value: 'aes256-gcm@openssh.com,aes128-ctr'},
  {keyword: 'Ciphers', value: 'aes128-ctr,aes128-ctr'},
  {keyword: 'Ciphers', value: '+aes128-cbc'},
  {keyword: 'Ciphers', value: '+3des-cbc,aes256-cbc'},
  {keyword: 'Ciphers', value: '-chacha20-poly1305@openssh.com'},
  {keyword: 'Ciphers', value: '-aes*-ctr'},
  {keyword: 'Ciphers', value: '^aes128-cbc'},
  {keyword: 'Ciphers', value: '^aes256-gcm@openssh.com,aes128-gcm@openssh.com'},
  {keyword: 'MACs', value: 'hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com'},
  {keyword: 'MACs', value: '+hmac-md5'},
  {keyword: 'MACs', value: '-hmac-sha1'},
  {keyword: 'MACs', value: '-*sha1*,umac-64*'},
  // sshd matches patterns case-sensitively: upper case removes nothing.
  {keyword: 'MACs', value: '-HMAC-SHA1*,UMAC-64*'},
  // A removal that leaves nothing falls back to the default list.
  {keyword: 'MACs', value: '-hmac*,umac*'},
  {keyword: 'MACs', value: '^hmac-sha2-512'},
  {keyword: 'KexAlgorithms', value: 'curve25519-sha256,curve25519-sha256@libssh.org'},
  {keyword: 'KexAlgorithms', value: '+diffie-hellman-group1-sha1', debian: true},
  {keyword: 'KexAlgorithms', value: '-diffie-hellman-group14-sha256', debian: true},
  {keyword: 'KexAlgorithms', value: '-*-sha1,*nistp*', debian: true},
  {keyword: 'KexAlgorithms', value: '^curve25519-sha256', debian: true},
]

const judge = sshdAvailability()

describe.skipIf(!judge.ok)('algorithm lists: the library against sshd -T', () => {
  let runs: SshdRun[] | undefined
  /** `sshd -T` of every case, each its own configuration file, in one batch. */
  const sshdRuns = (): SshdRun[] => {
    runs ??= runSshdBatch(
      Object.fromEntries(cases.map((c, i) => [`/etc/ssh/case-${i}`, c.value === undefined ? 'Port 22\n' : `${c.keyword} ${c.value}\n`])),
      cases.map((_, i) => ['-T', '-f', `/etc/ssh/case-${i}`]),
    )
    return runs
  }

  cases.forEach((c, i) => {
    const title = `${c.keyword} ${c.value ?? '(not set)'}`
    it(c.debian ? `${title} (less Debian's own sntrup761x25519-sha512)` : title, () => {
      const run = sshdRuns()[i]!
      expect(run.status, run.stderr).toBe(0)
      const printed = parseEffective(run.stdout).get(c.keyword.toLowerCase())?.join(',').split(',')
      const sshd = c.debian ? printed?.filter((name) => name !== 'sntrup761x25519-sha512') : printed
      expect(effectiveAlgorithms(c.keyword, c.value, [9, 2])).toEqual(sshd)
    })
  })
})
