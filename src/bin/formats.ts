/**
 * The command's registry: the formats of `src/formats/list.ts`, each known by its meta and
 * loaded on first use, so that checking one format's file evaluates only that format's
 * parser, rules and tables. scripts/build.mjs puts this module in place of
 * `src/formats/list.ts` in the command's bundle, where esbuild turns each `require` into
 * the lazy start of a module of the same bundle.
 */
import {lazyFormat} from '../formats/lazy.js'
import type {AnyFormat} from '../formats/index.js'
import {apacheMeta} from '../formats/apache/meta.js'
import {iptablesMeta} from '../formats/iptables/meta.js'
import {namedMeta} from '../formats/named/meta.js'
import {ntpMeta} from '../formats/ntp/meta.js'
import {sshdMeta} from '../formats/sshd/meta.js'

/** The same formats as src/formats/list.ts, in the same order. */
export const builtInFormats: readonly AnyFormat[] = [
  lazyFormat(sshdMeta, () => (require('../formats/sshd/index.js') as typeof import('../formats/sshd/index.js')).sshd as unknown as AnyFormat),
  lazyFormat(apacheMeta, () => (require('../formats/apache/index.js') as typeof import('../formats/apache/index.js')).apache as unknown as AnyFormat),
  lazyFormat(namedMeta, () => (require('../formats/named/index.js') as typeof import('../formats/named/index.js')).named as unknown as AnyFormat),
  lazyFormat(ntpMeta, () => (require('../formats/ntp/index.js') as typeof import('../formats/ntp/index.js')).ntp as unknown as AnyFormat),
  lazyFormat(iptablesMeta, () => (require('../formats/iptables/index.js') as typeof import('../formats/iptables/index.js')).iptables as unknown as AnyFormat),
]
