/**
 * IP addresses and masks as ntpd reads them in `restrict` lines (ntp_io.c
 * `is_ip_address`): an IPv4 address in dotted-quad form as glibc's `inet_pton` takes it
 * (four decimal numbers up to 255, no leading zero), or an IPv6 address as
 * `getaddrinfo(AI_NUMERICHOST)` takes it, optionally in brackets (`[::1]`, anything after
 * the `]` ignored) and with a `%scope` suffix. Anything else is a host name, which ntpd
 * looks up when it starts; the library does not.
 *
 * Addresses are held as bigints (32 bits for IPv4, 128 for IPv6) so that masks and
 * comparisons follow ntpd's restrict list exactly. The address arithmetic is core's
 * (`core/ip.ts`); this module adds ntpd's brackets, scopes and the order it tries families in.
 */
import {formatIp, ipBits, maskOfPrefix, parseIpv4, parseIpv6 as parseIpv6Text, prefixOfMask, type IpVersion} from '../../core/ip.js'

// ntpd reads IPv4 as inet_pton does, which is core's strict dotted quad.
export {maskOfPrefix, prefixOfMask, parseIpv4 as parseIPv4}

/** An address family: 4 or 6. */
export type Family = IpVersion

/** A parsed address. */
export interface IpAddress {
  family: Family
  value: bigint
}

/** The number of bits of an address of a family. */
export function bitsOf(family: Family): number {
  return ipBits(family)
}

/** The mask with every bit set: a single host. */
export function hostMask(family: Family): bigint {
  return maskOfPrefix(family, ipBits(family))
}

/**
 * The number of addresses a mask covers, as a power of two (the number of zero bits).
 *
 * @param family the family
 * @param mask the mask
 */
export function hostBits(family: Family, mask: bigint): number {
  let ones = 0
  for (let rest = mask; rest !== 0n; rest &= rest - 1n) ones++
  return bitsOf(family) - ones
}

/**
 * Reads an IPv6 address as `getaddrinfo(AI_NUMERICHOST)` does: the text forms core's
 * `parseIpv6` reads, then an optional `%scope` suffix (not empty), which is ignored.
 *
 * @param text the address
 */
export function parseIPv6(text: string): bigint | undefined {
  const scope = text.indexOf('%')
  if (scope === -1) return parseIpv6Text(text)
  return scope === text.length - 1 ? undefined : parseIpv6Text(text.slice(0, scope))
}

/**
 * Reads an address as ntpd's `is_ip_address` does: IPv4 first, then IPv6 (brackets
 * stripped, anything after `]` ignored, at most 127 characters).
 *
 * @param text the address
 * @param family only this family, when `-4` or `-6` asked for it
 */
export function parseAddress(text: string, family?: Family): IpAddress | undefined {
  if (family !== 6) {
    const v4 = parseIpv4(text)
    if (v4 !== undefined) return {family: 4, value: v4}
  }
  if (family !== 4 && text.length < 128) {
    let body = text
    if (body.startsWith('[')) {
      body = body.slice(1)
      const close = body.indexOf(']')
      if (close !== -1) body = body.slice(0, close)
    }
    const v6 = parseIPv6(body)
    if (v6 !== undefined) return {family: 6, value: v6}
  }
  return undefined
}

/**
 * Writes an address the way ntpd's debug output does (`10.0.0.0`, `::1`,
 * `ffff:ffff:...`): dotted quad, or RFC 5952 text for IPv6.
 *
 * @param address the address
 */
export function formatAddress(address: IpAddress): string {
  return formatIp(address.family, address.value)
}

/**
 * Writes a network as people read it: `10.0.0.0/8`, `::1`, or `10.0.0.0 mask 255.0.255.0`
 * for a mask that is no prefix.
 *
 * @param family the family
 * @param address the address (already masked)
 * @param mask the mask
 */
export function formatNetwork(family: Family, address: bigint, mask: bigint): string {
  const text = formatAddress({family, value: address})
  if (mask === hostMask(family)) return text
  const prefix = prefixOfMask(family, mask)
  return prefix === undefined ? `${text} mask ${formatAddress({family, value: mask})}` : `${text}/${prefix}`
}
