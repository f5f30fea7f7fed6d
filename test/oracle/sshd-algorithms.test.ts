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

const cases: ReadonlyArray<{keyword: AlgorithmKeyword; value: string | undefined; bug?: string}> = [
  {keyword: 'Ciphers', value: undefined},
  {keyword: 'MACs', value: undefined},
  {
    keyword: 'KexAlgorithms',
    value: undefined,
    // Debian's 1:9.2p1-2+deb12u4 made sntrup761x25519-sha512 available without the
    // @openssh.com suffix (Debian bug #1088873), as OpenSSH 9.9 did: bookworm's sshd offers
    // both names first. The library's 9.2 list has only the suffixed one, so a fix written
    // for Debian 12 drops the other (harmless: clients offer both names).
    bug: "Debian 12's 9.2p1 (since deb12u4) offers sntrup761x25519-sha512 first, which the library's 9.2 list lacks",
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
  {
    keyword: 'MACs',
    value: '-HMAC-SHA1*,UMAC-64*',
    bug: 'sshd matches algorithm patterns case-sensitively: `-HMAC-SHA1*` removes nothing, but the library matches without case and believes the weak MACs are gone',
  },
  {
    keyword: 'MACs',
    value: '-hmac*,umac*',
    bug: 'a removal that leaves nothing makes sshd fall back to its default list (weak MACs included); the library says the list is empty',
  },
  {keyword: 'MACs', value: '^hmac-sha2-512'},
  {keyword: 'KexAlgorithms', value: 'curve25519-sha256,curve25519-sha256@libssh.org'},
  {keyword: 'KexAlgorithms', value: '+diffie-hellman-group1-sha1', bug: 'the default list lacks sntrup761x25519-sha512 (see above)'},
  {keyword: 'KexAlgorithms', value: '-diffie-hellman-group14-sha256', bug: 'the default list lacks sntrup761x25519-sha512 (see above)'},
  {keyword: 'KexAlgorithms', value: '-*-sha1,*nistp*', bug: 'the default list lacks sntrup761x25519-sha512 (see above)'},
  {keyword: 'KexAlgorithms', value: '^curve25519-sha256', bug: 'the default list lacks sntrup761x25519-sha512 (see above)'},
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
    const test = c.bug === undefined ? it : it.fails
    test(c.bug === undefined ? title : `${title} (known bug: ${c.bug})`, () => {
      const run = sshdRuns()[i]!
      expect(run.status, run.stderr).toBe(0)
      const sshd = parseEffective(run.stdout).get(c.keyword.toLowerCase())?.join(',').split(',')
      expect(effectiveAlgorithms(c.keyword, c.value, [9, 2])).toEqual(sshd)
    })
  })
})
