import {boolean} from '../../core/options.js'
import {defineRule} from '../../core/rule.js'
import type {SshdConfig} from '../../formats/sshd/semantics.js'
import {checkAlgorithms} from './_algorithms.js'

/** No SHA-1, MD5 or 64-bit-tag MACs. */
export default defineRule<SshdConfig, {allowNonEtm: boolean}>({
  id: 'sshd/macs',
  format: 'sshd',
  severity: 'warning',
  fix: 'unsafe',
  profile: 'strict',
  options: {
    allowNonEtm: boolean(
      true,
      'Accept the encrypt-and-MAC forms of strong MACs (`hmac-sha2-256`, `hmac-sha2-512`, `umac-128@openssh.com`), as CIS does; `false` accepts only the encrypt-then-MAC (`-etm@openssh.com`) forms, as ssh-audit recommends.',
    ),
  },
  docs: {
    summary: 'sshd offers no MAC based on SHA-1 or MD5, and none with a 64-bit tag.',
    why: 'OpenSSH\'s default MAC list still holds `hmac-sha1` and `umac-64` for old clients, so every host that does not set `MACs` offers them. The benchmarks disagree on the encrypt-and-MAC forms of SHA-2 (CIS accepts them; ssh-audit flags them): they are accepted by default, since clients without encrypt-then-MAC still exist and no practical attack on them is known, and the option `allowNonEtm` turns them away.',
    examples: [
      {bad: 'MACs hmac-sha1,hmac-sha2-256-etm@openssh.com\n', good: 'MACs hmac-sha2-256-etm@openssh.com\n'},
      {
        bad: 'Port 22\n',
        good: 'Port 22\nMACs umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512\n',
      },
      {bad: 'MACs hmac-sha2-256,hmac-sha2-256-etm@openssh.com\n', good: 'MACs hmac-sha2-256-etm@openssh.com\n', options: {allowNonEtm: false}},
    ],
    fixSafety: 'Unsafe: a client that supports only the removed MACs can no longer connect. The fix writes the list sshd uses without the weak entries, in the same order, naming nothing the configured OpenSSH release (setting `sshd.version`) lacks.',
    references: [
      {title: 'CIS Debian Linux 12 Benchmark: Ensure sshd MACs are configured'},
      {title: 'sshd_config(5): MACs', url: 'https://man.openbsd.org/sshd_config#MACs'},
    ],
  },
  check(config, context) {
    checkAlgorithms(config, context, 'MACs', {allowNonEtm: context.options.allowNonEtm})
  },
})
