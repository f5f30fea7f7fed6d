/**
 * Prints an ntp.conf tree back to text. Every node prints its stored raw text and trivia,
 * so `print(parse(text)) === text` byte for byte.
 */
import {createPrinter, type PrintHandlers} from '../../core/print.js'
import type {NtpCommand, NtpNode, NtpOption, NtpWord} from './types.js'

function words(out: string[], ...parts: Array<NtpWord | NtpOption | ReadonlyArray<NtpWord | NtpOption> | undefined>): void {
  for (const part of parts) {
    if (part === undefined) continue
    if (Array.isArray(part)) for (const item of part as ReadonlyArray<NtpWord | NtpOption>) printNode(item, out)
    else printNode(part as NtpWord | NtpOption, out)
  }
}

function open(node: NtpCommand, out: string[]): void {
  out.push(node.indent, node.keyword.value)
}

function close(node: NtpCommand, out: string[]): void {
  out.push(node.trailing, node.eol)
}

const handlers: PrintHandlers<NtpNode> = {
  root(node, out) {
    if (node.bom) out.push('\uFEFF')
    for (const child of node.children) printNode(child, out)
  },
  blank(node, out) {
    out.push(node.value, node.eol)
  },
  comment(node, out) {
    out.push(node.indent, node.value, node.eol)
  },
  restrict(node, out) {
    open(node, out)
    words(out, node.family, node.address, node.maskKeyword, node.mask, node.flags, node.rest)
    close(node, out)
  },
  association(node, out) {
    open(node, out)
    words(out, node.family, node.address, node.options, node.rest)
    close(node, out)
  },
  system(node, out) {
    open(node, out)
    words(out, node.flags, node.rest)
    close(node, out)
  },
  include(node, out) {
    open(node, out)
    words(out, node.path)
    if (node.command !== undefined) printNode(node.command, out)
    words(out, node.rest)
    close(node, out)
  },
  file(node, out) {
    open(node, out)
    words(out, node.path, node.value, node.rest)
    close(node, out)
  },
  filegen(node, out) {
    open(node, out)
    words(out, node.stat, node.options, node.rest)
    close(node, out)
  },
  tinker(node, out) {
    open(node, out)
    words(out, node.options, node.rest)
    close(node, out)
  },
  directive(node, out) {
    open(node, out)
    words(out, node.arguments)
    close(node, out)
  },
  word(node, out) {
    out.push(node.before, node.value)
  },
  option(node, out) {
    printNode(node.name, out)
    if (node.value !== undefined) printNode(node.value, out)
  },
}

const {printNode, print: printTree} = createPrinter(handlers)

/**
 * Prints a tree, or any node of it, back to text.
 *
 * @param node the root or any node
 * @returns the text it was parsed from (or, for a built node, the text it stands for)
 */
export function print(node: NtpNode): string {
  return printTree(node)
}
