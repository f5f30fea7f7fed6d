import {describe, expect, it} from 'vitest'
import {applySplices} from '../../core/edits.js'
import {DEFAULT_LIMITS} from '../../core/format.js'
import {memoryHost} from '../../core/host.js'
import {documentStyle, insertIntoBlock, insertOption, replaceList, replaceValue} from './edit.js'
import {entryIn, loadNamedConfig, optionsEntry, viewEntries, type NamedConfig} from './semantics.js'

function load(text: string): NamedConfig {
  return loadNamedConfig('/etc/bind/named.conf', {host: memoryHost({'/etc/bind/named.conf': text}), settings: {role: 'both'}, limits: DEFAULT_LIMITS, cache: new Map()})
}
const apply = (config: NamedConfig, edit: {start: number; end: number; text: string} | undefined) => applySplices(config.main.text, [edit!])

describe('named edits', () => {
  it.each([
    ['tabs, the } on its own line', 'options {\n\tdirectory "/x";\n};\n', 'options {\n\tdirectory "/x";\n\tversion "none";\n};\n'],
    ['four spaces and CRLF', 'options {\r\n    directory "/x";\r\n};\r\n', 'options {\r\n    directory "/x";\r\n    version "none";\r\n};\r\n'],
    ['an empty block over two lines', 'options {\n};\n', 'options {\n\tversion "none";\n};\n'],
    ['one line with spaces', 'options { directory "/x"; };', 'options { directory "/x"; version "none"; };'],
    ['one line without spaces', 'options{directory "/x";};', 'options{directory "/x"; version "none";};'],
    ['a trailing comment after the last option stays on its line', 'options {\n\trecursion no; // keep\n};\n', 'options {\n\trecursion no; // keep\n\tversion "none";\n};\n'],
  ])('inserts into a block: %s', (_, text, expected) => {
    const config = load(text)
    expect(apply(config, insertOption(config, 'version "none"'))).toBe(expected)
  })

  it('inserts into a view in its indent, several statements at once', () => {
    const config = load('view "v" {\n    match-clients { any; };\n};\n')
    const view = viewEntries(config)[0]!
    expect(apply(config, insertIntoBlock(view.document, view.statement, ['a 1', 'b 2']))).toBe('view "v" {\n    match-clients { any; };\n    a 1;\n    b 2;\n};\n')
  })

  it.each([
    ['at the end of a file with a final newline', 'zone "x" { type hint; file "/x"; };\n', 'zone "x" { type hint; file "/x"; };\noptions {\n\tversion "none";\n};\n'],
    ['at the end of a file without one', 'zone "x" { type hint; file "/x"; };', 'zone "x" { type hint; file "/x"; };\noptions {\n\tversion "none";\n};'],
    ['copying CRLF and the indent of other blocks', 'zone "x" {\r\n  type hint;\r\n};\r\n', 'zone "x" {\r\n  type hint;\r\n};\r\noptions {\r\n  version "none";\r\n};\r\n'],
  ])('makes an options block %s', (_, text, expected) => {
    const config = load(text)
    expect(apply(config, insertOption(config, 'version "none"'))).toBe(expected)
  })

  it('offers no options block in an empty main file (two fixes would both make one)', () => {
    expect(insertOption(load(''), 'version "none"')).toBeUndefined()
  })

  it('the edit that makes the block takes the last character, so two such edits overlap', () => {
    const config = load('zone "x" { type hint; file "/x"; };\n')
    const edit = insertOption(config, 'a 1')!
    expect(edit.end - edit.start).toBe(1)
  })

  it.each([
    ['one line', 'options { allow-query { any; }; };', 'options { allow-query { localhost; localnets; }; };'],
    ['one line without spaces', 'options{allow-query{any;};};', 'options{allow-query{localhost; localnets;};};'],
    ['over several lines, in their indent', 'options {\n\tallow-query {\n\t\tany;\n\t};\n};\n', 'options {\n\tallow-query {\n\t\tlocalhost;\n\t\tlocalnets;\n\t};\n};\n'],
    ['with a port before the list', 'options { allow-transfer port 53 { any; }; };', 'options { allow-transfer port 53 { localhost; localnets; }; };'],
  ])('replaces a list: %s', (_, text, expected) => {
    const config = load(text)
    const keyword = text.includes('allow-transfer') ? 'allow-transfer' : 'allow-query'
    expect(apply(config, replaceList(entryIn(optionsEntry(config)!.body, keyword)!, ['localhost', 'localnets']))).toBe(expected)
  })

  it('replaces a value, keeping comments', () => {
    const config = load('options { recursion /* why */ yes; # x\n};')
    expect(apply(config, replaceValue(entryIn(optionsEntry(config)!.body, 'recursion')!, 'no'))).toBe('options { recursion /* why */ no; # x\n};')
  })

  it('reads a document\'s style', () => {
    expect(documentStyle(load('options {\n    a 1;\n    b { c; };\n};\r\n').main)).toEqual({indent: '    ', padding: ' ', eol: '\n'})
    expect(documentStyle(load('options {\r\n\ta {c;};\r\n};\r\n').main)).toEqual({indent: '\t', padding: '', eol: '\r\n'})
  })
})
