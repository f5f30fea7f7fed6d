/**
 * The check shared by `sshd/ciphers`, `sshd/macs` and `sshd/kex-algorithms`: the list sshd
 * really uses (the configured one, with `+`, `-` and `^` applied, or the release's
 * default) must hold no weak algorithm. The fix writes the list without the weak ones, in
 * the same order, so it names nothing the configured OpenSSH release lacks.
 */
import type {RuleContext} from '../../core/rule.js'
import {defaultAlgorithms, effectiveAlgorithms, knownAlgorithms, unknownAlgorithms, weakness, type AlgorithmKeyword} from '../../formats/sshd/algorithms.js'
import {insertGlobalDirective, setArguments} from '../../formats/sshd/edit.js'
import {argumentValues, globalEntry, type SshdConfig} from '../../formats/sshd/semantics.js'
import {START} from './_setting.js'

/**
 * Reports the weak algorithms of one keyword.
 *
 * @param config the configuration
 * @param context the rule's context
 * @param keyword `Ciphers`, `MACs` or `KexAlgorithms`
 * @param options whether non-ETM MACs are accepted
 */
export function checkAlgorithms(config: SshdConfig, context: RuleContext<unknown>, keyword: AlgorithmKeyword, options: {allowNonEtm: boolean}): void {
  const entry = globalEntry(config, keyword)
  if (entry === undefined && config.fragment) return
  const value = entry ? argumentValues(entry.directive)[0] : undefined
  const release = `${config.version[0]}.${config.version[1]}`
  if (entry !== undefined && value !== undefined) {
    const refused = unknownAlgorithms(keyword, value, config.version)
    if (refused.length > 0) {
      const supported = knownAlgorithms(keyword, config.version)
      const prefix = /^[+^]/.test(value) ? value[0]! : ''
      // A name sshd refuses only for its case is proposed with the right case.
      const fixed = prefix + value.slice(prefix.length).split(',').map((name) => (refused.includes(name) ? (supported.find((s) => s.toLowerCase() === name.toLowerCase()) ?? name) : name)).join(',')
      context.report({
        severity: 'error',
        message: `Unexpected ${refused.map((name) => `\`${name}\``).join(', ')} in \`${keyword}\`: OpenSSH ${release} knows no such algorithm (names are case-sensitive), and sshd refuses to start`,
        file: entry.document.path,
        position: entry.directive.position!,
        actual: refused.join(','),
        fix:
          fixed !== value && unknownAlgorithms(keyword, fixed, config.version).length === 0
            ? {safety: 'suggestion', title: `Set \`${keyword} ${fixed}\``, risk: 'Check that these are the algorithms meant.', edits: [setArguments(entry.document, entry.directive, [fixed])]}
            : undefined,
      })
      return
    }
  }
  const effective = effectiveAlgorithms(keyword, value, config.version)
  const weak = effective.filter((name) => weakness(keyword, name, options) !== undefined)
  if (weak.length === 0) return
  const kept = effective.filter((name) => !weak.includes(name))
  const strong = kept.length > 0 ? kept : defaultAlgorithms(keyword, config.version).filter((name) => weakness(keyword, name, options) === undefined)
  const reasons = [...new Set(weak.map((name) => weakness(keyword, name, options)!))].join(', ')
  const names = weak.map((name) => `\`${name}\``).join(', ')
  const list = strong.join(',')
  context.report({
    message:
      entry === undefined
        ? `Unexpected ${names} in the default \`${keyword}\` of OpenSSH ${release} (${reasons}), expected only strong algorithms`
        : `Unexpected ${names} in \`${keyword}\` (${reasons}), expected only strong algorithms`,
    file: entry?.document.path ?? config.main.path,
    position: entry?.directive.position ?? START,
    actual: weak.join(','),
    expected: [list],
    fix: {
      safety: 'unsafe',
      title: `Set \`${keyword} ${list}\``,
      risk: `Clients that support none of ${strong.length > 3 ? 'these' : list.replace(/,/g, ', ')} can no longer connect (very old clients, some embedded devices and network equipment). \`ssh -Q ${keyword === 'Ciphers' ? 'cipher' : keyword === 'MACs' ? 'mac' : 'kex'}\` on a client lists what it supports.`,
      edits: [entry === undefined ? insertGlobalDirective(config, keyword, [list]) : setArguments(entry.document, entry.directive, [list])],
    },
  })
}
