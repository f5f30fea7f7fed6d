/**
 * Bugs of the library that the apache oracle showed, each as the smallest input that shows
 * it. The library's side is `it.fails` until the bug is fixed (then it fails, as a reminder
 * to turn it into a plain test and drop the entry from KNOWN_BUGS in apache.test.ts). Beside
 * each, when apache2 is installed, httpd's own answer on the same input, so that the
 * expectation stays tied to what httpd 2.4 does.
 */
import {describe, expect, it} from 'vitest'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {harden} from '../../src/harden.js'
import {memoryHost} from '../../src/core/host.js'
import {DEFAULT_LIMITS} from '../../src/core/format.js'
import {loadApacheConfig, type ApacheConfig} from '../../src/formats/apache/semantics.js'
import {apacheAvailability, apacheJudgeBatch, type ApacheJudgement} from './apache-judge.js'

const MAIN = '/etc/apache2/apache2.conf'
const ENVVARS = readFileSync(fileURLToPath(new URL('../fixtures/apache/debian12/etc/apache2/envvars', import.meta.url)), 'utf8')

/** The start of every input: what httpd needs to accept a main file, with the event MPM unless told. */
function head(mpm = 'event'): string {
  return [
    'DefaultRuntimeDir ${APACHE_RUN_DIR}',
    'PidFile ${APACHE_PID_FILE}',
    `LoadModule mpm_${mpm}_module /usr/lib/apache2/modules/mod_mpm_${mpm}.so`,
    'LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so',
    'ErrorLog ${APACHE_LOG_DIR}/error.log',
    'Listen 80',
    '',
  ].join('\n')
}

const INPUTS = {
  /** Modules named by their source file (`prefork.c`), as httpd's <IfModule> also accepts, and a name no module has. */
  moduleFileNames: `${head('prefork')}<IfModule prefork.c>\nServerAdmin by-source-file\n</IfModule>\n<IfModule mod_mpm_prefork.c>\nServerAdmin by-guess\n</IfModule>\n`,
  /** A variable defined in one case and used in another. */
  defineCase: `${head()}Define Foo bar\nServerAdmin \${FOO}@example.org\n`,
  /** UnDefine of a name that envvars also exports. */
  undefineEnv: `${head()}UnDefine APACHE_RUN_USER\nServerAdmin \${APACHE_RUN_USER}@example.org\n`,
  /** A negation written with a space after `!`, or before a quoted name. */
  negation: `${head()}<IfModule ! authz_core_module>\nServerAdmin space\n</IfModule>\n<IfModule !"authz_core_module">\nServerAdmin quoted\n</IfModule>\n`,
  /** A variable reference inside another. */
  nestedVariable: `${head()}Define A B\nDefine B final\nServerAdmin \${\${A}}\n`,
  /** The last line is a comment that ends with a backslash. */
  lastLineContinued: `${head()}<Directory />\n\tAllowOverride None\n\tRequire all denied\n</Directory>\nServerSignature Off\nTraceEnable Off\n#CustomLog \${APACHE_LOG_DIR}/access.log \\\n`,
  /** `All` or `None` first, then signed words: httpd accepts both lists. */
  optionsBaseThenSigned: `${head()}ServerTokens Prod\nServerSignature Off\nTraceEnable Off\n<Directory />\n\tAllowOverride None\n\tRequire all denied\n</Directory>\n<Directory /var/www>\n\tOptions None +Indexes\n</Directory>\n<Directory /srv>\n\tOptions All -Indexes\n</Directory>\n`,
} as const

function load(text: string): ApacheConfig {
  return loadApacheConfig(MAIN, {host: memoryHost({[MAIN]: text, '/etc/apache2/envvars': ENVVARS}), settings: {version: '2.4.71', defines: [], serverRoot: ''}, limits: DEFAULT_LIMITS, cache: new Map()})
}

/** The values of the ServerAdmin lines the library reads as active. */
function admins(config: ApacheConfig): string[] {
  return config.entries.filter((entry) => entry.active && entry.name === 'serveradmin').map((entry) => entry.args.join(' '))
}

const judge = apacheAvailability()
let judged: Record<keyof typeof INPUTS, ApacheJudgement> | undefined
/** httpd's answer on every input, in one batch. */
function httpd(name: keyof typeof INPUTS): ApacheJudgement {
  if (judged === undefined) {
    const names = Object.keys(INPUTS) as Array<keyof typeof INPUTS>
    const results = apacheJudgeBatch(names.map((key) => ({files: {[MAIN]: INPUTS[key], '/etc/apache2/envvars': ENVVARS}, main: MAIN})))
    judged = Object.fromEntries(names.map((key, i) => [key, results[i]!])) as Record<keyof typeof INPUTS, ApacheJudgement>
  }
  return judged[name]
}
function httpdAdmins(name: keyof typeof INPUTS): string[] {
  const found = httpd(name)
  expect(found.check, found.check.stderr).toMatchObject({ok: true})
  return found.dump!.filter((entry) => entry.directive === 'ServerAdmin').map((entry) => entry.args.join(' '))
}

/** httpd's side of a bug: run when apache2 is installed. */
const withHttpd = judge.ok ? it : it.skip

describe('apache bugs the oracle found', () => {
  // 1. semantics.ts moduleId/conditionHolds. httpd's <IfModule> finds a module by its
  //    identifier (`mpm_prefork_module`) or by the name of its source file, which is
  //    `mod_X.c` for most modules but `prefork.c`, `worker.c`, `event.c` for the MPMs and
  //    `core.c`, `http_core.c` for core and http. The library turns `mod_X.c` into `X_module`
  //    and knows no other file name: `<IfModule prefork.c>` (common in configurations
  //    written for 2.2) reads as not holding while httpd reads its content, and
  //    `<IfModule mod_mpm_prefork.c>` (no module has that file name) reads as holding.
  //    Input: INPUTS.moduleFileNames. Expected (httpd): [by-source-file]. Before the fix: [by-guess].
  //    A rule then misses what the first section sets (its ServerTokens, Options ...) and
  //    trusts what the second one claims to set.
  withHttpd('httpd: <IfModule prefork.c> holds with the prefork MPM, <IfModule mod_mpm_prefork.c> does not', () => {
    expect(httpdAdmins('moduleFileNames')).toEqual(['by-source-file'])
  })
  it('library: <IfModule> finds a module by its source file name, as httpd does', () => {
    expect(admins(load(INPUTS.moduleFileNames))).toEqual(['by-source-file'])
  })

  // 2. semantics.ts resolveVariables. Names defined with `Define` live in an APR table,
  //    whose keys httpd compares without case: after `Define Foo bar`, `${FOO}` is `bar`.
  //    (Names from the environment, as envvars exports them, are case-sensitive.)
  //    Input: INPUTS.defineCase. Expected (httpd): bar@example.org. Before the fix: ${FOO}@example.org.
  withHttpd('httpd: a Define is found whatever the case of the name', () => {
    expect(httpdAdmins('defineCase')).toEqual(['bar@example.org'])
  })
  it('library: a Define is found whatever the case of the name', () => {
    expect(admins(load(INPUTS.defineCase))).toEqual(['bar@example.org'])
  })

  // 3. semantics.ts loadApacheConfig, `UnDefine`. UnDefine removes a name defined with
  //    Define; httpd still finds a name of the environment it was started with (envvars).
  //    The library keeps both in one map and forgets the environment's value too.
  //    Input: INPUTS.undefineEnv. Expected (httpd): www-data@example.org.
  //    Before the fix: ${APACHE_RUN_USER}@example.org.
  withHttpd('httpd: UnDefine leaves the environment alone', () => {
    expect(httpdAdmins('undefineEnv')).toEqual(['www-data@example.org'])
  })
  it('library: UnDefine leaves the environment alone', () => {
    expect(admins(load(INPUTS.undefineEnv))).toEqual(['www-data@example.org'])
  })

  // 4. semantics.ts conditionHolds. httpd 2.4.71 takes `!` off the argument text and then
  //    reads one word: `<IfModule ! authz_core_module>` and `<IfModule !"authz_core_module">`
  //    both mean `<IfModule !authz_core_module>`. The library takes the first word: `!` alone
  //    (a module with an empty name), or `!"authz_core_module"` with its quotes, and both
  //    negations hold. Input: INPUTS.negation (authz_core is loaded).
  //    Expected (httpd): no ServerAdmin. Before the fix: [space, quoted].
  withHttpd('httpd: a space after ! or quotes after it do not change the negation', () => {
    expect(httpdAdmins('negation')).toEqual([])
  })
  it('library: a space after ! or quotes after it do not change the negation', () => {
    expect(admins(load(INPUTS.negation))).toEqual([])
  })

  // 5. semantics.ts resolveVariables. ap_resolve_env reads a name up to the first `}` and
  //    leaves a reference it cannot resolve as written: `${${A}}` stays `${${A}}`. The
  //    library's pattern matches the inner `${A}` first and gives `${B}`.
  //    Input: INPUTS.nestedVariable. Expected (httpd): ${${A}}. Before the fix: ${B}.
  withHttpd('httpd: a reference inside a reference stays as written', () => {
    expect(httpdAdmins('nestedVariable')).toEqual(['${${A}}'])
  })
  it('library: a reference inside a reference stays as written', () => {
    expect(admins(load(INPUTS.nestedVariable))).toEqual(['${${A}}'])
  })

  // 6. edit.ts appendServerDirective (and the same append in rules/apache/ssl-protocol.ts,
  //    insertLinesAfter). A new server-wide line goes after the main file's last line; when
  //    that line ends with a backslash (here a commented-out directive whose continuation
  //    line was deleted), httpd joins the new line to it and never reads it. The next fix
  //    pass finds the value still missing and appends it again, so the patch holds a line
  //    httpd ignores and a second copy that counts.
  //    Input: INPUTS.lastLineContinued. Expected: one `ServerTokens Prod` that httpd reads
  //    (after an empty line, say). Before the fix: `...access.log \` + `ServerTokens Prod` +
  //    `ServerTokens Prod`, the first swallowed by the comment.
  withHttpd('httpd: a line after a comment that ends with a backslash is part of the comment', () => {
    const text = `${INPUTS.lastLineContinued}ServerTokens Prod\n`
    const [found] = apacheJudgeBatch([{files: {[MAIN]: text, '/etc/apache2/envvars': ENVVARS}, main: MAIN}])
    expect(found!.dump!.filter((entry) => entry.directive === 'ServerTokens')).toEqual([])
  })
  it('library: a directive appended after a line that ends with a backslash is not joined to it', () => {
    const result = harden([MAIN], {host: memoryHost({[MAIN]: INPUTS.lastLineContinued, '/etc/apache2/envvars': ENVVARS}), rules: ['apache/server-tokens'], fix: 'unsafe', options: {apache: {version: '2.4.71'}}})
    const fixed = result.files.find((file) => file.realPath === MAIN)!.fixed
    expect(fixed.match(/^ServerTokens Prod$/gm)).toHaveLength(1)
    expect(fixed).not.toMatch(/\\\nServerTokens/)
  })

  // 7. semantics.ts optionsKind, used by rules/apache/directory-listing.ts (and
  //    follow-symlinks). httpd 2.4 refuses a list that mixes signed and unsigned words,
  //    except that an unsigned `All` or `None` may come first and be edited by signed words:
  //    `Options None +Indexes` (listings on) and `Options All -Indexes` (listings off) are
  //    accepted (`All FollowSymLinks` too; `FollowSymLinks -Indexes`, `-Indexes None` and
  //    `All -Indexes FollowSymLinks` are refused). The library calls both lists mixed and
  //    reports "httpd refuses that" with no fix: a listing left on, and a false alarm.
  //    Input: INPUTS.optionsBaseThenSigned. Expected: one directory-listing finding, on
  //    `Options None +Indexes`, with a fix. Before the fix: two findings, "it mixes signed and
  //    unsigned options, and httpd refuses that", neither with a fix.
  withHttpd('httpd: Options None +Indexes and Options All -Indexes are accepted', () => {
    const found = httpd('optionsBaseThenSigned')
    expect(found.check, found.check.stderr).toMatchObject({ok: true})
  })
  it('library: Options None +Indexes is a listing to fix, Options All -Indexes is none', () => {
    const result = harden([MAIN], {host: memoryHost({[MAIN]: INPUTS.optionsBaseThenSigned, '/etc/apache2/envvars': ENVVARS}), profile: 'strict', fix: 'unsafe', options: {apache: {version: '2.4.71'}}})
    const listings = result.findings.filter((finding) => finding.ruleId === 'apache/directory-listing')
    expect(listings.map((finding) => [finding.position.start.line, finding.fix !== undefined])).toEqual([[15, true]])
  })
})
