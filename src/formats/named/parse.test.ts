import {describe, expect, it} from 'vitest'
import {ConfigSyntaxError} from '../../core/errors.js'
import {parse} from './parse.js'
import {print} from './print.js'
import type {NamedBlock, NamedStatement} from './types.js'

const statements = (children: ReadonlyArray<{type: string}>) => children.filter((c): c is NamedStatement => c.type === 'statement')

describe('named parse', () => {
  it.each([
    ['Debian 12 named.conf.options', 'options {\n\tdirectory "/var/cache/bind";\n\n\t// forwarders {\n\t// \t0.0.0.0;\n\t// };\n\tdnssec-validation auto;\n\n\tlisten-on-v6 { any; };\n};\n'],
    ['CRLF and no final line end', 'options {\r\n\trecursion no;\r\n};\r\n# end'],
    ['a BOM', '\uFEFFoptions { recursion no; };\n'],
    ['all comment styles, also glued to words and inside lists', 'acl a { 10.0.0.1// x\n; # y\n /* z\n w */ !{ 10.1.0.0 / 16; }; !!localhost;};options{recursion no;#x\n};'],
    ['strings with escapes and line ends', 'options { version "a\\"b\\\\c\nd"; directory"/x"; };'],
    ['unknown statements', 'foo bar { baz "q" { 1; }; } qux; ;\n'.replace(' ;\n', '\n')],
    ['an empty file', ''],
    ['only trivia', '  \n// x\n/* y */\t#z'],
    ['vertical tab and form feed are word characters', 'options {\v\f recursion no; };'],
    ['a lone CR is white space', 'options {\r recursion\rno; };'],
  ])('%s: print(parse(x)) === x', (_, text) => {
    expect(print(parse(text))).toBe(text)
  })

  it('builds statements, blocks, terms and trivia', () => {
    const tree = parse('zone "x" IN { type hint; };\n')
    const [zone] = statements(tree.children)
    expect(zone!.children.map((c) => c.type)).toEqual(['word', 'whitespace', 'string', 'whitespace', 'word', 'whitespace', 'block'])
    const block = zone!.children[6] as NamedBlock
    expect(block.children.map((c) => c.type)).toEqual(['whitespace', 'statement', 'whitespace'])
    expect(zone!.position).toEqual({start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 28, offset: 27}})
    expect(block.position!.start.offset).toBe(12)
    expect(tree.children.map((c) => c.type)).toEqual(['statement', 'whitespace'])
  })

  it('keeps a prefix with its slash in one word and negations apart', () => {
    const tree = parse('acl a { !10.0.0.0/8; };')
    const list = statements(tree.children)[0]!.children.find((c) => c.type === 'block') as NamedBlock
    expect(statements(list.children)[0]!.children).toMatchObject([{type: 'negation'}, {type: 'word', value: '10.0.0.0/8'}])
  })

  it.each([
    ['a missing `;` at the end', 'options { recursion no; }', 1, 26],
    ['a missing `;` before `}`', 'options { recursion no };', 1, 24],
    ['an empty statement', 'options { recursion no;; };', 1, 24],
    ['a `}` without `{`', 'recursion no; };', 1, 15],
    ['an unterminated string', 'options { version "x; };\n', 1, 19],
    ['an unterminated comment', 'options { };\n/* x\n', 2, 1],
    ['a C comment glued to a word', 'options { recursion no/* x */; };', 1, 21],
    ['binary data', 'options { };\0', 1, 13],
  ])('refuses %s, as named does', (_, text, line, column) => {
    let error: unknown
    try {
      parse(text, {path: '/etc/bind/named.conf'})
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigSyntaxError)
    expect((error as ConfigSyntaxError).point).toMatchObject({line, column})
    expect((error as ConfigSyntaxError).message).toMatch(/^\/etc\/bind\/named\.conf:/)
  })

  it('refuses blocks nested deeper than the limit, without exhausting the stack', () => {
    const deep = (n: number) => `${'a {'.repeat(n)}${'};'.repeat(n)}`
    expect(print(parse(deep(64)))).toBe(deep(64))
    expect(() => parse(deep(65))).toThrow(/nested more than 64 deep/)
    expect(() => parse(deep(5000))).toThrow(ConfigSyntaxError)
    expect(() => parse(deep(5), {maxDepth: 4})).toThrow(/more than 4 deep/)
  })
})
