/**
 * Prints an Apache tree back to text, byte for byte.
 */
import {createPrinter, type PrintHandlers} from '../../core/print.js'
import type {ApacheNode, ApacheWord} from './types.js'

function words(list: readonly ApacheWord[], out: string[]): void {
  for (const word of list) out.push(word.before, word.value)
}

const handlers: PrintHandlers<ApacheNode> = {
  root(node, out) {
    if (node.bom) out.push('\uFEFF')
    for (const child of node.children) printNode(child, out)
  },
  section(node, out) {
    handlers.sectionOpen(node.open, out)
    for (const child of node.children) printNode(child, out)
    handlers.sectionClose(node.close, out)
  },
  sectionOpen(node, out) {
    out.push(node.indent, '<', node.name.value, node.nameBracket)
    words(node.arguments, out)
    out.push(node.bracket, node.after, node.eol)
  },
  sectionClose(node, out) {
    out.push(node.indent, '</', node.name.value, '>', node.after, node.eol)
  },
  directive(node, out) {
    out.push(node.indent, node.name.value)
    words(node.arguments, out)
    out.push(node.trailing, node.eol)
  },
  comment(node, out) {
    out.push(node.indent, node.value, node.eol)
  },
  blank(node, out) {
    out.push(node.value, node.eol)
  },
  name(node, out) {
    out.push(node.value)
  },
  word(node, out) {
    out.push(node.before, node.value)
  },
}

const {printNode, print: printTree} = createPrinter(handlers)

/**
 * Prints a tree, or any node of it, back to text.
 *
 * @param node the root or any node
 */
export function print(node: ApacheNode): string {
  return printTree(node)
}
