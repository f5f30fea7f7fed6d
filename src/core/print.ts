/**
 * The printers of the formats' lossless trees: one handler per node type, each pushing the
 * node's stored raw text and trivia, so that `print(parse(text)) === text` byte for byte.
 */

/** One handler per node type of a tree; the type makes the compiler reject a missing one. */
export type PrintHandlers<N extends {type: string}> = {[K in N['type']]: (node: Extract<N, {type: K}>, out: string[]) => void}

/**
 * A printer made of one handler per node type.
 *
 * @param handlers the handlers; they print their children with the returned `printNode`
 * @returns `printNode`, which pushes a node's text into `out`, and `print`, which returns it
 */
export function createPrinter<N extends {type: string}>(handlers: PrintHandlers<N>): {printNode(node: N, out: string[]): void; print(node: N): string} {
  const printNode = (node: N, out: string[]): void => {
    // The cast is safe: `handlers[node.type]` is the handler for exactly this node's type.
    ;(handlers[node.type as N['type']] as unknown as (node: N, out: string[]) => void)(node, out)
  }
  return {
    printNode,
    print(node) {
      const out: string[] = []
      printNode(node, out)
      return out.join('')
    },
  }
}
