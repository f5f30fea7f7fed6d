import {defineRule} from '../../core/rule.js'
import type {ApacheConfig} from '../../formats/apache/semantics.js'
import {checkApacheSetting, oneOfWords} from './_setting.js'

/** The `Server` header names the product only (`ServerTokens Prod`). */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/server-tokens',
  format: 'apache',
  severity: 'warning',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'The `Server` header says `Apache` and nothing more (`ServerTokens Prod`).',
    why: 'By default httpd sends its version, the operating system and its modules in every response (`Server: Apache/2.4.62 (Debian)`): an attacker learns at once which known flaws to try. Debian ships `ServerTokens OS`. The guides ask not to reveal the operating system.',
    examples: [
      {bad: 'ServerTokens OS\n', good: 'ServerTokens Prod\n'},
      {bad: 'Listen 80\n', good: 'Listen 80\nServerTokens Prod\n'},
    ],
    fixSafety: 'Safe: it changes only a response header.',
    references: [
      {title: 'Nectar: Security guidelines, 15. Securing Apache (the default pages give hints on the operating system)'},
      {title: 'CIS Apache HTTP Server 2.4 Benchmark: Ensure ServerTokens is set to Prod or ProductOnly'},
      {title: 'Apache httpd: ServerTokens', url: 'https://httpd.apache.org/docs/2.4/mod/core.html#servertokens'},
    ],
  },
  check(config, context) {
    checkApacheSetting(config, context, {
      name: 'ServerTokens',
      accepts: oneOfWords('Prod', 'ProductOnly'),
      target: ['Prod'],
      defaultValue: 'Full',
      safety: 'safe',
      consequence: 'every response tells the httpd version and the operating system',
    })
  },
})
