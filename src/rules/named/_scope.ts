/**
 * What the named hardening rules share: the scopes an option is checked in (`options`
 * and every `view`), and the edits that set an option in one of them, in place when it is
 * there and as a new statement of the scope's block otherwise.
 */
import type {Position} from 'unist'
import type {TextEdit} from '../../core/rule.js'
import {insertIntoBlock, insertOption, renderList, replaceList, replaceValue, documentStyle} from '../../formats/named/edit.js'
import {entryIn, optionsEntry, viewEntries, type NamedConfig, type NamedEntry} from '../../formats/named/semantics.js'

/** A scope an option is checked in: `options` (view undefined) or a view. */
export interface OptionScope {
  /** The view, or undefined for `options`. */
  view: NamedEntry | undefined
  /** The `options` or `view` statement; undefined when the configuration has no `options` block. */
  owner: NamedEntry | undefined
}

/**
 * `options`, then every view. A fragment (Debian's `named.conf.local` checked on its own)
 * without an `options` block has no `options` scope: its options are elsewhere.
 *
 * @param config the configuration
 */
export function optionScopes(config: NamedConfig): OptionScope[] {
  const options = optionsEntry(config)
  const scopes: OptionScope[] = []
  if (options !== undefined || !config.fragment) scopes.push({view: undefined, owner: options})
  for (const view of viewEntries(config)) if (view.body !== undefined) scopes.push({view, owner: view})
  return scopes
}

/**
 * The statement of an option in a scope itself (not inherited).
 *
 * @param scope the scope
 * @param keyword the option, in lower case
 */
export function ownEntry(scope: OptionScope, keyword: string): NamedEntry | undefined {
  return entryIn(scope.owner?.body, keyword)
}

/** The start of the main file, where findings about something missing point when there is no block to point at. */
export const START: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}

/**
 * Where a finding about a scope points: the option's statement when the scope has one,
 * else the scope's `options` or `view` statement, else the start of the main file.
 *
 * @param config the configuration
 * @param scope the scope
 * @param entry the option's statement in the scope, if any
 */
export function placeOf(config: NamedConfig, scope: OptionScope, entry?: NamedEntry): {file: string; position: Position} {
  const at = entry ?? scope.owner
  return at === undefined ? {file: config.main.path, position: START} : {file: at.document.path, position: at.statement.position!}
}

/**
 * Sets an option whose value is an address match list in a scope: replaces the list of
 * the scope's own statement, or adds the statement to the scope's block (making the
 * `options` block when there is none).
 *
 * @param config the configuration
 * @param scope the scope
 * @param keyword the option
 * @param elements the list
 * @returns the edit, or undefined when none can be made (an empty main file)
 */
export function setList(config: NamedConfig, scope: OptionScope, keyword: string, elements: readonly string[]): TextEdit | undefined {
  const own = ownEntry(scope, keyword)
  if (own !== undefined) return replaceList(own, elements)
  const doc = scope.owner?.document ?? config.main
  return addStatement(config, scope, `${keyword} ${renderList(elements, documentStyle(doc))}`)
}

/**
 * Sets a one-value option (`recursion no`, `version "none"`) in a scope, in place or as
 * a new statement.
 *
 * @param config the configuration
 * @param scope the scope
 * @param keyword the option
 * @param value the value as written
 */
export function setValue(config: NamedConfig, scope: OptionScope, keyword: string, value: string): TextEdit | undefined {
  const own = ownEntry(scope, keyword)
  if (own !== undefined) return replaceValue(own, value)
  return addStatement(config, scope, `${keyword} ${value}`)
}

/**
 * Sets several list options in a scope in one fix: those the scope has are replaced in
 * place, the others are added together (one edit, so that a new `options` block is made
 * once).
 *
 * @param config the configuration
 * @param scope the scope
 * @param keywords the options
 * @param elements the list each of them gets
 */
export function setLists(config: NamedConfig, scope: OptionScope, keywords: readonly string[], elements: readonly string[]): TextEdit[] | undefined {
  const edits: TextEdit[] = []
  const added: string[] = []
  const doc = scope.owner?.document ?? config.main
  for (const keyword of keywords) {
    const own = ownEntry(scope, keyword)
    if (own !== undefined) edits.push(replaceList(own, elements))
    else added.push(`${keyword} ${renderList(elements, documentStyle(doc))}`)
  }
  if (added.length > 0) {
    const edit = addStatement(config, scope, added)
    if (edit === undefined) return undefined
    edits.push(edit)
  }
  return edits
}

function addStatement(config: NamedConfig, scope: OptionScope, statement: string | readonly string[]): TextEdit | undefined {
  if (scope.view !== undefined) return insertIntoBlock(scope.view.document, scope.view.statement, statement)
  return insertOption(config, statement)
}

/**
 * A list of names for a message: `` `a`, `b` and `c` `` (at most `limit`, then `and N more`).
 *
 * @param names the names
 * @param limit how many to name
 */
export function nameList(names: readonly string[], limit = 5): string {
  const shown = names.slice(0, limit).map((n) => `\`${n}\``)
  if (names.length > limit) return `${shown.join(', ')} and ${names.length - limit} more`
  if (shown.length <= 1) return shown.join('')
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}
