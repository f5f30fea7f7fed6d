/**
 * fast-check arbitraries for ntp.conf text, structure first, then rendered.
 *
 * {@link documentShape} produces a *shape*: the lines of a file with every word's raw text
 * and the trivia around it, which {@link renderDocument} turns into text. The shape is what
 * the parser should find, so a property can check the words of the tree against it, not
 * only that the bytes come back. Shapes stay unambiguous on purpose: words are separated
 * by ASCII white space (a special character or a closed quote may be glued to its
 * neighbour, as ntpd splits there too), characters above U+007F stand only inside words,
 * and a trailing `\r` never meets the line end. Text the grammar may read in more than one
 * way is the job of {@link configNoise}, whose property only asks for a round trip.
 *
 * {@link hardeningScenario} produces systems an administrator could have: a main file with
 * the commands the rules read and plausible values, sometimes an included file and a file
 * of `ntp.d`, in one style (separator, line ends), for one daemon.
 */
import {fc} from '@fast-check/vitest'

/** One word and the trivia before it. */
export interface WordShape {
  before: string
  raw: string
}

/** A command line: its words (the first is the keyword, with no trivia before it). */
export interface CommandShape {
  type: 'command'
  indent: string
  words: WordShape[]
  trailing: string
  eol: string
}

/** A `# comment` line. */
export interface CommentShape {
  type: 'comment'
  indent: string
  value: string
  eol: string
}

/** A line of white space only. */
export interface BlankShape {
  type: 'blank'
  value: string
  eol: string
}

export type LineShape = CommandShape | CommentShape | BlankShape

/** A whole file. */
export interface DocumentShape {
  bom: boolean
  lines: LineShape[]
}

// ----- Rendering ------------------------------------------------------------------------------

/**
 * The text of one line.
 *
 * @param line the line
 */
export function renderLine(line: LineShape): string {
  switch (line.type) {
    case 'command':
      return `${line.indent}${line.words.map((w) => w.before + w.raw).join('')}${line.trailing}${line.eol}`
    case 'comment':
      return `${line.indent}${line.value}${line.eol}`
    case 'blank':
      return `${line.value}${line.eol}`
  }
}

/**
 * The text of a whole file.
 *
 * @param doc the file
 */
export function renderDocument(doc: DocumentShape): string {
  return (doc.bom ? '\uFEFF' : '') + doc.lines.map(renderLine).join('')
}

/** Sets line ends: each line gets one of `eols` in turn; the last loses its own when `finalNewline` is false. */
function withLineEnds(lines: LineShape[], eols: readonly string[], finalNewline: boolean): LineShape[] {
  const copy: LineShape[] = structuredClone(lines)
  copy.forEach((line, i) => {
    line.eol = eols[i % eols.length]!
  })
  const last = copy[copy.length - 1]
  if (last !== undefined && !finalNewline) {
    last.eol = ''
    // An empty last line without a line end is no line.
    if (last.type === 'blank' && last.value === '') last.value = ' '
  }
  return copy
}

// ----- Tokens -----------------------------------------------------------------------------------

const ws1 = fc.stringMatching(/^[ \t\v\f]{1,3}$/)
const ws0 = fc.stringMatching(/^[ \t\v\f]{0,2}$/)

/** Real keywords (commands, flags, options), in their spelling and sometimes in the wrong case. */
const vocabularyWords = [
  'restrict', 'unrestrict', 'server', 'pool', 'peer', 'enable', 'disable', 'includefile', 'driftfile', 'statsdir', 'logfile',
  'leapfile', 'filegen', 'tinker', 'tos', 'statistics', 'keys', 'controlkey', 'trustedkey', 'interface', 'end', 'nts', 'broadcast',
  'default', 'source', 'mask', '-4', '-6', 'kod', 'nomodify', 'noquery', 'nopeer', 'notrap', 'limited', 'ignore', 'noserve',
  'notrust', 'version', 'ntpport', 'lowpriotrap', 'monitor', 'stats', 'kernel', 'iburst', 'burst', 'prefer', 'minpoll', 'maxpoll',
  'key', 'file', 'type', 'day', 'enable', 'loopstats', 'panic', 'step', 'minclock', 'maxclock',
]
const keywordWord = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom(...vocabularyWords)},
  {weight: 1, arbitrary: fc.constantFrom(...vocabularyWords).map((w) => w[0]!.toUpperCase() + w.slice(1))},
  {weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9._:/-]{0,10}$/)},
)

/** Values: addresses, masks, numbers, paths, names. */
const valueWord = fc.oneof(
  fc.constantFrom('10.0.0.0', '192.0.2.1', '127.0.0.1', '::1', '2001:db8::', '255.0.0.0', '255.255.255.0', '0.0.0.0', '::', 'ffff:ffff::'),
  fc.tuple(fc.constantFrom('10.0.0.0', '192.168.0.0', '2001:db8::', '0.0.0.0'), fc.integer({min: 0, max: 130})).map(([a, n]) => `${a}/${n}`),
  fc.integer({min: -5, max: 70000}).map(String),
  fc.constantFrom('1e-7', '0.5', '0x1f', '/var/lib/ntpsec/ntp.drift', 'ntp.d', 'pool.ntp.org', '[::2]'),
)

/** A word with a character above U+007F inside it (ntpd drops it: `restr\u00e9ict` is `restrict`). */
const nonAsciiWord = fc
  .tuple(fc.constantFrom(...vocabularyWords.filter((w) => w.length > 2)), fc.constantFrom('\u00e9', '\u00a0', '\uFEFF', '\u2028'))
  .map(([word, c]) => `${word.slice(0, 1)}${c}${word.slice(1)}`)

/** A quoted word: closed, maybe glued to plain text before it. */
const quotedWord = fc
  .tuple(fc.constantFrom('', 'a', 'restrict'), fc.stringMatching(/^[ a-z0-9#=,.()/-]{0,8}$/))
  .filter(([prefix, content]) => prefix !== '' || content !== '')
  .map(([prefix, content]) => `${prefix}"${content}"`)

/** Any word of an argument list. */
const argumentWord = fc.oneof(
  {weight: 5, arbitrary: keywordWord},
  {weight: 5, arbitrary: valueWord},
  {weight: 1, arbitrary: nonAsciiWord},
  {weight: 1, arbitrary: quotedWord},
)

/** A word that is a special character in token mode. */
const special = fc.constantFrom('{', '}', '(', ')', ',', ';', '|', '=')

/** Comment text after `#`. */
const commentText = fc.stringMatching(/^[\t -~\u00e9]{0,16}$/)

/** What follows the last word: white space and a comment (never a `\r` before the line end). */
const trailing = fc
  .tuple(ws0, fc.option(commentText, {nil: undefined}))
  .map(([space, comment]) => (comment === undefined ? space : `${space === '' ? ' ' : space}#${comment}`))

/** Keywords after which ntpd reads the next word as a string: special characters are no words of their own there. */
const STRING_KEYWORDS = new Set(['server', 'pool', 'peer', 'includefile', 'driftfile', 'statsdir', 'logfile', 'leapfile', 'keys', 'broadcast', 'unpeer', 'unconfig', 'pidfile', 'setvar', 'fudge', 'refid', 'file', 'path', 'ppspath', 'aead', 'refclock', 'ident', 'logconfig', 'phone', 'trap'])

/**
 * A command line. A special character stands glued to a word after it only where the
 * scanner is in token mode (never right after a keyword that wants a string, nor in a
 * nested command's first word).
 */
export const commandShape: fc.Arbitrary<CommandShape> = fc
  .record({
    indent: ws0,
    keyword: keywordWord,
    args: fc.array(fc.tuple(ws1, argumentWord, fc.option(fc.tuple(fc.boolean(), special), {nil: undefined})), {maxLength: 6}),
    trailing,
  })
  .map(({indent, keyword, args, trailing: trail}) => {
    const words: WordShape[] = [{before: '', raw: keyword}]
    for (const [before, raw, extra] of args) {
      words.push({before, raw})
      if (extra !== undefined) words.push({before: extra[0] ? '' : ' ', raw: extra[1]})
    }
    return {type: 'command' as const, indent, words: tokenSafe(words), trailing: trail, eol: '\n'}
  })

/**
 * Keeps a shape unambiguous: a special character glued to the word before it is split off
 * only when the scanner reads that word in token mode. A word is read in string mode after
 * a keyword that wants a string (or after `=`), and every word after `logconfig` or
 * `phone` is; there the glued special character gets white space before it.
 */
function tokenSafe(words: WordShape[]): WordShape[] {
  const isSpecial = (raw: string) => /^[{}(),;|=]$/.test(raw)
  // modes[i]: how the scanner reads word i.
  const modes: Array<'token' | 'string'> = []
  let toEnd = false
  for (const [i, word] of words.entries()) {
    const previous = words[i - 1]
    // After `server -4` the scanner is still in string mode: it reads the family flag without
    // leaving the mode the keyword set.
    const afterString =
      previous !== undefined &&
      ((modes[i - 1] === 'token' && (STRING_KEYWORDS.has(previous.raw) || previous.raw === '=')) || (modes[i - 1] === 'string' && /^-[46]/.test(previous.raw.replace(/"/g, ''))))
    modes.push(toEnd || afterString ? 'string' : 'token')
    if (modes[i] === 'token' && (word.raw === 'logconfig' || word.raw === 'phone')) toEnd = true
  }
  return words.map((word, i) => {
    if (i === 0 || word.before !== '') return word
    const glued = isSpecial(word.raw) && modes[i - 1] === 'token' && !isSpecial(words[i - 1]!.raw)
    return glued ? word : {...word, before: ' '}
  })
}

/** A comment line. */
export const commentShape: fc.Arbitrary<CommentShape> = fc.tuple(ws0, commentText).map(([indent, text]) => ({type: 'comment' as const, indent, value: `#${text}`, eol: '\n'}))

/** A blank line. */
export const blankShape: fc.Arbitrary<BlankShape> = ws0.map((value) => ({type: 'blank' as const, value, eol: '\n'}))

const lineShape: fc.Arbitrary<LineShape> = fc.oneof({weight: 4, arbitrary: commandShape}, {weight: 1, arbitrary: commentShape}, {weight: 1, arbitrary: blankShape})

const lineEnds = fc.oneof(fc.constant(['\n']), fc.constant(['\r\n']), fc.array(fc.constantFrom('\n', '\r\n'), {minLength: 1, maxLength: 4}))

/** A whole file, as a shape. */
export const documentShape: fc.Arbitrary<DocumentShape> = fc
  .record({bom: fc.boolean(), lines: fc.array(lineShape, {maxLength: 10}), eols: lineEnds, finalNewline: fc.boolean()})
  .map(({bom, lines, eols, finalNewline}) => ({bom, lines: withLineEnds(lines, eols, finalNewline)}))

/**
 * Noise over an ntp.conf alphabet: the parser must round-trip every text of it (ntpd
 * rejects no file, and neither does the parser, short of binary data).
 */
export const configNoise: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '\v', '\f', '#', '"', '""', '=', ',', '(', ')', 'restrict', 'default', 'kod', 'mask', '-4', '-6', '10.0.0.1', 'includefile', 'server', 'x', '5', '\u00e9', '\u00a0', '\uFEFF'),
  maxLength: 40,
  size: 'medium',
})

// ----- Systems an administrator could have ------------------------------------------------------

/** A system: its files by path, and the format settings it is for. */
export interface HardeningScenario {
  files: Record<string, string>
  daemon: 'ntpsec' | 'ntpd'
}

export const MAIN_PATH = '/etc/ntpsec/ntp.conf'

const flagSets = fc.subarray(['kod', 'nomodify', 'notrap', 'nopeer', 'noquery', 'limited'], {minLength: 0})

/** Restrict lines and the others, as words. */
const hardeningCommand: fc.Arbitrary<string[]> = fc.oneof(
  {weight: 4, arbitrary: fc.tuple(fc.constantFrom(['default'], ['-4', 'default'], ['-6', 'default']), flagSets).map(([target, flags]) => ['restrict', ...target, ...flags])},
  {weight: 3, arbitrary: fc.tuple(fc.constantFrom(['127.0.0.1'], ['::1'], ['192.0.2.7'], ['10.0.0.0', 'mask', '255.0.0.0'], ['192.168.1.5', 'mask', '255.255.0.0'], ['172.16.0.0/12'], ['2001:db8::/32'], ['198.51.100.0/24'], ['2001:db8:1::/64'], ['source']), fc.subarray(['nomodify', 'noquery', 'notrap', 'kod', 'limited', 'ignore'])).map(([target, flags]) => ['restrict', ...target, ...flags])},
  {weight: 1, arbitrary: fc.tuple(fc.constantFrom(['default'], ['10.0.0.0/8'], ['192.0.2.7']), fc.subarray(['noquery', 'limited', 'nomodify'])).map(([target, flags]) => ['unrestrict', ...target, ...flags])},
  {weight: 3, arbitrary: fc.tuple(fc.constantFrom('server', 'pool'), fc.constantFrom('0.debian.pool.ntp.org', '192.0.2.1', 'time.example.net'), fc.subarray(['iburst', 'prefer'])).map(([keyword, host, options]) => [keyword, host, ...options])},
  {weight: 1, arbitrary: fc.constantFrom<string[]>(['disable', 'monitor'], ['enable', 'monitor'], ['enable', 'stats', 'monitor'], ['disable', 'stats'])},
  {weight: 1, arbitrary: fc.constantFrom<string[]>(['driftfile', '/var/lib/ntpsec/ntp.drift'], ['leapfile', '/usr/share/zoneinfo/leap-seconds.list'], ['tos', 'minclock', '4', 'minsane', '3'], ['controlkey', '1'], ['tinker', 'panic', '0'])},
  {weight: 1, arbitrary: fc.constantFrom<string[]>(['restrict', 'default', 'kod', 'bogus', 'noquery'], ['Restrict', '::1'], ['restrict', '10.0.0.0', 'mask'])},
)

/** A comment an administrator could write, sometimes a commented-out example. */
const hardeningComment = fc.constantFrom('# Access control', '#restrict default ignore', '# restrict 127.0.0.1', '#disable monitor', '# Local users may interrogate the ntp server more closely.', '#')

/** The style of a file. */
interface Style {
  separator: string
  eol: string
  indent: string
}

const styleArb: fc.Arbitrary<Style> = fc.record({separator: fc.constantFrom(' ', ' ', '\t', '  '), eol: fc.constantFrom('\n', '\n', '\r\n'), indent: fc.constantFrom('', '', '', '  ')})

/** A file of the hardening family in a style. */
function hardeningFile(extra: fc.Arbitrary<string[]> = fc.constant([])): fc.Arbitrary<string> {
  return fc
    .tuple(
      styleArb,
      fc.array(fc.oneof({weight: 5, arbitrary: hardeningCommand.map((words) => ({words}))}, {weight: 1, arbitrary: hardeningComment.map((comment) => ({comment}))}, {weight: 1, arbitrary: fc.constant({blank: true})}), {maxLength: 12}),
      extra,
      fc.constantFrom('', '', ' # set by hand', '\t#x'),
      fc.boolean(),
    )
    .map(([style, lines, more, comment, finalNewline]) => {
      const rendered = [...lines, ...(more.length > 0 ? [{words: more}] : [])].map((line, i) => {
        if ('comment' in line) return line.comment
        if ('blank' in line) return ''
        return `${style.indent}${line.words.join(style.separator)}${i === 0 ? comment : ''}`
      })
      const text = rendered.join(style.eol)
      return rendered.length === 0 ? '' : finalNewline ? text + style.eol : text
    })
}

/** Systems to harden: a main file, sometimes an included file and a file of ntp.d. */
export const hardeningScenario: fc.Arbitrary<HardeningScenario> = fc
  .record({
    daemon: fc.constantFrom<'ntpsec' | 'ntpd'>('ntpsec', 'ntpd'),
    include: fc.option(hardeningFile(), {nil: undefined}),
    dropIn: fc.option(hardeningFile(), {nil: undefined}),
    main: hardeningFile(),
  })
  .map(({daemon, include, dropIn, main}) => {
    const files: Record<string, string> = {}
    if (include !== undefined) {
      files['/etc/ntpsec/local.conf'] = include
      main = `${main}${main === '' || main.endsWith('\n') ? '' : '\n'}includefile local.conf\n`
    }
    if (dropIn !== undefined) files['/etc/ntpsec/ntp.d/50-site.conf'] = dropIn
    files[MAIN_PATH] = main
    return {files, daemon}
  })
