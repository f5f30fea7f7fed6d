/**
 * Properties of the iptables parser and printer: lossless round trips over generated files
 * and over noise, trees that hold the lines that were generated, positions that point at
 * the right bytes, the fast path that builds the grammar's tree, and trees that survive JSON.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import type {Position} from 'unist'
import {parse, parseWithGrammar} from '../../src/formats/iptables/parse.js'
import {print} from '../../src/formats/iptables/print.js'
import type {IptablesRoot, IptablesRule, IptablesWord} from '../../src/formats/iptables/types.js'
import {configNoise, documentShape, hardeningScenario, renderDocument, type DocumentShape, type LineShape} from '../arbitraries/iptables.js'
import {checkPosition, parseOrSyntaxError} from '../support/positions.js'

/** The words of a rule line, in order, from the tree. */
function ruleWords(rule: IptablesRule): IptablesWord[] {
  return rule.children.flatMap((c) => [...(c.not ? [c.not] : []), c.name, ...c.arguments, ...('children' in c ? c.children.flatMap((o) => [...(o.not ? [o.not] : []), o.name, ...o.arguments]) : [])])
}

/** A line as `type|indent|words|trailing|eol`, from a shape or from the tree. */
function summarizeShapeLine(line: LineShape): string {
  switch (line.type) {
    case 'blank':
      return `blank|${line.value}|${line.eol}`
    case 'comment':
      return `comment|${line.indent}|${line.value}|${line.eol}`
    case 'chain':
      return `chain|${line.indent}|${line.words.map((w) => `${w.before}${w.raw}`).join('')}|${line.trailing}|${line.eol}`
    case 'rule':
      return `rule|${line.counters ?? ''}|${line.words.map((w) => `${w.before}${w.raw}`).join('')}|${line.trailing}|${line.eol}`
  }
}

function summarizeShape(doc: DocumentShape): string[] {
  return doc.children.flatMap((child) =>
    child.type === 'table'
      ? [
          `table|${child.header.indent}|${child.header.words.map((w) => `${w.before}${w.raw}`).join('')}|${child.header.trailing}|${child.header.eol}`,
          ...child.lines.map(summarizeShapeLine),
          child.commit === undefined ? 'no commit' : `commit|${child.commit.indent}|${child.commit.trailing}|${child.commit.eol}`,
        ]
      : [summarizeShapeLine(child)],
  )
}

function summarizeTree(root: IptablesRoot): string[] {
  const words = (list: ReadonlyArray<IptablesWord | undefined>) => list.filter((w): w is IptablesWord => w !== undefined).map((w) => `${w.before}${w.value}`).join('')
  const line = (node: IptablesRoot['children'][number]): string => {
    switch (node.type) {
      case 'blank':
        return `blank|${node.value}|${node.eol}`
      case 'comment':
        return `comment|${node.indent}|${node.value}|${node.eol}`
      case 'chain':
        return `chain|${node.indent}|${words([node.name, node.policy, node.counters, ...node.rest])}|${node.trailing}|${node.eol}`
      case 'rule':
        return `rule|${node.counters?.value ?? ''}|${words(ruleWords(node))}|${node.trailing}|${node.eol}`
      case 'commit':
        return `stray commit|${node.indent}|${node.trailing}|${node.eol}`
      case 'invalid':
        return `invalid|${node.value}|${node.eol}`
      case 'table':
        return ''
    }
  }
  return root.children.flatMap((child) =>
    child.type === 'table'
      ? [
          `table|${child.header.indent}|${words([child.header.name, ...child.header.rest])}|${child.header.trailing}|${child.header.eol}`,
          ...child.children.map(line),
          child.commit === undefined ? 'no commit' : `commit|${child.commit.indent}|${child.commit.trailing}|${child.commit.eol}`,
        ]
      : [line(child)],
  )
}

/** Where positions do not cover their node's own text (empty: all do). */
function positionProblems(text: string, root: IptablesRoot): string[] {
  const problems: string[] = []
  const check = (position: Position | undefined, expected: string, what: string) => checkPosition(problems, text, position, expected, what)
  const visitRule = (rule: IptablesRule, where: string) => {
    const list = ruleWords(rule)
    for (const word of list) check(word.position, word.value, `${where} word`)
    if (rule.counters !== undefined) check(rule.counters.position, rule.counters.value, `${where} counters`)
    for (const child of rule.children) check(child.position, print(child).replace(/^[ \t]+/, ''), `${where} ${child.type}`)
    const printed = print(rule)
    const core = printed.slice(rule.counters === undefined ? (list[0]?.before.length ?? 0) : 0, printed.length - rule.eol.length - rule.trailing.length)
    check(rule.position, core, `${where} rule`)
  }
  root.children.forEach((child, i) => {
    if (child.type === 'table') {
      for (const word of [child.header.name, ...child.header.rest]) if (word !== undefined) check(word.position, word.value, `table ${i} header word`)
      child.children.forEach((line, j) => {
        if (line.type === 'rule') visitRule(line, `table ${i} line ${j}`)
        if (line.type === 'comment') check(line.position, line.value, `table ${i} line ${j} comment`)
      })
      if (child.commit !== undefined) check(child.commit.position, 'COMMIT', `table ${i} commit`)
    } else if (child.type === 'rule') visitRule(child, `line ${i}`)
  })
  return problems
}

describe('iptables round trip over generated files', () => {
  test.prop([documentShape])('print(parse(x)) === x', (shape) => {
    const text = renderDocument(shape)
    expect(print(parse(text))).toBe(text)
  })

  test.prop([documentShape])('the tree holds the lines that were generated', (shape) => {
    const tree = parse(renderDocument(shape))
    expect(tree.bom).toBe(shape.bom)
    expect(summarizeTree(tree)).toEqual(summarizeShape(shape))
  })

  test.prop([documentShape])('every position covers its own text', (shape) => {
    const text = renderDocument(shape)
    expect(positionProblems(text, parse(text))).toEqual([])
  })

  test.prop([fc.oneof(documentShape.map(renderDocument), configNoise, hardeningScenario.map((s) => s.files['/etc/iptables/rules.v4']!))])('the fast path builds the tree of the grammar alone', (text) => {
    if (text.includes('\0')) return
    expect(JSON.parse(JSON.stringify(parse(text)))).toEqual(JSON.parse(JSON.stringify(parseWithGrammar(text))))
  })

  test.prop([fc.oneof(documentShape.map(renderDocument), hardeningScenario.map((s) => s.files['/etc/iptables/rules.v4']!))])('the tree survives JSON', (text) => {
    const tree = parse(text)
    const copy = JSON.parse(JSON.stringify(tree)) as typeof tree
    expect(copy).toStrictEqual(tree)
    expect(print(copy)).toBe(text)
  })
})

describe('iptables parser over noise', () => {
  test.prop([configNoise])('round-trips or throws a ConfigSyntaxError inside the text', (text) => {
    const tree = parseOrSyntaxError(text, parse)
    if (tree === undefined) {
      expect(text).toContain('\0')
      return
    }
    expect(print(tree)).toBe(text)
    expect(positionProblems(text, tree)).toEqual([])
  })
})
