import {describe, expect, it} from 'vitest'
import {ConfigSyntaxError} from '../../core/errors.js'
import {parse} from './parse.js'
import {print} from './print.js'
import {argumentValues, keywordName} from './semantics.js'
import type {SshdDirective, SshdRoot} from './types.js'

function directives(tree: SshdRoot): SshdDirective[] {
  return tree.children.flatMap((child) => (child.type === 'match' ? [child.head, ...child.children] : [child])).filter((n): n is SshdDirective => n.type === 'directive')
}

describe('sshd parse', () => {
  const roundTrips = [
    '',
    '\n',
    'Port 22',
    'Port 22\n',
    'Port 22\r\n',
    '\uFEFFPort 22\n',
    '  \t Port\t=\t22   \n',
    'Port=22\nPort = 22\nPort==22\n',
    '# comment\n\t#indented comment\n\n   \n',
    'Banner "/etc/issue net"\nAcceptEnv \'LC_*\' LANG\n',
    'Banner a"b c"d\n',
    'Port 22 # trailing comment\nPermitRootLogin no#x\n',
    'Match User alice\n    X11Forwarding no\nMatch all\nPort 22\n',
    'KEYWORD\n',
    '=Port 22\n=\n',
    'Port 22\r\r\n',
    'Port 22\f\n',
    'ForceCommand echo a\\ b \\"c\\"\n',
    'Port 2\r2\n',
    '"Match" User x\n  Port 1\n',
  ]
  for (const text of roundTrips) {
    it(`round-trips ${JSON.stringify(text)}`, () => {
      expect(print(parse(text))).toBe(text)
    })
  }

  it('reads keywords and arguments as sshd does', () => {
    const tree = parse('Port=2222\nBanner "/etc/issue net"\nAcceptEnv LANG LC_*   # locale\nForceCommand a\\ b\n"MaxAuthTries" 3\nPort==22\n')
    expect(directives(tree).map((d) => [keywordName(d), ...argumentValues(d)])).toEqual([
      ['Port', '2222'],
      ['Banner', '/etc/issue net'],
      ['AcceptEnv', 'LANG', 'LC_*'],
      ['ForceCommand', 'a b'],
      ['MaxAuthTries', '3'],
      ['Port', '=22'],
    ])
  })

  it('groups lines into Match blocks that run to the next Match', () => {
    const tree = parse('Port 22\nMatch User a\n  X11Forwarding no\n# c\nMatch Group b\nPermitTTY no\n')
    expect(tree.children.map((c) => c.type)).toEqual(['directive', 'match', 'match'])
    const [, first, second] = tree.children
    expect(first!.type === 'match' && first!.children.map((c) => c.type)).toEqual(['directive', 'comment'])
    expect(second!.type === 'match' && argumentValues(second!.head)).toEqual(['Group', 'b'])
  })

  it('keeps the trailing comment and line end as trivia', () => {
    const [d] = directives(parse('PermitRootLogin  yes  # vendor default\r\n'))
    expect(d!.separator).toBe('  ')
    expect(d!.trailing).toBe('  # vendor default')
    expect(d!.eol).toBe('\r\n')
  })

  it('gives positions as 1-based lines and columns and 0-based offsets', () => {
    const [, d] = directives(parse('Port 22\n  Banner  /x\n'))
    expect(d!.position).toEqual({start: {line: 2, column: 3, offset: 10}, end: {line: 2, column: 13, offset: 20}})
    expect(d!.arguments[0]!.position!.start).toEqual({line: 2, column: 11, offset: 18})
  })

  it('reports the byte order mark on the root and keeps it', () => {
    const tree = parse('\uFEFFPort 22\n')
    expect(tree.bom).toBe(true)
    expect(keywordName(directives(tree)[0]!)).toBe('Port')
  })

  it('rejects an unterminated quote with file, line, column and a code frame', () => {
    let error: unknown
    try {
      parse('Port 22\nBanner "/etc/issue\n', {path: '/etc/ssh/sshd_config'})
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigSyntaxError)
    const syntax = error as ConfigSyntaxError
    expect(syntax.message).toBe('/etc/ssh/sshd_config:2:8: Unterminated quote in argument: sshd rejects it ("invalid quotes")')
    expect(syntax.point).toMatchObject({line: 2, column: 8})
    expect(syntax.frame).toBe('  |\n2 | Banner "/etc/issue\n  |        ^')
  })

  it('rejects NUL bytes and binary data', () => {
    expect(() => parse('Port 22\0\n', {path: 'f'})).toThrow(/f:1:8: Unexpected NUL byte/)
    expect(() => parse('\x01\x02\x03', {path: 'f'})).toThrow(/binary data/)
  })

  it('rejects input over the size limit', () => {
    expect(() => parse('Port 22\n'.repeat(10), {maxSize: 20})).toThrow(/over the limit of 20/)
  })

  it('parses a 20,000-line file', () => {
    const text = 'Port 22\n# comment\nMatch User a\n  X11Forwarding no\n'.repeat(5000)
    expect(print(parse(text))).toBe(text)
  })
})
