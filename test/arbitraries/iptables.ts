/**
 * fast-check arbitraries for iptables-save files, structure first, then rendered.
 *
 * Every arbitrary of the first family produces a *shape*: a plain description of the lines of
 * a file (each word's raw text, the blanks before it, and the trivia of each line) that
 * {@link renderDocument} turns into text. The shape is what the parser should find in that
 * text, so a property can check the tree against it instead of only checking that the bytes
 * come back. Shapes stay unambiguous: an unterminated quote is only ever a line's last word,
 * a word that follows a closed quote without a blank is allowed (iptables-restore splits
 * there too), counters only in the first column.
 *
 * The second family, {@link hardeningScenario}, is rule sets an administrator could have:
 * iptables-save output or hand-written restore files with the rules the hardening rules
 * read (policies, loopback, established, SSH, services, ranges, user chains, jumps, RETURN,
 * goto, rate limits, NAT), sometimes with counters, CRLF, an IPv6 twin, options and settings.
 */
import {fc} from '@fast-check/vitest'

// ----- Shapes -------------------------------------------------------------------------------

/** A word: its raw text and the blanks before it. */
export interface WordShape {
  before: string
  raw: string
}

/** A line of a file, as the tree should hold it. */
export type LineShape =
  | {type: 'blank'; value: string; eol: string}
  | {type: 'comment'; indent: string; value: string; eol: string}
  | {type: 'chain'; indent: string; words: WordShape[]; trailing: string; eol: string}
  | {type: 'rule'; counters: string | undefined; words: WordShape[]; trailing: string; eol: string}

/** A `*table ... COMMIT` block. */
export interface TableShape {
  type: 'table'
  header: {indent: string; words: WordShape[]; trailing: string; eol: string}
  lines: LineShape[]
  commit: {indent: string; trailing: string; eol: string} | undefined
}

/** A whole file. */
export interface DocumentShape {
  bom: boolean
  children: Array<LineShape | TableShape>
}

function renderWords(words: readonly WordShape[]): string {
  return words.map((w) => w.before + w.raw).join('')
}

/**
 * The text of one line.
 *
 * @param line the line
 */
export function renderLine(line: LineShape): string {
  switch (line.type) {
    case 'blank':
      return line.value + line.eol
    case 'comment':
      return line.indent + line.value + line.eol
    case 'chain':
      return `${line.indent}:${renderWords(line.words)}${line.trailing}${line.eol}`
    case 'rule':
      return `${line.counters ?? ''}${renderWords(line.words)}${line.trailing}${line.eol}`
  }
}

/**
 * The text of a whole file.
 *
 * @param doc the file
 */
export function renderDocument(doc: DocumentShape): string {
  let text = doc.bom ? '\uFEFF' : ''
  for (const child of doc.children) {
    if (child.type !== 'table') {
      text += renderLine(child)
      continue
    }
    const {header, lines, commit} = child
    text += `${header.indent}*${renderWords(header.words)}${header.trailing}${header.eol}`
    for (const line of lines) text += renderLine(line)
    if (commit !== undefined) text += `${commit.indent}COMMIT${commit.trailing}${commit.eol}`
  }
  return text
}

// ----- Tokens -------------------------------------------------------------------------------

const blanks1 = fc.constantFrom(' ', ' ', ' ', '\t', '  ', ' \t')
const blanks0 = fc.constantFrom('', '', '', ' ', '\t', '  ')

/** A word of a header or chain line: no blank, no line end (quotes are ordinary there). */
const token = fc.stringMatching(/^[A-Za-z0-9_.:\-[\]"'#!*]{1,10}$/)

/** Plain characters of a command word: anything but blanks, line ends and `"`. */
const plain = fc.stringMatching(/^[A-Za-z0-9_.,:/\-+!#'*[\]=@%]{1,10}$/)

/** A quoted part: `"..."` with escapes inside. */
const quotedPart = fc
  .array(fc.oneof({weight: 4, arbitrary: fc.stringMatching(/^[ A-Za-z0-9#'!:,.-]{1,6}$/)}, {weight: 1, arbitrary: fc.constantFrom('\\"', '\\\\', '\\n', '\\ ')}), {maxLength: 3})
  .map((parts) => `"${parts.join('')}"`)

/** Option-like words, values, and quoted words, as commands hold them. */
const commandWord = fc.oneof(
  {weight: 4, arbitrary: fc.constantFrom('-A', '-I', '-D', '-N', '-P', '-p', '-s', '-d', '-i', '-o', '-m', '-j', '-g', '--dport', '--sport', '--comment', '--ctstate', '--state', '--dports', '--append', '--jump', '--syn', '--tcp-flags', '!', '--log-prefix', '--reject-with', '--to-destination')},
  {weight: 4, arbitrary: fc.constantFrom('INPUT', 'FORWARD', 'tcp', 'udp', 'ACCEPT', 'DROP', 'LOG', '22', '80:90', 'ssh', '10.0.0.0/8', '2001:db8::/32', 'lo', 'eth+', 'comment', 'conntrack', 'RELATED,ESTABLISHED', 'multiport', '1')},
  {weight: 2, arbitrary: plain},
  {weight: 2, arbitrary: quotedPart},
  {weight: 1, arbitrary: fc.tuple(plain, quotedPart).map(([a, b]) => a + b)},
)

/** Whether a word ends with the closing quote of its quoted part. */
function closesQuote(raw: string): boolean {
  const quote = raw.indexOf('"')
  if (quote === -1) return false
  for (let i = quote + 1; i < raw.length; i++) {
    if (raw[i] === '\\') i++
    else if (raw[i] === '"') return i === raw.length - 1
  }
  return false
}

/** Comment text after the `#`. */
const commentText = fc.stringMatching(/^[\t -~é]{0,20}$/)

/** The words of a command line: the first may have no blank before it; a word after a closed quote may follow without one. */
const commandWords: fc.Arbitrary<WordShape[]> = fc
  .tuple(fc.array(fc.tuple(commandWord, blanks1, fc.boolean()), {minLength: 1, maxLength: 8}), fc.constantFrom('', '', ' ', '\t'), fc.option(fc.stringMatching(/^"[ A-Za-z0-9-]{0,8}$/), {nil: undefined, freq: 6}))
  .map(([items, lead, open]) => {
    const words = items.map(([raw, blank, glue], i) => {
      const previous = items[i - 1]?.[0]
      // Only a closed quote ends a word right before the next one.
      const glued = glue && previous !== undefined && closesQuote(previous)
      // The first word decides what the line is: keep it a command's.
      const first = i === 0 && (/^[#*:[]/.test(raw) || raw === 'COMMIT') ? `x${raw}` : raw
      return {before: i === 0 ? lead : glued ? '' : blank, raw: first}
    })
    if (open !== undefined) words.push({before: ' ', raw: open})
    return words
  })

/** A `:CHAIN POLICY [counters]` line (its line end set later). */
const chainLine: fc.Arbitrary<LineShape> = fc
  .record({
    indent: fc.constantFrom('', '', '', ' '),
    name: fc.constantFrom('INPUT', 'FORWARD', 'OUTPUT', 'LOGDROP', 'ufw-user-input', 'A'),
    policy: fc.constantFrom('ACCEPT', 'DROP', '-', 'drop'),
    counters: fc.constantFrom('[0:0]', '[12:3400]', '[x]'),
    extra: fc.array(token, {maxLength: 1}),
    count: fc.integer({min: 0, max: 3}),
    gap: blanks1,
    trailing: blanks0,
  })
  .map(({indent, name, policy, counters, extra, count, gap, trailing}) => {
    const all = [name, policy, counters, ...extra].slice(0, Math.max(count, extra.length > 0 ? 4 : count))
    const words = all.map((raw, i) => ({before: i === 0 ? (indent === '' ? '' : ' ') : gap, raw}))
    return {type: 'chain' as const, indent, words, trailing, eol: '\n'}
  })

/** A command line. */
const ruleLine: fc.Arbitrary<LineShape> = fc
  .tuple(fc.option(fc.constantFrom('[0:0]', '[12:3400]', '[x:y]'), {nil: undefined, freq: 4}), commandWords, blanks0)
  .map(([counters, words, trailing]) => {
    // After an unterminated quote nothing else is on the line: its trailing blanks belong to the word.
    const open = words[words.length - 1]!.raw.startsWith('"') && !/[^\\]"$|^""$/.test(words[words.length - 1]!.raw)
    return {type: 'rule' as const, counters, words, trailing: open ? '' : trailing, eol: '\n'}
  })

const commentLine: fc.Arbitrary<LineShape> = fc.tuple(fc.constantFrom('', '', '', '  ', '\t'), commentText).map(([indent, text]) => ({type: 'comment' as const, indent, value: `#${text}`, eol: '\n'}))
const blankLine: fc.Arbitrary<LineShape> = fc.constantFrom('', '', ' ', '\t ').map((value) => ({type: 'blank' as const, value, eol: '\n'}))

/** A table block. */
const tableShape: fc.Arbitrary<TableShape> = fc
  .record({
    indent: fc.constantFrom('', '', '', ' '),
    name: fc.constantFrom('filter', 'nat', 'mangle', 'raw', 'foo'),
    extra: fc.array(token, {maxLength: 1}),
    trailing: blanks0,
    lines: fc.array(fc.oneof({weight: 5, arbitrary: ruleLine}, {weight: 2, arbitrary: chainLine}, {weight: 1, arbitrary: commentLine}, {weight: 1, arbitrary: blankLine}), {maxLength: 8}),
    commit: fc.option(fc.record({indent: fc.constantFrom('', '', '', ' '), trailing: fc.constantFrom('', '', '', ' ', '\t')}), {nil: undefined, freq: 6}),
  })
  .map(({indent, name, extra, trailing, lines, commit}) => ({
    type: 'table' as const,
    header: {indent, words: [{before: '', raw: name}, ...extra.map((raw) => ({before: ' ', raw}))], trailing, eol: '\n'},
    lines,
    commit: commit === undefined ? undefined : {...commit, eol: '\n'},
  }))

/** Every line of a file, in order, with a setter for its line end. */
function lineEnds(doc: DocumentShape): Array<{eol: string}> {
  const out: Array<{eol: string}> = []
  for (const child of doc.children) {
    if (child.type !== 'table') out.push(child)
    else out.push(child.header, ...child.lines, ...(child.commit === undefined ? [] : [child.commit]))
  }
  return out
}

/**
 * A whole file, as a shape: lines outside tables, table blocks (some without COMMIT), CRLF or
 * LF line ends (or a mix), a missing final line end, a BOM. A table without COMMIT is never
 * followed by a line that would read as a COMMIT.
 */
export const documentShape: fc.Arbitrary<DocumentShape> = fc
  .record({
    bom: fc.boolean(),
    children: fc.array(fc.oneof({weight: 3, arbitrary: tableShape}, {weight: 1, arbitrary: commentLine}, {weight: 1, arbitrary: blankLine}, {weight: 1, arbitrary: ruleLine}), {maxLength: 5}),
    eols: fc.oneof(fc.constant(['\n']), fc.constant(['\r\n']), fc.array(fc.constantFrom('\n', '\r\n'), {minLength: 1, maxLength: 3})),
    finalNewline: fc.boolean(),
  })
  .map(({bom, children, eols, finalNewline}) => {
    const doc: DocumentShape = structuredClone({bom, children})
    const lines = lineEnds(doc)
    lines.forEach((line, i) => {
      line.eol = eols[i % eols.length]!
    })
    const last = lines[lines.length - 1]
    if (last !== undefined && !finalNewline) {
      last.eol = ''
      // A last blank line without a line end must hold a blank to exist.
      const child = doc.children[doc.children.length - 1]
      const lastLine = child?.type === 'table' ? (child.commit ?? child.lines[child.lines.length - 1]) : child
      if (lastLine !== undefined && 'type' in lastLine && lastLine.type === 'blank' && lastLine.value === '') lastLine.value = ' '
    }
    // A table block without COMMIT runs to the next header: the lines after it outside a
    // table would become its lines. Keep the shape honest by moving them into it.
    const merged: DocumentShape['children'] = []
    for (const child of doc.children) {
      const previous = merged[merged.length - 1]
      if (previous?.type === 'table' && previous.commit === undefined && child.type !== 'table') previous.lines.push(child)
      else merged.push(child)
    }
    return {bom, children: merged}
  })

/**
 * Noise over an iptables-ish alphabet: the parser must round-trip it or reject it with a
 * ConfigSyntaxError, never anything else.
 */
export const configNoise: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '*', ':', '#', '[', ']', '"', '\\', '!', '-A', 'INPUT', 'COMMIT', '*filter', '-j', 'x', 'é', '\uFEFF', '\0'),
  maxLength: 40,
  size: 'medium',
})

// ----- Rule sets an administrator could have ---------------------------------------------

/** A system to harden: its files, which of them to name, and the options of the run. */
export interface HardeningScenario {
  files: Record<string, string>
  entries: string[]
  options: Record<string, Record<string, unknown>>
}

/** Rules of INPUT that real files hold, as iptables-save writes them or as people write them. */
const inputRule = fc.constantFrom(
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
  '-A INPUT -p tcp --dport ssh -m comment --comment "SSH from anywhere" -j ACCEPT',
  '-A INPUT -s 192.0.2.0/24 -p tcp -m tcp --dport 22 -j ACCEPT',
  '-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 3306 -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 5432 -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 5900:5906 -j ACCEPT',
  '-A INPUT -p udp -m udp --dport 60000:61000 -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 6379 -j DROP',
  '-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT',
  '-A INPUT -s 203.0.113.0/24 -j DROP',
  '-A INPUT -p tcp -m tcp --dport 22 -m recent --update --seconds 60 --hitcount 4 --name ssh -j DROP',
  '-A INPUT -j LOG --log-prefix "in: "',
  '-A INPUT -j SERVICES',
  '-A INPUT -p tcp -j REJECT --reject-with tcp-reset',
  '--append INPUT --protocol tcp --destination-port 8080 --jump ACCEPT',
  '-I INPUT 1 -i lo -j ACCEPT',
)
/** Rules of a user chain `SERVICES`. */
const serviceRule = fc.constantFrom(
  '-A SERVICES -p tcp -m tcp --dport 25 -j ACCEPT',
  '-A SERVICES -s 10.0.0.0/8 -j RETURN',
  '-A SERVICES -p tcp -m tcp --dport 27017 -j ACCEPT',
  '-A SERVICES -p udp -m udp --dport 53 -j ACCEPT',
  '-A SERVICES -p tcp -g ADMIN',
)
const adminRule = fc.constantFrom('-A ADMIN -p tcp -m tcp --dport 3389 -j ACCEPT', '-A ADMIN -j RETURN', '-A ADMIN -s 198.51.100.0/24 -j ACCEPT')

/** One rule file of a family. */
function ruleFile(family: 'ipv4' | 'ipv6'): fc.Arbitrary<string> {
  return fc
    .record({
      header: fc.boolean(),
      input: fc.constantFrom('ACCEPT', 'ACCEPT', 'DROP', undefined),
      forward: fc.constantFrom('ACCEPT', 'DROP', undefined),
      rules: fc.array(inputRule, {maxLength: 7}),
      services: fc.array(serviceRule, {maxLength: 3}),
      admin: fc.array(adminRule, {maxLength: 2}),
      nat: fc.boolean(),
      counters: fc.constantFrom(false, false, true),
      eol: fc.constantFrom('\n', '\n', '\n', '\r\n'),
      finalNewline: fc.constantFrom(true, true, true, false),
      blank: fc.boolean(),
    })
    .map(({header, input, forward, rules, services, admin, nat, counters, eol, finalNewline, blank}) => {
      const lines: string[] = []
      const tool = family === 'ipv6' ? 'ip6tables-save' : 'iptables-save'
      if (header) lines.push(`# Generated by ${tool} v1.8.9 (nf_tables) on Mon Nov 23 02:55:17 2026`)
      if (nat && family === 'ipv4') lines.push('*nat', ':PREROUTING ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', '-A POSTROUTING -o eth0 -j MASQUERADE', 'COMMIT')
      lines.push('*filter')
      if (input !== undefined) lines.push(`:INPUT ${input} [0:0]`)
      if (forward !== undefined) lines.push(`:FORWARD ${forward} [0:0]`)
      lines.push(':OUTPUT ACCEPT [0:0]', ':SERVICES - [0:0]', ':ADMIN - [0:0]')
      if (blank) lines.push('')
      const prefix = counters ? '[0:0] ' : ''
      const fix = (rule: string) => {
        if (family === 'ipv4') return rule
        return rule
          .replace('192.0.2.0/24', '2001:db8:2::/48')
          .replace('203.0.113.0/24', '2001:db8:3::/48')
          .replace('10.0.0.0/8', 'fd00::/8')
          .replace('198.51.100.0/24', '2001:db8:4::/48')
          .replace('-p icmp -m icmp --icmp-type 8', '-p ipv6-icmp')
      }
      for (const rule of [...rules, ...services, ...admin]) lines.push(prefix + fix(rule))
      lines.push('COMMIT')
      const text = lines.join(eol) + eol
      return finalNewline ? text : text.slice(0, -eol.length)
    })
}

/** A system: an IPv4 file, sometimes its IPv6 twin, and the options of the run. */
export const hardeningScenario: fc.Arbitrary<HardeningScenario> = fc
  .record({
    v4: ruleFile('ipv4'),
    v6: fc.option(ruleFile('ipv6'), {nil: undefined}),
    trusted: fc.boolean(),
    open: fc.constantFrom([], ['tcp/80', 'tcp/443'], ['udp/51820']),
    router: fc.constantFrom(false, false, true),
    sshd: fc.constantFrom(undefined, 'Port 22\n', 'Port 2222\n'),
  })
  .map(({v4, v6, trusted, open, router, sshd}) => {
    const files: Record<string, string> = {'/etc/iptables/rules.v4': v4}
    if (v6 !== undefined) files['/etc/iptables/rules.v6'] = v6
    if (sshd !== undefined) files['/etc/ssh/sshd_config'] = sshd
    const options: Record<string, Record<string, unknown>> = {iptables: {open, router}}
    if (trusted) options['iptables/exposed-service'] = {trusted: ['192.0.2.0/24', '2001:db8:2::/48']}
    return {files, entries: Object.keys(files).filter((f) => f.startsWith('/etc/iptables/')), options}
  })
