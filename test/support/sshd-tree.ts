/**
 * Checks over sshd trees shared by the property and regression tests: where every node
 * says it is, and a summary of the lines to compare with a generated shape.
 */
import {expect} from 'vitest'
import {checkPosition, type Problems} from './positions.js'
import {print} from '../../src/formats/sshd/print.js'
import type {SshdDirective, SshdLine, SshdRoot} from '../../src/formats/sshd/types.js'
import {flattenLines, type DocumentShape, type LineShape} from '../arbitraries/sshd.js'

/** What a line node's position covers: its text without the indent and the line end. */
function lineCore(line: SshdLine): string {
  const printed = print(line)
  const indent = 'indent' in line ? line.indent.length : 0
  return printed.slice(indent, printed.length - line.eol.length)
}

function checkDirective(problems: Problems, text: string, line: SshdDirective, where: string): void {
  checkPosition(problems, text, line.position, lineCore(line), `${where} directive`)
  checkPosition(problems, text, line.keyword.position, line.keyword.value, `${where} keyword`)
  if (line.keyword.position?.start.offset !== line.position?.start.offset) problems.push(`${where}: the keyword does not start its directive`)
  let at = (line.keyword.position?.end.offset ?? NaN) + line.separator.length
  line.arguments.forEach((argument, i) => {
    checkPosition(problems, text, argument.position, argument.value, `${where} argument ${i}`)
    at += argument.before.length
    if (argument.position?.start.offset !== at) problems.push(`${where} argument ${i}: starts at ${argument.position?.start.offset}, expected ${at}`)
    at = argument.position?.end.offset ?? NaN
  })
}

/**
 * The ways in which node positions do not cover exactly their own text: the root the
 * whole text, a line its text without indent and line end, a Match block from its keyword
 * to the end of its last line (line end excluded), a keyword or an argument its `value`.
 * Lines must follow one another without gaps or overlaps, and every line and column must
 * agree with its offset.
 *
 * @param text the parsed text
 * @param root its tree
 * @returns the problems found, empty when there is none
 */
export function positionProblems(text: string, root: SshdRoot): string[] {
  const problems: Problems = []
  checkPosition(problems, text, root.position, print(root), 'root')
  let at = root.bom ? 1 : 0
  const visitLine = (line: SshdLine, where: string): void => {
    const indent = 'indent' in line ? line.indent.length : 0
    const start = (line.position?.start.offset ?? NaN) - indent
    if (start !== at) problems.push(`${where}: starts at ${start}, the line before ended at ${at}`)
    if (line.type === 'directive') checkDirective(problems, text, line, where)
    else checkPosition(problems, text, line.position, lineCore(line), `${where} ${line.type}`)
    at = (line.position?.end.offset ?? NaN) + line.eol.length
  }
  root.children.forEach((child, i) => {
    if (child.type === 'match') {
      const printed = print(child)
      const last = child.children[child.children.length - 1] ?? child.head
      checkPosition(problems, text, child.position, printed.slice(child.head.indent.length, printed.length - last.eol.length), `line ${i} match`)
      visitLine(child.head, `match ${i} head`)
      child.children.forEach((line, j) => visitLine(line, `match ${i} line ${j}`))
    } else {
      visitLine(child, `line ${i}`)
    }
  })
  if (at !== text.length) problems.push(`the lines end at ${at}, the text at ${text.length}`)
  return problems
}

/**
 * Asserts that every node's position covers exactly its own text (see {@link positionProblems}).
 *
 * @param text the parsed text
 * @param root its tree
 */
export function checkPositions(text: string, root: SshdRoot): void {
  expect(positionProblems(text, root)).toEqual([])
}

/** A comparable summary of one line. */
export type LineSummary = Record<string, unknown>

function summarizeDirective(d: {indent: string; keyword: string; separator: string; arguments: Array<{before: string; raw: string}>; trailing: string; eol: string}, block: number): LineSummary {
  // Without arguments, the white space between keyword and a trailing comment may be read
  // as separator or as trailing text: compare only what is unambiguous.
  const spacing =
    d.arguments.length > 0 ? {separator: d.separator, trailing: d.trailing} : {separatorAndTrailing: d.separator + d.trailing, trailingCore: d.trailing.replace(/^[ \t]+/, '')}
  return {type: 'directive', block, indent: d.indent, keyword: d.keyword, arguments: d.arguments.map((a) => [a.before, a.raw]), ...spacing, eol: d.eol}
}

function summarizeShapeLine(line: LineShape, block: number): LineSummary {
  if (line.type === 'directive') return summarizeDirective(line, block)
  return {...line, block}
}

/**
 * The lines of a shape, summarized; `block` is -1 for global lines and the Match block's
 * index otherwise.
 *
 * @param doc the shape
 */
export function summarizeShape(doc: DocumentShape): LineSummary[] {
  const out: LineSummary[] = []
  let block = -1
  for (const child of doc.children) {
    if (child.type === 'match') {
      block++
      out.push({...summarizeShapeLine(child.head, block), head: true})
      for (const line of child.children) out.push(summarizeShapeLine(line, block))
    } else {
      out.push(summarizeShapeLine(child, block))
    }
  }
  return out
}

function summarizeTreeLine(line: SshdLine, block: number): LineSummary {
  switch (line.type) {
    case 'directive':
      return summarizeDirective({...line, keyword: line.keyword.value, arguments: line.arguments.map((a) => ({before: a.before, raw: a.value}))}, block)
    case 'comment':
      return {type: 'comment', indent: line.indent, value: line.value, eol: line.eol, block}
    case 'blank':
      return {type: 'blank', value: line.value, eol: line.eol, block}
    case 'invalid':
      return {type: 'invalid', value: line.value, eol: line.eol, block}
  }
}

/**
 * The lines of a tree, summarized like {@link summarizeShape}.
 *
 * @param root the tree
 */
export function summarizeTree(root: SshdRoot): LineSummary[] {
  const out: LineSummary[] = []
  let block = -1
  for (const child of root.children) {
    if (child.type === 'match') {
      block++
      out.push({...summarizeTreeLine(child.head, block), head: true})
      for (const line of child.children) out.push(summarizeTreeLine(line, block))
    } else {
      out.push(summarizeTreeLine(child, block))
    }
  }
  return out
}

/** The argument values of every directive of a shape, in order. */
export function shapeValues(doc: DocumentShape): string[][] {
  return flattenLines(doc)
    .filter((line) => line.type === 'directive')
    .map((line) => line.arguments.map((a) => a.value))
}

/** Every directive of a tree, Match lines included, in order. */
export function treeDirectives(root: SshdRoot): SshdDirective[] {
  return root.children.flatMap((child) => (child.type === 'match' ? [child.head, ...child.children] : [child])).filter((line): line is SshdDirective => line.type === 'directive')
}
