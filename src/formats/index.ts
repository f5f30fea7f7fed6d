/**
 * The registry of formats. The engine and the CLI know formats only through it.
 */
import type {Format} from '../core/format.js'
import type {Configuration, Rule} from '../core/rule.js'
import {builtInFormats} from './list.js'

/** A format with its types erased, as the registry holds it. */
export type AnyFormat = Format<unknown, Configuration<unknown>, unknown>

/** Every supported format. */
export const formats: readonly AnyFormat[] = builtInFormats

/**
 * A format by its id (`sshd`).
 *
 * @param id the id
 */
export function formatById(id: string): AnyFormat | undefined {
  return formats.find((format) => format.id === id)
}

/**
 * The format of a file, from its name.
 *
 * @param systemPath the file
 */
export function detectFormat(systemPath: string): AnyFormat | undefined {
  return formats.find((format) => format.detect(systemPath))
}

/** Every rule of every format, in format order. */
export function allRules(): Array<Rule<Configuration<unknown>, unknown>> {
  return formats.flatMap((format) => [...format.rules])
}
