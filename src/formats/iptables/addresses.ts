/**
 * Addresses and masks as iptables reads them in `-s`, `-d` and `--src-range`
 * (libxtables `xtables_ipparse_multiple`, `xtables_ip6parse_multiple`).
 *
 * Checked against iptables 1.8.9 (`iptables-restore` then `iptables-save`): an IPv4 address
 * may have fewer than four parts, the missing ones being zero (`10/8` is `10.0.0.0/8`,
 * `10.1/16` is `10.1.0.0/16`), each part is read like a C integer constant (`010.1.1.1` is
 * `8.1.1.1`), the mask is a prefix length or a dotted mask (`/255.0.255.0` is kept as it is),
 * and `0/0` means any address. A name that is no address is resolved by DNS when the rules
 * are loaded; the semantics cannot tell what it stands for.
 *
 * The address arithmetic is core's (`core/ip.ts`); this module adds the forms libxtables
 * reads beyond core's strict ones, masks and names.
 */
import {formatIp, ipBits, maskOfPrefix, parseIpv6 as parseIpv6Text, prefixOfMask, type IpVersion} from '../../core/ip.js'

/** The address family of a rule set: `iptables-save` writes IPv4, `ip6tables-save` IPv6. */
export type Family = 'ipv4' | 'ipv6'

/** The IP version of each family, for core's address arithmetic. */
const VERSION: Readonly<Record<Family, IpVersion>> = {ipv4: 4, ipv6: 6}

/** An address with its mask, both as integers of the family's width. */
export interface AddressMask {
  family: Family
  address: bigint
  mask: bigint
}

/** What an address word stands for: an address and mask, or a name resolved at load time. */
export type AddressSpec = AddressMask | {family?: undefined; name: string}

/** Width of an address of each family, in bits. */
export const ADDRESS_BITS: Readonly<Record<Family, number>> = {ipv4: ipBits(4), ipv6: ipBits(6)}

/** The mask of a prefix length. */
export function prefixMask(family: Family, length: number): bigint {
  return maskOfPrefix(VERSION[family], length)
}

/** One part of an IPv4 address, read as C's strtoul with base 0 (octal after `0`, hex after `0x`). */
function cNumber(text: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16)
  if (/^0[0-7]*$/.test(text)) return text.length === 1 ? 0 : parseInt(text.slice(1), 8)
  if (/^[1-9][0-9]*$/.test(text)) return Number(text)
  return undefined
}

/**
 * An IPv4 address as iptables reads it: one to four parts, missing parts zero. Laxer than
 * core's `parseIpv4`, which takes only four decimal parts.
 *
 * @param text the address
 */
export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.')
  if (parts.length === 0 || parts.length > 4) return undefined
  let value = 0n
  for (let i = 0; i < 4; i++) {
    const part = i < parts.length ? cNumber(parts[i]!) : 0
    if (part === undefined || part > 255) return undefined
    value = (value << 8n) | BigInt(part)
  }
  return value
}

/**
 * An IPv6 address, as ip6tables reads one (inet_pton(3)): RFC 4291 text forms, with `::`
 * and a trailing dotted IPv4 part in strict decimal. ip6tables 1.8.9 refuses a dotted part
 * read like a C number (`::ffff:010.0.0.1`) or standing before `::` (`1.2.3.4::1`): "host/network
 * not found".
 *
 * @param text the address
 */
export function parseIpv6(text: string): bigint | undefined {
  return parseIpv6Text(text)
}

/**
 * One address word of `-s`/`-d` (one item of a comma-separated list): `10.0.0.0/8`,
 * `192.0.2.1`, `10.0.0.0/255.0.0.0`, `2001:db8::/32`, `0/0`, or a host name.
 *
 * @param text the item
 * @param family the rule set's family
 * @returns the address and mask, a name left to DNS, or undefined when it is neither
 */
export function parseAddressSpec(text: string, family: Family): AddressSpec | undefined {
  const slash = text.indexOf('/')
  const host = slash === -1 ? text : text.slice(0, slash)
  const maskText = slash === -1 ? undefined : text.slice(slash + 1)
  const parse = family === 'ipv4' ? parseIpv4 : parseIpv6
  const address = parse(host)
  if (address === undefined) {
    // A name: resolved by DNS when the rules are loaded. Names hold no `:` and are no number.
    if (/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(host) && !/^[\d.]+$/.test(host)) {
      if (maskText !== undefined && parseMask(maskText, family) === undefined) return undefined
      return {name: host}
    }
    return undefined
  }
  const mask = maskText === undefined ? prefixMask(family, ADDRESS_BITS[family]) : parseMask(maskText, family)
  if (mask === undefined) return undefined
  return {family, address: address & mask, mask}
}

/** A mask: a prefix length or, for IPv4 and IPv6 alike, an address written as a mask. */
function parseMask(text: string, family: Family): bigint | undefined {
  if (/^\d+$/.test(text)) {
    const length = Number(text)
    return length <= ADDRESS_BITS[family] ? prefixMask(family, length) : undefined
  }
  return family === 'ipv4' ? (/^[\d.]+$/.test(text) ? parseIpv4(text) : undefined) : parseIpv6(text)
}

/**
 * The family an address word belongs to, when it is an address of one: for telling an
 * IPv6 file from an IPv4 one, and for finding an address of the wrong family.
 *
 * @param text the word
 */
export function addressFamily(text: string): Family | undefined {
  const host = text.split('/')[0]!
  if (parseIpv6(host) !== undefined) return 'ipv6'
  if (/^[\d.]+$/.test(host) && parseIpv4(host) !== undefined) return 'ipv4'
  return undefined
}

/** Whether a spec stands for every address (`0/0`, `::/0`). */
export function isAnyAddress(spec: AddressSpec): boolean {
  return spec.family !== undefined && spec.mask === 0n
}

/**
 * Whether every address `inner` stands for is also one `outer` stands for.
 *
 * @param outer the wider spec
 * @param inner the narrower one
 */
export function addressCovers(outer: AddressMask, inner: AddressMask): boolean {
  if (outer.family !== inner.family) return false
  return (outer.mask & inner.mask) === outer.mask && (inner.address & outer.mask) === outer.address
}

/**
 * Whether an address lies in a spec.
 *
 * @param spec the spec
 * @param address the address, of the same family
 */
export function addressIn(spec: AddressMask, address: bigint): boolean {
  return (address & spec.mask) === spec.address
}

/** Writes an address with its mask as iptables-save does: `10.0.0.0/8`, `2001:db8::/32`. */
export function formatAddress(spec: AddressMask): string {
  const version = VERSION[spec.family]
  const prefix = prefixOfMask(version, spec.mask)
  const mask = prefix === undefined ? formatIp(version, spec.mask) : String(prefix)
  return `${formatIp(version, spec.address)}/${mask}`
}
