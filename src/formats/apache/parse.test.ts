import {describe, expect, it} from 'vitest'
import {ConfigSyntaxError} from '../../core/errors.js'
import {parse} from './parse.js'
import {print} from './print.js'
import {wordValue} from './semantics.js'
import type {ApacheDirective, ApacheSection} from './types.js'

describe('apache parse', () => {
  const roundTrips = [
    '',
    'Listen 80',
    'Listen 80 # not a comment\n',
    '# comment \\\nServerTokens Full\n',
    'Direc\\\ntive a \\\n  b\r\n',
    '<Directory "/x y" >\n\tRequire all denied\n</directory>\n',
    '<Directory /x> ignored words\n</Directory> ignored too\n',
    'A "b"c \'d e\'\n',
    'A "unclosed  \n',
    '\uFEFFServerName x\n',
    '<IfModule !mod_x.c>\n  <IfModule y>\n    <Files "a b">\n    </Files>\n  </IfModule>\n</IfModule>',
    '   \t\n\\\n',
  ]
  for (const text of roundTrips) it(`round-trips ${JSON.stringify(text)}`, () => expect(print(parse(text))).toBe(text))

  it('reads words as httpd does', () => {
    const tree = parse('DirectoryIndex a \\\n  b "c d" \'e\\\'f\' g"h i\\\\j\nLi\\\nsten 80\n')
    const [first, second] = tree.children as ApacheDirective[]
    expect(first!.arguments.map((w) => wordValue(w.value))).toEqual(['a', 'b', 'c d', "e'f", 'g"h', 'i\\j'])
    expect(wordValue(second!.name.value)).toBe('Listen')
  })

  it('nests sections and keeps their trivia', () => {
    const [section] = parse('<VirtualHost *:80>\n\t<Directory /srv>\n\t\tOptions None\n\t</Directory>\n</VirtualHost>\n').children as ApacheSection[]
    expect(section!.open.name.value).toBe('VirtualHost')
    expect(section!.open.arguments.map((w) => w.value)).toEqual(['*:80'])
    const [inner] = section!.children as ApacheSection[]
    expect(inner!.close.indent).toBe('\t')
    expect(inner!.children).toHaveLength(1)
  })

  it('rejects a closing tag of another section, naming both', () => {
    let error: unknown
    try {
      parse('<Directory />\n  Options None\n</Files>\n', {path: 'x.conf'})
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigSyntaxError)
    expect((error as ConfigSyntaxError).message).toBe('x.conf:3:1: Unexpected </Files> at line 3, expected </Directory> to close <Directory> of line 1')
  })

  it('rejects what httpd rejects', () => {
    expect(() => parse('<Directory />\n')).toThrow(/a section is not closed/)
    expect(() => parse('</Directory>\n')).toThrow(/without a matching <Directory> section/)
    expect(() => parse('<Directory /\n</Directory>\n')).toThrow(/Missing `>`/)
    expect(() => parse('<Directory />\n</Directory >\n')).toThrow(/without its `>`/)
    expect(() => parse('< Directory />\n')).toThrow(/a section opens with <Name/)
  })

  it('limits the depth of sections', () => {
    const depth = 70
    const text = '<IfDefine X>\n'.repeat(depth) + '</IfDefine>\n'.repeat(depth)
    expect(() => parse(text)).toThrow(/nested more than 64 deep/)
  })
})
