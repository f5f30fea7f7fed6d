/**
 * Prints an iptables tree back to text. Every node prints its stored raw text and trivia, so
 * `print(parse(text)) === text` byte for byte.
 */
import {createPrinter, type PrintHandlers} from '../../core/print.js'
import type {IptablesNode, IptablesWord} from './types.js'

/** The words of an option, a match or a target: `!`, name, arguments. */
function optionWords(node: {not?: IptablesWord | undefined; name: IptablesWord; arguments: IptablesWord[]}, out: string[]): void {
  if (node.not !== undefined) handlers.word(node.not, out)
  handlers.word(node.name, out)
  for (const word of node.arguments) handlers.word(word, out)
}

const handlers: PrintHandlers<IptablesNode> = {
  root(node, out) {
    if (node.bom) out.push('\uFEFF')
    for (const child of node.children) printNode(child, out)
  },
  table(node, out) {
    handlers.header(node.header, out)
    for (const child of node.children) printNode(child, out)
    if (node.commit !== undefined) handlers.commit(node.commit, out)
  },
  header(node, out) {
    out.push(node.indent, '*')
    if (node.name !== undefined) handlers.word(node.name, out)
    for (const word of node.rest) handlers.word(word, out)
    out.push(node.trailing, node.eol)
  },
  chain(node, out) {
    out.push(node.indent, ':')
    for (const word of [node.name, node.policy, node.counters, ...node.rest]) if (word !== undefined) handlers.word(word, out)
    out.push(node.trailing, node.eol)
  },
  commit(node, out) {
    out.push(node.indent, 'COMMIT', node.trailing, node.eol)
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
  rule(node, out) {
    if (node.counters !== undefined) handlers.counters(node.counters, out)
    for (const child of node.children) printNode(child, out)
    out.push(node.trailing, node.eol)
  },
  counters(node, out) {
    out.push(node.value)
  },
  command: optionWords,
  parameter: optionWords,
  option: optionWords,
  match(node, out) {
    optionWords(node, out)
    for (const child of node.children) optionWords(child, out)
  },
  target(node, out) {
    optionWords(node, out)
    for (const child of node.children) optionWords(child, out)
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
 * @returns the text it was parsed from (or, for a built node, the text it stands for)
 */
export function print(node: IptablesNode): string {
  return printTree(node)
}
