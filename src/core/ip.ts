/**
 * IP address arithmetic shared by the formats that read addresses (iptables, ntp): the
 * strict text forms of IPv4 and IPv6 addresses, their RFC 5952 text, and prefix masks.
 *
 * Addresses and masks are bigints of the version's width (32 or 128 bits), so that masking
 * and comparing are plain `&` and `===`. What a daemon reads beyond the strict forms
 * (iptables' `10/8` and octal parts, ntpd's `%scope` and brackets) stays in its format.
 */

/** An IP version, 4 or 6: the family of an address. */
export type IpVersion = 4 | 6

/** The width of an address of a version, in bits. */
export function ipBits(version: IpVersion): 32 | 128 {
  return version === 4 ? 32 : 128
}

/**
 * The mask of a prefix length (`/24` is 255.255.255.0). A length of 0 or less is the empty
 * mask, one of the full width or more the mask of a single host.
 *
 * @param version the version
 * @param length the number of leading one bits
 */
export function maskOfPrefix(version: IpVersion, length: number): bigint {
  const bits = ipBits(version)
  if (length <= 0) return 0n
  const all = (1n << BigInt(bits)) - 1n
  return length >= bits ? all : all ^ ((1n << BigInt(bits - length)) - 1n)
}

/**
 * The prefix length of a mask, or undefined when its one bits are not contiguous.
 *
 * @param version the version
 * @param mask the mask
 */
export function prefixOfMask(version: IpVersion, mask: bigint): number | undefined {
  const bits = ipBits(version)
  for (let length = 0; length <= bits; length++) if (maskOfPrefix(version, length) === mask) return length
  return undefined
}

const DECIMAL_OCTET = /^(?:0|[1-9]\d{0,2})$/
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/

/**
 * Reads an IPv4 address in dotted-quad form as glibc's `inet_pton(AF_INET)` takes it: four
 * decimal numbers up to 255, none with a leading zero.
 *
 * @param text the address
 */
export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  let value = 0n
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part) || Number(part) > 255) return undefined
    value = (value << 8n) | BigInt(part)
  }
  return value
}

/** The 16-bit groups of one side of `::`, or undefined when one is no hex group. */
function groupsOf(half: string): bigint[] | undefined {
  if (half === '') return []
  const groups = half.split(':')
  return groups.every((group) => HEX_GROUP.test(group)) ? groups.map((group) => BigInt(`0x${group}`)) : undefined
}

/**
 * Reads an IPv6 address in the text forms of RFC 4291 as glibc's `inet_pton(AF_INET6)`
 * takes them: groups of one to four hex digits, at most one `::` standing for one or more
 * zero groups, and optionally a dotted quad (as `parseIpv4` reads it) as the last 32 bits.
 * No brackets, no `%scope`.
 *
 * @param text the address
 */
export function parseIpv6(text: string): bigint | undefined {
  const lastColon = text.lastIndexOf(':')
  if (lastColon === -1) return undefined
  let body = text
  // A dotted IPv4 address after the last colon (`::ffff:192.0.2.1`) stands for two groups.
  let tail: bigint | undefined
  if (text.includes('.', lastColon)) {
    tail = parseIpv4(text.slice(lastColon + 1))
    if (tail === undefined) return undefined
    body = text.slice(0, lastColon + 1)
    if (!body.endsWith('::')) body = body.slice(0, -1)
  }
  const needed = tail === undefined ? 8 : 6
  const halves = body.split('::')
  if (halves.length > 2) return undefined
  const head = groupsOf(halves[0]!)
  const after = halves.length === 2 ? groupsOf(halves[1]!) : []
  if (head === undefined || after === undefined) return undefined
  if (halves.length === 1 ? head.length !== needed : head.length + after.length >= needed) return undefined
  let value = 0n
  for (const group of head) value = (value << 16n) | group
  value <<= BigInt(16 * (needed - head.length - after.length))
  for (const group of after) value = (value << 16n) | group
  return tail === undefined ? value : (value << 32n) | tail
}

/**
 * Writes an address: a dotted quad for IPv4; for IPv6 lowercase hex groups without leading
 * zeros, the longest run of two or more zero groups (the first one on a tie) written as
 * `::`, as RFC 5952 section 4 recommends. The last 32 bits stay hex even for an
 * IPv4-mapped address (`::ffff:c000:201`).
 *
 * @param version the version
 * @param value the address
 */
export function formatIp(version: IpVersion, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.')
  const groups: number[] = []
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn))
  let best = -1
  let bestLength = 1
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLength) {
      best = i
      bestLength = j - i
    }
    i = j
  }
  const hex = (part: number[]) => part.map((group) => group.toString(16)).join(':')
  if (best === -1) return hex(groups)
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`
}
