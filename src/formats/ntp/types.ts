/**
 * The syntax tree of an ntp.conf file (ntp.conf(5) of NTPsec 1.2.2 and ntpd 4.2.8).
 *
 * The file is a list of lines; a line is blank, a comment, or a command. The commands the
 * rules read have typed nodes that name the role of each word (`restrict` with its address,
 * mask and flags; `server`, `pool` and `peer` with their options; `enable` and `disable`;
 * `includefile`; the file commands; `filegen`; `tinker`); every other command is a
 * `directive`, kept as its words.
 *
 * The tree is lossless: every character of the file is stored once, in a word's raw
 * `value` or in the trivia around it (`indent`, a word's `before`, `trailing`, `eol`).
 * Trivia holds what ntpd's scanner skips: white space (`\r`, `\v` and `\f` included),
 * characters above U+007F between words (ntpd drops those bytes), an empty `""`, and the
 * `# comment` after the last word. What a word means (its text without quotes and
 * dropped characters, whether it is a keyword) is derived in `lexer.ts` and
 * `semantics.ts`, never stored beside the raw text.
 *
 * A typed node is read as far as the grammar of either daemon allows; the words after that
 * point are its `rest`. `semantics.ts` then reads the node for one daemon and says where
 * that daemon's parser stops and what it still applies.
 *
 * Nodes follow unist: a string `type`, an optional `position` (absent on nodes a fix
 * creates), optional `data`. Unions are derived from content maps, so that the printer's
 * handler map must cover every node type.
 */
import type {Data, Literal, Node, Parent, Position} from 'unist'

/** One word, as written (quotes and dropped characters included). */
export interface NtpWord extends Literal {
  type: 'word'
  /** The raw text of the word: `restrict`, `"/var/lib/ntp drift"`. */
  value: string
  /** The trivia between this word and the one before it (empty for a keyword, or for a word glued to the one before). */
  before: string
  position?: Position | undefined
  data?: Data | undefined
}

/** An option with its value, if it takes one: `minpoll 4`, `iburst`, `file loopstats`. */
export interface NtpOption extends Node {
  type: 'option'
  name: NtpWord
  value?: NtpWord | undefined
  position?: Position | undefined
  data?: Data | undefined
}

/** What every command line has. */
interface CommandFields {
  /** Trivia before the keyword. */
  indent: string
  keyword: NtpWord
  /** After the last word: trivia and a `# comment`. Empty on a command nested in `includefile`. */
  trailing: string
  /** The line end: `\n`, `\r\n`, or empty on a last line without one (and on a nested command). */
  eol: string
  /** Runs from the keyword to the end of the trailing text, line end excluded. */
  position?: Position | undefined
  data?: Data | undefined
}

/** Fields of typed commands. */
interface TypedFields extends CommandFields {
  /** The words from the first one that fits neither daemon's grammar (empty on a clean line). */
  rest: NtpWord[]
}

/**
 * `restrict` and `unrestrict` (ntp.conf(5) "Access Control Commands"):
 * `restrict [-4|-6] default|source|address [mask mask] [flag ...]`.
 */
export interface NtpRestrict extends Node, TypedFields {
  type: 'restrict'
  /** `-4` or `-6`. */
  family?: NtpWord | undefined
  /** `default`, `source`, or an address or host name (NTPsec also takes `address/prefix`). */
  address?: NtpWord | undefined
  /** The word `mask`. */
  maskKeyword?: NtpWord | undefined
  mask?: NtpWord | undefined
  /** Every flag word, in order (`kod`, `nomodify`, `ntpport`, ...). */
  flags: NtpWord[]
}

/** `server`, `pool`, `peer` (and ntpd 4.2.8's `broadcast`, `manycastclient`): `server [-4|-6] address [option ...]`. */
export interface NtpAssociation extends Node, TypedFields {
  type: 'association'
  family?: NtpWord | undefined
  address?: NtpWord | undefined
  options: NtpOption[]
}

/** `enable` and `disable` with their flags (`monitor`, `stats`, ...). */
export interface NtpSystem extends Node, TypedFields {
  type: 'system'
  flags: NtpWord[]
}

/**
 * `includefile path`. ntpd's grammar lets a command follow the path on the same line
 * (`includefile /x restrict ...` applies the `restrict`): that command is nested here,
 * and the line's trailing text and line end stay on the `includefile` node.
 */
export interface NtpInclude extends Node, TypedFields {
  type: 'include'
  path?: NtpWord | undefined
  command?: NtpCommand | undefined
}

/** A command whose argument is a file or folder: `driftfile`, `statsdir`, `logfile`, `leapfile`, `pidfile`, `keys`. */
export interface NtpFileCommand extends Node, TypedFields {
  type: 'file'
  path?: NtpWord | undefined
  /** `driftfile path wander-threshold`. */
  value?: NtpWord | undefined
}

/** `filegen name [file f] [type t] [link|nolink] [enable|disable]`. */
export interface NtpFilegen extends Node, TypedFields {
  type: 'filegen'
  /** The statistics it is about (`loopstats`). */
  stat?: NtpWord | undefined
  options: NtpOption[]
}

/** `tinker name value ...`. */
export interface NtpTinker extends Node, TypedFields {
  type: 'tinker'
  options: NtpOption[]
}

/** Any other command (or a line that is no command at all), kept as its words. */
export interface NtpDirective extends Node, CommandFields {
  type: 'directive'
  arguments: NtpWord[]
}

/** A line holding only a `# comment` (after any trivia). */
export interface NtpComment extends Literal {
  type: 'comment'
  indent: string
  /** From the `#` to the end of the line, line end excluded. */
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** A line with nothing ntpd reads: empty, or only trivia. */
export interface NtpBlank extends Literal {
  type: 'blank'
  value: string
  eol: string
  position?: Position | undefined
  data?: Data | undefined
}

/** The commands, by node type. */
export interface NtpCommandContentMap {
  restrict: NtpRestrict
  association: NtpAssociation
  system: NtpSystem
  include: NtpInclude
  file: NtpFileCommand
  filegen: NtpFilegen
  tinker: NtpTinker
  directive: NtpDirective
}

/** Any command. */
export type NtpCommand = NtpCommandContentMap[keyof NtpCommandContentMap]

/** Nodes that stand on a line of their own. */
export interface NtpLineContentMap extends NtpCommandContentMap {
  comment: NtpComment
  blank: NtpBlank
}

/** Any line. */
export type NtpLine = NtpLineContentMap[keyof NtpLineContentMap]

/** A whole ntp.conf file. */
export interface NtpRoot extends Parent {
  type: 'root'
  /** Whether the file starts with a UTF-8 byte order mark (which ntpd skips, as every character above U+007F). */
  bom: boolean
  children: NtpLine[]
  position?: Position | undefined
  data?: Data | undefined
}

/** Every node type of the tree. */
export type NtpNode = NtpRoot | NtpLine | NtpWord | NtpOption
