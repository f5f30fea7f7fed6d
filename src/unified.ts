/**
 * unified plugins for every format: a parser, a compiler, and the rules as a transformer
 * that reports findings as vfile messages and can replace the tree with its fixed form.
 *
 * @example
 * ```ts
 * import {unified} from 'unified'
 * import {VFile} from 'vfile'
 * import {sshd, unifiedFormat} from 'harden-config'
 * const {parse, stringify, harden} = unifiedFormat(sshd)
 * const file = new VFile({path: '/etc/ssh/sshd_config', value: 'PermitRootLogin yes\n'})
 * const out = await unified().use(parse).use(harden, {fix: 'safe'}).use(stringify).process(file)
 * ```
 */
import type {Plugin, Processor} from 'unified'
import type {Node} from 'unist'
import type {VFile} from 'vfile'
import type {Format} from './core/format.js'
import type {Configuration, Finding} from './core/rule.js'
import {harden, type HardenOptions} from './harden.js'
import {ruleDocsUrl} from './docs-url.js'

/** Options of the `harden` plugin: those of {@link harden}, and what to do with fixes. */
export interface HardenPluginOptions extends Omit<HardenOptions, 'type' | 'fix'> {
  /** Replace the tree with its fixed form, applying fixes up to this level (default: report only). */
  fix?: 'safe' | 'unsafe' | undefined
}

/** The unified plugins of one format. */
export interface UnifiedFormat<Tree extends Node> {
  /** Parser: `this.parser` for the format. */
  parse: Plugin<[], string, Tree>
  /** Compiler: prints the tree back, byte for byte. */
  stringify: Plugin<[], Tree, string>
  /** The format's rules as a transformer with vfile messages. */
  harden: Plugin<[HardenPluginOptions?], Tree>
}

/**
 * Makes the unified plugins of a format.
 *
 * @param format the format (`sshd`)
 */
export function unifiedFormat<Tree extends Node, Config extends Configuration<Tree>, Settings>(format: Format<Tree, Config, Settings>): UnifiedFormat<Tree> {
  // The plugins are written over unist's Node: unified's conditional plugin types cannot be
  // checked against a generic tree type, and every tree of a format is a Node.
  const any = format as unknown as Format<Node, Configuration<Node>, unknown>
  const parse: Plugin<[], string, Node> = function () {
    this.parser = (document: string, file: VFile): Node => any.parse(document, {path: file.path})
  }
  const stringify: Plugin<[], Node, string> = function () {
    // unified's Compiler type is contravariant in the tree; this is the remark-stringify pattern.
    const self = this as unknown as Processor<undefined, undefined, undefined, Node, string>
    self.compiler = (tree) => any.print(tree)
  }
  const hardenPlugin: Plugin<[HardenPluginOptions?], Node> = function (options = {}) {
    return (tree: Node, file: VFile): Node | undefined => {
      const path = file.path || `<${format.id}>`
      const text = any.print(tree)
      const result = harden([{path, text}], {...options, type: format.id, fix: options.fix ?? 'none'})
      for (const finding of result.findings) toMessage(file, finding, path)
      const fixed = result.files.find((f) => f.path === path)
      if (options.fix !== undefined && fixed?.changed) return any.parse(fixed.fixed, {path})
      return undefined
    }
  }
  return {parse, stringify, harden: hardenPlugin} as unknown as UnifiedFormat<Tree>
}

/**
 * Reports a finding on a vfile: the rule as `ruleId`, `source` harden-config, the value
 * found and those expected, the fix and its risk as the note.
 *
 * @param file the file
 * @param finding the finding
 * @param path the file's path, to tell findings in other (included) files
 */
function toMessage(file: VFile, finding: Finding, path: string): void {
  const elsewhere = finding.file !== path
  const message = file.message(elsewhere ? `${finding.file}:${finding.position.start.line}:${finding.position.start.column}: ${finding.message}` : finding.message, {
    place: elsewhere ? undefined : finding.position,
    ruleId: finding.ruleId,
    source: 'harden-config',
  })
  // A fatal message stops unified-engine from compiling the file: findings are warnings.
  message.fatal = finding.severity === 'info' ? undefined : false
  message.url = ruleDocsUrl(finding.ruleId)
  if (finding.actual !== undefined) message.actual = finding.actual
  if (finding.expected !== undefined) message.expected = finding.expected
  if (finding.fix !== undefined) message.note = `${finding.fix.safety} fix: ${finding.fix.title}${finding.fix.risk ? `. ${finding.fix.risk}` : ''}`
}
