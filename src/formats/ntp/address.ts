/**
 * IP addresses and masks as ntpd reads them in `restrict` lines (ntp_io.c
 * `is_ip_address`): an IPv4 address in dotted-quad form as glibc's `inet_pton` takes it
 * (four decimal numbers up to 255, no leading zero), or an IPv6 address as
 * `getaddrinfo(AI_NUMERICHOST)` takes it, optionally in brackets (`[::1]`, anything after
 * the `]` ignored) and with a `%scope` suffix. Anything else is a host name, which ntpd
 * looks up when it starts; the library does not.
 *
 * Addresses are held as bigints (32 bits for IPv4, 128 for IPv6) so that masks and
 * comparisons follow ntpd's restrict list exactly.
 */

/** An address family: 4 or 6. */
export type Family = 4 | 6

/** A parsed address. */
export interface IpAddress {
  family: Family
  value: bigint
}

/** The number of bits of an address of a family. */
export function bitsOf(family: Family): number {
  return family === 4 ? 32 : 128
}

/** The mask with every bit set: a single host. */
export function hostMask(family: Family): bigint {
  return (1n << BigInt(bitsOf(family))) - 1n
}

/**
 * The mask of a prefix length (`/24` is 255.255.255.0).
 *
 * @param family the family
 * @param length the number of leading one bits
 */
export function maskOfPrefix(family: Family, length: number): bigint {
  const bits = bitsOf(family)
  if (length <= 0) return 0n
  return hostMask(family) ^ ((1n << BigInt(bits - length)) - 1n)
}

/**
 * The prefix length of a mask, or undefined when its one bits are not contiguous.
 *
 * @param family the family
 * @param mask the mask
 */
export function prefixOfMask(family: Family, mask: bigint): number | undefined {
  const bits = bitsOf(family)
  for (let length = 0; length <= bits; length++) if (maskOfPrefix(family, length) === mask) return length
  return undefined
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
 * Reads an IPv4 address as glibc's `inet_pton(AF_INET)` does.
 *
 * @param text the address
 */
export function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  let value = 0n
  for (const part of parts) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined
    value = (value << 8n) | BigInt(part)
  }
  return value
}

/**
 * Reads an IPv6 address as `getaddrinfo(AI_NUMERICHOST)` does: groups of up to four hex
 * digits, at most one `::`, an IPv4 address in the last 32 bits, a `%scope` suffix.
 *
 * @param text the address
 */
export function parseIPv6(text: string): bigint | undefined {
  let body = text
  const scope = body.indexOf('%')
  if (scope !== -1) {
    if (scope === body.length - 1) return undefined
    body = body.slice(0, scope)
  }
  // An IPv4 address in the last 32 bits (`::ffff:192.0.2.1`) stands for two groups.
  let tail: bigint | undefined
  let needed = 8
  const lastColon = body.lastIndexOf(':')
  if (lastColon !== -1 && body.includes('.', lastColon)) {
    tail = parseIPv4(body.slice(lastColon + 1))
    if (tail === undefined) return undefined
    body = body.slice(0, lastColon + 1)
    if (!body.endsWith('::')) body = body.slice(0, -1)
    needed = 6
  }
  const halves = body.split('::')
  if (halves.length > 2) return undefined
  const groupsOf = (half: string): string[] | undefined => {
    if (half === '') return []
    const groups = half.split(':')
    return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups : undefined
  }
  const head = groupsOf(halves[0]!)
  const after = halves.length === 2 ? groupsOf(halves[1]!) : []
  if (head === undefined || after === undefined) return undefined
  if (halves.length === 1 ? head.length !== needed : head.length + after.length > needed - 1) return undefined
  const groups = [...head, ...Array<string>(needed - head.length - after.length).fill('0'), ...after]
  let value = 0n
  for (const group of groups) value = (value << 16n) | BigInt(`0x${group}`)
  if (tail !== undefined) value = (value << 32n) | tail
  return value
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
    const v4 = parseIPv4(text)
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
  if (address.family === 4) {
    const v = address.value
    return [24n, 16n, 8n, 0n].map((shift) => String((v >> shift) & 255n)).join('.')
  }
  const groups: number[] = []
  for (let i = 7; i >= 0; i--) groups.push(Number((address.value >> BigInt(i * 16)) & 0xffffn))
  // The longest run of two or more zero groups becomes `::` (the first one on a tie).
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
  const hex = (part: number[]) => part.map((g) => g.toString(16)).join(':')
  if (best === -1) return hex(groups)
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`
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
