/**
 * The syntax tree of an `iptables-save` / `ip6tables-save` file, as `iptables-restore` and
 * `ip6tables-restore` read it (iptables 1.8.9, both the nf_tables and the legacy backend).
 *
 * The file is a list of lines. `*table` opens a table, `:CHAIN POLICY [packets:bytes]`
 * declares a chain, every other line of a table is an iptables command (`-A INPUT ...`,
 * optionally after `[packets:bytes]` counters), and `COMMIT` closes the table. `#` starts a
 * comment only in the first column.
 *
 * The tree is lossless: every byte of the file is stored once, in a word's raw `value` or
 * in the trivia around it (`indent`, `before`, `trailing`, `eol`), so that printing the tree
 * gives the file back byte for byte. What a word means (without its quotes), which port an
 * option names, which chain a command changes: that is derived by the helpers in
 * `semantics.ts`, never stored beside the raw text.
 *
 * The tree holds what `iptables-restore` refuses too (a CRLF line end, a line of blanks, a
 * byte order mark, an indented comment, a rule outside any table, a missing `COMMIT`), so
 * that rules can report it where it is and fix it; see `parse.ts`.
 *
 * Nodes follow unist: a string `type`, an optional `position` (absent on nodes a fix
 * creates), optional `data`. Unions are derived from content maps, so that a plugin can
 * add a node type by declaration merging and the printer's handler map must cover it.
 */
import type {Data, Literal, Node, Parent, Position} from 'unist'

/**
 * One word of a line, as written: `INPUT`, `-p`, `"ssh from the office"` (quotes
 * included). The words of a command are split as iptables-restore splits them
 * (xshared.c `add_param_to_argv`): blanks separate words, a `"` opens a quoted part in
 * which a backslash escapes the next character, and the closing `"` ends the word.
 */
export interface IptablesWord extends Literal {
  type: 'word'
  /** The raw text of the word. */
  value: string
  /** The blanks between this word and what comes before it on the line (may be empty). */
  before: string
  position?: Position | undefined
  data?: Data | undefined
}

/** `[packets:bytes]` before a command (`iptables-save -c` writes them); ignored unless restored with `-c`. */
export interface IptablesCounters extends Literal {
  type: 'counters'
  /** The raw text, brackets included: `[12:3400]`. */
  value: string
  position?: Position | undefined
  data?: Data | undefined
}

/** The fields every option of a command has: an optional `!`, its name, its arguments. */
interface IptablesOptionFields {
  /** The `!` before the option (`! -s 10.0.0.0/8`), when it is negated. */
  not?: IptablesWord | undefined
  /**
   * The option as written: `-A`, `--dport`, `-dport` (a short option with its argument
   * attached). A word that is no option at all (`COMMIT` after blanks, a stray `#`) stands
   * here too, in a node of type `option`, so that no word is lost; rules report it.
   */
  name: IptablesWord
  /** Its arguments, in order. */
  arguments: IptablesWord[]
}

/** The command of a line: `-A INPUT`, `-I INPUT 2`, `-N LOGDROP`, `-P INPUT DROP`, `--append INPUT`. */
export interface IptablesCommand extends Node, IptablesOptionFields {
  type: 'command'
  position?: Position | undefined
  data?: Data | undefined
}

/**
 * A built-in match of iptables itself: `-p`, `-s`, `-d`, `-i`, `-o`, `-f`, and the other
 * options that are no command, no `-m` and no target (`-c`, `-4`, `-6`).
 */
export interface IptablesParameter extends Node, IptablesOptionFields {
  type: 'parameter'
  position?: Position | undefined
  data?: Data | undefined
}

/** An option of an extension (`--dport 22`, `--ctstate NEW`, `--log-prefix "x"`), or a word that is no option. */
export interface IptablesOption extends Node, IptablesOptionFields {
  type: 'option'
  position?: Position | undefined
  data?: Data | undefined
}

/** `-m NAME` and the options written after it, up to the next `-m`, target, parameter or command. */
export interface IptablesMatch extends Parent, IptablesOptionFields {
  type: 'match'
  children: IptablesOption[]
  position?: Position | undefined
  data?: Data | undefined
}

/** `-j TARGET` or `-g CHAIN` and the options written after it (`--reject-with`, `--log-prefix`). */
export interface IptablesTarget extends Parent, IptablesOptionFields {
  type: 'target'
  children: IptablesOption[]
  position?: Position | undefined
  data?: Data | undefined
}

/** What a command line holds, in the order written. */
export interface IptablesRuleContentMap {
  command: IptablesCommand
  parameter: IptablesParameter
  option: IptablesOption
  match: IptablesMatch
  target: IptablesTarget
}

/** Any part of a command line. */
export type IptablesRuleContent = IptablesRuleContentMap[keyof IptablesRuleContentMap]

/**
 * A command line: `-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT`, optionally after
 * `[packets:bytes]`. Its position runs from its first character (the counters, or its first
 * word after any blanks) to its last word; a line with no word runs over its counters.
 */
export interface IptablesRule extends Parent {
  type: 'rule'
  counters?: IptablesCounters | undefined
  /** The options, in the order written. The blanks before the first word are that word's `before`. */
  children: IptablesRuleContent[]
  /** Blanks after the last word. */
  trailing: string
  /** The line end: `\n`, `\r\n`, or empty on a last line without one. */
  eol: string
  position?: Position | undefined
  data?: IptablesRuleData | undefined
}

/** Room for plugins to attach data to rules. */
export interface IptablesRuleData extends Data {}

/**
 * `*filter`: opens a table. iptables-restore splits the rest of the line on blanks
 * (`strtok`), takes the first word as the table's name and ignores the others.
 */
export interface IptablesHeader extends Node {
  type: 'header'
  /** Blanks before the `*` (iptables-restore then refuses the line). */
  indent: string
  /** The table's name; absent on a `*` alone. */
  name?: IptablesWord | undefined
  /** Words after the name, which iptables-restore ignores. */
  rest: IptablesWord[]
  trailing: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/**
 * `:INPUT ACCEPT [0:0]`: declares a chain with its policy (`-` for a user chain) and the
 * counters of the policy. Split on blanks like the header.
 */
export interface IptablesChain extends Node {
  type: 'chain'
  /** Blanks before the `:` (iptables-restore then refuses the line). */
  indent: string
  name?: IptablesWord | undefined
  policy?: IptablesWord | undefined
  counters?: IptablesWord | undefined
  /** Words after the counters, which iptables-restore ignores. */
  rest: IptablesWord[]
  trailing: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/**
 * `COMMIT`: closes a table. iptables-restore takes only `COMMIT` at the start of a line
 * followed by its line end; the blanks the tree allows around it (`indent`, `trailing`)
 * make it refuse the line, and a rule reports them.
 */
export interface IptablesCommit extends Node {
  type: 'commit'
  indent: string
  trailing: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** A `# comment` line. iptables-restore reads `#` as a comment only in the first column. */
export interface IptablesComment extends Literal {
  type: 'comment'
  /** Blanks before the `#` (iptables-restore then reads the line as a command and refuses it). */
  indent: string
  /** From the `#` to the end of the line (line end excluded). */
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** An empty line, or a line of blanks (which iptables-restore refuses: "no command specified"). */
export interface IptablesBlank extends Literal {
  type: 'blank'
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** A line the tree cannot split: counters whose `[` has no `]` ("Bad line N: need ]"). */
export interface IptablesInvalid extends Literal {
  type: 'invalid'
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** Lines that can stand inside a table or outside one. */
export interface IptablesLineContentMap {
  chain: IptablesChain
  rule: IptablesRule
  comment: IptablesComment
  blank: IptablesBlank
  invalid: IptablesInvalid
  /** A `COMMIT` outside any table (inside one, it closes the table: {@link IptablesTable.commit}). */
  commit: IptablesCommit
}

/** Any line node but a header. */
export type IptablesLine = IptablesLineContentMap[keyof IptablesLineContentMap]

/**
 * A table block: its `*table` header, its lines, and the `COMMIT` that closes it. A block
 * without `COMMIT` runs to the next header or the end of the file (iptables-restore
 * refuses both: "COMMIT expected").
 */
export interface IptablesTable extends Parent {
  type: 'table'
  header: IptablesHeader
  /** The lines between the header and the `COMMIT`. */
  children: IptablesLine[]
  commit?: IptablesCommit | undefined
  position?: Position | undefined
  data?: Data | undefined
}

/** Nodes that can be children of the root. */
export interface IptablesRootContentMap extends IptablesLineContentMap {
  table: IptablesTable
}

/** Any child of the root. */
export type IptablesRootContent = IptablesRootContentMap[keyof IptablesRootContentMap]

/** A whole file: lines outside tables (comments, mostly) and table blocks, in order. */
export interface IptablesRoot extends Parent {
  type: 'root'
  /** Whether the file starts with a UTF-8 byte order mark (which iptables-restore refuses). */
  bom: boolean
  children: IptablesRootContent[]
  position?: Position | undefined
  data?: Data | undefined
}

/** Every node type of the tree. */
export type IptablesNode = IptablesRoot | IptablesRootContent | IptablesHeader | IptablesRuleContent | IptablesWord | IptablesCounters
