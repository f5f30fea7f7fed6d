/**
 * Prints a named.conf tree back to text. Every node prints its stored raw text and
 * trivia, and a statement its `;`, so `print(parse(text)) === text` byte for byte.
 */
import {createPrinter, type PrintHandlers} from '../../core/print.js'
import type {NamedNode} from './types.js'

const handlers: PrintHandlers<NamedNode> = {
  root(node, out) {
    if (node.bom) out.push('\uFEFF')
    for (const child of node.children) printNode(child, out)
  },
  statement(node, out) {
    for (const child of node.children) printNode(child, out)
    out.push(';')
  },
  block(node, out) {
    out.push('{')
    for (const child of node.children) printNode(child, out)
    out.push('}')
  },
  word(node, out) {
    out.push(node.value)
  },
  string(node, out) {
    out.push(node.value)
  },
  negation(node, out) {
    out.push(node.value)
  },
  whitespace(node, out) {
    out.push(node.value)
  },
  comment(node, out) {
    out.push(node.value)
  },
}

const {printNode, print: printTree} = createPrinter(handlers)

/**
 * Prints a tree, or any node of it, back to text.
 *
 * @param node the root or any node
 * @returns the text it was parsed from (or, for a built node, the text it stands for)
 */
export function print(node: NamedNode): string {
  return printTree(node)
}
