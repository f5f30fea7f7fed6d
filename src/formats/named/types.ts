/**
 * The syntax tree of a BIND 9 `named.conf` file (named.conf(5)).
 *
 * A file is a list of statements; a statement is a sequence of terms (bare words, quoted
 * strings, the negation `!`, blocks in braces) ended by `;`; a block holds statements of
 * its own. White space and comments are trivia nodes between them, so that the tree is
 * lossless: every byte of the file is stored once, in a token's raw `value` or in a trivia
 * node, and `print(parse(text)) === text`.
 *
 * The tree is syntactic. Whether a block is the body of `options` or an address match list
 * is named's grammar of each statement, read by the helpers in `semantics.ts`, as is what a
 * token means (a keyword ignores case, a string loses its quotes); none of it is stored
 * beside the raw text.
 *
 * Nodes follow unist: a string `type`, an optional `position` (absent on nodes a fix
 * creates), optional `data`. Unions are derived from content maps, so that a plugin can
 * add a node type by declaration merging and the printer's handler map must cover it.
 */
import type {Data, Literal, Parent, Position} from 'unist'

/** A bare word: a keyword, a name, a number, an address (`10.0.0.0/8`), as written. */
export interface NamedWord extends Literal {
  type: 'word'
  value: string
  position?: Position | undefined
  data?: Data | undefined
}

/** A quoted string, quotes and backslashes included: `"/var/cache/bind"`. */
export interface NamedString extends Literal {
  type: 'string'
  value: string
  position?: Position | undefined
  data?: Data | undefined
}

/** The `!` that negates the address match element after it. */
export interface NamedNegation extends Literal {
  type: 'negation'
  value: '!'
  position?: Position | undefined
  data?: Data | undefined
}

/**
 * `{ ... }`: the body of a statement such as `options` or `zone`, or an address match
 * list. Its position runs from `{` to `}`; its children are what is between them.
 */
export interface NamedBlock extends Parent {
  type: 'block'
  children: NamedBlockContent[]
  position?: Position | undefined
  data?: Data | undefined
}

/** White space: spaces, tabs and line ends (`\n`, `\r\n`, a lone `\r`). */
export interface NamedWhitespace extends Literal {
  type: 'whitespace'
  value: string
  position?: Position | undefined
  data?: Data | undefined
}

/**
 * A comment, as written: `/* ... *\/` (possibly across lines), `// ...` or `# ...` (up to,
 * not including, the line end).
 */
export interface NamedComment extends Literal {
  type: 'comment'
  value: string
  position?: Position | undefined
  data?: Data | undefined
}

/** Nodes that are no part of what named reads: white space and comments. */
export interface NamedTriviaContentMap {
  whitespace: NamedWhitespace
  comment: NamedComment
}

/** White space or a comment. */
export type NamedTrivia = NamedTriviaContentMap[keyof NamedTriviaContentMap]

/** The terms a statement is made of. */
export interface NamedTermContentMap {
  word: NamedWord
  string: NamedString
  negation: NamedNegation
  block: NamedBlock
}

/** A word, a string, a negation or a block. */
export type NamedTerm = NamedTermContentMap[keyof NamedTermContentMap]

/** What a statement holds: terms, and the trivia between them and before its `;`. */
export interface NamedStatementContentMap extends NamedTermContentMap, NamedTriviaContentMap {}

/** Any child of a statement. */
export type NamedStatementContent = NamedStatementContentMap[keyof NamedStatementContentMap]

/**
 * A statement: terms ended by `;` (the `;` is not stored: every statement has exactly one).
 * Its position runs from its first term to its `;`, inclusive.
 */
export interface NamedStatement extends Parent {
  type: 'statement'
  children: NamedStatementContent[]
  position?: Position | undefined
  data?: NamedStatementData | undefined
}

/** Room for plugins to attach data to statements. */
export interface NamedStatementData extends Data {}

/** What a block or a file holds: statements and the trivia around them. */
export interface NamedBlockContentMap extends NamedTriviaContentMap {
  statement: NamedStatement
}

/** Any child of a block or of the root. */
export type NamedBlockContent = NamedBlockContentMap[keyof NamedBlockContentMap]

/** Nodes that can be children of the root. */
export interface NamedRootContentMap extends NamedBlockContentMap {}

/** Any child of the root. */
export type NamedRootContent = NamedRootContentMap[keyof NamedRootContentMap]

/** A whole `named.conf` file, or a file it includes. */
export interface NamedRoot extends Parent {
  type: 'root'
  /** Whether the file starts with a UTF-8 byte order mark (which named refuses). */
  bom: boolean
  children: NamedRootContent[]
  position?: Position | undefined
  data?: Data | undefined
}

/** Every node type of the tree. */
export type NamedNode = NamedRoot | NamedStatement | NamedTerm | NamedTrivia
