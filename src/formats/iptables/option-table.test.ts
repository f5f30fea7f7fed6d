import {describe, expect, it} from 'vitest'
import {groupWords, lookupOption, optionTable, unquoteWord} from './option-table.js'
import type {IptablesWord} from './types.js'

const words = (line: string): IptablesWord[] => line.split(' ').map((value) => ({type: 'word', value, before: ' '}))
const shape = (line: string) =>
  groupWords(words(line)).map((node) => [node.type, node.name.value, node.arguments.map((a) => a.value).join(' '), ...('children' in node ? node.children.map((o) => `${o.name.value}(${o.arguments.map((a) => a.value).join(' ')})`) : [])])

describe('iptables option table', () => {
  it('knows every spelling once', () => {
    const names = optionTable.flatMap((info) => info.names)
    const duplicates = names.filter((name, i) => names.indexOf(name) !== i)
    // `--set-mark` (MARK, CONNMARK), `--mask`, `--mode` and the like name one option per extension.
    expect(duplicates.every((name) => optionTable.filter((i) => i.names.includes(name)).every((i) => i.min === optionTable.find((j) => j.names.includes(name))!.min))).toBe(true)
  })

  it('finds options as getopt_long does: exact, a short one with its argument glued, a long one cut short', () => {
    expect(lookupOption('--destination-port')?.info.canonical).toBe('--dport')
    expect(lookupOption('-dport')).toMatchObject({info: {canonical: '-d'}, attached: 'port'})
    expect(lookupOption('--log-pre')?.info.canonical).toBe('--log-prefix')
    // `--destination-p` starts `--destination-port` and multiport's `--destination-ports`.
    expect(lookupOption('--destination-p')).toBeUndefined()
    expect(lookupOption('--dest')).toBeUndefined()
    expect(lookupOption('--no-such-option')).toBeUndefined()
  })

  it('groups words: required arguments whatever they look like, optional ones while no option follows', () => {
    expect(shape('-I INPUT 3 -j ACCEPT')).toEqual([['command', '-I', 'INPUT 3'], ['target', '-j', 'ACCEPT']])
    expect(shape('-I INPUT -j ACCEPT')).toEqual([['command', '-I', 'INPUT'], ['target', '-j', 'ACCEPT']])
    expect(shape('-A INPUT -m comment --comment -x -j ACCEPT')).toEqual([['command', '-A', 'INPUT'], ['match', '-m', 'comment', '--comment(-x)'], ['target', '-j', 'ACCEPT']])
    expect(shape('-A INPUT -p tcp --tcp-flags SYN,ACK SYN --syn -j ACCEPT')).toEqual([
      ['command', '-A', 'INPUT'],
      ['parameter', '-p', 'tcp'],
      ['option', '--tcp-flags', 'SYN,ACK SYN'],
      ['option', '--syn', ''],
      ['target', '-j', 'ACCEPT'],
    ])
    expect(shape('-A INPUT -m foo --bar a b --baz -j X')).toEqual([['command', '-A', 'INPUT'], ['match', '-m', 'foo', '--bar(a b)', '--baz()'], ['target', '-j', 'X']])
    expect(shape('COMMIT')).toEqual([['option', 'COMMIT', '']])
  })

  it('a ! before an option negates it; a lone ! is a word of its own', () => {
    const nodes = groupWords(words('-A INPUT ! -i lo ! -j X !'))
    expect(nodes.map((n) => [n.type, n.not?.value ?? '', n.name.value])).toEqual([
      ['command', '', '-A'],
      ['parameter', '!', '-i'],
      ['target', '!', '-j'],
      ['option', '', '!'],
    ])
  })

  it('unquotes words as iptables-restore does', () => {
    expect(unquoteWord('"a \\"b\\" \\\\ c"')).toBe('a "b" \\ c')
    expect(unquoteWord('a"b c"')).toBe('ab c')
    expect(unquoteWord('"open')).toBe('open')
    expect(unquoteWord("'x'")).toBe("'x'")
  })
})
