import {describe, expect, it} from 'vitest'
import {applySplices} from '../../core/edits.js'
import {DEFAULT_LIMITS} from '../../core/format.js'
import {memoryHost} from '../../core/host.js'
import {formatArgument, insertGlobalDirective, removeLine, setArguments} from './edit.js'
import {globalEntry, loadSshdConfig} from './semantics.js'

function config(text: string, dropIn = '', files: Record<string, string> = {}) {
  return loadSshdConfig('/etc/ssh/sshd_config', {host: memoryHost({...files, '/etc/ssh/sshd_config': text}), settings: {version: '9.2', dropIn}, limits: DEFAULT_LIMITS, cache: new Map()})
}

function insert(text: string, keyword = 'PermitRootLogin', values = ['no']): string {
  return applySplices(text, [insertGlobalDirective(config(text), keyword, values)])
}

describe('sshd edits', () => {
  it('quotes only what needs quotes', () => {
    expect(formatArgument('no')).toBe('no')
    expect(formatArgument('/etc/issue net')).toBe('"/etc/issue net"')
    expect(formatArgument('#x')).toBe('"#x"')
    expect(formatArgument('a"b')).toBe('"a\\"b"')
    expect(formatArgument('')).toBe('""')
  })

  it('puts a new directive after its commented-out default, with its indent', () => {
    expect(insert('Port 22\n  #PermitRootLogin yes\nX11Forwarding no\n')).toBe('Port 22\n  #PermitRootLogin yes\n  PermitRootLogin no\nX11Forwarding no\n')
  })

  it('ignores examples in a commented-out Match block', () => {
    expect(insert('Port 22\n#Match User anoncvs\n#\tPermitRootLogin yes\n')).toBe('Port 22\nPermitRootLogin no\n#Match User anoncvs\n#\tPermitRootLogin yes\n')
  })

  it('copies the separator and the line end of the file', () => {
    expect(insert('Port=22\r\nX11Forwarding=no\r\n')).toBe('Port=22\r\nX11Forwarding=no\r\nPermitRootLogin=no\r\n')
  })

  it('never puts a global directive inside a Match block', () => {
    // A comment right above a Match line introduces that block, so it stays with it.
    expect(insert('# only comments\nMatch User a\n  X11Forwarding no\n')).toBe('PermitRootLogin no\n# only comments\nMatch User a\n  X11Forwarding no\n')
    expect(insert('# intro\n\n# the Match\nMatch User a\n')).toBe('# intro\n\nPermitRootLogin no\n# the Match\nMatch User a\n')
  })

  it('handles empty files and files without a final newline', () => {
    expect(insert('')).toBe('PermitRootLogin no\n')
    expect(insert('Port 22')).toBe('Port 22\nPermitRootLogin no')
    expect(insert('\uFEFF')).toBe('\uFEFFPermitRootLogin no\n')
  })

  it('writes new directives into the configured drop-in', () => {
    const c = config('Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n', '/etc/ssh/sshd_config.d/00-harden.conf')
    expect(insertGlobalDirective(c, 'PermitRootLogin', ['no'])).toEqual({file: '/etc/ssh/sshd_config.d/00-harden.conf', start: 0, end: 0, text: 'PermitRootLogin no\n'})
  })

  it('replaces arguments and keeps the rest of the line', () => {
    const c = config('AcceptEnv  LANG   LC_*  # locale\n')
    const entry = globalEntry(c, 'AcceptEnv')!
    expect(applySplices(c.main.text, [setArguments(c.main, entry.directive, ['LANG', 'a b'])])).toBe('AcceptEnv  LANG   "a b"  # locale\n')
  })

  it('sets a value on a keyword that has none', () => {
    const c = config('PermitRootLogin\nPort # x\n')
    const root = globalEntry(c, 'PermitRootLogin')!
    const port = globalEntry(c, 'Port')!
    expect(applySplices(c.main.text, [setArguments(c.main, root.directive, ['no']), setArguments(c.main, port.directive, ['22'])])).toBe('PermitRootLogin no\nPort 22 # x\n')
  })

  it('removes a line, and the line end before a last line without one', () => {
    const c = config('A 1\nB 2\nC 3')
    const [a, , last] = c.main.tree.children
    expect(applySplices(c.main.text, [removeLine(c.main, a as never)])).toBe('B 2\nC 3')
    expect(applySplices(c.main.text, [removeLine(c.main, last as never)])).toBe('A 1\nB 2')
  })
})
