/**
 * What a format is, to the engine: how to recognise its files, parse and print them, load
 * a whole configuration (following includes), and which rules check it.
 */
import type {FileHost} from './host.js'
import type {OptionsSchema} from './options.js'
import type {Configuration, Rule} from './rule.js'

/** Options of a format's `parse`. */
export interface ParseOptions {
  /** The file's name, for error messages. */
  path?: string | undefined
  /** Largest input accepted, in UTF-16 code units (default {@link DEFAULT_LIMITS}). */
  maxSize?: number | undefined
}

/** Limits against hostile or broken input; each can be changed by the caller. */
export interface Limits {
  /** Largest file read, in bytes. */
  maxFileSize: number
  /** How deep includes may nest. */
  maxIncludeDepth: number
  /** How many files one configuration may read. */
  maxFiles: number
}

/**
 * The default limits: 4 MiB per file (real configuration files are a few KiB), includes
 * nested 16 deep (sshd's own limit, `SERVCONF_MAX_DEPTH`), 1,024 files a configuration.
 */
export const DEFAULT_LIMITS: Limits = {maxFileSize: 4 * 1024 * 1024, maxIncludeDepth: 16, maxFiles: 1024}

/** What a format's `load` gets. */
export interface LoadOptions<S> {
  /** Where to read files. */
  host: FileHost
  /** The format's settings, defaults filled in. */
  settings: S
  limits: Limits
  /** Trees already parsed, by text; a format may reuse them across fix passes. */
  cache: Map<string, unknown>
}

/**
 * What is known of a format before it is loaded: enough to list it and to tell its files.
 * Each format folder keeps it in `meta.ts`, which imports nothing heavy, so that a command
 * can tell a file's format without evaluating the parsers and rules of the others.
 */
export type FormatMeta = Pick<Format, 'id' | 'title' | 'detect'>

/**
 * A format. Every format folder exports one, and the engine knows formats only through it.
 *
 * @typeParam Tree the root node of a parsed file
 * @typeParam Config a loaded configuration
 * @typeParam Settings format-wide settings (the daemon version a file is for, ...)
 */
export interface Format<Tree = unknown, Config extends Configuration<Tree> = Configuration<Tree>, Settings = unknown> {
  /** Short id, used by `--type` and in rule ids: `sshd`. */
  id: string
  /** What it is, for people: `OpenSSH server (sshd_config)`. */
  title: string
  /** Whether a file, by its path, is of this format. */
  detect(systemPath: string): boolean
  /** Parses one file; throws a ConfigSyntaxError on input the daemon would reject. */
  parse(text: string, options?: ParseOptions): Tree
  /** Prints a tree back to text. */
  print(tree: Tree): string
  /** Format-wide settings. */
  settings: OptionsSchema<Settings>
  /** Reads a file and everything it includes. */
  load(entry: string, options: LoadOptions<Settings>): Config
  /**
   * Its rules, in the order they run. The option type is erased here: each rule reads
   * only its own options, which the engine resolves against the rule's schema.
   */
  rules: ReadonlyArray<Rule<Config, unknown>>
}
