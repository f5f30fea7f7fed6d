import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {checkAlgorithms} from './_algorithms.js'

/** No CBC or otherwise weak ciphers. */
export default defineRule<SshdConfig, Record<never, never>>({
  id: 'sshd/ciphers',
  format: 'sshd',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'strict',
  options: {},
  docs: {
    summary: 'sshd offers no CBC or otherwise weak cipher.',
    why: 'CBC-mode ciphers allow plaintext-recovery attacks on SSH (CVE-2008-5161) and are the usual finding of a security scan; 3DES has a 64-bit block. OpenSSH\'s defaults since 7.x hold only AEAD and CTR ciphers, so this is usually about a list someone configured by hand, or one that adds a CBC cipher with `+`. The list is checked as sshd computes it, `+`, `-` and `^` applied.',
    examples: [
      {bad: 'Ciphers aes128-cbc,aes256-ctr,aes128-gcm@openssh.com\n', good: 'Ciphers aes256-ctr,aes128-gcm@openssh.com\n'},
      {bad: 'Ciphers +aes256-cbc\n', good: 'Ciphers chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com\n'},
    ],
    fixSafety: 'Unsafe: a client that supports only the removed ciphers can no longer connect. The fix keeps the configured order and writes no algorithm the configured OpenSSH release (setting `sshd.version`) lacks.',
    references: [
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd Ciphers are configured'},
      {title: 'sshd_config(5): Ciphers', url: 'https://man.openbsd.org/sshd_config#Ciphers'},
    ],
  },
  check(config, context) {
    checkAlgorithms(config, context, 'Ciphers', {allowNonEtm: true})
  },
})
