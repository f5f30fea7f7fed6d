/**
 * The syntax tree of an `sshd_config` file (sshd_config(5)).
 *
 * The tree is lossless: every byte of the file is stored once, in a token's raw `value` or
 * in the trivia around it (`indent`, `separator`, `before`, `trailing`, `eol`). What a value
 * means (the canonical keyword, an argument without its quotes) is derived by the helpers
 * in `semantics.ts` and never stored beside the raw text.
 *
 * Nodes follow unist: a string `type`, an optional `position` (absent on nodes a fix
 * creates), optional `data`. Unions are derived from content maps, so that a plugin can
 * add a node type by declaration merging and the printer's handler map must cover it.
 */
import type {Data, Literal, Node, Parent, Position} from 'unist'

/** The keyword of a directive, as written (quotes included). */
export interface SshdKeyword extends Literal {
  type: 'keyword'
  /** Raw text of the keyword, for example `PermitRootLogin` or `"Port"`. */
  value: string
  position?: Position | undefined
  data?: Data | undefined
}

/** One argument of a directive, as written (quotes and backslashes included). */
export interface SshdArgument extends Literal {
  type: 'argument'
  /** Raw text of the argument, for example `no` or `"/etc/issue.net"`. */
  value: string
  /** The white space between this argument and the one before it (empty for the first). */
  before: string
  position?: Position | undefined
  data?: Data | undefined
}

/**
 * A `Keyword arguments...` line. Its position runs from the keyword (after the indent) to
 * the end of its trailing text, line end excluded; the positions of comment, blank and
 * invalid lines likewise run from their text (after any indent) to their line end.
 */
export interface SshdDirective extends Node {
  type: 'directive'
  /** Text before the keyword: white space and at most one `=`. */
  indent: string
  keyword: SshdKeyword
  /** Text between the keyword and the first argument: white space, `=`, or both. */
  separator: string
  arguments: SshdArgument[]
  /** Text after the last argument: white space, a `# comment`, a stray `\r` or `\f`. */
  trailing: string
  /** The line end: `\n`, `\r\n`, or empty on a last line without one. */
  eol: string
  position?: Position | undefined
  data?: SshdDirectiveData | undefined
}

/** Room for plugins to attach data to directives. */
export interface SshdDirectiveData extends Data {}

/** A `# comment` line. */
export interface SshdComment extends Literal {
  type: 'comment'
  indent: string
  /** The comment, from its `#` to the end of the line (line end excluded). */
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** An empty line, or one with only white space. */
export interface SshdBlank extends Literal {
  type: 'blank'
  /** The white space on the line. */
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** A line that is neither blank, a comment nor a directive (sshd skips it). */
export interface SshdInvalid extends Literal {
  type: 'invalid'
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** Nodes that can stand on a line of their own, in the global part or in a Match block. */
export interface SshdLineContentMap {
  directive: SshdDirective
  comment: SshdComment
  blank: SshdBlank
  invalid: SshdInvalid
}

/** Any line node. */
export type SshdLine = SshdLineContentMap[keyof SshdLineContentMap]

/**
 * A `Match` block: the `Match` line and every line up to the next `Match` or the end of the
 * file (sshd_config(5) "Match").
 */
export interface SshdMatch extends Parent {
  type: 'match'
  /** The `Match` directive itself. */
  head: SshdDirective
  children: SshdLine[]
  position?: Position | undefined
  data?: Data | undefined
}

/** Nodes that can be children of the root. */
export interface SshdRootContentMap extends SshdLineContentMap {
  match: SshdMatch
}

/** Any child of the root. */
export type SshdRootContent = SshdRootContentMap[keyof SshdRootContentMap]

/** A whole `sshd_config` file. Global lines come first, Match blocks after them. */
export interface SshdRoot extends Parent {
  type: 'root'
  /** Whether the file starts with a UTF-8 byte order mark (which sshd rejects). */
  bom: boolean
  children: SshdRootContent[]
  position?: Position | undefined
  data?: Data | undefined
}

/** Every node type of the tree. */
export type SshdNode = SshdRoot | SshdRootContent | SshdKeyword | SshdArgument
