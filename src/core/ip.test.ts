import {isIPv4, isIPv6} from 'node:net'
import {describe, expect, it} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {formatIp, ipBits, maskOfPrefix, parseIpv4, parseIpv6, prefixOfMask} from './ip.js'

/** Eight 16-bit groups, zero often enough that runs of zero groups are common. */
const groupsArb = fc.array(fc.oneof(fc.constant(0), fc.integer({min: 0, max: 0xffff})), {minLength: 8, maxLength: 8})

const valueOf = (groups: number[]) => groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n)

/** How to write an IPv6 address: leading zeros, case, a dotted tail, which zero groups `::` stands for. */
interface Form {
  pad: boolean[]
  upper: boolean
  dotted: boolean
  /** Where `::` starts and the most zero groups it stands for: none when 0 or when the group there is not zero. */
  start: number
  length: number
}

const formArb: fc.Arbitrary<Form> = fc.record({
  pad: fc.array(fc.boolean(), {minLength: 8, maxLength: 8}),
  upper: fc.boolean(),
  dotted: fc.boolean(),
  start: fc.nat(7),
  length: fc.nat(8),
})

/** Writes groups in one of the many text forms RFC 4291 allows. */
function write(groups: number[], form: Form): string {
  const hexCount = form.dotted ? 6 : 8
  const pieces = groups.slice(0, hexCount).map((group, i) => {
    const hex = group.toString(16).padStart(form.pad[i] ? 4 : 1, '0')
    return form.upper ? hex.toUpperCase() : hex
  })
  if (form.dotted) pieces.push([groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.'))
  let end = form.start
  while (end < hexCount && groups[end] === 0 && end - form.start < form.length) end++
  if (end === form.start) return pieces.join(':')
  return `${pieces.slice(0, form.start).join(':')}::${pieces.slice(end).join(':')}`
}

/** A valid address text with a character or two inserted, deleted or replaced: mostly invalid, but only just. */
const nearAddressArb = fc
  .tuple(
    fc.oneof(fc.bigInt({min: 0n, max: 0xffffffffn}).map((value) => formatIp(4, value)), fc.tuple(groupsArb, formArb).map(([groups, form]) => write(groups, form))),
    fc.array(fc.tuple(fc.nat(), fc.nat(1), fc.constantFrom('', '0', '1', '9', 'f', 'g', ':', '.', '::')), {minLength: 1, maxLength: 2}),
  )
  .map(([text, edits]) =>
    edits.reduce((edited, [at, replaced, insert]) => {
      const i = at % (edited.length + 1)
      return edited.slice(0, i) + insert + edited.slice(i + replaced)
    }, text),
  )

describe('ip', () => {
  it('reads dotted-quad IPv4 and nothing laxer', () => {
    expect(parseIpv4('192.0.2.1')).toBe(0xc0000201n)
    expect(parseIpv4('0.0.0.0')).toBe(0n)
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffffn)
    for (const bad of ['', '192.0.2', '1.2.3.4.5', '256.0.0.0', '01.2.3.4', '0x1.2.3.4', '1..2.3', ' 1.2.3.4', '1.2.3.4 ', '+1.2.3.4', '1e2.0.0.1', '١.٢.٣.٤']) {
      expect(parseIpv4(bad), bad).toBeUndefined()
    }
  })

  it('reads IPv6 with ::, leading zeros, upper case and a dotted tail', () => {
    expect(parseIpv6('::')).toBe(0n)
    expect(parseIpv6('::1')).toBe(1n)
    expect(parseIpv6('1::')).toBe(1n << 112n)
    expect(parseIpv6('2001:DB8:0000::0001')).toBe((0x20010db8n << 96n) | 1n)
    expect(parseIpv6('1:2:3:4:5:6:7::')).toBe(valueOf([1, 2, 3, 4, 5, 6, 7, 0]))
    expect(parseIpv6('::2:3:4:5:6:7:8')).toBe(valueOf([0, 2, 3, 4, 5, 6, 7, 8]))
    expect(parseIpv6('::ffff:192.0.2.1')).toBe(0xffffc0000201n)
    expect(parseIpv6('::1.2.3.4')).toBe(0x01020304n)
    expect(parseIpv6('1:2:3:4:5:6:1.2.3.4')).toBe(valueOf([1, 2, 3, 4, 5, 6, 0x102, 0x304]))
  })

  it('refuses what is no IPv6 address, brackets and scopes included', () => {
    const bad = [
      '', ':', ':::', ':1', '1:', '1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2:3:4:5:6:7:8', '12345::', 'g::', ' ::1',
      '[::1]', '::1%eth0', '1.2.3.4', '::1.2.3', '::ffff:010.0.0.1', '::256.0.0.1', '1.2.3.4::1', '1:2:3:4:5:6:7:1.2.3.4', '::1.2.3.4:5',
    ]
    for (const text of bad) expect(parseIpv6(text), text).toBeUndefined()
  })

  it('writes IPv4 as a dotted quad and IPv6 as RFC 5952 recommends', () => {
    expect(formatIp(4, 0xc0000201n)).toBe('192.0.2.1')
    expect(formatIp(4, 0n)).toBe('0.0.0.0')
    const cases: Array<[string, string]> = [
      ['::', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['1:0:0:0:0:0:0:0', '1::'],
      ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      // One zero group stays as it is.
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      // The longest run, not the first one.
      ['2001:db8:0:0:1:0:0:0', '2001:db8:0:0:1::'],
      // The first one of two as long.
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
      // No dotted tail in the output, even for an IPv4-mapped address.
      ['::ffff:192.0.2.1', '::ffff:c000:201'],
    ]
    for (const [text, expected] of cases) expect(formatIp(6, parseIpv6(text)!), text).toBe(expected)
  })

  it('turns prefix lengths into masks and back', () => {
    expect(ipBits(4)).toBe(32)
    expect(ipBits(6)).toBe(128)
    expect(maskOfPrefix(4, 24)).toBe(0xffffff00n)
    expect(maskOfPrefix(4, 0)).toBe(0n)
    expect(maskOfPrefix(4, -1)).toBe(0n)
    expect(maskOfPrefix(4, 32)).toBe(0xffffffffn)
    expect(maskOfPrefix(4, 33)).toBe(0xffffffffn)
    expect(maskOfPrefix(6, 64)).toBe(((1n << 64n) - 1n) << 64n)
    expect(prefixOfMask(4, 0xffff0000n)).toBe(16)
    expect(prefixOfMask(6, 0n)).toBe(0)
    expect(prefixOfMask(4, 0xff00ff00n)).toBeUndefined()
    expect(prefixOfMask(4, 0x1ffffffffn)).toBeUndefined()
    for (const version of [4, 6] as const) {
      for (let length = 0; length <= ipBits(version); length++) expect(prefixOfMask(version, maskOfPrefix(version, length))).toBe(length)
    }
  })

  test.prop([fc.bigInt({min: 0n, max: 0xffffffffn})])('IPv4 text round-trips and agrees with node:net', (value) => {
    const text = formatIp(4, value)
    expect(isIPv4(text)).toBe(true)
    expect(parseIpv4(text)).toBe(value)
  })

  test.prop([groupsArb, formArb])('every text form of an IPv6 address reads back as it, and writes as the WHATWG URL serializer does', (groups, form) => {
    const value = valueOf(groups)
    const text = write(groups, form)
    expect(parseIpv6(text)).toBe(value)
    const canonical = formatIp(6, value)
    expect(parseIpv6(canonical)).toBe(value)
    expect(canonical).toBe(new URL(`http://[${text}]/`).hostname.slice(1, -1))
  })

  test.prop([nearAddressArb])('accepts just what node:net accepts', (text) => {
    expect(parseIpv4(text) !== undefined).toBe(isIPv4(text))
    expect(parseIpv6(text) !== undefined).toBe(isIPv6(text))
  })

  const flipArb = fc
    .constantFrom(4 as const, 6 as const)
    .chain((version) => fc.tuple(fc.constant(version), fc.nat(ipBits(version)), fc.nat(ipBits(version) - 1)))
  test.prop([flipArb])('a prefix mask with one bit flipped has a prefix length only when the flip moves its edge', ([version, length, bit]) => {
    const bits = ipBits(version)
    const mask = maskOfPrefix(version, length) ^ (1n << BigInt(bit))
    // Bit `bits - length` is the lowest one, bit `bits - length - 1` the highest zero.
    const expected = bit === bits - length ? length - 1 : bit === bits - length - 1 ? length + 1 : undefined
    expect(prefixOfMask(version, mask)).toBe(expected)
  })
})
