/**
 * harden-config: read Linux server configuration files losslessly, find what the hardening
 * guides warn about, and propose fixes as minimal unified diffs.
 *
 * @example
 * ```ts
 * import {harden} from 'harden-config'
 * const result = harden(['/etc/ssh/sshd_config'])
 * for (const finding of result.findings) console.log(finding.ruleId, finding.message)
 * process.stdout.write(result.patch)
 * ```
 */
export {harden, encodePatch, patchPath, type HardenInput, type HardenOptions, type HardenResult, type HardenedFile, type UnusedSuppression} from './harden.js'
export {formats, formatById, detectFormat, allRules, type AnyFormat} from './formats/index.js'
export {sshd} from './formats/sshd/index.js'
export {apache} from './formats/apache/index.js'
export {named} from './formats/named/index.js'
export {ntp} from './formats/ntp/index.js'
export {iptables} from './formats/iptables/index.js'
export {parse, print} from './api.js'
export {ruleDocsUrl, ruleAnchor, RULES_DOCS_URL} from './docs-url.js'
export {checkConfiguration, fixConfigurations, selectRules, MAX_FIX_PASSES, type RuleSelection, type ActiveRule, type FileResult, type FixOutcome, type FixRun} from './core/engine.js'
export {createFilePatch, buildHunks, splitLines, CONTEXT_LINES, type FilePatchInput} from './core/patch.js'
export {EditScript, applySplices, splicesOverlap, type Splice} from './core/edits.js'
export {HardenConfigError, ConfigSyntaxError, codeFrame} from './core/errors.js'
export {OptionError, resolveOptions, oneOf, integer, list, boolean, text, type OptionSpec, type OptionsSchema} from './core/options.js'
export {nodeHost, memoryHost, overlayHost, type FileHost, type FileStat, type MemoryEntry, type NodeHostOptions} from './core/host.js'
export {LineIndex, decodeBytes, encodeText, dominantLineEnding, type TextEncoding, type LineEnding} from './core/text.js'
export {DEFAULT_LIMITS, type Format, type Limits, type LoadOptions, type ParseOptions} from './core/format.js'
export {
  defineRule,
  isApplicable,
  leastSafe,
  safetyOrder,
  type Rule,
  type RuleContext,
  type RuleDocs,
  type RuleExample,
  type Finding,
  type Fix,
  type FixSafety,
  type RuleFixLevel,
  type Severity,
  type Profile,
  type TextEdit,
  type Document,
  type Configuration,
  type RelatedLocation,
  type ReportInput,
} from './core/rule.js'
export {unifiedFormat, type HardenPluginOptions, type UnifiedFormat} from './unified.js'
export {writeFiles, type WriteOptions, type WrittenFile} from './write.js'
export {textReport, jsonReport, REPORT_VERSION} from './report.js'
export {sarifReport, UNUSED_SUPPRESSION_RULE, type SarifOptions} from './sarif.js'
export {
  CONFIG_FILE_NAME,
  PACKAGE_KEY,
  ConfigFileError,
  checkConfigFile,
  findConfigFile,
  readConfigFile,
  type ConfigFile,
  type ConfigFileContents,
  type RuleEntry,
  type UnusedSuppressionLevel,
} from './config-file.js'
export {configJsonSchema} from './config-schema.js'
export {findSuppressions, suppressFindings, parseDirective, type Suppression, type SuppressedFinding, type SuppressionKind, type SuppressionSpan} from './core/suppress.js'
