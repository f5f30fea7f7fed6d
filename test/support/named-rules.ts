/**
 * What the named rule tests share: the format (not in the registry of
 * src/formats/index.ts until it is registered) and the main file's path.
 */
import type {AnyFormat} from '../../src/formats/index.js'
import {named} from '../../src/formats/named/index.js'

/** Spread into `testRule(rule, {...namedCases, valid, invalid})`. */
export const namedCases: {format: AnyFormat; path: string} = {format: named as unknown as AnyFormat, path: '/etc/bind/named.conf'}
