import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {checkAlgorithms} from './_algorithms.js'

/** No key exchange with SHA-1 or a 1024-bit group. */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/kex-algorithms',
  format: 'sshd',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'strict',
  options: {},
  docs: {
    summary: 'sshd offers no key exchange based on SHA-1 (`diffie-hellman-group1-sha1`, `group14-sha1`, `group-exchange-sha1`).',
    why: 'SHA-1 is broken for collisions, and group1 is a 1024-bit group within reach of a well-funded attacker (Logjam). OpenSSH no longer offers them by default, but configurations copied for old clients add them back.',
    examples: [
      {bad: 'KexAlgorithms curve25519-sha256,diffie-hellman-group14-sha1\n', good: 'KexAlgorithms curve25519-sha256\n'},
      {bad: 'KexAlgorithms +diffie-hellman-group1-sha1\n', good: 'KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,sntrup761x25519-sha512@openssh.com,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256\n'},
    ],
    fixSafety: 'Unsafe: a client that supports only the removed key exchanges can no longer connect. The fix names nothing the configured OpenSSH release (setting `sshd.version`) lacks.',
    references: [
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd KexAlgorithms is configured'},
      {title: 'sshd_config(5): KexAlgorithms', url: 'https://man.openbsd.org/sshd_config#KexAlgorithms'},
    ],
  },
  check(config, context) {
    checkAlgorithms(config, context, 'KexAlgorithms', {allowNonEtm: true})
  },
})
