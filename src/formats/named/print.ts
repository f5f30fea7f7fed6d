/**
 * Prints a named.conf tree back to text. Every node prints its stored raw text and
 * trivia, and a statement its `;`, so `print(parse(text)) === text` byte for byte.
 */
import type {NamedNode} from './types.js'

type Handler<T extends NamedNode> = (node: T, out: string[]) => void

/** One printer per node type; the type makes the compiler reject a missing one. */
type Handlers = {[K in NamedNode['type']]: Handler<Extract<NamedNode, {type: K}>>}

const handlers: Handlers = {
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

function printNode(node: NamedNode, out: string[]): void {
  // The cast is safe: `handlers[node.type]` is the handler for exactly this node's type.
  ;(handlers[node.type] as Handler<NamedNode>)(node, out)
}

/**
 * Prints a tree, or any node of it, back to text.
 *
 * @param node the root or any node
 * @returns the text it was parsed from (or, for a built node, the text it stands for)
 */
export function print(node: NamedNode): string {
  const out: string[] = []
  printNode(node, out)
  return out.join('')
}
