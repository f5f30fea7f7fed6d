/**
 * A model of how httpd 2.4 reads the structure of a configuration file, written from its C
 * code apart from the grammar, as an oracle for the properties over noise:
 *
 * - server/util.c `ap_cfg_getline_core`: physical lines end at `\n`; one that ends with `\`
 *   before its `\n` (or `\r\n`) loses both and is joined to the next; the last `\` counts
 *   whatever comes before it (`\\` before a line end is `\` and a continuation). The last
 *   line, without `\n`, is never continued.
 * - `cfg_trim_line`: leading and trailing white space (apr_isspace: space, `\t`, `\n`, `\v`,
 *   `\f`, `\r`) is dropped.
 * - server/config.c `ap_build_config_sub`: an empty line or one starting with `#` is
 *   skipped; the first word (ap_getword_conf, so it may be quoted) is the name; a first
 *   word that is empty (`""`) makes httpd skip the line. A name starting with `</` closes a
 *   section: it must end with `>`, and the rest of the line is ignored; the name must match
 *   the open section's without case. Any other name starting with `<` opens one: a last `>`
 *   of the name is dropped, the arguments are the rest of the line (`>` when there is none),
 *   and the section handlers keep them up to their last `>` (none: "directive missing
 *   closing '>'"). A section name that is empty or holds a `>` (`<>`, `<IfModule>x`) is no
 *   command httpd knows: it refuses the file ("Invalid command").
 * - `ap_getword_conf` / `substring_conf`: words split at white space; a word starting with
 *   a quote runs to the same quote (`\quote` and `\\` skipped) or to the end; inside it
 *   `\quote` and `\\` are escapes, outside only `\\`.
 *
 * It leaves out what is not structure: which names exist, argument counts, `${VAR}` (no
 * variables are defined, so they stay as written), and the file's first bytes (a byte order
 * mark is dropped, as the tree records it apart).
 */

const SPACE = new Set([' ', '\t', '\n', '\v', '\f', '\r'])
const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE.has(c)

/** `substring_conf`: escapes resolved. */
function substringConf(s: string, quote: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && (s[i + 1] === '\\' || (quote !== '' && s[i + 1] === quote))) out += s[++i]
    else out += s[i]
  }
  return out
}

/**
 * `ap_getword_conf`: the word at `at` (white space before it skipped) and where the next
 * begins (white space after it skipped).
 */
export function getwordConf(s: string, at: number): [string, number] {
  let i = at
  while (isSpace(s[i])) i++
  if (i >= s.length) return ['', i]
  const quote = s[i]!
  let word: string
  let end: number
  if (quote === '"' || quote === "'") {
    let j = i + 1
    while (j < s.length && s[j] !== quote) j += s[j] === '\\' && (s[j + 1] === quote || s[j + 1] === '\\') ? 2 : 1
    word = substringConf(s.slice(i + 1, j), quote)
    end = j < s.length ? j + 1 : j
  } else {
    let j = i
    while (j < s.length && !isSpace(s[j])) j++
    word = substringConf(s.slice(i, j), '')
    end = j
  }
  while (isSpace(s[end])) end++
  return [word, end]
}

/** Every word of a text, with whether each was quoted and closed, and where it ends. */
function allWords(s: string): Array<{value: string; quote: 'none' | 'closed' | 'open'; end: number}> {
  const out: Array<{value: string; quote: 'none' | 'closed' | 'open'; end: number}> = []
  let at = 0
  while (isSpace(s[at])) at++
  while (at < s.length) {
    const [value, next] = getwordConf(s, at)
    const first = s[at]!
    let quote: 'none' | 'closed' | 'open' = 'none'
    let end = next
    if (first === '"' || first === "'") {
      // Where ap_getword_conf stops: the closing quote, or the end.
      let j = at + 1
      while (j < s.length && s[j] !== first) j += s[j] === '\\' && (s[j + 1] === first || s[j + 1] === '\\') ? 2 : 1
      quote = j < s.length ? 'closed' : 'open'
      end = Math.min(j + 1, s.length)
    } else {
      while (end > at && isSpace(s[end - 1])) end--
    }
    out.push({value, quote, end})
    at = next
  }
  return out
}

/** A logical line: its text, trimmed, the physical line it starts on (1-based), and where physical lines were joined. */
export interface LogicalLine {
  text: string
  line: number
  /** Offsets in `text` where a continuation was removed (the next physical line starts there). */
  joins: number[]
  /** Of those, the ones whose removed `\` ended an even run of backslashes (`\\` before the line end). */
  doubled: number[]
}

/**
 * The logical lines httpd reads: joined at continuations, trimmed.
 *
 * @param text the file
 */
export function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = []
  const physical = text.split('\n')
  // The piece after the last `\n` is a line only when it is not empty.
  const last = physical.length - 1
  let pending: {text: string; line: number; joins: number[]; doubled: number[]} | undefined
  physical.forEach((piece, i) => {
    const hasLf = i < last
    if (!hasLf && piece === '') {
      if (pending !== undefined) lines.push(pending)
      pending = undefined
      return
    }
    pending ??= {text: '', line: i + 1, joins: [], doubled: []}
    let body = piece
    let continued = false
    if (hasLf) {
      const noCr = body.endsWith('\r') ? body.slice(0, -1) : body
      if (noCr.endsWith('\\')) {
        body = noCr.slice(0, -1)
        continued = true
      }
    }
    pending.text += body
    if (continued) {
      pending.joins.push(pending.text.length)
      // An odd run of backslashes left before the join: the grammar pairs the last two as an escape.
      if ((/\\+$/.exec(body)?.[0].length ?? 0) % 2 === 1) pending.doubled.push(pending.text.length)
    } else {
      lines.push(pending)
      pending = undefined
    }
  })
  return lines.map((l) => {
    let a = 0
    let b = l.text.length
    while (a < b && isSpace(l.text[a])) a++
    while (b > a && isSpace(l.text[b - 1])) b--
    const shift = (offsets: number[]) => offsets.map((j) => j - a).filter((j) => j >= 0 && j <= b - a)
    return {text: l.text.slice(a, b), line: l.line, joins: shift(l.joins), doubled: shift(l.doubled)}
  })
}

/**
 * Divergences of the grammar from httpd that are known and kept as `it.fails` in
 * test/regressions/apache.test.ts (the bug numbers there). A property that compares the
 * grammar with this model skips the comparison on text that holds one; when a bug is fixed,
 * its entry goes.
 */
export type KnownDivergence = 'bug 8: a quoted first word that starts with `<`'

/** What httpd reads, in the shape of test/support/apache-tree.ts `treeMeaning`. */
export type Reading =
  | {ok: true; meaning: Array<string[] | string>; known: KnownDivergence[]}
  | {ok: false; line: number; message: string; known: KnownDivergence[]}

/**
 * Reads a file's structure as httpd does, noting the known divergences of the grammar that
 * the text holds.
 *
 * @param text the file (a leading byte order mark is dropped)
 */
export function readLikeHttpd(text: string): Reading {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  const meaning: Array<string[] | string> = []
  const open: Array<{name: string; line: number}> = []
  const known = new Set<KnownDivergence>()
  const result = (): Reading | undefined => {
    for (const {text: line, line: number, joins} of logicalLines(source)) {
      if (line === '' || line.startsWith('#')) continue
      const [name, rest] = getwordConf(line, 0)
      if (name === '') continue
      const quoted = line[0] === '"' || line[0] === "'"
      let nameEnd = rest
      while (nameEnd > 0 && isSpace(line[nameEnd - 1])) nameEnd--
      if (name.startsWith('<')) {
        if (quoted) known.add('bug 8: a quoted first word that starts with `<`')
      }
      const args = line.slice(rest)
      if (name.startsWith('</')) {
        if (!name.endsWith('>')) return {ok: false, line: number, message: `${name}> directive missing closing '>'`, known: [...known]}
        const closing = name.slice(2, -1)
        const parent = open.pop()
        if (parent === undefined) return {ok: false, line: number, message: `</${closing}> without matching <${closing}> section`, known: [...known]}
        if (closing.toLowerCase() !== parent.name.toLowerCase()) return {ok: false, line: number, message: `Expected </${parent.name}> but saw </${closing}>`, known: [...known]}
        meaning.push('</')
      } else if (name.startsWith('<')) {
        const section = name.endsWith('>') ? name.slice(1, -1) : name.slice(1)
        // No section has an empty name or one with `>` in it: httpd reads the structure, then
        // refuses the file ("Invalid command '<'"), as the grammar does at once (`<>`).
        if (section === '' || section.includes('>')) return {ok: false, line: number, message: `Invalid command '<${section}'`, known: [...known]}
        const tagArgs = args === '' ? '>' : args
        const bracket = tagArgs.lastIndexOf('>')
        if (bracket === -1) return {ok: false, line: number, message: `<${section}> directive missing closing '>'`, known: [...known]}
        const kept = tagArgs.slice(0, bracket)
        const words = allWords(kept)
        // The grammar puts a `>` that starts a physical line into the bare word before it.
        const last = words.at(-1)
        if (args !== '' && joins.includes(rest + bracket) && last !== undefined && last.end === kept.length && last.quote !== 'closed') {
        }
        meaning.push([`<${section}`, ...words.map((w) => w.value)])
        open.push({name: section, line: number})
      } else {
        meaning.push([name, ...allWords(args).map((w) => w.value)])
      }
    }
    return undefined
  }
  const failed = result()
  if (failed !== undefined) return failed
  const unclosed = open.pop()
  if (unclosed !== undefined) return {ok: false, line: unclosed.line, message: `Expected </${unclosed.name}> before end of configuration`, known: [...known]}
  return {ok: true, meaning, known: [...known]}
}
