/**
 * Regression tests for sshd: every counterexample the properties shrank to, and every
 * divergence from sshd found while writing them, as a plain test.
 *
 * Each was found as a bug (first kept as `it.fails`), fixed, and stays as a regression test;
 * "Today" in a comment tells what the code did before the fix.
 * Bugs 1 to 4 were fixed in 66e2eb4 and bug 5 in c7f9e29; their tests now guard the fixes.
 *
 * What sshd does was checked with `sshd -T -f <file>` of OpenSSH 9.2p1 (Debian 12).
 */
import {describe, expect, it} from 'vitest'
import {ConfigSyntaxError} from '../../src/core/errors.js'
import {memoryHost} from '../../src/core/host.js'
import type {Profile} from '../../src/core/rule.js'
import {parse} from '../../src/formats/sshd/parse.js'
import {print} from '../../src/formats/sshd/print.js'
import {argumentValues, keywordName} from '../../src/formats/sshd/semantics.js'
import {harden} from '../../src/harden.js'
import {applyStrict, changeProblems, parseUnified} from '../support/unified.js'
import {treeDirectives} from '../support/sshd-tree.js'

const PATH = '/etc/ssh/sshd_config'

/** The main file after `harden`, with only the named rules. */
function fix(text: string, rules?: string[], profile: Profile = 'baseline'): string {
  const result = harden([PATH], {host: memoryHost({[PATH]: text}), profile, fix: 'unsafe', ...(rules ? {rules} : {})})
  return result.files.find((f) => f.path === PATH)!.fixed
}

/** What a tree says each directive is: keyword and argument values. */
function meaning(text: string): string[][] {
  return treeDirectives(parse(text)).map((d) => [keywordName(d), ...argumentValues(d)])
}

describe('bug 1 (fixed in 66e2eb4): a line inserted after, or removed with, a directive with trailing text took part of the next line', () => {
  // The grammar's directive position ends after the trailing text (grammars/sshd.peggy,
  // `Directive`: `range().end - eol.length`), and `lineBounds` and `removeLine` in
  // src/formats/sshd/edit.ts added `trailing.length` once more. Every edit that ended
  // "after the line" then ended `trailing.length` characters into the next line.

  // Property "fixing twice equals fixing once", seed -932852558, shrunk to this input
  // (before the rule set grew); fixing gave "LogLevel INFO\t#was yes\nMatch UsePermitRootLogin no\n
  // ...r alice\n", and each pass inserted one more line there, up to the pass cap.
  it('after a directive with a trailing comment', () => {
    expect(fix('LogLevel INFO\t#was yes\nMatch User alice\n', ['sshd/permit-root-login'])).toBe('LogLevel INFO\t#was yes\nPermitRootLogin no\nMatch User alice\n')
  })

  // The same with trailing spaces instead of a comment (written by hand).
  it('after a directive with trailing spaces', () => {
    // Before the fix: "Port 22  \n#xPermitRootLogin no\nyz\nPermitRootLogin no\n".
    expect(fix('Port 22  \n#xyz\n', ['sshd/permit-root-login'])).toBe('Port 22  \nPermitRootLogin no\n#xyz\n')
  })

  // Property "the patch touches only lines that change", seed 1287182645, as shrunk: the
  // patch held 53 fixes, each inserting at a place the one before had already broken.
  it('after a directive with a trailing comment, before a Match block', () => {
    const text = 'Banner none # set by the administrator\nMatch User alice\nPasswordAuthentication no\n'
    expect(fix(text, ['sshd/permit-root-login'])).toBe('Banner none # set by the administrator\nPermitRootLogin no\nMatch User alice\nPasswordAuthentication no\n')
  })

  it('removing a duplicate with a trailing comment takes as much of the next line', () => {
    expect(fix('X11Forwarding no\nX11Forwarding yes # vendor\nPort 22\n', ['sshd/duplicate-directive'])).toBe('X11Forwarding no\nPort 22\n')
  })

  // Property "fixing twice equals fixing once", seed 1510393612 (FC_NUM_RUNS=5000): the
  // ignored duplicate inside a Match block is removed with the first 9 characters of the
  // next line (`Banner "/`); the next pass could not parse what was left (`etc/ssh/my banner"`,
  // an unterminated quote), and harden() threw a ConfigSyntaxError about its own output.
  it('removing a duplicate with a trailing comment inside a Match block', () => {
    const text = 'Match User alice\nPermitEmptyPasswords yes\nPermitEmptyPasswords yes\t#was yes\nBanner "/etc/ssh/my banner"\n'
    expect(fix(text, ['sshd/duplicate-directive'])).toBe('Match User alice\nPermitEmptyPasswords yes\nBanner "/etc/ssh/my banner"\n')
  })

  // Property "the patch touches only lines that change", seed -1474942208 (FC_NUM_RUNS=5000).
  it('removing a duplicate with a trailing comment before a last line without line end', () => {
    const text = 'Match User alice\nAllowTcpForwarding yes\nAllowTcpForwarding yes\t#was yes\nBanner "/etc/ssh/my banner"'
    expect(fix(text, ['sshd/duplicate-directive'])).toBe('Match User alice\nAllowTcpForwarding yes\nBanner "/etc/ssh/my banner"')
  })

  it('a directive without trailing text is not affected', () => {
    expect(fix('Port 22\n#xyz\n', ['sshd/permit-root-login'])).toBe('Port 22\nPermitRootLogin no\n#xyz\n')
  })
})

describe('bug 2 (fixed in 66e2eb4): a carriage return ends the keyword for sshd, and did not for the grammar', () => {
  // servconf.c reads the keyword with strdelim(), which stops at any of " \t\r\n" (and one
  // `=`); only the arguments are split by argv_split() on spaces and tabs. So
  // `PermitRootLogin\ryes` is `PermitRootLogin yes` to sshd (checked: `sshd -T` prints
  // `permitrootlogin yes`), while the grammar read one unknown keyword
  // `PermitRootLogin\ryes` (KeywordPart's InnerControl). The rule then believed the
  // setting missing and appended `PermitRootLogin no`, which sshd ignores: the first value
  // wins, and root could still log in.
  it('PermitRootLogin\\ryes is PermitRootLogin yes', () => {
    expect(meaning('PermitRootLogin\ryes\n')).toEqual([['PermitRootLogin', 'yes']])
  })

  // Found with sshd -T as an oracle over odd spacing: a CR before the keyword is an empty
  // first word to strdelim(), which servconf.c skips ("Ignore leading whitespace").
  it('\\rPermitRootLogin yes is PermitRootLogin yes', () => {
    expect(meaning('\rPermitRootLogin yes\n')).toEqual([['PermitRootLogin', 'yes']])
  })

  it('the fix changes the value sshd uses', () => {
    const fixed = fix('PermitRootLogin\ryes\n', ['sshd/permit-root-login'])
    expect(meaning(fixed)[0]).toEqual(['PermitRootLogin', 'no'])
  })
})

describe('bug 3 (fixed in 66e2eb4): a backslash before a tab does not escape it', () => {
  // misc.c argv_split() honours a backslash only before a quote, a backslash or (outside
  // quotes) a space; before a tab the backslash stays and the tab still splits words.
  // `AllowUsers a\<TAB>b` allows `a\` and `b` (`sshd -T`: `allowusers a\`, `allowusers b`);
  // the grammar (ArgumentPart `"\\" [^\r\n]?`) read one argument `a\<TAB>b`.
  it('AllowUsers a\\<TAB>b is two users', () => {
    expect(meaning('AllowUsers a\\\tb\n')).toEqual([['AllowUsers', 'a\\', 'b']])
  })

  it('a backslash before a space does escape it', () => {
    expect(meaning('AllowUsers a\\ b c\n')).toEqual([['AllowUsers', 'a b', 'c']])
  })
})

describe('bug 4 (fixed in 66e2eb4): a carriage return inside quotes was refused, though sshd accepts it', () => {
  // sshd splits lines at `\n` only; inside quotes a `\r` is an ordinary character
  // (`Banner "a\rb"` starts, `sshd -T` prints the path with the CR). The grammar's quoted
  // parts excluded `\r`, so the parser threw "Unterminated quote" for a file sshd runs with.
  it('Banner "a\\rb" parses', () => {
    const text = 'Banner "a\rb"\n'
    expect(print(parse(text))).toBe(text)
  })
})

describe('bug 6: a backslash before white space at the end of a line', () => {
  // servconf.c strips trailing white space (" \t\r\n" and `\f`) from the line before it
  // splits the words, so a backslash before trailing spaces escapes nothing: sshd reads
  // `AllowUsers alice\<SPACE>` as the user `alice\` (`sshd -T`: `allowusers alice\`). The
  // grammar reads the escaped space `alice\ ` (value `alice `) first. Found with sshd -T
  // as an oracle over odd spacing (not committed: test/oracle is the oracle's home).
  it('AllowUsers alice\\<SPACE> is the user alice\\', () => {
    expect(meaning('AllowUsers alice\\ \n')).toEqual([['AllowUsers', 'alice\\']])
  })

  it('a backslash before a space inside the line still escapes it', () => {
    expect(meaning('AllowUsers alice\\ bob\n')).toEqual([['AllowUsers', 'alice bob']])
  })
})

describe('bug 7: an unterminated quote in the keyword makes sshd skip the line, not refuse the file', () => {
  // strdelim() (misc.c) returns NULL when the keyword opens a quote it never closes, and
  // process_server_config_line_depth() then returns 0: the line is skipped silently
  // (`sshd -T` of `"PermitRootLogin yes` starts and prints the default). The grammar
  // (KeywordPart) throws "Unterminated quote in keyword: sshd rejects it", so harden()
  // refuses a file sshd runs with. An unterminated quote in an argument is refused by
  // both (argv_split: "invalid quotes"). Found with sshd -T as an oracle.
  it('"PermitRootLogin yes parses (and means nothing)', () => {
    const text = '"PermitRootLogin yes\nPort 22\n'
    expect(print(parse(text))).toBe(text)
  })

  it('an unterminated quote in an argument is refused', () => {
    expect(() => parse('PermitRootLogin "yes\n')).toThrow(ConfigSyntaxError)
  })
})

describe('bug 5 (fixed in c7f9e29): a drop-in read twice was its own duplicate, and the "safe" fix deleted it', () => {
  // sshd reads a file as often as Include lines name it (`sshd -T` with the same folder
  // included twice starts and uses the values). duplicate-directive
  // (src/rules/sshd/duplicate-directive.ts) met every line of that file a second time,
  // reported it as ignored in favour of... itself ("the first `X` (50-a.conf:1) wins"),
  // and its safe fix removed the one line that counts. With the `dropIn` setting, the
  // rules added their lines to the new drop-in, duplicate-directive removed them in the
  // next pass, and so on until the pass cap: the fix was lost.

  // Property "fixing twice equals fixing once", seed 610309289.
  const files = (dropIn: string): Record<string, string> => ({
    [PATH]: 'Include /etc/ssh/sshd_config.d/*.conf\nInclude /etc/ssh/sshd_config.d/*.conf\n',
    '/etc/ssh/sshd_config.d/50-cloud-init.conf': dropIn,
  })

  it('a safe fix must not remove the only PasswordAuthentication line', () => {
    const result = harden([PATH], {host: memoryHost(files('PasswordAuthentication no\n')), fix: 'safe', rules: ['sshd/duplicate-directive']})
    // Before the fix the drop-in ended up empty: password logins were back on.
    expect(result.files.find((f) => f.path.endsWith('50-cloud-init.conf'))!.fixed).toBe('PasswordAuthentication no\n')
  })

  it('new directives in the configured drop-in stay there', () => {
    const result = harden([PATH], {
      host: memoryHost(files('')),
      fix: 'unsafe',
      rules: ['sshd/permit-root-login', 'sshd/duplicate-directive'],
      options: {sshd: {dropIn: '/etc/ssh/sshd_config.d/00-harden-config.conf'}},
    })
    // Before the fix: "" after 10 passes that added the line and removed it again.
    expect(result.files.find((f) => f.path.endsWith('00-harden-config.conf'))!.fixed).toBe('PermitRootLogin no\n')
  })
})

describe('includes', () => {
  // Properties over systems, seeds -1309327449, -1598255193 and -523669458, before the
  // generator stopped writing them: a drop-in that includes its own folder. sshd refuses
  // it ("Too many recursive configuration includes"), and so does the library. Right.
  it('a drop-in that includes its own folder is refused with a syntax error', () => {
    const host = memoryHost({
      [PATH]: 'Include /etc/ssh/sshd_config.d/*.conf\n',
      '/etc/ssh/sshd_config.d/50-cloud-init.conf': 'Include /etc/ssh/sshd_config.d/*.conf\n',
    })
    expect(() => harden([PATH], {host})).toThrow(ConfigSyntaxError)
    expect(() => harden([PATH], {host})).toThrow(/Too many recursive configuration includes/)
  })
})

describe('patch of a fix', () => {
  // Property "the patch touches only lines that change", seed 350909950. The fix edits
  // line 1 and removes line 2, and the new first line reads like the old second one. Before
  // 66e2eb4 the two edits made two regions and the patch showed `-yes`, `+no`, `-no`; now
  // edits on neighbouring lines make one region, trimmed like a shortest line diff.
  it('an edit and a removal of a neighbour that now reads the same', () => {
    const text = 'passwordauthentication yes\npasswordauthentication no\n'
    const result = harden([PATH], {host: memoryHost({[PATH]: text}), fix: 'unsafe', rules: ['sshd/password-authentication', 'sshd/duplicate-directive']})
    const file = parseUnified(result.patch).files[0]!
    expect(file.hunks[0]!.lines).toEqual(['-passwordauthentication yes', ' passwordauthentication no'])
    expect(applyStrict(text, file)).toBe('passwordauthentication no\n')
  })

  // Property "the patch touches only lines that change", seed 2019882923 (FC_NUM_RUNS=5000):
  // the checker read `-a +a' -b` as one run `-a -b +a'` (fixed in the checker). Since
  // 66e2eb4 the patch is the shortest one anyway.
  it('a value changed and the duplicate after it removed, one hunk', () => {
    const text = 'PermitEmptyPasswords yes\nPermitEmptyPasswords no\n#PermitRootLogin prohibit-password\nPermitEmptyPasswords yes\n'
    const result = harden([PATH], {host: memoryHost({[PATH]: text}), fix: 'unsafe', rules: ['sshd/permit-empty-passwords', 'sshd/duplicate-directive']})
    const file = parseUnified(result.patch).files[0]!
    expect(file.hunks[0]!.lines).toEqual(['-PermitEmptyPasswords yes', ' PermitEmptyPasswords no', ' #PermitRootLogin prohibit-password', '-PermitEmptyPasswords yes'])
    expect(changeProblems(file, text, result.files[0]!.edits)).toEqual([])
    expect(applyStrict(text, file)).toBe('PermitEmptyPasswords no\n#PermitRootLogin prohibit-password\n')
  })

  // Property "the patch touches only lines that change", seed 1728054778: the checker must
  // tell a last line without a line end from the same text with one.
  it('a last line without a line end gets one, and new lines after it', () => {
    const text = 'AuthorizedKeysFile .ssh/authorized_keys .ssh/authorized_keys2'
    const result = harden([PATH], {host: memoryHost({[PATH]: text}), fix: 'unsafe', rules: ['sshd/permit-root-login']})
    expect(result.files[0]!.fixed).toBe(`${text}\nPermitRootLogin no`)
    const file = parseUnified(result.patch).files[0]!
    expect(file.hunks[0]!.lines).toEqual([`-${text}`, '\\ No newline at end of file', `+${text}`, '+PermitRootLogin no', '\\ No newline at end of file'])
  })
})
