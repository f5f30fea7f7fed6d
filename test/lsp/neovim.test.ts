/**
 * A real editor as the client: Neovim from Debian's packages (`apt-get install neovim`;
 * Debian 12 has 0.7.2), headless, with no configuration of its own (`-u NONE`). Its own LSP
 * client starts the built server, opens the example cloud VM's sshd_config (read under a
 * root), receives the diagnostics, asks for quick fixes and applies two of them with its
 * own workspace-edit code (one in the file, one in the cloud-init drop-in it includes),
 * then writes both buffers out; the test reads what Neovim wrote. The script is
 * neovim/client.lua. The `init.lua` snippets of README.md and docs/editors.md are run too, as
 * Neovim's only configuration, with the server on PATH (neovim/snippet-check.lua).
 *
 * Without nvim the test is skipped, with the reason; under CI it fails instead (install it
 * with scripts/install-oracles).
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ruleDocsUrl} from '../../src/docs-url.js'
import {builtServer, REPO, type BuiltServer} from './built-server.js'
import {describeWhenAvailable} from '../support/requires.js'

const SCRIPT = fileURLToPath(new URL('neovim/client.lua', import.meta.url))
const SNIPPET_CHECK = fileURLToPath(new URL('neovim/snippet-check.lua', import.meta.url))

/**
 * The `init.lua` snippet a document shows for Neovim: its first Lua code block after the
 * word Neovim, the block's indentation (a list item's) removed.
 *
 * @param document the file, relative to the repository
 */
function neovimSnippet(document: string): string {
  const text = readFileSync(join(REPO, document), 'utf8')
  const block = /^( *)```lua\n([\s\S]*?)^\1```$/m.exec(text.slice(text.indexOf('Neovim')))
  if (block === null) throw new Error(`${document} shows no Lua code block for Neovim`)
  return block[2]!.replace(new RegExp(`^${block[1]}`, 'gm'), '')
}
const EXAMPLE = join(REPO, 'examples', 'cloud-vm')

/** The version of nvim on PATH, or why it cannot be used. */
function neovim(): {ok: true; version: string} | {ok: false; reason: string} {
  const run = spawnSync('nvim', ['--version'], {encoding: 'utf8'})
  if (run.error !== undefined) return {ok: false, reason: 'nvim is not installed'}
  const version = /^NVIM v(\d+)\.(\d+)\.(\d+)/.exec(run.stdout)
  if (version === null) return {ok: false, reason: `nvim --version said ${JSON.stringify(run.stdout.split('\n')[0])}`}
  if (Number(version[1]) === 0 && Number(version[2]) < 7) return {ok: false, reason: `nvim ${version[0]} is older than 0.7, whose LSP client the test uses`}
  return {ok: true, version: version[0].slice(5)}
}

interface Report {
  steps: string[]
  error?: string
  codes?: string[]
  codes_after?: string[]
  titles?: string[]
  password?: {message: string; lnum: number; severity: number; href: string}
  drop_in_fix_title?: string
  server_exit?: number
}

const editor = neovim()

describeWhenAvailable('Neovim test', editor, (editor) => {
  describe(`Neovim ${editor.version} as the client`, () => {
    let built: BuiltServer
    let work: string
    beforeAll(() => {
      built = builtServer()
      work = mkdtempSync(join(tmpdir(), 'harden-config-nvim-'))
    }, 60_000)
    afterAll(() => {
      built?.cleanup()
      if (work) rmSync(work, {recursive: true, force: true})
    })

    it('receives the diagnostics and applies quick fixes, in the file and in the drop-in it includes', () => {
      const out = join(work, 'sshd_config.fixed')
      const out2 = join(work, '50-cloud-init.conf.fixed')
      const reportFile = join(work, 'report.json')
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          HC_SERVER: [process.execPath, built.cliBin, 'lsp', '--stdio'].join('\t'),
          HC_ROOT: EXAMPLE,
          HC_FILE: join(EXAMPLE, 'etc', 'ssh', 'sshd_config'),
          HC_OUT: out,
          HC_OUT2: out2,
          HC_REPORT: reportFile,
        },
      })
      let report: Report
      try {
        report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report
      } catch {
        throw new Error(`nvim wrote no report (status ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`)
      }
      expect(report.error, `nvim failed after steps ${report.steps.join(', ')}`).toBeUndefined()
      expect(run.status).toBe(0)
      expect(report.steps).toEqual(['started', 'diagnostics', 'x11 fixed', 'drop-in fixed', 'written', 'stopped'])

      expect(report.codes).toEqual(['sshd/allow-users', 'sshd/password-authentication', 'sshd/permit-root-login', 'sshd/x11-forwarding'])
      expect(report.codes_after).toEqual(['sshd/allow-users', 'sshd/password-authentication', 'sshd/permit-root-login'])
      expect(report.password).toMatchObject({lnum: 0, severity: 1, href: ruleDocsUrl('sshd/password-authentication')})
      expect(report.password!.message).toMatch(/^\/etc\/ssh\/sshd_config\.d\/50-cloud-init\.conf:1:1: Unexpected `PasswordAuthentication yes`/)
      expect(report.titles).toContain('Set `X11Forwarding no` (sshd/x11-forwarding)')
      expect(report.drop_in_fix_title).toMatch(/^Unsafe fix: Set `PasswordAuthentication no` \(sshd\/password-authentication\)\. Risk: /)
      expect(report.server_exit).toBe(0)

      const original = readFileSync(join(EXAMPLE, 'etc', 'ssh', 'sshd_config'), 'utf8')
      expect(readFileSync(out, 'utf8')).toBe(original.replace(/^X11Forwarding yes$/m, 'X11Forwarding no'))
      expect(readFileSync(out2, 'utf8')).toBe('PasswordAuthentication no\n')
    }, 90_000)

    // What a reader copies: the snippet as the only configuration, the server found on PATH
    // as `harden-config-lsp` (as an installed package provides it).
    for (const document of ['README.md', 'docs/editors.md']) {
      it(`runs the init.lua snippet of ${document}`, () => {
        const home = mkdtempSync(join(work, 'snippet-'))
        const bin = join(home, 'bin')
        mkdirSync(bin)
        writeFileSync(join(bin, 'harden-config-lsp'), `#!/bin/sh\nexec '${process.execPath}' '${built.lspBin}' "$@"\n`)
        chmodSync(join(bin, 'harden-config-lsp'), 0o755)
        writeFileSync(join(home, 'init.lua'), neovimSnippet(document))
        // The example's file under a folder of its own; what it includes is read from this
        // machine's /etc/ssh, which may hold anything, so only the file's own findings are checked.
        const file = join(home, 'etc', 'ssh', 'sshd_config')
        mkdirSync(join(home, 'etc', 'ssh'), {recursive: true})
        cpSync(join(EXAMPLE, 'etc', 'ssh', 'sshd_config'), file)
        const reportFile = join(home, 'report.json')
        const run = spawnSync('nvim', ['--headless', '-u', join(home, 'init.lua'), '-i', 'NONE', '-n', file, '-c', `luafile ${SNIPPET_CHECK}`], {
          encoding: 'utf8',
          timeout: 60_000,
          env: {...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, HC_REPORT: reportFile},
        })
        let report: {codes?: string[]; patch?: string[]; error?: string}
        try {
          report = JSON.parse(readFileSync(reportFile, 'utf8')) as typeof report
        } catch {
          throw new Error(`nvim wrote no report (status ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`)
        }
        expect(report.error).toBeUndefined()
        expect(run.status).toBe(0)
        expect(report.codes).toContain('sshd/x11-forwarding')
        if (document === 'docs/editors.md') expect(report.patch).toContain('+X11Forwarding no')
      }, 90_000)
    }
  })
})
