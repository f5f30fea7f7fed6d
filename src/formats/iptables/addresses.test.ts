import {describe, expect, it} from 'vitest'
import {addressCovers, addressFamily, formatAddress, parseAddressSpec, parseIpv6, type AddressMask} from './addresses.js'

const v4 = (text: string) => parseAddressSpec(text, 'ipv4') as AddressMask
const v6 = (text: string) => parseAddressSpec(text, 'ipv6') as AddressMask

describe('iptables addresses', () => {
  // Each as iptables-save 1.8.9 writes it back (checked with iptables-nft-restore and -save).
  it.each([
    ['0/0', '0.0.0.0/0'],
    ['10/8', '10.0.0.0/8'],
    ['10.1/16', '10.1.0.0/16'],
    ['10.1.2/24', '10.1.2.0/24'],
    ['10.0.0.1/8', '10.0.0.0/8'],
    ['010.1.1.1', '8.1.1.1/32'],
    ['1.2.3.4/255.0.255.0', '1.0.3.0/255.0.255.0'],
    ['192.168.1.0/255.255.255.0', '192.168.1.0/24'],
  ])('reads %s as iptables does: %s', (text, saved) => {
    expect(formatAddress(v4(text))).toBe(saved)
  })

  it('reads IPv6 forms', () => {
    expect(formatAddress(v6('2001:db8::1'))).toBe('2001:db8::1/128')
    expect(formatAddress(v6('2001:DB8:0:0:1::/64'))).toBe('2001:db8::/64')
    expect(formatAddress(v6('2001:db8:0:1:0:0:0:1/128'))).toBe('2001:db8:0:1::1/128')
    expect(formatAddress(v6('::/0'))).toBe('::/0')
    expect(parseIpv6('::ffff:192.0.2.1')).toBe(0xffffc0000201n)
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeUndefined()
    expect(parseIpv6('1::2::3')).toBeUndefined()
    expect(parseIpv6('fe80::1%eth0')).toBeUndefined()
  })

  it('reads a dotted part as ip6tables does: strict decimal, at the end only', () => {
    // ip6tables 1.8.9 refuses both ("host/network not found").
    expect(parseIpv6('::ffff:010.0.0.1')).toBeUndefined()
    expect(parseIpv6('1.2.3.4::1')).toBeUndefined()
    expect(parseIpv6('::ffff:10.0.0.1')).toBe(0xffff0a000001n)
    expect(parseIpv6('::ffff:08.0.0.1')).toBeUndefined()
    expect(parseIpv6('::ffff:0x1.0.0.1')).toBeUndefined()
    expect(parseIpv6('::ffff:1.2.3')).toBeUndefined()
  })

  it('keeps names for DNS and refuses what is neither', () => {
    expect(parseAddressSpec('example.org', 'ipv4')).toEqual({name: 'example.org'})
    expect(parseAddressSpec('300.1.1.1', 'ipv4')).toBeUndefined()
    expect(parseAddressSpec('10.0.0.0/33', 'ipv4')).toBeUndefined()
    expect(addressFamily('2001:db8::/32')).toBe('ipv6')
    expect(addressFamily('10.0.0.0/8')).toBe('ipv4')
    expect(addressFamily('example.org')).toBeUndefined()
  })

  it('tells which range covers which', () => {
    expect(addressCovers(v4('10.0.0.0/8'), v4('10.1.0.0/16'))).toBe(true)
    expect(addressCovers(v4('10.1.0.0/16'), v4('10.0.0.0/8'))).toBe(false)
    expect(addressCovers(v4('0/0'), v4('192.0.2.1'))).toBe(true)
    expect(addressCovers(v6('2001:db8::/32'), v6('2001:db8:1::/48'))).toBe(true)
    expect(addressCovers(v4('10.0.0.0/8'), v6('::/0'))).toBe(false)
  })
})
