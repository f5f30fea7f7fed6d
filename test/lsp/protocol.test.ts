/**
 * The language server driven over the protocol, in this thread (two PassThrough streams):
 * diagnostics on open and change for every format, told by name, language id or hint; quick
 * fixes with every edit, in other files too; unsafe titles; fix-all with safe fixes only;
 * hovers; the patch command; errors as diagnostics; a file outside any workspace; and the
 * cache that keeps included files from being read again on every change.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {afterEach, describe, expect, it} from 'vitest'
import {CodeActionKind, DiagnosticSeverity, DiagnosticTag, type CodeAction, type Diagnostic, type MarkupContent} from 'vscode-languageserver-protocol/node'
import {memoryHost, type MemoryEntry} from '../../src/core/host.js'
import {ruleDocsUrl} from '../../src/docs-url.js'
import {formats} from '../../src/formats/index.js'
import {harden} from '../../src/harden.js'
import {FIX_ALL_TITLE} from '../../src/lsp/code-actions.js'
import type {LanguageServerOptions} from '../../src/lsp/server.js'
import {applyWorkspaceEdit} from './apply-edit.js'
import {EDITOR_CAPABILITIES, startInProcess, type InProcessSession, type SessionOptions} from './client.js'
import {countingHost} from './counting-host.js'

const MAIN = '/etc/ssh/sshd_config'
const MAIN_URI = 'file:///etc/ssh/sshd_config'
const DROP_IN = '/etc/ssh/sshd_config.d/50-cloud-init.conf'
const DROP_IN_URI = 'file:///etc/ssh/sshd_config.d/50-cloud-init.conf'
const WHOLE_LINE_0 = {start: {line: 0, character: 0}, end: {line: 0, character: 0}}

const sessions: InProcessSession[] = []
afterEach(() => {
  for (const session of sessions.splice(0)) session.close()
})

/** A server over files in memory (none unless given), and an initialized client. */
async function start(files: Record<string, MemoryEntry> = {}, session: SessionOptions = {}, server: LanguageServerOptions = {}): Promise<InProcessSession> {
  const started = await startInProcess({createHost: () => memoryHost(files), ...server}, session)
  sessions.push(started)
  return started
}

const byCode = (diagnostics: readonly Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code)
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code)
const titled = (actions: readonly CodeAction[], rule: string) => actions.filter((a) => a.title.includes(`(${rule})`))

describe('initialize', () => {
  it('offers quick fixes, fix-all, hovers and the patch command, with no workspace at all', async () => {
    const {client} = await start({}, {rootUri: null, workspaceFolders: null})
    const {capabilities, serverInfo} = client.initializeResult!
    expect(serverInfo?.name).toBe('harden-config')
    expect(capabilities.codeActionProvider).toEqual({codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll]})
    expect(capabilities.hoverProvider).toBe(true)
    expect(capabilities.executeCommandProvider?.commands).toEqual(['harden-config.patch'])
    expect(capabilities.textDocumentSync).toMatchObject({openClose: true, change: 2})
  })
})

describe('diagnostics', () => {
  it('checks a file opened alone, outside any workspace, from the text the editor holds', async () => {
    // The disk says something else: the editor's text is what counts.
    const {client} = await start({[MAIN]: 'X11Forwarding no\n'}, {rootUri: null, workspaceFolders: null})
    const {diagnostics, version} = await client.open(MAIN_URI, 'PermitRootLogin yes\nX11Forwarding yes\n')
    expect(version).toBe(1)
    const [x11] = byCode(diagnostics, 'sshd/x11-forwarding')
    expect(x11).toMatchObject({
      range: {start: {line: 1, character: 0}, end: {line: 1, character: 17}},
      severity: DiagnosticSeverity.Warning,
      source: 'harden-config',
      codeDescription: {href: ruleDocsUrl('sshd/x11-forwarding')},
      message: 'Unexpected `X11Forwarding yes`, expected `X11Forwarding no`: the server can reach the display of everyone who forwards X',
    })
    expect(byCode(diagnostics, 'sshd/permit-root-login')[0]).toMatchObject({severity: DiagnosticSeverity.Error, range: {start: {line: 0, character: 0}, end: {line: 0, character: 19}}})
  })

  it('checks a file on disk outside any workspace with the default host', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-config-lsp-'))
    try {
      const file = join(dir, 'sshd_config')
      writeFileSync(file, 'X11Forwarding yes\n')
      const started = await startInProcess({}, {rootUri: null, workspaceFolders: null})
      sessions.push(started)
      const {diagnostics} = await started.client.open(pathToFileURL(file).href, 'X11Forwarding yes\n')
      expect(codes(diagnostics)).toContain('sshd/x11-forwarding')
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('maps severities: error, warning, info', async () => {
    const {client} = await start({}, {initializationOptions: {profile: 'strict'}})
    const {diagnostics} = await client.open(MAIN_URI, 'PermitRootLogin yes\nX11Forwarding yes\n')
    expect(byCode(diagnostics, 'sshd/permit-root-login')[0]!.severity).toBe(DiagnosticSeverity.Error)
    expect(byCode(diagnostics, 'sshd/x11-forwarding')[0]!.severity).toBe(DiagnosticSeverity.Warning)
    expect(byCode(diagnostics, 'sshd/client-alive')[0]!.severity).toBe(DiagnosticSeverity.Information)
  })

  it('checks again on every change, whole or incremental', async () => {
    const {client} = await start()
    await client.open(MAIN_URI, 'PermitRootLogin yes\nX11Forwarding yes\n')
    const second = await client.change(MAIN_URI, 'PermitRootLogin no\nX11Forwarding yes\n')
    expect(second.version).toBe(2)
    expect(codes(second.diagnostics)).not.toContain('sshd/permit-root-login')
    expect(codes(second.diagnostics)).toContain('sshd/x11-forwarding')
    // `yes` of X11Forwarding becomes `no`.
    const third = await client.change(MAIN_URI, 'no', {start: {line: 1, character: 14}, end: {line: 1, character: 17}})
    expect(third.version).toBe(3)
    expect(codes(third.diagnostics)).not.toContain('sshd/x11-forwarding')
  })

  it('waits for typing to pause when asked to (debounce), and checks the newest text only', async () => {
    const {client} = await start({}, {initializationOptions: {debounce: 40}})
    await client.open(MAIN_URI, 'X11Forwarding yes\n')
    const from = client.published.length
    for (let version = 2; version <= 6; version++) {
      await client.connection.sendNotification('textDocument/didChange', {textDocument: {uri: MAIN_URI, version}, contentChanges: [{text: `X11Forwarding ${version === 6 ? 'no' : 'yes'}\n`}]})
    }
    const published = await client.settle(MAIN_URI, from, 120)
    expect(published.map((p) => p.version)).toEqual([6])
    expect(codes(published[0]!.diagnostics)).not.toContain('sshd/x11-forwarding')
  })

  it('places findings and fixes right in a CRLF file', async () => {
    const {client} = await start()
    const text = 'Port 22\r\nX11Forwarding yes\r\n'
    const {diagnostics} = await client.open(MAIN_URI, text)
    const [x11] = byCode(diagnostics, 'sshd/x11-forwarding')
    expect(x11!.range).toEqual({start: {line: 1, character: 0}, end: {line: 1, character: 17}})
    const [fix] = titled(await client.codeActions(MAIN_URI, x11!.range), 'sshd/x11-forwarding')
    expect(applyWorkspaceEdit(fix!.edit!, {[MAIN_URI]: {text}})[MAIN_URI]).toBe('Port 22\r\nX11Forwarding no\r\n')
  })

  const byName: Array<[format: string, uri: string, text: string, rule: string]> = [
    ['sshd', MAIN_URI, 'X11Forwarding yes\n', 'sshd/x11-forwarding'],
    ['apache', 'file:///etc/apache2/apache2.conf', 'ServerTokens OS\n', 'apache/server-tokens'],
    ['named', 'file:///etc/bind/named.conf', 'options {\n\tdirectory "/var/cache/bind";\n};\n', 'named/allow-transfer'],
    ['ntp', 'file:///etc/ntpsec/ntp.conf', 'pool pool.ntp.org iburst\n', 'ntp/restrict-default'],
    ['iptables', 'file:///etc/iptables/rules.v4', '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n', 'iptables/default-drop'],
  ]

  it('has a case for every format', () => {
    expect(formats.map((format) => format.id).sort()).toEqual(byName.map(([format]) => format).sort())
  })

  it.each(byName)('tells %s by the file name, on open and on change', async (_format, uri, text, rule) => {
    const {client} = await start()
    expect(codes((await client.open(uri, text)).diagnostics)).toContain(rule)
    // A comment line more changes nothing of the findings; the check runs again all the same.
    expect(codes((await client.change(uri, `# edited\n${text}`)).diagnostics)).toContain(rule)
  })

  it('tells the format by the language id when the name does not', async () => {
    const {client} = await start()
    const uri = 'file:///home/admin/notes/server.conf'
    expect(codes((await client.open(uri, 'X11Forwarding yes\n', 'sshdconfig')).diagnostics)).toContain('sshd/x11-forwarding')
    const other = 'file:///home/admin/notes/other.conf'
    expect((await client.open(other, 'X11Forwarding yes\n', 'plaintext')).diagnostics).toEqual([])
  })

  it('tells the format by a first-line hint, over the name and the language id', async () => {
    const {client} = await start()
    const uri = 'file:///home/admin/time.txt'
    const {diagnostics} = await client.open(uri, '# harden-config: type=ntp\npool pool.ntp.org iburst\n', 'sshdconfig')
    expect(codes(diagnostics)).toContain('ntp/restrict-default')
    const named = await client.open('file:///home/admin/dns.txt', '// harden-config: type=named\noptions {\n\tdirectory "/var/cache/bind";\n};\n')
    expect(codes(named.diagnostics)).toContain('named/allow-transfer')
  })

  it('says so when a hint names no format', async () => {
    const {client} = await start()
    const {diagnostics} = await client.open(MAIN_URI, '# harden-config: type=nginx\nX11Forwarding yes\n')
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({severity: DiagnosticSeverity.Warning, range: {start: {line: 0, character: 0}, end: {line: 0, character: 27}}})
    expect(diagnostics[0]!.message).toMatch(/Unknown format `nginx`.*`sshd`/)
  })

  it('shows a finding of an included file on the first line, naming the file, with the place as related information', async () => {
    const {client} = await start({[MAIN]: '', [DROP_IN]: 'PasswordAuthentication yes\n'})
    const {diagnostics} = await client.open(MAIN_URI, 'Include /etc/ssh/sshd_config.d/*.conf\nX11Forwarding no\n')
    const [password] = byCode(diagnostics, 'sshd/password-authentication')
    expect(password).toMatchObject({range: WHOLE_LINE_0, severity: DiagnosticSeverity.Error})
    expect(password!.message).toMatch(/^\/etc\/ssh\/sshd_config\.d\/50-cloud-init\.conf:1:1: Unexpected `PasswordAuthentication yes`/)
    expect(password!.relatedInformation?.[0]?.location).toEqual({uri: DROP_IN_URI, range: {start: {line: 0, character: 0}, end: {line: 0, character: 26}}})
  })

  it('clears the diagnostics of a closed document', async () => {
    const {client} = await start()
    await client.open(MAIN_URI, 'X11Forwarding yes\n')
    const from = client.published.length
    await client.close(MAIN_URI)
    const after = await client.settle(MAIN_URI, from)
    expect(after.at(-1)?.diagnostics).toEqual([])
  })
})

describe('errors', () => {
  it('turns a syntax error into one Error diagnostic where the daemon stops reading, and recovers', async () => {
    const {client} = await start()
    const {diagnostics} = await client.open(MAIN_URI, 'X11Forwarding yes\nBanner "abc\n')
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({severity: DiagnosticSeverity.Error, code: 'SYNTAX', source: 'harden-config', range: {start: {line: 1, character: 7}, end: {line: 1, character: 11}}})
    expect(diagnostics[0]!.message).toMatch(/^Unterminated quote in argument/)
    // Requests on a document that does not load answer, with nothing.
    expect(await client.codeActions(MAIN_URI, diagnostics[0]!.range)).toEqual([])
    expect(await client.hover(MAIN_URI, 1, 8)).toBeNull()
    await expect(client.patch(MAIN_URI)).rejects.toThrow(/Unterminated quote/)
    const fixed = await client.change(MAIN_URI, 'X11Forwarding yes\nBanner "abc"\n')
    expect(codes(fixed.diagnostics)).toContain('sshd/x11-forwarding')
    expect(codes(fixed.diagnostics)).not.toContain('SYNTAX')
  })

  it('shows a syntax error in an included file on the first line, with its place as related information', async () => {
    const {client} = await start({'/etc/ssh/other.conf': 'Banner "x\n'})
    const {diagnostics} = await client.open(MAIN_URI, 'Include /etc/ssh/other.conf\n')
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({range: WHOLE_LINE_0, severity: DiagnosticSeverity.Error, code: 'SYNTAX'})
    expect(diagnostics[0]!.message).toMatch(/^\/etc\/ssh\/other\.conf:1:8: Unterminated quote/)
    expect(diagnostics[0]!.relatedInformation?.[0]?.location).toEqual({uri: 'file:///etc/ssh/other.conf', range: {start: {line: 0, character: 7}, end: {line: 0, character: 7}}})
  })

  it('turns other errors (a loop of links, a bad setting) into a diagnostic', async () => {
    const {client} = await start({'/etc/ssh/a.conf': {link: '/etc/ssh/b.conf'}, '/etc/ssh/b.conf': {link: '/etc/ssh/a.conf'}})
    const loop = await client.open(MAIN_URI, 'Include /etc/ssh/a.conf\n')
    expect(loop.diagnostics).toHaveLength(1)
    expect(loop.diagnostics[0]).toMatchObject({severity: DiagnosticSeverity.Error, range: WHOLE_LINE_0, source: 'harden-config'})
    expect(loop.diagnostics[0]!.message).toMatch(/symbolic links/)

    const {client: other} = await start({}, {initializationOptions: {rules: ['sshd/no-such-rule']}})
    const bad = await other.open(MAIN_URI, 'X11Forwarding yes\n')
    expect(bad.diagnostics).toHaveLength(1)
    expect(bad.diagnostics[0]).toMatchObject({code: 'OPTION', severity: DiagnosticSeverity.Error})
    expect(bad.diagnostics[0]!.message).toMatch(/^harden-config settings: .*sshd\/no-such-rule/)
  })
})

describe('quick fixes', () => {
  it('carry every edit of a fix, over several lines', async () => {
    const {client} = await start()
    const uri = 'file:///etc/bind/named.conf'
    const text = 'options {\n\tdirectory "/var/cache/bind";\n\trecursion yes;\n\tallow-query-cache { any; };\n\tallow-transfer { none; };\n\tversion "none";\n};\n'
    const {diagnostics} = await client.open(uri, text)
    const [recursion] = byCode(diagnostics, 'named/open-recursion')
    const [action] = titled(await client.codeActions(uri, recursion!.range), 'named/open-recursion')
    expect(action!.kind).toBe(CodeActionKind.QuickFix)
    expect(action!.diagnostics?.map((d) => d.code)).toEqual(['named/open-recursion'])
    const edits = action!.edit!.changes![uri]!
    expect(edits).toHaveLength(2)
    expect(new Set(edits.map((edit) => edit.range.start.line)).size).toBe(2)
    const expected = harden([{path: '/etc/bind/named.conf', text}], {host: memoryHost({}), rules: ['named/open-recursion']}).files[0]!.fixed
    expect(applyWorkspaceEdit(action!.edit!, {[uri]: {text}})[uri]).toBe(expected)
  })

  it('say "unsafe" and the risk in the title of an unsafe fix, and prefer safe fixes only', async () => {
    const {client} = await start()
    const {diagnostics} = await client.open(MAIN_URI, 'PermitRootLogin yes\nX11Forwarding yes\n')
    const actions = await client.codeActions(MAIN_URI, {start: {line: 0, character: 0}, end: {line: 1, character: 17}}, [CodeActionKind.QuickFix])
    const [root] = titled(actions, 'sshd/permit-root-login')
    expect(root!.title).toBe('Unsafe fix: Set `PermitRootLogin no` (sshd/permit-root-login). Risk: Root can no longer log in over SSH. If that is how you reach this host, first create an account with an authorized key and sudo rights, and check that it can log in.')
    expect(root!.isPreferred).toBe(false)
    const [x11] = titled(actions, 'sshd/x11-forwarding')
    expect(x11!.title).toBe('Set `X11Forwarding no` (sshd/x11-forwarding)')
    expect(x11!.isPreferred).toBe(true)
    expect(x11!.diagnostics).toEqual(byCode(diagnostics, 'sshd/x11-forwarding'))
    // Only the findings at the range asked about.
    const second = await client.codeActions(MAIN_URI, {start: {line: 1, character: 3}, end: {line: 1, character: 3}}, [CodeActionKind.QuickFix])
    expect(second.map((a) => a.title)).toEqual([x11!.title])
  })

  it('label a suggestion and keep it out of fix-all', async () => {
    // No account has a key: turning passwords off would lock everyone out.
    const {client} = await start({'/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n', '/home/alice/.bashrc': ''})
    const text = 'PasswordAuthentication yes\nX11Forwarding yes\n'
    await client.open(MAIN_URI, text)
    const [suggestion] = titled(await client.codeActions(MAIN_URI, {start: {line: 0, character: 0}, end: {line: 0, character: 0}}, [CodeActionKind.QuickFix]), 'sshd/password-authentication')
    expect(suggestion!.title).toMatch(/^Suggestion, review first: Set `PasswordAuthentication no` \(sshd\/password-authentication\)\. Risk: No login account has an authorized key/)
    expect(suggestion!.isPreferred).toBe(false)
    const [all] = await client.codeActions(MAIN_URI, WHOLE_LINE_0, [CodeActionKind.SourceFixAll])
    const fixed = applyWorkspaceEdit(all!.edit!, {[MAIN_URI]: {text}})[MAIN_URI]
    expect(fixed).toMatch(/^PasswordAuthentication yes\nX11Forwarding no\n/)
    expect(all!.diagnostics?.map((d) => d.code)).not.toContain('sshd/password-authentication')
  })

  it('edit the included file where the value is set, by its own URI and positions', async () => {
    const files = {[MAIN]: '', [DROP_IN]: '# cloud-init\nPasswordAuthentication yes\n'}
    const main = 'Include /etc/ssh/sshd_config.d/*.conf\nX11Forwarding no\n'
    // A client that applies plain `changes`.
    const plain = (await start(files)).client
    await plain.open(MAIN_URI, main)
    const [fix] = titled(await plain.codeActions(MAIN_URI, WHOLE_LINE_0), 'sshd/password-authentication')
    expect(fix!.title).toMatch(/^Unsafe fix: Set `PasswordAuthentication no`/)
    expect(fix!.edit).toEqual({changes: {[DROP_IN_URI]: [{range: {start: {line: 1, character: 23}, end: {line: 1, character: 26}}, newText: 'no'}]}})
    // A client that applies versioned document changes: the drop-in is not open (version null).
    const versioned = (await start(files, {capabilities: EDITOR_CAPABILITIES})).client
    await versioned.open(MAIN_URI, main)
    const [again] = titled(await versioned.codeActions(MAIN_URI, WHOLE_LINE_0), 'sshd/password-authentication')
    expect(again!.edit!.documentChanges).toEqual([{textDocument: {uri: DROP_IN_URI, version: null}, edits: fix!.edit!.changes![DROP_IN_URI]}])
    expect(applyWorkspaceEdit(again!.edit!, {[MAIN_URI]: {text: main, version: 1}, [DROP_IN_URI]: {text: files[DROP_IN]}})[DROP_IN_URI]).toBe('# cloud-init\nPasswordAuthentication no\n')
  })

  it('read an open included file as the editor holds it, and name its version', async () => {
    const {client} = await start({[MAIN]: '', [DROP_IN]: 'PasswordAuthentication no\n'}, {capabilities: EDITOR_CAPABILITIES})
    const main = 'Include /etc/ssh/sshd_config.d/*.conf\n'
    expect(codes((await client.open(MAIN_URI, main)).diagnostics)).not.toContain('sshd/password-authentication')
    // Unsaved in the editor: the main file is checked again with it.
    const from = client.published.length
    await client.open(DROP_IN_URI, 'PasswordAuthentication yes\n')
    await client.change(DROP_IN_URI, '\nPasswordAuthentication yes\n')
    const mainAfter = (await client.settle(MAIN_URI, from)).at(-1)!
    expect(codes(mainAfter.diagnostics)).toContain('sshd/password-authentication')
    const [fix] = titled(await client.codeActions(MAIN_URI, WHOLE_LINE_0), 'sshd/password-authentication')
    expect(fix!.edit!.documentChanges).toEqual([{textDocument: {uri: DROP_IN_URI, version: 2}, edits: [{range: {start: {line: 1, character: 23}, end: {line: 1, character: 26}}, newText: 'no'}]}])
  })

  it('create a file that does not exist yet, where the client can', async () => {
    const dropIn = '/etc/ssh/sshd_config.d/00-harden-config.conf'
    const dropInUri = `file://${dropIn}`
    const {client} = await start({}, {capabilities: EDITOR_CAPABILITIES, initializationOptions: {rules: ['sshd/permit-root-login'], options: {sshd: {dropIn}}}})
    const main = 'Include /etc/ssh/sshd_config.d/*.conf\n'
    await client.open(MAIN_URI, main)
    const [fix] = await client.codeActions(MAIN_URI, WHOLE_LINE_0)
    expect(fix!.edit!.documentChanges![0]).toEqual({kind: 'create', uri: dropInUri, options: {ignoreIfExists: true}})
    expect(applyWorkspaceEdit(fix!.edit!, {[MAIN_URI]: {text: main, version: 1}})[dropInUri]).toBe('PermitRootLogin no\n')
  })
})

describe('fix-all', () => {
  it('applies the safe fixes only, pass after pass, as --write does', async () => {
    const {client} = await start()
    const text = 'PermitRootLogin yes\nX11Forwarding yes\nChallengeResponseAuthentication no\nPasswordAuthentication no\n'
    await client.open(MAIN_URI, text)
    const actions = await client.codeActions(MAIN_URI, WHOLE_LINE_0, [CodeActionKind.SourceFixAll])
    expect(actions).toHaveLength(1)
    expect(actions[0]).toMatchObject({title: FIX_ALL_TITLE, kind: CodeActionKind.SourceFixAll})
    const fixed = applyWorkspaceEdit(actions[0]!.edit!, {[MAIN_URI]: {text}})[MAIN_URI]
    expect(fixed).toBe(harden([{path: MAIN, text}], {host: memoryHost({}), fix: 'safe'}).files[0]!.fixed)
    expect(fixed).toContain('X11Forwarding no\n')
    expect(fixed).toContain('PermitRootLogin yes\n')
    expect(actions[0]!.diagnostics?.map((d) => d.code)).toContain('sshd/x11-forwarding')
    expect(actions[0]!.diagnostics?.map((d) => d.code)).not.toContain('sshd/permit-root-login')
  })

  it('is offered with quick fixes when no kind is asked for, and not when only quick fixes are', async () => {
    const {client} = await start({}, {initializationOptions: {rules: ['sshd/x11-forwarding']}})
    await client.open(MAIN_URI, 'X11Forwarding yes\n')
    expect((await client.codeActions(MAIN_URI, WHOLE_LINE_0)).map((a) => a.kind)).toEqual([CodeActionKind.QuickFix, CodeActionKind.SourceFixAll])
    expect((await client.codeActions(MAIN_URI, WHOLE_LINE_0, [CodeActionKind.QuickFix])).map((a) => a.kind)).toEqual([CodeActionKind.QuickFix])
    expect((await client.codeActions(MAIN_URI, WHOLE_LINE_0, [CodeActionKind.Source])).map((a) => a.kind)).toEqual([CodeActionKind.SourceFixAll])
  })

  it('is not offered when no safe fix applies', async () => {
    const {client} = await start()
    await client.open(MAIN_URI, 'PermitRootLogin yes\nX11Forwarding no\n')
    expect(await client.codeActions(MAIN_URI, WHOLE_LINE_0, [CodeActionKind.SourceFixAll])).toEqual([])
  })
})

describe('hover', () => {
  it("shows the rule's summary, why, fix safety and a link", async () => {
    const {client} = await start()
    await client.open(MAIN_URI, 'PermitRootLogin yes\nX11Forwarding yes\n')
    const hover = await client.hover(MAIN_URI, 1, 5)
    const value = (hover!.contents as MarkupContent).value
    expect((hover!.contents as MarkupContent).kind).toBe('markdown')
    expect(hover!.range).toEqual({start: {line: 1, character: 0}, end: {line: 1, character: 17}})
    const rule = formats.flatMap((f) => f.rules).find((r) => r.id === 'sshd/x11-forwarding')!
    expect(value).toContain('**sshd/x11-forwarding** (warning)')
    expect(value).toContain(rule.docs.summary)
    expect(value).toContain(rule.docs.why)
    expect(value).toContain(`**Fix safety:** ${rule.docs.fixSafety}`)
    expect(value).toContain('**Safe fix:** Set `X11Forwarding no`')
    expect(value).toContain(`(${ruleDocsUrl('sshd/x11-forwarding')})`)
    const root = (await client.hover(MAIN_URI, 0, 3))!.contents as MarkupContent
    expect(root.value).toMatch(/\*\*Unsafe fix:\*\* Set `PermitRootLogin no`\n\n\*\*Risk:\*\* Root can no longer log in/)
  })

  it('is empty where there is no finding', async () => {
    const {client} = await start()
    await client.open(MAIN_URI, 'X11Forwarding no\nPort 22\n')
    expect(await client.hover(MAIN_URI, 1, 2)).toBeNull()
  })
})

describe('the patch command', () => {
  const files = {[MAIN]: '', [DROP_IN]: 'PasswordAuthentication yes\n'}
  const main = 'Include /etc/ssh/sshd_config.d/*.conf\nX11Forwarding yes\n'

  it('returns the whole patch of a document, as the command writes it, with every file it changes', async () => {
    const {client} = await start(files)
    await client.open(MAIN_URI, main)
    const result = await client.patch(MAIN_URI)
    expect(result.patch).toBe(harden([{path: MAIN, text: main}], {host: memoryHost(files)}).patch)
    expect(result.patch).toContain('--- a/etc/ssh/sshd_config.d/50-cloud-init.conf\n')
    expect(result.patch).toMatch(/^# Unsafe fixes can lock someone out/m)
    expect(result.files.map((file) => [file.uri, file.patchPath])).toEqual([
      [MAIN_URI, 'etc/ssh/sshd_config'],
      [DROP_IN_URI, 'etc/ssh/sshd_config.d/50-cloud-init.conf'],
    ])
    expect(result.files[1]!.fixed).toBe('PasswordAuthentication no\n')
  })

  it('holds the safe fixes only when asked', async () => {
    const {client} = await start(files)
    await client.open(MAIN_URI, main)
    const result = await client.patch(MAIN_URI, 'safe')
    expect(result.patch).toContain('+X11Forwarding no\n')
    expect(result.patch).not.toContain('PasswordAuthentication')
  })

  it('says what is wrong with its arguments', async () => {
    const {client} = await start()
    await expect(client.patch('file:///etc/ssh/not-open')).rejects.toThrow(/is not open/)
    await expect(client.connection.sendRequest('workspace/executeCommand', {command: 'harden-config.patch', arguments: [42]})).rejects.toThrow(/takes a document URI/)
  })
})

describe('settings', () => {
  it('reads initializationOptions, then the harden-config section of the configuration', async () => {
    const {client} = await start({}, {capabilities: EDITOR_CAPABILITIES, initializationOptions: {profile: 'strict'}, configuration: {disable: ['sshd/x11-forwarding']}})
    const from = client.published.length
    await client.open(MAIN_URI, 'X11Forwarding yes\n')
    const last = (await client.settle(MAIN_URI, from)).at(-1)!
    expect(codes(last.diagnostics)).toContain('sshd/client-alive')
    expect(codes(last.diagnostics)).not.toContain('sshd/x11-forwarding')
  })

  it('takes pushed settings from a client that is not asked', async () => {
    const {client} = await start()
    await client.open(MAIN_URI, 'X11Forwarding yes\n')
    const from = client.published.length
    await client.connection.sendNotification('workspace/didChangeConfiguration', {settings: {'harden-config': {rules: ['sshd/permit-root-login']}}})
    const last = (await client.settle(MAIN_URI, from)).at(-1)!
    expect(codes(last.diagnostics)).toEqual(['sshd/permit-root-login'])
  })

  it('names settings it cannot use', async () => {
    const {client} = await start({}, {initializationOptions: {profile: 'paranoid', colour: 'blue'}})
    await client.open(MAIN_URI, 'X11Forwarding yes\n')
    expect(client.messages.join('\n')).toMatch(/Unexpected "paranoid" for the setting `harden-config.profile`, expected `baseline` or `strict`/)
    expect(client.messages.join('\n')).toMatch(/Unknown setting `harden-config.colour`/)
  })

  it('reads a system under a root: a document under it is the system file, includes too', async () => {
    const root = fileURLToPath(new URL('../fixtures/sshd/cloud-init', import.meta.url))
    const {client} = await start({}, {initializationOptions: {root}}, {createHost: undefined})
    const uri = pathToFileURL(join(root, 'etc', 'ssh', 'sshd_config')).href
    const {diagnostics} = await client.open(uri, 'Include /etc/ssh/sshd_config.d/*.conf\n')
    const [password] = byCode(diagnostics, 'sshd/password-authentication')
    expect(password!.message).toMatch(/^\/etc\/ssh\/sshd_config\.d\/50-cloud-init\.conf:/)
    expect(password!.relatedInformation?.[0]?.location.uri).toBe(pathToFileURL(join(root, 'etc', 'ssh', 'sshd_config.d', '50-cloud-init.conf')).href)
  })
})

describe('suppression comments', () => {
  it('hide what they suppress and show an unused one faded', async () => {
    const {client} = await start()
    const text = '# harden-config-disable-next-line sshd/x11-forwarding -- the lab GUI needs it\nX11Forwarding yes\n# harden-config-disable-next-line sshd/permit-root-login\nPort 22\n'
    const {diagnostics} = await client.open(MAIN_URI, text)
    expect(codes(diagnostics)).not.toContain('sshd/x11-forwarding')
    const [unused] = byCode(diagnostics, 'harden-config/unused-suppression')
    expect(unused).toMatchObject({severity: DiagnosticSeverity.Warning, tags: [DiagnosticTag.Unnecessary]})
    expect(unused!.range.start.line).toBe(2)
  })
})

describe('the cache of included files', () => {
  it('reads an included file once, not on every change; again when the client says it changed or a document is saved', async () => {
    const counting = countingHost({[MAIN]: '', [DROP_IN]: 'PasswordAuthentication yes\n'})
    const {client} = await start({}, {capabilities: EDITOR_CAPABILITIES}, {createHost: () => counting.host})
    const main = 'Include /etc/ssh/sshd_config.d/*.conf\nX11Forwarding yes\n'
    expect(codes((await client.open(MAIN_URI, main)).diagnostics)).toContain('sshd/password-authentication')
    expect(counting.reads.get(DROP_IN)).toBe(1)
    for (let i = 0; i < 5; i++) await client.change(MAIN_URI, `${main}# edit ${i}\n`)
    await client.codeActions(MAIN_URI, WHOLE_LINE_0)
    await client.hover(MAIN_URI, 1, 1)
    expect(counting.reads.get(DROP_IN)).toBe(1)
    // The server asked to hear of changes in the folders it read.
    const watchers = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').flatMap((r) => (r.registerOptions as {watchers: Array<{globPattern: unknown}>}).watchers)
    expect(watchers.map((w) => w.globPattern)).toContainEqual({baseUri: 'file:///etc/ssh/sshd_config.d', pattern: '*'})

    // Another program fixes the drop-in; the client reports it.
    counting.write(DROP_IN, 'PasswordAuthentication no\n')
    let from = client.published.length
    await client.filesChanged([{uri: DROP_IN_URI, type: 2}])
    expect(codes((await client.settle(MAIN_URI, from)).at(-1)!.diagnostics)).not.toContain('sshd/password-authentication')
    expect(counting.reads.get(DROP_IN)).toBe(2)

    // A new drop-in: the folder's listing is read again.
    counting.write('/etc/ssh/sshd_config.d/60-more.conf', 'PermitEmptyPasswords yes\n')
    from = client.published.length
    await client.filesChanged([{uri: 'file:///etc/ssh/sshd_config.d/60-more.conf', type: 1}])
    expect(codes((await client.settle(MAIN_URI, from)).at(-1)!.diagnostics)).toContain('sshd/permit-empty-passwords')

    // A save reads everything afresh, once.
    from = client.published.length
    await client.save(MAIN_URI)
    await client.settle(MAIN_URI, from)
    expect(counting.reads.get(DROP_IN)).toBe(3)
  })
})
