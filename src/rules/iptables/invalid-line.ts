import {defineRule, type TextEdit} from '../../core/rule.js'
import {documentStyle, insertLinesAfter, lineBounds, type AnyLine} from '../../formats/iptables/edit.js'
import {lineProblems, type IptablesConfig, type IptablesDocument, type LineProblem} from '../../formats/iptables/semantics.js'
import {REFUSED_FILE_RISK} from './_shared.js'

/** The edit that repairs a line problem, when one line's edit can. */
function repair(doc: IptablesDocument, problem: LineProblem): {title: string; edits: TextEdit[]} | undefined {
  const line = problem.line as AnyLine | undefined
  switch (problem.repair) {
    case 'remove-indent': {
      if (line === undefined || !('indent' in line)) return undefined
      const {start} = lineBounds(line)
      return {title: 'Remove the blanks at the start of the line', edits: [{file: doc.path, start, end: start + line.indent.length, text: ''}]}
    }
    case 'remove-trailing': {
      if (line?.type !== 'commit') return undefined
      const end = line.position!.end.offset!
      return {title: 'Remove the blanks after `COMMIT`', edits: [{file: doc.path, start: end, end: end + line.trailing.length, text: ''}]}
    }
    case 'empty-blank': {
      if (line?.type !== 'blank') return undefined
      const {start} = lineBounds(line)
      return {title: 'Empty the line of blanks', edits: [{file: doc.path, start, end: start + line.value.length, text: ''}]}
    }
    case 'add-final-newline': {
      if (line === undefined) return undefined
      const {end} = lineBounds(line)
      return {title: 'End the last line with a line end', edits: [{file: doc.path, start: end, end, text: documentStyle(doc).eol}]}
    }
    case 'add-commit': {
      const table = problem.table
      if (table === undefined) return undefined
      const last = table.children[table.children.length - 1] ?? table.header
      return {title: 'Add `COMMIT` at the end of the block', edits: [insertLinesAfter(doc, last, ['COMMIT'], documentStyle(doc))]}
    }
    default:
      return undefined
  }
}

/** Lines iptables-restore refuses or misreads, and commands the kernel refuses. */
export default defineRule<IptablesConfig, Record<never, never>>({
  id: 'iptables/invalid-line',
  format: 'iptables',
  severity: 'error',
  fix: 'unsafe',
  profile: 'baseline',
  options: {},
  docs: {
    summary: 'Every line is one iptables-restore loads, with both the nf_tables and the legacy backend.',
    why: 'iptables-restore is strict where the file looks harmless: a line of blanks, blanks before `#`, `*`, `:` or `COMMIT`, a trailing `# comment`, a command outside `*table ... COMMIT`, a missing `COMMIT` each make it refuse the whole file. Some mistakes pass `iptables-restore --test` and are refused only by the kernel when the rules are loaded: a jump to a chain that does not exist, `! -s 0.0.0.0/0` (nf_tables), deleting a rule that is not there. A refused file is not loaded at all: the host keeps whatever firewall it had when it booted, often none. Other lines load but do not mean what they seem to: `-dport 80` is `-d port`, a quote never closed swallows the rest of the line, a host name is looked up in DNS at boot.',
    examples: [
      {bad: '*filter\n:INPUT DROP [0:0]\n  \n-A INPUT -i lo -j ACCEPT\nCOMMIT\n', good: '*filter\n:INPUT DROP [0:0]\n\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n'},
      {bad: '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n', good: '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n'},
      {bad: '*filter\n  # keep SSH open\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n', good: '*filter\n# keep SSH open\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n'},
    ],
    fixSafety: `Unsafe, where a line's own edit repairs it (blanks removed, \`COMMIT\` added): ${REFUSED_FILE_RISK} Other lines are reported without a fix: what they should say cannot be guessed.`,
    references: [
      {title: 'iptables-restore(8)', url: 'https://manpages.debian.org/bookworm/iptables/iptables-restore.8.en.html'},
      {title: 'iptables(8)', url: 'https://manpages.debian.org/bookworm/iptables/iptables.8.en.html'},
    ],
  },
  check(config, context) {
    const doc = config.main
    for (const problem of lineProblems(doc.tree)) {
      const fixed = problem.severity === 'error' ? repair(doc, problem) : undefined
      context.report({
        severity: problem.severity,
        message: problem.message,
        file: doc.path,
        position: problem.node.position!,
        fix: fixed === undefined ? undefined : {safety: 'unsafe', title: fixed.title, risk: REFUSED_FILE_RISK, edits: fixed.edits},
      })
    }
    for (const problem of config.file.ruleset.problems) {
      context.report({severity: problem.severity, message: problem.message, file: doc.path, position: problem.node.position!})
    }
  },
})
