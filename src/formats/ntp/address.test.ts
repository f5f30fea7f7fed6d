import {describe, expect, it} from 'vitest'
import {formatAddress, formatNetwork, maskOfPrefix, parseAddress, parseIPv4, parseIPv6, prefixOfMask} from './address.js'

describe('ntp addresses', () => {
  it('reads IPv4 as inet_pton does: four decimal numbers, no leading zero', () => {
    expect(parseIPv4('192.0.2.1')).toBe(0xc0000201n)
    expect(parseIPv4('0.0.0.0')).toBe(0n)
    for (const bad of ['192.0.2', '192.0.2.256', '192.0.2.01', '1.2.3.4.5', '1e3.0.0.1', '']) expect(parseIPv4(bad), bad).toBeUndefined()
  })

  it('reads IPv6 with ::, an IPv4 tail, a scope, brackets', () => {
    expect(parseIPv6('::1')).toBe(1n)
    expect(parseIPv6('::')).toBe(0n)
    expect(parseIPv6('2001:db8::')).toBe(0x20010db8n << 96n)
    expect(parseIPv6('::ffff:192.0.2.1')).toBe((0xffffn << 32n) | 0xc0000201n)
    expect(parseIPv6('fe80::1%eth0')).toBe((0xfe80n << 112n) | 1n)
    expect(parseAddress('[::2]')).toEqual({family: 6, value: 2n})
    expect(parseAddress('[::2]junk')).toEqual({family: 6, value: 2n})
    for (const bad of ['1::2::3', ':1', '1:2:3:4:5:6:7', '12345::', 'g::', '::1%']) expect(parseIPv6(bad), bad).toBeUndefined()
  })

  it('keeps to the family asked for', () => {
    expect(parseAddress('::1', 4)).toBeUndefined()
    expect(parseAddress('127.0.0.1', 6)).toBeUndefined()
    expect(parseAddress('127.0.0.1', 4)).toEqual({family: 4, value: 0x7f000001n})
  })

  it('turns prefixes into masks and back', () => {
    expect(maskOfPrefix(4, 24)).toBe(0xffffff00n)
    expect(maskOfPrefix(4, 0)).toBe(0n)
    expect(prefixOfMask(4, 0xffff0000n)).toBe(16)
    expect(prefixOfMask(4, 0xff00ff00n)).toBeUndefined()
    expect(prefixOfMask(6, maskOfPrefix(6, 48))).toBe(48)
  })

  it('writes addresses as ntpd prints them', () => {
    expect(formatAddress({family: 6, value: 0x20010db8n << 96n})).toBe('2001:db8::')
    expect(formatAddress({family: 6, value: 1n})).toBe('::1')
    expect(formatAddress({family: 6, value: (1n << 112n) | 1n})).toBe('1::1')
    expect(formatNetwork(4, 0x0a000000n, 0xff000000n)).toBe('10.0.0.0/8')
    expect(formatNetwork(4, 0x0a000000n, 0xff00ff00n)).toBe('10.0.0.0 mask 255.0.255.0')
    expect(formatNetwork(4, 0x0a000001n, 0xffffffffn)).toBe('10.0.0.1')
  })
})
