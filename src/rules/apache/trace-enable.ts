import {defineRule} from '../../core/rule.js'
import type {ApacheConfig} from '../../formats/apache/semantics.js'
import {checkApacheSetting, oneOfWords} from './_setting.js'

/** No TRACE requests (`TraceEnable Off`). */
export default defineRule<ApacheConfig, Record<never, never>>({
  id: 'apache/trace-enable',
  format: 'apache',
  severity: 'warning',
  fix: 'safe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'httpd refuses TRACE requests (`TraceEnable Off`).',
    why: 'TRACE echoes a request back, headers included: with a script injected into a page, it can read cookies marked HttpOnly (cross-site tracing). No browser needs it. httpd\'s default is `On`; Debian turns it off in `conf-available/security.conf`.',
    examples: [
      {bad: 'TraceEnable On\n', good: 'TraceEnable Off\n'},
      {bad: 'Listen 80\n', good: 'Listen 80\nTraceEnable Off\n'},
    ],
    fixSafety: 'Safe: no client depends on TRACE; debugging proxies can use other means.',
    references: [
      {title: 'CIS Apache HTTP Server 2.4 Benchmark: Ensure the TRACE HTTP Request Method Is Disabled'},
      {title: 'Apache httpd: TraceEnable', url: 'https://httpd.apache.org/docs/2.4/mod/core.html#traceenable'},
    ],
  },
  check(config, context) {
    checkApacheSetting(config, context, {
      name: 'TraceEnable',
      accepts: oneOfWords('Off'),
      target: ['Off'],
      defaultValue: 'On',
      safety: 'safe',
      consequence: 'TRACE echoes requests back, cookies included',
    })
  },
})
