/**
 * Which format an open document is, told in this order:
 *
 * 1. a hint on its first line, a comment naming the format:
 *    `# harden-config: type=sshd` (any comment the format allows: `#`, or `//` in named.conf);
 * 2. the editor's language id, when it names a format (`sshd`, `sshdconfig`, `apache`, ...):
 *    a user who picks a language for a file means it;
 * 3. the file's name, as the command tells it (`sshd_config`, `/etc/apache2/…/*.conf`, ...).
 *
 * A document none of these tells gets no diagnostics: an editor may send every file it opens.
 */
import type {AnyFormat} from '../formats/index.js'

/**
 * Language ids that editors use for these files, by format id. A format's own id is a
 * language id too (`sshd`, `apache`, `named`, `ntp`, `iptables`).
 */
export const LANGUAGE_IDS: Readonly<Record<string, string>> = {
  // Vim's and Neovim's file types.
  sshdconfig: 'sshd',
  apache: 'apache',
  named: 'named',
  iptables: 'iptables',
  // Names other editors and grammars use.
  sshd_config: 'sshd',
  apacheconf: 'apache',
  'apache-conf': 'apache',
  'named.conf': 'named',
  'bind-config': 'named',
  'ntp.conf': 'ntp',
  ntpconf: 'ntp',
  'iptables-save': 'iptables',
}

/** A first-line comment that names the format: `# harden-config: type=sshd`. */
const HINT = /^\uFEFF?[ \t]*(?:#|\/\/|\/\*)[ \t]*harden-config:[ \t]*type[ \t]*=[ \t]*([A-Za-z0-9_.-]*)/

/**
 * The format named by a first-line hint, or `undefined` when the first line holds none.
 *
 * @param text the document's text
 */
export function firstLineHint(text: string): string | undefined {
  const end = text.search(/[\r\n]/)
  return HINT.exec(end === -1 ? text : text.slice(0, end))?.[1]
}

/** How a document's format was told. */
export type DetectedBy = 'hint' | 'language' | 'name'

/** The format of a document, or why there is none. */
export type Detection =
  | {format: AnyFormat; by: DetectedBy}
  | {format: undefined; problem?: string | undefined}

/**
 * Tells the format of an open document.
 *
 * @param document its system path, its editor language id and its text
 * @param known the formats to choose from
 */
export function detectDocumentFormat(document: {systemPath: string; languageId: string; text: string}, known: readonly AnyFormat[]): Detection {
  const hint = firstLineHint(document.text)
  if (hint !== undefined) {
    const format = known.find((f) => f.id === hint)
    if (format !== undefined) return {format, by: 'hint'}
    return {format: undefined, problem: `Unknown format \`${hint}\` in the first-line hint, expected \`harden-config: type=ID\` with ID one of ${known.map((f) => `\`${f.id}\``).join(', ')}`}
  }
  const language = document.languageId.toLowerCase()
  const byLanguage = known.find((f) => f.id === language || f.id === LANGUAGE_IDS[language])
  if (byLanguage !== undefined) return {format: byLanguage, by: 'language'}
  const byName = known.find((f) => f.detect(document.systemPath))
  return byName === undefined ? {format: undefined} : {format: byName, by: 'name'}
}
