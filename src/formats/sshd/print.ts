/**
 * Prints an sshd tree back to text. Every node prints its stored raw text and trivia, so
 * `print(parse(text)) === text` byte for byte.
 */
import type {SshdNode} from './types.js'

type Handler<T extends SshdNode> = (node: T, out: string[]) => void

/** One printer per node type; the type makes the compiler reject a missing one. */
type Handlers = {[K in SshdNode['type']]: Handler<Extract<SshdNode, {type: K}>>}

const handlers: Handlers = {
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

function printNode(node: SshdNode, out: string[]): void {
  // The cast is safe: `handlers[node.type]` is the handler for exactly this node's type.
  ;(handlers[node.type] as Handler<SshdNode>)(node, out)
}

/**
 * Prints a tree, or any node of it, back to text.
 *
 * @param node the root or any node
 * @returns the text it was parsed from (or, for a built node, the text it stands for)
 */
export function print(node: SshdNode): string {
  const out: string[] = []
  printNode(node, out)
  return out.join('')
}
