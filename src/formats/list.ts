/**
 * The built-in formats, loaded at once: what the library exports. The command's bundle
 * replaces this module with `src/bin/formats.ts`, the same formats loaded on first use.
 */
import type {AnyFormat} from './index.js'
import {apache} from './apache/index.js'
import {iptables} from './iptables/index.js'
import {named} from './named/index.js'
import {ntp} from './ntp/index.js'
import {sshd} from './sshd/index.js'

/** Every built-in format, in the order `detect` is asked. */
export const builtInFormats: readonly AnyFormat[] = [sshd, apache, named, ntp, iptables] as unknown as readonly AnyFormat[]
