/**
 * Prints an Apache tree back to text, byte for byte.
 */
import type {ApacheNode, ApacheWord} from './types.js'

type Handler<T extends ApacheNode> = (node: T, out: string[]) => void

/** One printer per node type; the type makes the compiler reject a missing one. */
type Handlers = {[K in ApacheNode['type']]: Handler<Extract<ApacheNode, {type: K}>>}

function words(list: readonly ApacheWord[], out: string[]): void {
  for (const word of list) out.push(word.before, word.value)
}

const handlers: Handlers = {
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

function printNode(node: ApacheNode, out: string[]): void {
  // The cast is safe: `handlers[node.type]` is the handler for exactly this node's type.
  ;(handlers[node.type] as Handler<ApacheNode>)(node, out)
}

/**
 * Prints a tree, or any node of it, back to text.
 *
 * @param node the root or any node
 */
export function print(node: ApacheNode): string {
  const out: string[] = []
  printNode(node, out)
  return out.join('')
}
