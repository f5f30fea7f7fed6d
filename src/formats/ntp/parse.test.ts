import {describe, expect, it} from 'vitest'
import {ConfigSyntaxError} from '../../core/errors.js'
import {parse, parseLine} from './parse.js'
import {print} from './print.js'
import {describeCommand, readCommand} from './semantics.js'
import type {NtpCommand, NtpRoot} from './types.js'

function commands(tree: NtpRoot): NtpCommand[] {
  return tree.children.filter((line): line is NtpCommand => line.type !== 'blank' && line.type !== 'comment')
}

describe('ntp parse', () => {
  const roundTrips = [
    '',
    '\n',
    '   ',
    'restrict default kod nomodify nopeer noquery limited',
    'restrict default kod\n',
    'restrict default kod\r\n',
    '\uFEFFrestrict default kod\r\n',
    ' \t restrict\t-6  default   kod  \t# comment  \n',
    'restrict default kod nomodify#glued kod\n',
    'restrict 10.0.0.0 mask 255.0.0.0 noquery,nomodify\n',
    'server -4 time.example.net iburst minpoll 4 maxpoll\n',
    'includefile /etc/ntpsec/x.conf restrict 10.0.0.1 noquery # c\n',
    'driftfile "/var/lib/ntp drift" 1e-7\n',
    'driftfile\n',
    'filegen loopstats file loopstats type day enable\ntinker panic 0 step 0.5\n',
    'setvar Owner = "The Boss" default\n',
    'trustedkey (1 ... 5) 7\n',
    '"restrict" default\n= 5\n',
    'restr\u00e9ict 10.0.0.1\n\u00a0restrict 10.0.0.2\n',
    'restrict "" default "" noquery "\n',
    'restrict "unterminated # not a comment\n',
    'restrict\rdefault\v\fkod\r\r\n',
    'Restrict default\nend\n',
    '# only\n#comments\n\t#\n',
  ]
  for (const text of roundTrips) {
    it(`round-trips ${JSON.stringify(text)}`, () => {
      expect(print(parse(text))).toBe(text)
    })
  }

  it('types the commands the rules read, and keeps every other one as words', () => {
    const tree = parse('restrict -6 default kod\nserver 192.0.2.1 iburst key 5\ndisable monitor\nincludefile x.conf\ndriftfile /d 1e-7\nstatsdir /s/\nfilegen peerstats file p type week enable\ntinker step 0\ntos minclock 4\n')
    expect(commands(tree).map((c) => c.type)).toEqual(['restrict', 'association', 'system', 'include', 'file', 'file', 'filegen', 'tinker', 'directive'])
    const [restrict, server] = commands(tree)
    expect(restrict!.type === 'restrict' && [restrict!.family?.value, restrict!.address?.value, restrict!.flags.map((f) => f.value)]).toEqual(['-6', 'default', ['kod']])
    expect(server!.type === 'association' && server!.options.map((o) => [o.name.value, o.value?.value])).toEqual([['iburst', undefined], ['key', '5']])
  })

  it('reads a mask, and keeps the words after the first one that fits no grammar as the rest', () => {
    const [line] = commands(parse('restrict 10.0.0.0 mask 255.0.0.0 nomodify bogus noquery\n'))
    expect(line!.type === 'restrict' && [line!.mask?.value, line!.flags.map((f) => f.value), line!.rest.map((w) => w.value)]).toEqual(['255.0.0.0', ['nomodify'], ['bogus', 'noquery']])
  })

  it('reads special characters as words of their own, except after a keyword that wants a string', () => {
    const [restrict, drift] = commands(parse('restrict default kod,nomodify\ndriftfile /var/lib/a,b\n'))
    expect(restrict!.type === 'restrict' && restrict!.rest.map((w) => [w.before, w.value])).toEqual([['', ','], ['', 'nomodify']])
    expect(drift!.type === 'file' && drift!.path?.value).toBe('/var/lib/a,b')
  })

  it('ends a word at #, and keeps the comment as trailing text', () => {
    const [line] = commands(parse('restrict default nomodify#x kod\n'))
    expect(line!.type === 'restrict' && line!.flags.map((f) => f.value)).toEqual(['nomodify'])
    expect(line!.trailing).toBe('#x kod')
  })

  it('reads a command after the path of includefile as a command of its own', () => {
    const [line] = commands(parse('includefile /x restrict 10.0.0.1 noquery # c\n'))
    expect(line!.type).toBe('include')
    const nested = line!.type === 'include' ? line!.command : undefined
    expect(nested && describeCommand(nested)).toBe('restrict 10.0.0.1 noquery')
    expect(nested?.indent).toBe(' ')
    expect(line!.trailing).toBe(' # c')
  })

  it('keeps characters above U+007F as trivia between words and as part of a word inside one', () => {
    const [first, second] = commands(parse('restr\u00e9ict 10.0.0.1\n\u00a0restrict 10.0.0.2\n'))
    expect(first!.type).toBe('restrict')
    expect(second!.indent).toBe('\u00a0')
    expect(readCommand(first!, 'ntpsec').applies).toBe(true)
  })

  it('gives positions as 1-based lines and columns and 0-based offsets', () => {
    const [, line] = commands(parse('restrict default\n  restrict  10.0.0.1  noquery # x\n'))
    expect(line!.position).toEqual({start: {line: 2, column: 3, offset: 19}, end: {line: 2, column: 34, offset: 50}})
    expect(line!.type === 'restrict' && line!.flags[0]!.position!.start).toEqual({line: 2, column: 23, offset: 39})
  })

  it('gives the right positions to a line the grammar reads after other lines (regression: offsets shifted twice)', () => {
    const text = 'restrict default\r\nrestrict "host" noquery # c\n'
    const [, line] = commands(parse(text))
    expect(line!.position!.start.offset).toBe(18)
    expect(line!.type === 'restrict' && text.slice(line!.flags[0]!.position!.start.offset, line!.flags[0]!.position!.end.offset)).toBe('noquery')
    expect(text.slice(line!.position!.start.offset, line!.position!.end.offset)).toBe('restrict "host" noquery # c')
  })

  it('records a byte order mark on the root', () => {
    const tree = parse('\uFEFFrestrict default\n')
    expect(tree.bom).toBe(true)
    expect(commands(tree)[0]!.type).toBe('restrict')
  })

  it('reads one line on its own', () => {
    expect(parseLine('restrict ::1\n').type).toBe('restrict')
  })

  it('rejects NUL bytes and binary data, and input over the size limit', () => {
    expect(() => parse('restrict default\0\n', {path: 'f'})).toThrow(ConfigSyntaxError)
    expect(() => parse('\x01\x02\x03', {path: 'f'})).toThrow(/binary data/)
    expect(() => parse('restrict default\n'.repeat(10), {maxSize: 20})).toThrow(/over the limit of 20/)
  })

  it('parses a 20,000-line file', () => {
    const text = 'restrict default kod\n# comment\npool 0.pool.ntp.org iburst\n\n'.repeat(5000)
    expect(print(parse(text))).toBe(text)
  })
})
