/**
 * Option schemas for rules and formats: each option has a default, a description, and a
 * parser that accepts a JSON value or a command-line string and says what it expected
 * when the value is wrong.
 */

/** One option: how to read it, what it defaults to, what it means. */
export interface OptionSpec<T> {
  /** What the option does, in one sentence. */
  description: string
  /** The value when the option is not given. */
  default: T
  /** The accepted values, as a user should read them (`no | prohibit-password`). */
  expected: string
  /**
   * Reads a value from JSON or from a command-line string.
   * @returns the value, or `undefined` when it is not acceptable
   */
  parse(value: unknown): T | undefined
  /** The JSON values it accepts, as a JSON Schema (for the configuration file's schema). */
  jsonSchema?: Record<string, unknown> | undefined
}

/**
 * A JSON Schema `pattern` for a regular expression, when JSON Schema can say the same (it
 * has no flags).
 *
 * @param pattern the expression
 */
function schemaPattern(pattern: RegExp): {pattern?: string} {
  return pattern.flags === '' ? {pattern: pattern.source} : {}
}

/** A schema: one spec per option. */
export type OptionsSchema<O> = {readonly [K in keyof O]: OptionSpec<O[K]>}

/** Thrown when an option's value is not one the schema accepts. */
export class OptionError extends Error {
  /**
   * @param key the option's full name (`sshd/permit-root-login.allow`)
   * @param value what was given
   * @param expected what is accepted
   */
  constructor(readonly key: string, readonly value: unknown, readonly expected: string) {
    super(`Unexpected value ${JSON.stringify(value)} for option \`${key}\`, expected ${expected}`)
    this.name = 'OptionError'
  }
}

/**
 * An option that takes one of a few words.
 *
 * @param values the accepted words
 * @param fallback the default
 * @param description what it does
 */
export function oneOf<const T extends string>(values: readonly T[], fallback: T, description: string): OptionSpec<T> {
  return {
    description,
    default: fallback,
    expected: values.map((v) => `\`${v}\``).join(' | '),
    parse: (value) => (typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : undefined),
    jsonSchema: {enum: [...values]},
  }
}

/**
 * An option that takes a whole number in a range.
 *
 * @param min the least accepted value
 * @param max the greatest accepted value
 * @param fallback the default
 * @param description what it does
 */
export function integer(min: number, max: number, fallback: number, description: string): OptionSpec<number> {
  return {
    description,
    default: fallback,
    expected: `a whole number from ${min} to ${max}`,
    parse(value) {
      const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
      return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : undefined
    },
    jsonSchema: {type: 'integer', minimum: min, maximum: max},
  }
}

/**
 * An option that takes a list of words: a JSON array, or a comma-separated string.
 *
 * @param pattern what each word must look like
 * @param fallback the default
 * @param description what it does
 * @param what how to describe one word in an error
 */
export function list(pattern: RegExp, fallback: string[], description: string, what: string): OptionSpec<string[]> {
  return {
    description,
    default: fallback,
    expected: `a list of ${what} (JSON array or comma-separated)`,
    parse(value) {
      const items = typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value
      if (!Array.isArray(items)) return undefined
      return items.every((item): item is string => typeof item === 'string' && pattern.test(item)) ? items : undefined
    },
    jsonSchema: {anyOf: [{type: 'array', items: {type: 'string', ...schemaPattern(pattern)}}, {type: 'string', description: 'comma-separated'}]},
  }
}

/**
 * An option that is on or off.
 *
 * @param fallback the default
 * @param description what it does
 */
export function boolean(fallback: boolean, description: string): OptionSpec<boolean> {
  return {
    description,
    default: fallback,
    expected: '`true` | `false`',
    parse: (value) => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined),
    jsonSchema: {type: 'boolean'},
  }
}

/**
 * An option that takes a string matching a pattern (or nothing: the empty string).
 *
 * @param pattern what the value must look like
 * @param fallback the default
 * @param description what it does
 * @param expected how to describe an accepted value
 */
export function text(pattern: RegExp, fallback: string, description: string, expected: string): OptionSpec<string> {
  return {
    description,
    default: fallback,
    expected,
    parse: (value) => (typeof value === 'string' && (value === '' || pattern.test(value)) ? value : undefined),
    jsonSchema: {type: 'string', ...(pattern.flags === '' ? {anyOf: [{const: ''}, {pattern: pattern.source}]} : {})},
  }
}

/**
 * Reads a set of option values against a schema, filling in defaults.
 *
 * @param schema the options and their specs
 * @param given the values given (unknown keys are an error)
 * @param prefix the name to show before each key in errors (`sshd/permit-root-login`)
 */
export function resolveOptions<O>(schema: OptionsSchema<O>, given: Readonly<Record<string, unknown>> | undefined, prefix: string): O {
  const result: Record<string, unknown> = {}
  for (const key of Object.keys(schema)) result[key] = (schema as Record<string, OptionSpec<unknown>>)[key]!.default
  for (const [key, value] of Object.entries(given ?? {})) {
    const spec = (schema as Record<string, OptionSpec<unknown> | undefined>)[key]
    if (spec === undefined) {
      const known = Object.keys(schema)
      throw new OptionError(`${prefix}.${key}`, value, known.length > 0 ? `one of the options ${known.map((k) => `\`${k}\``).join(', ')}` : 'no options (this takes none)')
    }
    const parsed = spec.parse(value)
    if (parsed === undefined) throw new OptionError(`${prefix}.${key}`, value, spec.expected)
    result[key] = parsed
  }
  // Every key of the schema was filled in above, so the record has the shape of O.
  return result as O
}
