import {describe, expect, it} from 'vitest'
import {applySplices} from '../../core/edits.js'
import {appendLines, documentStyle, endOfChain, formatWord, insertAfterWord, insertLinesAfter, lineBounds, removeLine, renderRule, setPolicy} from './edit.js'
import {parse} from './parse.js'
import {unquoteWord} from './option-table.js'
import type {IptablesDocument} from './semantics.js'
import type {IptablesRule, IptablesTable} from './types.js'

function doc(text: string): IptablesDocument {
  return {path: '/etc/iptables/rules.v4', realPath: '/etc/iptables/rules.v4', text, encoding: 'utf8', tree: parse(text), exists: true}
}
const block = (d: IptablesDocument) => d.tree.children.find((c): c is IptablesTable => c.type === 'table')!

describe('iptables edits', () => {
  it('copies the file\'s style: counters before commands, line ends', () => {
    expect(documentStyle(doc('*filter\n-A INPUT -j ACCEPT\nCOMMIT\n'))).toEqual({eol: '\n', counters: false})
    expect(documentStyle(doc('*filter\r\n[0:0] -A INPUT -j ACCEPT\r\n[1:2] -A INPUT -j DROP\r\nCOMMIT\r\n'))).toEqual({eol: '\r\n', counters: true})
    expect(renderRule(['-A', 'INPUT', '-j', 'ACCEPT'], {eol: '\n', counters: true})).toBe('[0:0] -A INPUT -j ACCEPT')
  })

  it('quotes a word only when it must, as iptables-save quotes comments', () => {
    for (const value of ['ssh', 'from the "office"', 'back\\slash', '']) expect(unquoteWord(formatWord(value))).toBe(value)
    expect(formatWord('ssh')).toBe('ssh')
    expect(formatWord('a b')).toBe('"a b"')
  })

  it('knows where each kind of line starts and ends', () => {
    const d = doc('*filter\n  :INPUT DROP [0:0] \n\t-A INPUT -j ACCEPT\t\n  # c\nCOMMIT')
    const lines = block(d).children
    expect(lines.map((line) => d.text.slice(lineBounds(line).start, lineBounds(line).end))).toEqual(['  :INPUT DROP [0:0] \n', '\t-A INPUT -j ACCEPT\t\n', '  # c\n'])
    expect(lineBounds(block(d).commit!)).toEqual({start: d.text.length - 6, end: d.text.length})
  })

  it('inserts after a last line without a line end, and appends to such a file', () => {
    const d = doc('*filter\n-A INPUT -j ACCEPT')
    const rule = block(d).children[0]!
    expect(applySplices(d.text, [insertLinesAfter(d, rule, ['COMMIT'], documentStyle(d))])).toBe('*filter\n-A INPUT -j ACCEPT\nCOMMIT')
    expect(applySplices(d.text, [appendLines(d, ['COMMIT'], documentStyle(d))])).toBe('*filter\n-A INPUT -j ACCEPT\nCOMMIT\n')
    expect(applySplices(d.text, [removeLine(d, rule)])).toBe('*filter')
  })

  it('sets a policy in place, on a chain line or a -P command, counters kept', () => {
    const d = doc('*filter\n:INPUT ACCEPT [5:300]\n-P FORWARD ACCEPT\nCOMMIT\n')
    const [chain, command] = block(d).children
    if (chain?.type !== 'chain' || command?.type !== 'rule') throw new Error('shape')
    expect(applySplices(d.text, [setPolicy(d, chain, 'DROP'), setPolicy(d, command, 'DROP')])).toBe('*filter\n:INPUT DROP [5:300]\n-P FORWARD DROP\nCOMMIT\n')
  })

  it('finds the end of a chain: its last command that changes rules, else the declarations, else the header', () => {
    const d = doc('*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n-A INPUT -j A\n-A FORWARD -j B\n-P INPUT DROP\nCOMMIT\n')
    const t = block(d)
    expect(endOfChain(t, 'INPUT')).toBe(t.children[2])
    expect(endOfChain(t, 'OUTPUT')).toBe(t.children[1])
    const bare = doc('*filter\nCOMMIT\n')
    expect(endOfChain(block(bare), 'INPUT')).toBe(block(bare).header)
  })

  it('inserts an option after a word', () => {
    const d = doc('*filter\n-A INPUT -p tcp -j ACCEPT\nCOMMIT\n')
    const rule = block(d).children[0] as IptablesRule
    const chain = rule.children[0]!.arguments[0]!
    expect(applySplices(d.text, [insertAfterWord(d, chain, ' -s 10.0.0.0/8')])).toBe('*filter\n-A INPUT -s 10.0.0.0/8 -p tcp -j ACCEPT\nCOMMIT\n')
  })
})
