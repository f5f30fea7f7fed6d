/**
 * Checks over Apache trees shared by the property and regression tests: where every node
 * says it is, a summary of the nodes to compare with a generated shape, and the values
 * httpd reads from each word.
 */
import {checkPosition, type Problems} from './positions.js'
import {print} from '../../src/formats/apache/print.js'
import {wordValue} from '../../src/formats/apache/semantics.js'
import type {ApacheContent, ApacheRoot, ApacheWord} from '../../src/formats/apache/types.js'
import type {DocumentShape, NodeShape, WordShape} from '../arbitraries/apache.js'

// ----- Summaries ------------------------------------------------------------------------------

/** A node as plain data: its raw tokens and trivia, and its children. */
export type Summary =
  | {type: 'directive'; indent: string; name: string; words: string[][]; trailing: string; eol: string}
  | {type: 'comment'; indent: string; value: string; eol: string}
  | {type: 'blank'; value: string; eol: string}
  | {type: 'section'; open: [string, string, string[][], string, string, string]; children: Summary[]; close: [string, string, string, string]}

const treeWords = (list: readonly ApacheWord[]): string[][] => list.map((w) => [w.before, w.value])
const shapeWords = (list: readonly WordShape[]): string[][] => list.map((w) => [w.before, w.raw])

/**
 * What a tree holds, as plain data.
 *
 * @param children the nodes of a file or section
 */
export function summarizeTree(children: readonly ApacheContent[]): Summary[] {
  return children.map((node): Summary => {
    switch (node.type) {
      case 'directive':
        return {type: 'directive', indent: node.indent, name: node.name.value, words: treeWords(node.arguments), trailing: node.trailing, eol: node.eol}
      case 'comment':
        return {type: 'comment', indent: node.indent, value: node.value, eol: node.eol}
      case 'blank':
        return {type: 'blank', value: node.value, eol: node.eol}
      case 'section': {
        const {open, close} = node
        return {
          type: 'section',
          open: [open.indent, open.name.value, treeWords(open.arguments), open.bracket, open.after, open.eol],
          children: summarizeTree(node.children),
          close: [close.indent, close.name.value, close.after, close.eol],
        }
      }
    }
  })
}

/**
 * What a generated shape holds, as the same plain data.
 *
 * @param children the nodes of a generated file or section
 */
export function summarizeShape(children: readonly NodeShape[]): Summary[] {
  return children.map((node): Summary => {
    switch (node.type) {
      case 'directive':
        return {type: 'directive', indent: node.indent, name: node.name.raw, words: shapeWords(node.arguments), trailing: node.trailing, eol: node.eol}
      case 'comment':
        return {type: 'comment', indent: node.indent, value: node.value, eol: node.eol}
      case 'blank':
        return {type: 'blank', value: node.value, eol: node.eol}
      case 'section': {
        const {open, close} = node
        return {
          type: 'section',
          open: [open.indent, open.name, shapeWords(open.arguments), open.bracket, open.after, open.eol],
          children: summarizeShape(node.children),
          close: [close.indent, close.name, close.after, close.eol],
        }
      }
    }
  })
}

/** What httpd reads, in order: each directive as `[name, ...values]`, each section as `<name` with its values, then `</`. */
export type Meaning = Array<string[] | string>

/**
 * What a tree means, through `wordValue`: each directive's name and arguments as httpd reads
 * them, each section's name and arguments, and where it closes.
 *
 * @param children the nodes of a file or section
 */
export function treeMeaning(children: readonly ApacheContent[]): Meaning {
  return children.flatMap((node): Meaning => {
    if (node.type === 'directive') return [[wordValue(node.name.value), ...node.arguments.map((w) => wordValue(w.value))]]
    if (node.type === 'section') return [[`<${node.open.name.value.replace(/\\\r?\n/g, '')}`, ...node.open.arguments.map((w) => wordValue(w.value))], ...treeMeaning(node.children), '</']
    return []
  })
}

/**
 * What a generated shape means: the values it was generated with.
 *
 * @param children the nodes of a generated file or section
 */
export function shapeMeaning(children: readonly NodeShape[]): Meaning {
  return children.flatMap((node): Meaning => {
    if (node.type === 'directive') return [[node.name.value, ...node.arguments.map((w) => w.value)]]
    if (node.type === 'section') return [[`<${node.open.name}`, ...node.open.arguments.map((w) => w.value)], ...shapeMeaning(node.children), '</']
    return []
  })
}

/** How deep the sections of a tree nest. */
export function treeDepth(children: readonly ApacheContent[]): number {
  return Math.max(0, ...children.map((node) => (node.type === 'section' ? 1 + treeDepth(node.children) : 0)))
}

/** The shape a document was generated from, with its BOM. */
export function summarizeDocument(shape: DocumentShape): {bom: boolean; children: Summary[]} {
  return {bom: shape.bom, children: summarizeShape(shape.children)}
}

// ----- Positions ------------------------------------------------------------------------------

/** Checks a run of words: each covers its raw text, right after the white space before it. */
function checkWords(problems: Problems, text: string, list: readonly ApacheWord[], from: number, where: string): number {
  let at = from
  list.forEach((word, i) => {
    at += word.before.length
    checkPosition(problems, text, word.position, word.value, `${where} word ${i}`)
    if (word.position?.start.offset !== at) problems.push(`${where} word ${i}: starts at ${word.position?.start.offset}, expected ${at}`)
    at += word.value.length
  })
  return at
}

/**
 * The ways in which node positions do not cover exactly their own text: the root the whole
 * text; a directive from its name to its last word; a comment or blank its value; an opening
 * tag from `<` to the end of what follows `>`; a closing tag from `</` likewise; a section
 * from its opening `<` to the end of its closing tag; a name or word its raw text. Lines
 * follow one another without gaps or overlaps, and every line and column agrees with its
 * offset.
 *
 * @param text the parsed text
 * @param root its tree
 * @returns the problems found, empty when there is none
 */
export function positionProblems(text: string, root: ApacheRoot): string[] {
  const problems: Problems = []
  checkPosition(problems, text, root.position, text, 'root')
  if (print(root) !== text) problems.push('the tree does not print back to the text')
  let at = root.bom ? 1 : 0
  const visit = (children: readonly ApacheContent[], where: string): void => {
    children.forEach((node, i) => {
      const here = `${where}/${i}`
      if (node.type === 'section') {
        const {open, close} = node
        const openText = `<${open.name.value}${open.nameBracket}${open.arguments.map((w) => w.before + w.value).join('')}${open.bracket}${open.after}`
        if (open.position?.start.offset !== at + open.indent.length) problems.push(`${here} open: starts at ${open.position?.start.offset}, expected ${at + open.indent.length}`)
        checkPosition(problems, text, open.position, openText, `${here} open`)
        checkPosition(problems, text, open.name.position, open.name.value, `${here} open name`)
        if (open.name.position?.start.offset !== at + open.indent.length + 1) problems.push(`${here} open name: does not follow <`)
        checkWords(problems, text, open.arguments, at + open.indent.length + 1 + open.name.value.length + open.nameBracket.length, `${here} open`)
        at += open.indent.length + openText.length + open.eol.length
        visit(node.children, here)
        const closeText = `</${close.name.value}>${close.after}`
        if (close.position?.start.offset !== at + close.indent.length) problems.push(`${here} close: starts at ${close.position?.start.offset}, expected ${at + close.indent.length}`)
        checkPosition(problems, text, close.position, closeText, `${here} close`)
        checkPosition(problems, text, close.name.position, close.name.value, `${here} close name`)
        if (close.name.position?.start.offset !== at + close.indent.length + 2) problems.push(`${here} close name: does not follow </`)
        const sectionStart = open.position?.start.offset ?? NaN
        checkPosition(problems, text, node.position, text.slice(sectionStart, at + close.indent.length + closeText.length), `${here} section`)
        at += close.indent.length + closeText.length + close.eol.length
        return
      }
      const indent = node.type === 'blank' ? 0 : node.indent.length
      const start = (node.position?.start.offset ?? NaN) - indent
      if (start !== at) problems.push(`${here} ${node.type}: starts at ${start}, the line before ended at ${at}`)
      if (node.type === 'directive') {
        const core = node.name.value + node.arguments.map((w) => w.before + w.value).join('')
        checkPosition(problems, text, node.position, core, `${here} directive`)
        checkPosition(problems, text, node.name.position, node.name.value, `${here} name`)
        if (node.name.position?.start.offset !== node.position?.start.offset) problems.push(`${here}: the name does not start its directive`)
        checkWords(problems, text, node.arguments, (node.name.position?.end.offset ?? NaN), here)
        at = start + indent + core.length + node.trailing.length + node.eol.length
      } else {
        checkPosition(problems, text, node.position, node.value, `${here} ${node.type}`)
        at = start + indent + node.value.length + node.eol.length
      }
    })
  }
  visit(root.children, '')
  if (at !== text.length) problems.push(`the last line ends at ${at}, the text at ${text.length}`)
  return problems
}
