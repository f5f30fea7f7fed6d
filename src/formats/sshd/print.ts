/**
 * Prints an sshd tree back to text. Every node prints its stored raw text and trivia, so
 * `print(parse(text)) === text` byte for byte.
 */
import {createPrinter, type PrintHandlers} from '../../core/print.js'
import type {SshdNode} from './types.js'

const handlers: PrintHandlers<SshdNode> = {
  root(node, out) {
    if (node.bom) out.push('\uFEFF')
    for (const child of node.children) printNode(child, out)
  },
  match(node, out) {
    handlers.directive(node.head, out)
    for (const child of node.children) printNode(child, out)
  },
  directive(node, out) {
    out.push(node.indent, node.keyword.value, node.separator)
    for (const argument of node.arguments) out.push(argument.before, argument.value)
    out.push(node.trailing, node.eol)
  },
  comment(node, out) {
    out.push(node.indent, node.value, node.eol)
  },
  blank(node, out) {
    out.push(node.value, node.eol)
  },
  invalid(node, out) {
    out.push(node.value, node.eol)
  },
  keyword(node, out) {
    out.push(node.value)
  },
  argument(node, out) {
    out.push(node.before, node.value)
  },
}

const {printNode, print: printTree} = createPrinter(handlers)

/**
 * Prints a tree, or any node of it, back to text.
 *
 * @param node the root or any node
 * @returns the text it was parsed from (or, for a built node, the text it stands for)
 */
export function print(node: SshdNode): string {
  return printTree(node)
}
