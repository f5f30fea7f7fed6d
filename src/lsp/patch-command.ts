/**
 * The `harden-config.patch` command (`workspace/executeCommand`): the whole patch of a
 * document, as the command line writes it, so that an editor can show every fix as a diff
 * before anything is applied. It changes nothing.
 *
 * Arguments: the document's URI, or `{uri, fix}` where `fix` is `unsafe` (the default: every
 * fix, as `harden-config FILE` proposes) or `safe` (what fix-all applies).
 */
import type {HardenResult} from '../harden.js'
import type {FileLocator} from './locator.js'

/** The command's name. */
export const PATCH_COMMAND = 'harden-config.patch'

/** What the command was asked. */
export interface PatchRequest {
  uri: string
  fix: 'safe' | 'unsafe'
}

/** One file the patch changes. */
export interface PatchedFile {
  /** Where the editor has it. */
  uri: string
  /** Its path in the patch (`etc/ssh/sshd_config`). */
  patchPath: string
  /** Whether the patch creates it. */
  created: boolean
  /** Its text with the fixes applied, for a side-by-side diff. */
  fixed: string
}

/** What the command returns. */
export interface PatchResult {
  /** The unified diff, with its preamble of unsafe fixes and their risks; empty when nothing changes. */
  patch: string
  /** The files it changes. */
  files: PatchedFile[]
}

/**
 * Reads the command's arguments.
 *
 * @param args what the client sent
 * @returns the request, or a sentence saying what was expected
 */
export function readPatchArguments(args: readonly unknown[] | undefined): PatchRequest | string {
  const [first] = args ?? []
  const expected = `${PATCH_COMMAND} takes a document URI, or {uri, fix} with fix \`safe\` or \`unsafe\``
  if (typeof first === 'string') return {uri: first, fix: 'unsafe'}
  if (typeof first !== 'object' || first === null) return expected
  const {uri, fix = 'unsafe'} = first as {uri?: unknown; fix?: unknown}
  if (typeof uri !== 'string' || (fix !== 'safe' && fix !== 'unsafe')) return expected
  return {uri, fix}
}

/**
 * The command's answer for a `harden()` result.
 *
 * @param result `harden()` of the document with the asked fixes applied
 * @param locator where the editor has each file
 */
export function patchResult(result: HardenResult, locator: FileLocator): PatchResult {
  return {
    patch: result.patch,
    files: result.files
      .filter((file) => file.changed)
      .map((file) => ({uri: locator.locate(file).uri, patchPath: file.patchPath, created: file.created, fixed: file.fixed})),
  }
}
