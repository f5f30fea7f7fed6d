/**
 * The built language server as an editor starts it: a process speaking LSP over standard
 * input and output, as `harden-config-lsp --stdio` and as `harden-config lsp --stdio`. One
 * session each, end to end, on the example cloud VM (examples/cloud-vm, read under a root):
 * diagnostics, a quick fix, fix-all, a hover, and a patch that is byte for byte the
 * command's own, then a clean shutdown.
 */
import {spawn, spawnSync, type ChildProcessWithoutNullStreams} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {CodeActionKind, ExitNotification, type MarkupContent} from 'vscode-languageserver-protocol/node'
import {applyWorkspaceEdit} from './apply-edit.js'
import {builtServer, REPO, type BuiltServer} from './built-server.js'
import {EDITOR_CAPABILITIES, stdioClient} from './client.js'

const EXAMPLE = join(REPO, 'examples', 'cloud-vm')
const MAIN = join(EXAMPLE, 'etc', 'ssh', 'sshd_config')
const MAIN_URI = pathToFileURL(MAIN).href
const DROP_IN_URI = pathToFileURL(join(EXAMPLE, 'etc', 'ssh', 'sshd_config.d', '50-cloud-init.conf')).href

let built: BuiltServer
beforeAll(() => {
  built = builtServer()
}, 60_000)
afterAll(() => built?.cleanup())

describe('the built server over --stdio', () => {
  it('answers --version and --help, from both commands', () => {
    for (const args of [[built.lspBin], [built.cliBin, 'lsp']]) {
      const version = spawnSync(process.execPath, [...args, '--version'], {encoding: 'utf8'})
      expect(version.status).toBe(0)
      expect(version.stdout).toMatch(/^harden-config-lsp \d+\.\d+\.\d+/)
      expect(spawnSync(process.execPath, [...args, '--help'], {encoding: 'utf8'}).stdout).toMatch(/^Usage: harden-config-lsp/)
    }
  })

  const commands: Array<[name: string, args: () => string[]]> = [
    ['harden-config-lsp --stdio', () => [built.lspBin, '--stdio']],
    ['harden-config lsp --stdio', () => [built.cliBin, 'lsp', '--stdio']],
  ]

  it.each(commands)('%s: a whole session, ending in a clean exit', async (_name, args) => {
    const child = spawn(process.execPath, args(), {stdio: 'pipe'}) as ChildProcessWithoutNullStreams
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const client = stdioClient(child, {capabilities: EDITOR_CAPABILITIES, initializationOptions: {root: EXAMPLE}, configuration: null})
      const init = await client.initialize()
      expect(init.serverInfo?.name).toBe('harden-config')

      const text = readFileSync(MAIN, 'utf8')
      const {diagnostics} = await client.open(MAIN_URI, text)
      expect(diagnostics.map((d) => d.code).sort()).toEqual(['sshd/allow-users', 'sshd/password-authentication', 'sshd/permit-root-login', 'sshd/x11-forwarding'])
      const password = diagnostics.find((d) => d.code === 'sshd/password-authentication')!
      expect(password.message).toMatch(/^\/etc\/ssh\/sshd_config\.d\/50-cloud-init\.conf:1:1: /)

      // The drop-in's fix edits the drop-in, by its own URI.
      const [fix] = (await client.codeActions(MAIN_URI, password.range, [CodeActionKind.QuickFix])).filter((a) => a.title.includes('(sshd/password-authentication)'))
      expect(fix!.title).toMatch(/^Unsafe fix: Set `PasswordAuthentication no` \(sshd\/password-authentication\)\. Risk: `root` has no authorized key/)
      expect(fix!.edit!.documentChanges).toEqual([{textDocument: {uri: DROP_IN_URI, version: null}, edits: [{range: {start: {line: 0, character: 23}, end: {line: 0, character: 26}}, newText: 'no'}]}])

      const [all] = await client.codeActions(MAIN_URI, password.range, [CodeActionKind.SourceFixAll])
      const fixed = applyWorkspaceEdit(all!.edit!, {[MAIN_URI]: {text, version: 1}})[MAIN_URI]!
      expect(fixed).toContain('\nX11Forwarding no\n')
      expect(fixed).not.toMatch(/^PermitRootLogin no$/m)

      const x11 = diagnostics.find((d) => d.code === 'sshd/x11-forwarding')!
      const hover = await client.hover(MAIN_URI, x11.range.start.line, 2)
      expect((hover!.contents as MarkupContent).value).toContain('**sshd/x11-forwarding** (warning)')

      // The patch is the command's own, byte for byte.
      const cli = spawnSync(process.execPath, [built.cliBin, '--root', EXAMPLE, '/etc/ssh/sshd_config'], {encoding: 'utf8'})
      expect(cli.status).toBe(1)
      const {patch} = await client.patch(MAIN_URI)
      expect(patch).toBe(cli.stdout)

      await client.shutdown()
      await client.connection.sendNotification(ExitNotification.type)
      expect(await exited).toBe(0)
      expect(stderr).toBe('')
    } finally {
      child.kill()
    }
  })
})
