/**
 * fast-check arbitraries for `named.conf` text, structure first, then rendered.
 *
 * Two families:
 * - {@link namedDocument}: any lexically valid file, statements and blocks nested with
 *   `fc.letrec`, every comment style anywhere trivia may stand (inside lists, glued after a
 *   word where named allows it), quoted strings with escapes and line ends, negations, CRLF,
 *   a missing final newline, a BOM. Each document carries its *shape* (the kinds of terms
 *   of every statement, nested), which the parser must find in the text.
 * - {@link hardeningScenario}: configurations an administrator could have written, with
 *   the options the rules read (`allow-query`, `allow-recursion`, `allow-query-cache`,
 *   `recursion`, `allow-transfer`, `version`, `dnssec-validation`) in `options`, views and
 *   zones, acls, in the file's own style (tabs, spaces or one line; LF or CRLF), for the
 *   fix properties.
 *
 * The shapes stay unambiguous on purpose: two bare words are always apart, and a `/* *\/`
 * comment never touches the end of a bare word (named re-reads its closing `/`; the
 * grammar refuses it). The noise arbitrary ({@link namedNoise}) covers everything else.
 */
import {fc} from '@fast-check/vitest'

/** The shape of a term: its kind, and for a block the shapes of its statements. */
export type TermShape = {kind: 'word' | 'string' | 'negation'} | {kind: 'block'; statements: StatementShape[]}

/** The shape of a statement: its terms. */
export interface StatementShape {
  terms: TermShape[]
}

/** A rendered piece of text with its shape. */
interface Rendered<S> {
  text: string
  shape: S
}

/** A rendered document and the shapes of its top-level statements. */
export interface NamedDocumentCase {
  text: string
  bom: boolean
  statements: StatementShape[]
}

const eol = fc.constantFrom('\n', '\r\n')
const space = fc.constantFrom(' ', '\t', '  ', '\n', '\r\n', '\n\t', ' \r\n  ', '\r')

/** A comment that may stand anywhere trivia may: `//` and `#` comments end with their line end. */
const comment: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('//', '#'), fc.stringMatching(/^[\t -~é]{0,12}$/), eol).map(([start, body, end]) => `${start}${body}${end}`),
  fc.stringMatching(/^[\t\n -)+-~é]{0,16}$/).map((body) => `/*${body}*/`),
  fc.constantFrom('/**/', '/* // # */', '/* a\n * b\n */', '/*\r\n*/'),
)

/** White space and comments, possibly none. */
const trivia0: fc.Arbitrary<string> = fc.array(fc.oneof({weight: 3, arbitrary: space}, {weight: 1, arbitrary: comment}), {maxLength: 3}).map((parts) => parts.join(''))

/** White space or comments that separate two terms (never empty; a C comment is never first). */
const separator: fc.Arbitrary<string> = fc.tuple(space, trivia0).map(([a, b]) => a + b)

const keywordWords = ['options', 'view', 'zone', 'acl', 'allow-query', 'allow-recursion', 'recursion', 'version', 'any', 'none', 'localhost', 'localnets', 'yes', 'no', 'IN', 'type', 'primary', 'file', 'key', 'port', '53', '10.0.0.0/8', '::1', '2001:db8::/32', 'hmac-sha256', 'x.y-z_w']
const word: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...keywordWords), fc.stringMatching(/^[A-Za-z0-9._:*@$%^&+=|<>?,~`'[\]()-][A-Za-z0-9._:*@$%^&+=|<>?,~`'[\]()/-]{0,10}$/).filter((w) => !w.endsWith('/') && !/\/[/*]/.test(w)))

/** A quoted string: any text but an unescaped `"`, with `\"`, `\\`, other escapes and line ends. */
const quoted: fc.Arbitrary<string> = fc
  .array(fc.oneof({weight: 4, arbitrary: fc.stringMatching(/^[^"\\\0-\x08\x0e-\x1a\x1c-\x1f\x7f]{1,8}$/)}, {weight: 1, arbitrary: fc.constantFrom('\\"', '\\\\', '\\n', '\\\n', '\n', '//', '#', '/*', '{;}')}), {maxLength: 4})
  .map((parts) => `"${parts.join('')}"`)

/** Generated documents: statements of terms, blocks nested to a few levels. */
const tree = fc.letrec<{term: Rendered<TermShape>; statement: Rendered<StatementShape>; block: Rendered<TermShape>}>((tie) => ({
  term: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    {weight: 5, arbitrary: word.map((text): Rendered<TermShape> => ({text, shape: {kind: 'word'}}))},
    {weight: 2, arbitrary: quoted.map((text): Rendered<TermShape> => ({text, shape: {kind: 'string'}}))},
    {weight: 1, arbitrary: fc.constant<Rendered<TermShape>>({text: '!', shape: {kind: 'negation'}})},
    {weight: 2, arbitrary: tie('block')},
  ),
  block: fc
    .tuple(trivia0, fc.array(fc.tuple(tie('statement'), trivia0), {maxLength: 3}))
    .map(([lead, items]): Rendered<TermShape> => ({
      text: `{${lead}${items.map(([s, t]) => s.text + t).join('')}}`,
      shape: {kind: 'block', statements: items.map(([s]) => s.shape)},
    })),
  statement: fc
    .tuple(tie('term'), fc.array(fc.tuple(fc.oneof(separator, fc.constant('')), tie('term')), {maxLength: 4}), fc.oneof(trivia0, fc.constant('')))
    .map(([first, rest, end]): Rendered<StatementShape> => {
      let text = first.text
      let previous = first
      for (const [sep, term] of rest) {
        // Two bare words must be apart; any other pair may touch (`x"y"`, `!any`, `a{`).
        const glued = sep === '' && previous.shape.kind === 'word' && term.shape.kind === 'word'
        text += (glued ? ' ' : sep) + term.text
        previous = term
      }
      // A C comment right after a bare word is refused (see the module comment).
      const tail = previous.shape.kind === 'word' && end.startsWith('/*') ? ` ${end}` : end
      return {text: `${text}${tail};`, shape: {terms: [first.shape, ...rest.map(([, term]) => term.shape)]}}
    }),
}))

/** A whole document: BOM, statements with trivia, and an optional last line end. */
export const namedDocument: fc.Arbitrary<NamedDocumentCase> = fc
  .tuple(fc.oneof({weight: 1, arbitrary: fc.constant(true)}, {weight: 4, arbitrary: fc.constant(false)}), trivia0, fc.array(fc.tuple(tree.statement, trivia0), {maxLength: 5}))
  .map(([bom, lead, items]) => ({
    text: `${bom ? '\uFEFF' : ''}${lead}${items.map(([s, t]) => s.text + t).join('')}`,
    bom,
    statements: items.map(([s]) => s.shape),
  }))

/** Text over a small alphabet of named.conf's tokens: the parser round-trips it or refuses it cleanly. */
export const namedNoise: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '{', '}', ';', '"', '\\', '!', '/', '*', '#', '//', '/*', '*/', 'options', 'any', '10.0.0.0/8', 'é', '\uFEFF', '\v'), {maxLength: 40})
  .map((parts) => parts.join(''))

// ----- Hardening scenarios ------------------------------------------------------------------

/** How a generated file is laid out. */
interface Layout {
  indent: string
  eol: string
  /** Everything on one line. */
  oneLine: boolean
}

const layout: fc.Arbitrary<Layout> = fc.record({indent: fc.constantFrom('\t', '  ', '    '), eol: fc.constantFrom('\n', '\r\n'), oneLine: fc.boolean()})

const aclElement = fc.constantFrom('any', 'none', 'localhost', 'localnets', '10.0.0.0/8', '192.0.2.1', '!192.0.2.9', '"trusted"', 'trusted', '0.0.0.0/0', '::/0', '{ any; }', '!any', '{ 10.1.0.0/16; !10.1.2.0/24; }')
const aclList = fc.array(aclElement, {minLength: 1, maxLength: 3})

/** One option the rules read, as a statement without its `;`. */
const option: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constantFrom('allow-query', 'allow-recursion', 'allow-query-cache', 'allow-transfer'), aclList).map(([k, l]): [string, string] => [k, `${k} { ${l.map((e) => `${e};`).join(' ')} }`]),
  fc.constantFrom<[string, string]>(
    ['recursion', 'recursion yes'],
    ['recursion', 'recursion no'],
    ['version', 'version "9.18.1"'],
    ['version', 'version "none"'],
    ['dnssec-validation', 'dnssec-validation no'],
    ['dnssec-validation', 'dnssec-validation auto'],
    ['dnssec-validation', 'dnssec-validation yes'],
    ['directory', 'directory "/var/cache/bind"'],
    ['listen-on-v6', 'listen-on-v6 { any; }'],
  ),
)

/** Options of one block, each keyword once (named refuses a second). */
const optionSet = fc.uniqueArray(option, {selector: ([k]) => k, maxLength: 5}).map((pairs) => pairs.map(([, text]) => text))

/** Options of a view: those named allows there (not `version`, `directory`, `listen-on-v6`). */
const viewOptionSet = fc
  .uniqueArray(option.filter(([k]) => k !== 'version' && k !== 'directory' && k !== 'listen-on-v6'), {selector: ([k]) => k, maxLength: 5})
  .map((pairs) => pairs.map(([, text]) => text))

const zone = fc
  .tuple(fc.constantFrom('example.org', 'example.net', 'localhost', '127.in-addr.arpa'), fc.constantFrom('primary', 'master', 'secondary'), fc.option(aclList, {nil: undefined}))
  .map(([name, type, transfer]) => {
    const body = [`type ${type}`, type === 'secondary' ? 'primaries { 192.0.2.1; }' : '', `file "/etc/bind/db.${name}"`, transfer ? `allow-transfer { ${transfer.map((e) => `${e};`).join(' ')} }` : ''].filter(Boolean)
    return {name, body}
  })

/** A system to harden: the main file and its options, and the setting `role`. */
export interface NamedScenario {
  files: Record<string, string>
  role: 'resolver' | 'authoritative' | 'both'
}

function renderBlock(head: string, statements: readonly string[], l: Layout, depth: number): string {
  if (l.oneLine) return `${head} { ${statements.map((s) => `${s}; `).join('')}}`
  const pad = l.indent.repeat(depth + 1)
  return `${head} {${l.eol}${statements.map((s) => `${pad}${s};${l.eol}`).join('')}${l.indent.repeat(depth)}}`
}

/** Configurations with an `options` block (or none), acls, views or top-level zones. */
export const hardeningScenario: fc.Arbitrary<NamedScenario> = fc
  .record({
    l: layout,
    role: fc.constantFrom<NamedScenario['role']>('resolver', 'authoritative', 'both'),
    options: fc.option(optionSet, {nil: undefined}),
    views: fc.array(fc.tuple(viewOptionSet, fc.uniqueArray(zone, {selector: (z) => z.name, maxLength: 2})), {maxLength: 2}),
    zones: fc.uniqueArray(zone, {selector: (z) => z.name, maxLength: 2}),
    header: fc.constantFrom('', '// hand-written\n', '/* managed\n   by hand */\n', '# local\n'),
    finalNewline: fc.boolean(),
  })
  .map(({l, role, options, views, zones, header, finalNewline}) => {
    const sep = l.oneLine ? ' ' : l.eol
    const parts: string[] = ['acl trusted { 192.0.2.0/24; localhost; };']
    if (options !== undefined) parts.push(`${renderBlock('options', options, l, 0)};`)
    if (views.length > 0) {
      views.forEach(([opts, vzones], i) => {
        const body = [...opts, ...vzones.map((z) => renderBlock(`zone "${z.name}"`, z.body, l, 1))]
        parts.push(`${renderBlock(`view "v${i}"`, body, l, 0)};`)
      })
    } else {
      for (const z of zones) parts.push(`${renderBlock(`zone "${z.name}"`, z.body, l, 0)};`)
    }
    const text = `${header.replace(/\n/g, l.eol)}${parts.join(sep)}${finalNewline ? l.eol : ''}`
    return {files: {'/etc/bind/named.conf': text}, role}
  })
