/**
 * fast-check arbitraries for Apache httpd configuration text, structure first, then rendered.
 *
 * Every arbitrary produces a *shape*: the lines of a file as a tree (sections hold their
 * lines), each token's raw text with the trivia around it, and beside each word the value
 * httpd reads from it (server/util.c: the physical lines joined at `\`+newline, then
 * ap_getword_conf). {@link renderDocument} turns a shape into text; a property can then check
 * the parser's tree and `wordValue` against the shape instead of only checking that the
 * bytes come back.
 *
 * The shapes stay unambiguous on purpose, and each rule below is how httpd reads the text:
 * - a gap between two words holds a space or a tab, except after a closed quote (`"a"b` is
 *   two words; `a\<newline>b` is one, `ab`);
 * - a continuation is never the first or last thing of a bare word;
 * - a bare word that ends with a backslash (`a\`, `a\\`) is followed by a space: before a
 *   line end, that backslash would join the next line;
 * - an unclosed quoted word is the last of its line and ends in a letter or digit (its
 *   trailing blanks are trimmed by httpd, and a `\\` right before the line end is a
 *   continuation to httpd);
 * - comment text never ends with `\`, except where it swallows the next line on purpose;
 * - what follows the `>` of an opening tag or a closing tag starts with white space and
 *   holds no `>`; an opening tag without arguments has nothing but blanks after its `>`.
 *
 * Some of these rules step around divergences from httpd that test/regressions/apache.test.ts
 * keeps as `it.fails`: `\\` before the line end inside quotes (bug 1), text right after
 * `</Name>` or `<Name>` (bugs 2 and 3), an unclosed quote or a `"a"b` pair in an opening tag
 * (bugs 4 and 5), a continuation inside a section name (bug 6) or right before the `>` of a
 * tag after a bare word (bug 7), a quoted first word that starts with `<` (bug 8). Text the
 * grammar may read in more than one way is the job of the noise arbitraries
 * ({@link configNoise}, {@link lineNoise}).
 *
 * Two families:
 * - {@link documentShape}: any file httpd reads, with random and real names, odd quoting,
 *   `${VAR}`, escapes, continuations inside and between words, comments that swallow lines,
 *   sections nested 5 and more deep (`fc.letrec`), CRLF, a missing final newline, a BOM.
 * - {@link hardeningScenario}: Debian-like systems an administrator could have, with the
 *   directives the rules read (ServerTokens, ServerSignature, TraceEnable, Options, UserDir,
 *   SSLProtocol, Listen, VirtualHost, Directory), for the fix properties; one style per file
 *   (indent step, line ends, quoted paths, lower-case names), with now and then a value
 *   continued on the next line, a note after a tag, a closing tag in lower case, a
 *   commented-out line that swallows the next one, no final newline, a BOM.
 */
import {fc} from '@fast-check/vitest'

/** A word (a directive's name or an argument): its raw text and the value httpd reads from it. */
export interface WordShape {
  /** The white space (continuations included) before it; empty for a name. */
  before: string
  raw: string
  value: string
}

/** A `Name arguments...` line. */
export interface DirectiveShape {
  type: 'directive'
  indent: string
  name: WordShape
  arguments: WordShape[]
  trailing: string
  eol: string
}

/** A `# comment` line, with the lines it swallows through continuations. */
export interface CommentShape {
  type: 'comment'
  indent: string
  /** From `#` to the end of the logical line. */
  value: string
  eol: string
}

/** A line of white space (and continuations) only. */
export interface BlankShape {
  type: 'blank'
  value: string
  eol: string
}

/** `<Name args>` and what follows it on the line. */
export interface OpenShape {
  type: 'sectionOpen'
  indent: string
  name: string
  arguments: WordShape[]
  /** The `>` with the white space before it. */
  bracket: string
  after: string
  eol: string
}

/** `</Name>` and what follows it on the line. */
export interface CloseShape {
  type: 'sectionClose'
  indent: string
  name: string
  after: string
  eol: string
}

/** A section with its lines. */
export interface SectionShape {
  type: 'section'
  open: OpenShape
  children: NodeShape[]
  close: CloseShape
}

/** A line that is not a section. */
export type LineShape = DirectiveShape | CommentShape | BlankShape

/** Anything a file or a section holds. */
export type NodeShape = LineShape | SectionShape

/** A whole file. */
export interface DocumentShape {
  bom: boolean
  children: NodeShape[]
}

// ----- Rendering ----------------------------------------------------------------------------

function words(list: readonly WordShape[]): string {
  return list.map((w) => w.before + w.raw).join('')
}

/**
 * The text of one node (a section with everything in it).
 *
 * @param node the node
 */
export function renderNode(node: NodeShape): string {
  switch (node.type) {
    case 'directive':
      return `${node.indent}${node.name.raw}${words(node.arguments)}${node.trailing}${node.eol}`
    case 'comment':
      return `${node.indent}${node.value}${node.eol}`
    case 'blank':
      return `${node.value}${node.eol}`
    case 'section': {
      const {open, close} = node
      return `${open.indent}<${open.name}${words(open.arguments)}${open.bracket}${open.after}${open.eol}${node.children.map(renderNode).join('')}${close.indent}</${close.name}>${close.after}${close.eol}`
    }
  }
}

/**
 * The text of a whole file.
 *
 * @param doc the file
 */
export function renderDocument(doc: DocumentShape): string {
  return (doc.bom ? '\uFEFF' : '') + doc.children.map(renderNode).join('')
}

/** Every line-like part of a file in text order: lines, opening and closing tags. */
export function flattenLines(children: readonly NodeShape[]): Array<LineShape | OpenShape | CloseShape> {
  return children.flatMap((node) => (node.type === 'section' ? [node.open, ...flattenLines(node.children), node.close] : [node]))
}

/** How deep sections nest in a list of nodes (0 without sections). */
export function sectionDepth(children: readonly NodeShape[]): number {
  return Math.max(0, ...children.map((node) => (node.type === 'section' ? 1 + sectionDepth(node.children) : 0)))
}

/**
 * Sets the line ends of a file: each line gets one of `eols` in turn, and the last loses its
 * own when `finalNewline` is false (a last blank line that would then be empty gets a
 * space, so that it still exists).
 */
function withLineEnds(doc: DocumentShape, eols: readonly string[], finalNewline: boolean): DocumentShape {
  const copy: DocumentShape = structuredClone(doc)
  const lines = flattenLines(copy.children)
  lines.forEach((line, i) => {
    line.eol = eols[i % eols.length]!
  })
  const last = lines[lines.length - 1]
  if (last !== undefined && !finalNewline) {
    last.eol = ''
    if (last.type === 'blank' && last.value === '') last.value = ' '
  }
  return copy
}

// ----- Tokens -------------------------------------------------------------------------------

/** Spaces and tabs, possibly none. */
export const ws0 = fc.stringMatching(/^[ \t]{0,3}$/)
/** Spaces and tabs, at least one; rarely a form feed or a vertical tab (white space to httpd too). */
export const ws1 = fc.oneof({weight: 12, arbitrary: fc.stringMatching(/^[ \t]{1,3}$/)}, {weight: 1, arbitrary: fc.constantFrom('\f', ' \v', '\t\f ')})

/** A backslash right before a line end: httpd joins the next line there. */
export const continuation = fc.constantFrom('\\\n', '\\\n', '\\\r\n')

/** White space between two words: always one space or tab, sometimes continuations too. */
const gap: fc.Arbitrary<string> = fc.oneof(
  {weight: 8, arbitrary: ws1},
  {weight: 1, arbitrary: fc.tuple(continuation, ws1).map(([c, w]) => c + w)},
  {weight: 1, arbitrary: fc.tuple(ws1, continuation, ws0).map(([w, c, v]) => w + c + v)},
)

/** White space after a closed quote: none, continuations only, or a gap. */
const gapAfterQuote: fc.Arbitrary<string> = fc.oneof({weight: 6, arbitrary: gap}, {weight: 1, arbitrary: fc.constant('')}, {weight: 1, arbitrary: continuation})

/** A word in the making: its raw text, value, and how it ends. */
interface Token {
  raw: string
  value: string
  /** `bare`, a closed quote, or an unclosed one (which runs to the line end). */
  kind: 'bare' | 'closed' | 'open'
  /** A bare word ending with a backslash (`a\`, `a\\`): a space must follow, not a line end. */
  loneBackslash: boolean
}

interface Piece {
  raw: string
  value: string
}

const same = (raw: string): Piece => ({raw, value: raw})

/**
 * A value `some` times in `some + none`, else undefined.
 *
 * @param arbitrary the value
 * @param some its weight
 * @param none the weight of undefined
 */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, some: number, none: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({weight: none, arbitrary: fc.constant(undefined)}, {weight: some, arbitrary})
}

/** `${NAME}`: left as written when no variable of that name exists (as httpd does, with a warning). */
const variable = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,5}$/).map((name) => same(`\${${name}}`))

/** Outside quotes only `\\` is an escape; a backslash before anything else stays. */
const bareEscape: fc.Arbitrary<Piece> = fc.oneof(
  {weight: 2, arbitrary: fc.constant({raw: '\\\\', value: '\\'})},
  {weight: 3, arbitrary: fc.constantFrom('a', '#', '"', "'", '$', 'n', '<').map((c) => same(`\\${c}`))},
)

/** How a bare word may start: never with a quote, `#` or `<`. */
const bareStart = fc.stringMatching(/^[A-Za-z0-9_./:*!@%+~=,-][A-Za-z0-9_./:*!@%+~=,#"'<>{}é-]{0,8}$/).map(same)
const bareMore = fc.stringMatching(/^[A-Za-z0-9_./:*!@%+~=,#"'<>{}$é-]{1,8}$/).map(same)

/** A piece, sometimes after a continuation (which is then inside the word). */
function joined(piece: fc.Arbitrary<Piece>): fc.Arbitrary<Piece> {
  return fc.tuple(fc.oneof({weight: 6, arbitrary: fc.constant('')}, {weight: 1, arbitrary: continuation}), piece).map(([c, p]) => ({raw: c + p.raw, value: p.value}))
}

const concat = (pieces: readonly Piece[]): Piece => ({raw: pieces.map((p) => p.raw).join(''), value: pieces.map((p) => p.value).join('')})

/**
 * A bare word. `noBracket` leaves `>` out (for the words of an opening tag).
 *
 * @param noBracket whether `>` is left out
 */
function bareWord(noBracket: boolean): fc.Arbitrary<Token> {
  const strip = (p: Piece): Piece => (noBracket ? {raw: p.raw.replace(/>/g, ')'), value: p.value.replace(/>/g, ')')} : p)
  return fc
    .tuple(
      fc.oneof({weight: 6, arbitrary: bareStart}, {weight: 1, arbitrary: variable}, {weight: 1, arbitrary: bareEscape}),
      fc.array(joined(fc.oneof({weight: 5, arbitrary: bareMore}, {weight: 1, arbitrary: variable}, {weight: 2, arbitrary: bareEscape})), {maxLength: 2}),
      fc.oneof({weight: 12, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}),
    )
    .map(([first, rest, lone]) => {
      const word = concat([first, ...rest].map(strip))
      const raw = lone ? `${word.raw}\\` : word.raw
      // A word that ends with a backslash (alone, or the escape `\\`) needs a space after it.
      return {raw, value: lone ? `${word.value}\\` : word.value, kind: 'bare', loneBackslash: raw.endsWith('\\')}
    })
}

/** Inside quotes: `\q` and `\\` are escapes, a backslash before anything else stays. */
function quotedPieces(quote: '"' | "'"): fc.Arbitrary<Piece[]> {
  const other = quote === '"' ? "'" : '"'
  // Printable ASCII, tabs and é, less this quote and the backslash; `<`, `>`, `#` and spaces included.
  const plain = (quote === '"' ? fc.stringMatching(/^[\t !#-[\]-~é]{1,8}$/) : fc.stringMatching(/^[\t -&(-[\]-~é]{1,8}$/)).map(same)
  const escape = fc.oneof(
    {weight: 2, arbitrary: fc.constant({raw: `\\${quote}`, value: quote})},
    {weight: 2, arbitrary: fc.constant({raw: '\\\\', value: '\\'})},
    {weight: 2, arbitrary: fc.constantFrom('a', 'n', '$', ' ', other).map((c) => same(`\\${c}`))},
  )
  const cont = continuation.map((raw) => ({raw, value: ''}))
  return fc.array(fc.oneof({weight: 6, arbitrary: plain}, {weight: 2, arbitrary: escape}, {weight: 1, arbitrary: variable}, {weight: 1, arbitrary: cont}), {maxLength: 4})
}

/** A closed quoted word: `"..."` or `'...'`. */
const closedWord: fc.Arbitrary<Token> = fc
  .constantFrom<'"' | "'">('"', '"', "'")
  .chain((quote) => quotedPieces(quote).map((pieces) => ({quote, pieces})))
  .map(({quote, pieces}) => {
    const inner = concat(pieces)
    return {raw: `${quote}${inner.raw}${quote}`, value: inner.value, kind: 'closed' as const, loneBackslash: false}
  })

/** An unclosed quoted word: runs to the end of the line; ends in a letter or digit, or is the quote alone. */
const openWord: fc.Arbitrary<Token> = fc
  .constantFrom<'"' | "'">('"', "'")
  .chain((quote) => fc.tuple(fc.constant(quote), quotedPieces(quote), fc.option(fc.stringMatching(/^[A-Za-z0-9]$/), {nil: undefined})))
  .map(([quote, pieces, end]) => {
    const inner = concat(end === undefined ? [] : [...pieces, same(end)])
    return {raw: `${quote}${inner.raw}`, value: inner.value, kind: 'open' as const, loneBackslash: false}
  })

/** Any closed word: bare or quoted. */
const closedToken = (noBracket: boolean): fc.Arbitrary<Token> => fc.oneof({weight: 5, arbitrary: bareWord(noBracket)}, {weight: 3, arbitrary: closedWord})

/** Directive names httpd knows, as they are usually written. */
export const REAL_DIRECTIVES = [
  'ServerTokens', 'ServerSignature', 'TraceEnable', 'Options', 'Listen', 'UserDir', 'Require', 'AllowOverride',
  'DocumentRoot', 'ServerName', 'ServerAdmin', 'ServerRoot', 'ErrorLog', 'CustomLog', 'LogLevel', 'LogFormat',
  'Include', 'IncludeOptional', 'LoadModule', 'SSLProtocol', 'SSLCipherSuite', 'SSLEngine', 'Header', 'Alias',
  'Redirect', 'DirectoryIndex', 'KeepAlive', 'Timeout', 'Define', 'SetEnv', 'RewriteEngine', 'RewriteRule',
  'AccessFileName', 'AddDefaultCharset', 'User', 'Group', 'PidFile', 'Mutex', 'HostnameLookups',
]

/** A directive's name: a real one in any case, a random one, an odd bare word, a quoted or continued real one. */
const directiveName: fc.Arbitrary<Token> = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom(...REAL_DIRECTIVES).map((n): Token => ({raw: n, value: n, kind: 'bare', loneBackslash: false}))},
  {weight: 1, arbitrary: fc.constantFrom(...REAL_DIRECTIVES).map((n): Token => ({raw: n.toLowerCase(), value: n.toLowerCase(), kind: 'bare', loneBackslash: false}))},
  {weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/).map((n): Token => ({raw: n, value: n, kind: 'bare', loneBackslash: false}))},
  {weight: 1, arbitrary: bareWord(false)},
  {weight: 1, arbitrary: fc.constantFrom(...REAL_DIRECTIVES).map((n): Token => ({raw: `"${n}"`, value: n, kind: 'closed', loneBackslash: false}))},
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...REAL_DIRECTIVES), fc.nat(), continuation).map(([n, at, c]): Token => {
      const i = 1 + (at % (n.length - 1))
      return {raw: `${n.slice(0, i)}${c}${n.slice(i)}`, value: n, kind: 'bare', loneBackslash: false}
    }),
  },
)

/**
 * The white space before the next word, given the word before it: a gap with a space after
 * a bare word (one that ends with a lone backslash needs the space first), anything after a
 * closed quote.
 */
function gapAfter(previous: Token, chosen: {gap: string; afterQuote: string}): string {
  if (previous.kind === 'closed') return chosen.afterQuote
  if (previous.loneBackslash && !/^[ \t\f\v]/.test(chosen.gap)) return ` ${chosen.gap}`
  return chosen.gap
}

/** What may come before the first token of a line: nothing, blanks, continuations. */
const indent: fc.Arbitrary<string> = fc.oneof(
  {weight: 4, arbitrary: fc.constant('')},
  {weight: 4, arbitrary: fc.stringMatching(/^(?:\t|  |    ){1,3}$/)},
  {weight: 1, arbitrary: ws1},
  {weight: 1, arbitrary: fc.tuple(continuation, ws0).map(([c, w]) => c + w)},
  {weight: 1, arbitrary: fc.tuple(ws0, continuation).map(([w, c]) => w + c)},
)

/** What may follow the last word: blanks, continuations (httpd trims them). */
const trailing: fc.Arbitrary<string> = fc.oneof(
  {weight: 8, arbitrary: fc.constant('')},
  {weight: 2, arbitrary: ws1},
  {weight: 1, arbitrary: fc.tuple(ws0, continuation).map(([w, c]) => w + c)},
  {weight: 1, arbitrary: fc.tuple(ws1, continuation, ws0).map(([w, c, v]) => w + c + v)},
)

const toWord = (token: Token, before: string): WordShape => ({before, raw: token.raw, value: token.value})

/** A directive line (its line end is set later). */
export const directiveShape: fc.Arbitrary<DirectiveShape> = fc
  .record({
    indent,
    name: directiveName,
    args: fc.array(fc.record({token: closedToken(false), gap, afterQuote: gapAfterQuote}), {maxLength: 4}),
    last: sometimes(fc.record({token: openWord, gap, afterQuote: gapAfterQuote}), 1, 7),
    trailing,
  })
  .map(({indent, name, args, last, trailing}): DirectiveShape => {
    const all = last === undefined ? args : [...args, last]
    let previous = name
    const argumentShapes = all.map(({token, ...chosen}) => {
      const word = toWord(token, gapAfter(previous, chosen))
      previous = token
      return word
    })
    // After a lone backslash or an unclosed quote, the trailing text starts with a space:
    // `a\<newline>` and `"a\<newline>` join the next line.
    const needsSpace = (previous.loneBackslash || previous.kind === 'open') && trailing !== '' && !/^[ \t\f\v]/.test(trailing)
    const end = previous.loneBackslash && trailing === '' ? ' ' : needsSpace ? ` ${trailing}` : trailing
    return {type: 'directive', indent, name: toWord(name, ''), arguments: argumentShapes, trailing: end, eol: '\n'}
  })

/** Comment text on one physical line: never ends with `\` (that would join the next line). */
const commentText = fc.stringMatching(/^[\t -~é]{0,16}$/).map((text) => (text.endsWith('\\') ? `${text}x` : text))

/** A physical line a comment swallows through a continuation. */
const swallowed = fc.oneof(
  {weight: 2, arbitrary: commentText},
  {weight: 2, arbitrary: fc.constantFrom('ServerTokens Full', '</Directory>', '<Directory />', 'Listen 80', '# another comment', '\tOptions Indexes', '<VirtualHost *:80>', '"unclosed')},
)

/** A comment line, sometimes swallowing the physical lines after it. */
export const commentShape: fc.Arbitrary<CommentShape> = fc
  .record({
    indent,
    text: commentText,
    more: fc.oneof({weight: 5, arbitrary: fc.constant<string[]>([])}, {weight: 1, arbitrary: fc.array(fc.tuple(continuation, swallowed).map(([c, s]) => c + s), {minLength: 1, maxLength: 2})}),
  })
  .map(({indent, text, more}) => ({type: 'comment' as const, indent, value: `#${text}${more.join('')}`, eol: '\n'}))

/** A blank line: nothing, blanks, continuations. */
export const blankShape: fc.Arbitrary<BlankShape> = fc
  .oneof(
    {weight: 6, arbitrary: fc.stringMatching(/^[ \t]{0,3}$/)},
    {weight: 1, arbitrary: fc.constantFrom('\f', '\v', ' \f\t')},
    {weight: 1, arbitrary: fc.tuple(ws0, continuation, ws0).map(([a, c, b]) => a + c + b)},
  )
  .map((value) => ({type: 'blank' as const, value, eol: '\n'}))

/** Any line but a section. */
export const lineShape: fc.Arbitrary<LineShape> = fc.oneof({weight: 4, arbitrary: directiveShape}, {weight: 1, arbitrary: commentShape}, {weight: 1, arbitrary: blankShape})

// ----- Sections -----------------------------------------------------------------------------

/**
 * A constant word, with its value worked out the way ap_getword_conf does (constants here
 * hold no continuation and are never unclosed).
 */
function literal(raw: string): Token {
  const quote = raw[0]
  if ((quote === '"' || quote === "'") && raw.length > 1 && raw.endsWith(quote)) {
    let value = ''
    for (let i = 1; i < raw.length - 1; i++) {
      if (raw[i] === '\\' && (raw[i + 1] === quote || raw[i + 1] === '\\')) i++
      value += raw[i]
    }
    return {raw, value, kind: 'closed', loneBackslash: false}
  }
  return {raw, value: raw.replace(/\\\\/g, '\\'), kind: 'bare', loneBackslash: false}
}

/** Section names httpd knows, with arguments they plausibly take (as written). */
export const REAL_SECTIONS: ReadonlyArray<[string, readonly string[][]]> = [
  ['VirtualHost', [['*:80'], ['*:443'], ['192.0.2.10:8080'], ['[2001:db8::1]:443'], ['_default_:443'], ['"*:80"'], ['*:80', '[::]:80']]],
  ['Directory', [['/'], ['/var/www/'], ['/var/www/html'], ['"/srv/my site"'], ['/usr/share'], ['~', '"^/var/www/.*\\.git"'], ["'/opt/app'"], ['${APACHE_ROOT}/htdocs'], ['/home/*/public_html']]],
  ['DirectoryMatch', [['"^/var/www/(.+/)?\\.svn"']]],
  ['IfModule', [['mod_ssl.c'], ['!mpm_prefork_module'], ['ssl_module'], ['mod_userdir.c'], ['headers_module'], ['!mod_ssl.c']]],
  ['IfDefine', [['SSL'], ['!FOO'], ['ENABLE_USR_LIB_CGI_BIN']]],
  ['IfVersion', [['>=', '2.4'], ['<', '2.4.30']]],
  ['Files', [['".ht*"'], ['~', '"\\.(gif|jpe?g)$"'], ['"*.bak"'], ['wp-config.php']]],
  ['FilesMatch', [['"^\\.ht"'], ['"\\.(cgi|shtml|phtml|php)$"']]],
  ['Location', [['/server-status'], ['"/my app"'], ['/']]],
  ['LocationMatch', [['"^/private"']]],
  ['Limit', [['GET', 'POST'], ['PUT', 'DELETE']]],
  ['LimitExcept', [['GET']]],
  ['If', [['"%{HTTP_HOST} != \'www.example.com\'"']]],
  ['Else', [[]]],
  ['Proxy', [['"balancer://app"']]],
]

/** How a name is spelt: as is, or in another case (httpd compares names without case). */
const spelling = fc.constantFrom('same', 'same', 'lower', 'upper')
function spell(name: string, how: string): string {
  return how === 'lower' ? name.toLowerCase() : how === 'upper' ? name.toUpperCase() : name
}

/** An opening tag's name and its arguments as tokens. */
const tagHead: fc.Arbitrary<{name: string; args: Token[]}> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.tuple(fc.constantFrom(...REAL_SECTIONS), fc.nat(), spelling).map(([[name, choices], at, how]) => ({name: spell(name, how), args: choices[at % choices.length]!.map(literal)})),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/), fc.array(closedToken(true), {maxLength: 3})).map(([name, args]) => ({name, args})),
  },
)

/** What follows the `>` of an opening tag with arguments: nothing, blanks, a note (httpd ignores it). */
const tagAfter = fc.oneof(
  {weight: 6, arbitrary: fc.constant('')},
  {weight: 1, arbitrary: ws1},
  {weight: 1, arbitrary: fc.constantFrom(' # the document root', '\t# see README', ' junk "words', '  #')},
)

/** The `>` of an opening tag, with what comes before it. */
const bracket = fc.oneof(
  {weight: 8, arbitrary: fc.constant('>')},
  {weight: 2, arbitrary: ws1.map((w) => `${w}>`)},
  {weight: 1, arbitrary: fc.tuple(ws1, continuation).map(([w, c]) => `${w}${c}>`)},
  {weight: 1, arbitrary: fc.tuple(continuation, ws1).map(([c, w]) => `${c}${w}>`)},
)

/** What follows a closing tag (httpd ignores it): nothing, blanks, a note. */
const closeAfter = fc.oneof({weight: 6, arbitrary: fc.constant('')}, {weight: 1, arbitrary: ws1}, {weight: 1, arbitrary: fc.constantFrom(' # end', '\t# of the virtual host')})

/** An opening tag (its line end is set later). */
const openShape: fc.Arbitrary<OpenShape> = fc
  .record({
    indent,
    head: tagHead,
    gaps: fc.array(fc.record({gap, afterQuote: gapAfterQuote}), {minLength: 4, maxLength: 4}),
    bracket,
    after: tagAfter,
  })
  .map(({indent, head, gaps, bracket, after}) => {
    let previous: Token = {raw: head.name, value: head.name, kind: 'bare', loneBackslash: false}
    const args = head.args.map((token, i) => {
      // Tags need white space between words, even after a closed quote (`<X "a"b>` is test/regressions/apache.test.ts, bug 5).
      const chosen = gaps[i % gaps.length]!
      const word = toWord(token, gapAfter(previous, {gap: chosen.gap, afterQuote: chosen.afterQuote === '' ? chosen.gap : chosen.afterQuote}))
      previous = token
      return word
    })
    const lastBare = head.args.length === 0 || previous.kind === 'bare'
    // `a\<newline>>` would put the `>` in the word (bug 7); a backslash at the end of a word needs a space after it.
    const safeBracket = previous.loneBackslash && !/^[ \t\f\v]/.test(bracket) ? ` ${bracket}` : lastBare && /^\\/.test(bracket) ? ` ${bracket}` : bracket
    // Without arguments, httpd reads what follows `>` as the arguments (bug 3): blanks only.
    const safeAfter = head.args.length === 0 && /\S/.test(after) ? '' : after
    return {type: 'sectionOpen' as const, indent, name: head.name, arguments: args, bracket: safeBracket, after: safeAfter, eol: '\n'}
  })

/** The recursive part: nodes, sections and bodies, nested through `fc.letrec`. */
const nested = fc.letrec<{node: NodeShape; section: SectionShape; body: NodeShape[]}>((tie) => ({
  node: fc.oneof({depthSize: 'small', withCrossShrink: true, depthIdentifier: 'apache-nesting'}, {weight: 3, arbitrary: lineShape}, {weight: 2, arbitrary: tie('section')}),
  section: fc
    .record({open: openShape, body: tie('body'), how: spelling, closeIndent: indent, after: closeAfter})
    .map(({open, body, how, closeIndent, after}) => ({
      type: 'section' as const,
      open,
      children: body,
      close: {type: 'sectionClose' as const, indent: closeIndent, name: spell(open.name, how), after, eol: '\n'},
    })),
  body: fc.array(tie('node'), {maxLength: 4, depthIdentifier: 'apache-nesting'}),
}))

/** A node: a line, or a section holding lines and sections (nested through `fc.letrec`). */
export const nodeShape: fc.Arbitrary<NodeShape> = nested.node

/**
 * A chain of 5 to 8 sections, each inside the one before, each with a few lines and
 * sometimes a random subtree beside the next: what makes deep nesting certain.
 */
export const deepSection: fc.Arbitrary<SectionShape> = fc
  .array(fc.record({open: openShape, before: fc.array(lineShape, {maxLength: 2}), beside: sometimes(nested.section, 1, 3), how: spelling, closeIndent: indent}), {minLength: 5, maxLength: 8})
  .map((levels) => {
    let inner: NodeShape[] = []
    for (const level of [...levels].reverse()) {
      const children: NodeShape[] = [...level.before, ...(level.beside === undefined ? [] : [level.beside]), ...inner]
      inner = [{type: 'section', open: level.open, children, close: {type: 'sectionClose', indent: level.closeIndent, name: spell(level.open.name, level.how), after: '', eol: '\n'}}]
    }
    return inner[0] as SectionShape
  })

/** Line ends: all LF, all CRLF, or mixed. */
const lineEnds = fc.oneof(fc.constant(['\n']), fc.constant(['\r\n']), fc.array(fc.constantFrom('\n', '\r\n'), {minLength: 1, maxLength: 4}))

/** A whole file, as a shape: top-level nodes, sometimes a deep chain of sections among them. */
export const documentShape: fc.Arbitrary<DocumentShape> = fc
  .record({
    bom: fc.oneof({weight: 5, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}),
    children: fc.array(nodeShape, {maxLength: 6}),
    deep: sometimes(fc.tuple(deepSection, fc.nat()), 1, 2),
    eols: lineEnds,
    finalNewline: fc.boolean(),
  })
  .map(({bom, children, deep, eols, finalNewline}) => {
    const all = [...children]
    if (deep !== undefined) all.splice(deep[1] % (all.length + 1), 0, deep[0])
    return withLineEnds({bom, children: all}, eols, finalNewline)
  })

/** A whole file, rendered. */
export const documentText: fc.Arbitrary<string> = documentShape.map(renderDocument)

/**
 * Noise over a config-ish alphabet: the parser must round-trip it or reject it with a
 * ConfigSyntaxError, never anything else.
 */
export const configNoise: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '\\', '#', '"', "'", '<', '>', '/', 'Directory', 'IfModule', 'a', '${X}', '\uFEFF'),
  maxLength: 48,
  size: 'medium',
})

/**
 * Noise made of whole config-ish lines, so that sections open and close more often than in
 * character noise: opening and closing tags (some mismatched), directives, comments,
 * continuations, quotes.
 */
export const lineNoise: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom('', ' ', '\t', '\\\n'),
      fc.constantFrom('<Directory /x>', '<IfModule a>', '</Directory>', '</directory>', '</IfModule>', '<Directory "a b">', '<Directory>', '</Directory >', 'Options Indexes', 'A "b', '# c', '#c\\', 'x\\', 'a\\\\', '"q\\\\', '<VirtualHost *:80> # x', '</VirtualHost>', '<a', '>', ''),
      fc.constantFrom('', ' ', '\\', ' \\', '"', '>'),
      fc.constantFrom('\n', '\n', '\r\n', ''),
    ),
    {maxLength: 10},
  )
  .map((lines) => lines.map((parts) => parts.join('')).join(''))

// ----- Hardening-relevant systems ------------------------------------------------------------

/** The main file, where `harden` starts (Debian's layout). */
export const MAIN_PATH = '/etc/apache2/apache2.conf'
/** A file the main one includes (`IncludeOptional conf-enabled/*.conf`). */
export const INCLUDED_PATH = '/etc/apache2/conf-enabled/security.conf'
/** A site the main one includes (`IncludeOptional sites-enabled/*.conf`). */
export const SITE_PATH = '/etc/apache2/sites-enabled/000-default.conf'

/** The style of one file: what every line copies. */
interface Style {
  step: string
  eol: string
  /** Whether paths are quoted. */
  quote: boolean
  /** Whether some directive names are in lower case. */
  lower: boolean
}

const styleArb: fc.Arbitrary<Style> = fc.record({
  step: fc.constantFrom('\t', '\t', '    ', '  '),
  eol: fc.constantFrom('\n', '\n', '\n', '\r\n'),
  quote: fc.boolean(),
  lower: fc.oneof({weight: 4, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}),
})

/** A line in the making: rendered once the file's style and the depth are known. */
type Maker = (style: Style, depth: number) => NodeShape[]

const line = (name: string, args: readonly string[], extra: {trailing?: string; continued?: boolean} = {}): Maker => (style, depth) => {
  const quoted = args.map((a) => (style.quote && a.startsWith('/') ? `"${a}"` : a))
  return [
    {
      type: 'directive',
      indent: style.step.repeat(depth),
      name: {before: '', raw: style.lower && name !== 'Include' && name !== 'IncludeOptional' ? name.toLowerCase() : name, value: name},
      arguments: quoted.map((raw, i) => ({
        // A long line is sometimes continued before its last word (its only one too).
        before: extra.continued && i === quoted.length - 1 ? ` \\${style.eol}${style.step.repeat(depth + 1)}` : ' ',
        raw,
        value: literal(raw).value,
      })),
      trailing: extra.trailing ?? '',
      eol: style.eol,
    },
  ]
}

const comment = (text: string): Maker => (style, depth) => [{type: 'comment', indent: text === '' ? '' : style.step.repeat(depth), value: text === '' ? '#' : `# ${text}`, eol: style.eol}]
const blank: Maker = (style) => [{type: 'blank', value: '', eol: style.eol}]

/** How a section is written: a note after its `>`, its closing tag in lower case. */
interface Writing {
  note: boolean
  lower: boolean
}

const writing: fc.Arbitrary<Writing> = fc.record({
  note: fc.oneof({weight: 6, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}),
  lower: fc.oneof({weight: 6, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}),
})

const section = (name: string, args: readonly string[], body: readonly Maker[], how: Writing = {note: false, lower: false}): Maker => (style, depth) => [
  {
    type: 'section',
    open: {
      type: 'sectionOpen',
      indent: style.step.repeat(depth),
      name,
      arguments: args.map((raw) => ({before: ' ', raw: style.quote && raw.startsWith('/') && raw !== '/' ? `"${raw}"` : raw, value: raw})),
      bracket: '>',
      after: how.note ? ' # managed by hand' : '',
      eol: style.eol,
    },
    children: body.flatMap((make) => make(style, depth + 1)),
    close: {type: 'sectionClose', indent: style.step.repeat(depth), name: how.lower ? name.toLowerCase() : name, after: how.note ? ` # ${name}` : '', eol: style.eol},
  },
]

/** Values a directive may have, some the rules want changed. */
const SETTINGS: ReadonlyArray<[string, ReadonlyArray<readonly string[]>]> = [
  ['ServerTokens', [['Full'], ['OS'], ['Prod'], ['Minimal'], ['Major'], ['ProductOnly']]],
  ['ServerSignature', [['On'], ['Off'], ['EMail'], ['on']]],
  ['TraceEnable', [['On'], ['Off'], ['extended'], ['off']]],
  ['Listen', [['80'], ['443'], ['127.0.0.1:8080'], ['[::1]:80'], ['443', 'https'], ['0.0.0.0:8443']]],
  ['UserDir', [['public_html'], ['disabled'], ['disabled', 'root'], ['enabled', 'alice'], ['public_html', '/var/www/users']]],
  ['SSLProtocol', [['all'], ['all', '-SSLv3'], ['-all', '+TLSv1.2'], ['TLSv1', 'TLSv1.1', 'TLSv1.2'], ['all', '-SSLv3', '-TLSv1', '-TLSv1.1']]],
  ['Timeout', [['300'], ['60']]],
  ['KeepAlive', [['On'], ['Off']]],
  ['LogLevel', [['warn'], ['info', 'ssl:warn']]],
  ['HostnameLookups', [['Off']]],
  ['AccessFileName', [['.htaccess']]],
  ['ErrorLog', [['${APACHE_LOG_DIR}/error.log'], ['/var/log/apache2/error.log']]],
  ['ServerAdmin', [['webmaster@localhost']]],
  ['AddDefaultCharset', [['UTF-8']]],
]

/** Lines of a `<Directory>` or `<Location>` body. */
const DIRECTORY_LINES: ReadonlyArray<[string, ReadonlyArray<readonly string[]>]> = [
  ['Options', [['Indexes', 'FollowSymLinks'], ['-Indexes'], ['+Indexes'], ['None'], ['FollowSymLinks'], ['Indexes', 'FollowSymLinks', 'MultiViews'], ['All'], ['+ExecCGI', '-Indexes'], ['SymLinksIfOwnerMatch']]],
  ['AllowOverride', [['None'], ['All'], ['FileInfo', 'AuthConfig', 'Limit', 'Indexes']]],
  ['Require', [['all', 'granted'], ['all', 'denied'], ['ip', '192.0.2.0/24']]],
  ['DirectoryIndex', [['index.html', 'index.php']]],
  ['ServerSignature', [['On'], ['Off']]],
]

/** Lines of a `<VirtualHost>` body. */
const VHOST_LINES: ReadonlyArray<[string, ReadonlyArray<readonly string[]>]> = [
  ['ServerName', [['www.example.com'], ['example.org']]],
  ['ServerAdmin', [['webmaster@localhost']]],
  ['DocumentRoot', [['/var/www/html'], ['/srv/www/site']]],
  ['ErrorLog', [['${APACHE_LOG_DIR}/error.log']]],
  ['CustomLog', [['${APACHE_LOG_DIR}/access.log', 'combined']]],
  ['Redirect', [['permanent', '/', 'https://www.example.com/']]],
  ['SSLEngine', [['on']]],
  ['SSLProtocol', [['all', '-SSLv3'], ['-all', '+TLSv1.2', '+TLSv1.3'], ['all']]],
  ['SSLCertificateFile', [['/etc/ssl/certs/ssl-cert-snakeoil.pem']]],
  ['ServerSignature', [['On'], ['Off']]],
  ['UserDir', [['public_html'], ['disabled']]],
  ['TraceEnable', [['On']]],
]

/** Comments found in Debian's files. */
const REAL_COMMENTS = [
  '',
  'Changing the following options will not really affect the security of the server,',
  "but might make attacks slightly more difficult in some cases.",
  'ServerTokens',
  'Set to one of:  Full | OS | Minimal | Minor | Major | Prod',
  '#ServerTokens Minimal',
  'ServerSignature Off',
  'Allow TRACE method',
  'Sets the default security model of the Apache2 HTTPD server. It does',
  'vim: syntax=apache ts=4 sw=4 sts=4 sr noet',
  'The ServerName directive sets the request scheme, hostname and port that',
]

function settingLine(table: ReadonlyArray<[string, ReadonlyArray<readonly string[]>]>): fc.Arbitrary<Maker> {
  return fc
    .tuple(fc.constantFrom(...table), fc.nat(), fc.constantFrom('', '', '', '', '', '  ', '\t'), fc.oneof({weight: 12, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}))
    .map(([[name, choices], at, trail, continued]) => line(name, choices[at % choices.length]!, {trailing: trail, continued}))
}

/**
 * A commented-out line that ends with `\`: it swallows the next line, which httpd never
 * reads (and no rule may read).
 */
const swallowingComment: fc.Arbitrary<Maker> = fc
  .constantFrom('ServerSignature On', 'ServerTokens Full', 'TraceEnable On', 'Options Indexes', 'UserDir public_html')
  .map((hidden): Maker => (style, depth) => [{type: 'comment', indent: style.step.repeat(depth), value: `#LogFormat "%h %l %u" common \\${style.eol}${style.step.repeat(depth)}${hidden}`, eol: style.eol}])

const commentLine: fc.Arbitrary<Maker> = fc.oneof({weight: 12, arbitrary: fc.constantFrom(...REAL_COMMENTS).map(comment)}, {weight: 1, arbitrary: swallowingComment})

function bodyOf(table: ReadonlyArray<[string, ReadonlyArray<readonly string[]>]>, maxLength: number): fc.Arbitrary<Maker[]> {
  return fc.array(fc.oneof({weight: 5, arbitrary: settingLine(table)}, {weight: 1, arbitrary: commentLine}, {weight: 1, arbitrary: fc.constant(blank)}), {maxLength})
}

const directoryPaths = ['/', '/var/www/', '/var/www/html', '/usr/share', '/srv/', '/home/*/public_html', '/var/www/html/uploads']

/** A `<Directory>` section, sometimes with an `<IfModule>` inside. */
const directorySection: fc.Arbitrary<Maker> = fc
  .tuple(fc.constantFrom(...directoryPaths), bodyOf(DIRECTORY_LINES, 4), sometimes(bodyOf(DIRECTORY_LINES, 2), 1, 3), writing)
  .map(([path, body, inner, how]) => section('Directory', [path], inner === undefined ? body : [...body, section('IfModule', ['mod_authz_core.c'], inner)], how))

/** A `<VirtualHost>` section with its lines, directories and sometimes an `<IfModule>`. */
const virtualHost: fc.Arbitrary<Maker> = fc
  .tuple(fc.constantFrom('*:80', '*:443', '_default_:443', '192.0.2.10:80'), bodyOf(VHOST_LINES, 5), fc.array(directorySection, {maxLength: 2}), sometimes(bodyOf(VHOST_LINES, 2), 1, 2), writing)
  .map(([address, body, dirs, ssl, how]) => section('VirtualHost', [address], [...body, ...dirs, ...(ssl === undefined ? [] : [section('IfModule', ['mod_ssl.c'], ssl)])], how))

/** `<IfModule>` around server-level lines, virtual hosts or directories. */
const ifModule: fc.Arbitrary<Maker> = fc
  .tuple(fc.constantFrom('mod_ssl.c', 'ssl_module', 'mod_userdir.c', '!mpm_prefork_module', 'mod_headers.c'), fc.array(fc.oneof({weight: 3, arbitrary: settingLine(SETTINGS)}, {weight: 1, arbitrary: virtualHost}, {weight: 1, arbitrary: directorySection}), {maxLength: 3}))
  .map(([module, body]) => section('IfModule', [module], body))

const LOAD_MODULES = [
  ['ssl_module', '/usr/lib/apache2/modules/mod_ssl.so'],
  ['userdir_module', '/usr/lib/apache2/modules/mod_userdir.so'],
  ['headers_module', '/usr/lib/apache2/modules/mod_headers.so'],
] as const

/** Options of {@link hardeningShapeWith}. */
export interface HardeningOptions {
  /** Whether the file may include others (`IncludeOptional conf-enabled/*.conf`, `sites-enabled/*.conf`). */
  include: boolean
}

/**
 * A file an administrator could have written: some LoadModule lines, server-level settings
 * (some the rules want changed), Debian's comments, `<Directory>` sections, virtual hosts with
 * directories and `<IfModule>` inside, one style per file (indent step, line ends, quoted
 * paths, lower-case names), sometimes a long line continued, sometimes no final newline,
 * rarely a BOM.
 *
 * @param options what the file may hold
 */
export const hardeningShapeWith = (options: HardeningOptions): fc.Arbitrary<DocumentShape> =>
  fc
    .record({
      style: styleArb,
      modules: fc.subarray([...LOAD_MODULES]),
      body: fc.array(
        fc.oneof({weight: 6, arbitrary: settingLine(SETTINGS)}, {weight: 2, arbitrary: commentLine}, {weight: 1, arbitrary: fc.constant(blank)}, {weight: 2, arbitrary: directorySection}, {weight: 2, arbitrary: virtualHost}, {weight: 1, arbitrary: ifModule}),
        {maxLength: 10},
      ),
      includes: fc.subarray(['IncludeOptional conf-enabled/*.conf', 'IncludeOptional sites-enabled/*.conf']),
      finalNewline: fc.oneof({weight: 4, arbitrary: fc.constant(true)}, {weight: 1, arbitrary: fc.constant(false)}),
      bom: fc.oneof({weight: 12, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}),
    })
    .map(({style, modules, body, includes, finalNewline, bom}) => {
      const makers: Maker[] = [
        ...modules.map(([id, path]) => line('LoadModule', [id, path])),
        ...body,
        ...(options.include ? includes.map((text) => line(text.split(' ')[0]!, [text.split(' ')[1]!])) : []),
      ]
      const doc: DocumentShape = {bom, children: makers.flatMap((make) => make(style, 0))}
      return withLineEnds(doc, [style.eol], finalNewline)
    })

/** A hardening-relevant file, rendered. */
export const hardeningDocument: fc.Arbitrary<string> = hardeningShapeWith({include: false}).map(renderDocument)

/** A system to harden: its files and the options of the run. */
export interface HardeningScenario {
  /** System path to text. */
  files: Record<string, string>
  /** `harden()` options by rule id or format id. */
  options: Record<string, Record<string, unknown>>
}

/**
 * A system to harden: the main file, sometimes `conf-enabled/security.conf` and a site in
 * `sites-enabled/` that it includes, sometimes Debian's `envvars`, sometimes options that
 * keep `~alice` published or make httpd listen privately.
 */
export const hardeningScenario: fc.Arbitrary<HardeningScenario> = fc
  .record({
    main: hardeningShapeWith({include: true}).map(renderDocument),
    security: fc.option(hardeningShapeWith({include: false}).map(renderDocument), {nil: undefined}),
    site: fc.option(hardeningShapeWith({include: false}).map(renderDocument), {nil: undefined}),
    envvars: fc.boolean(),
    users: sometimes(fc.constantFrom(['alice'], ['alice', 'bob']), 1, 3),
    private: fc.oneof({weight: 4, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}),
  })
  .map(({main, security, site, envvars, users, private: listenPrivately}) => {
    const files: Record<string, string> = {[MAIN_PATH]: main}
    if (security !== undefined) files[INCLUDED_PATH] = security
    if (site !== undefined) files[SITE_PATH] = site
    if (envvars) files['/etc/apache2/envvars'] = 'export APACHE_RUN_USER=www-data\nexport APACHE_RUN_GROUP=www-data\nexport APACHE_LOG_DIR=/var/log/apache2$SUFFIX\n'
    const options: Record<string, Record<string, unknown>> = {}
    if (users !== undefined) options['apache/userdir'] = {users}
    if (listenPrivately) options['apache/listen-private'] = {private: true}
    return {files, options}
  })
