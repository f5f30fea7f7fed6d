/**
 * The syntax tree of Apache httpd 2.4 configuration files.
 *
 * Lossless: every byte of the file is in a token's raw `value` or in the trivia around it
 * (`indent`, `before`, `trailing`, `bracket`, `after`, `eol`). A backslash-newline
 * continuation stays inside the token or trivia it was written in; what a token means (its
 * words unquoted, continuations removed, `${VAR}` resolved) is derived in `semantics.ts`.
 *
 * Positions: a line node's position runs from its first token (after the indent) to the
 * end of its last token (trailing white space and line end excluded).
 */
import type {Data, Literal, Node, Parent, Position} from 'unist'

/** A directive's or section's name, as written (`ServerTokens`, `IfModule`). */
export interface ApacheName extends Literal {
  type: 'name'
  value: string
  position?: Position | undefined
  data?: Data | undefined
}

/** One argument, as written (quotes, backslashes and continuations included). */
export interface ApacheWord extends Literal {
  type: 'word'
  value: string
  /** The white space before it (empty for a word that follows a closing quote). */
  before: string
  position?: Position | undefined
  data?: Data | undefined
}

/** A `Name arguments...` line. */
export interface ApacheDirective extends Node {
  type: 'directive'
  /** White space before the name. */
  indent: string
  name: ApacheName
  arguments: ApacheWord[]
  /** White space after the last word, which httpd trims. */
  trailing: string
  /** `\n`, `\r\n`, or empty on a last line without one. */
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** A line whose first character is `#` (continuations included). */
export interface ApacheComment extends Literal {
  type: 'comment'
  indent: string
  /** From the `#` to the end of the (logical) line. */
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** An empty line, or one of white space only. */
export interface ApacheBlank extends Literal {
  type: 'blank'
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** The opening tag of a section: `<Directory /var/www/>`. */
export interface ApacheSectionOpen extends Node {
  type: 'sectionOpen'
  indent: string
  /** The name after `<`. */
  name: ApacheName
  /** A `>` glued to the name before the arguments (`<IfModule> mod_ssl.c>`), which httpd drops; usually empty. */
  nameBracket: string
  arguments: ApacheWord[]
  /** The closing bracket with any white space before it (` >`, `>`). */
  bracket: string
  /** What follows the last `>` on the line, which httpd ignores. */
  after: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** The closing tag of a section: `</Directory>`. */
export interface ApacheSectionClose extends Node {
  type: 'sectionClose'
  indent: string
  name: ApacheName
  /** What follows `</Name>` on the line, which httpd ignores. */
  after: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** Nodes that can stand in a file or a section. */
export interface ApacheContentMap {
  directive: ApacheDirective
  comment: ApacheComment
  blank: ApacheBlank
  section: ApacheSection
}

/** Any node of a file's or a section's body. */
export type ApacheContent = ApacheContentMap[keyof ApacheContentMap]

/** A section, `<Name args>` to `</Name>`, with what is between. */
export interface ApacheSection extends Parent {
  type: 'section'
  open: ApacheSectionOpen
  children: ApacheContent[]
  close: ApacheSectionClose
  position?: Position | undefined
  data?: Data | undefined
}

/** A whole file. */
export interface ApacheRoot extends Parent {
  type: 'root'
  /** Whether the file starts with a UTF-8 byte order mark (which httpd rejects). */
  bom: boolean
  children: ApacheContent[]
  position?: Position | undefined
  data?: Data | undefined
}

/** Every node type of the tree. */
export type ApacheNode = ApacheRoot | ApacheContent | ApacheSectionOpen | ApacheSectionClose | ApacheName | ApacheWord
