/**
 * Path name expansion as glob(3) does it with no flags, which is how sshd expands `Include`
 * and httpd expands `Include` wildcards: `*`, `?` and `[...]` match within one path
 * component, a leading `.` must be matched explicitly, a backslash quotes the next
 * character, and the results are sorted.
 */
import type {FileHost} from './host.js'

/**
 * Whether a pattern holds any wildcard.
 *
 * @param pattern a path or glob pattern
 */
export function hasMagic(pattern: string): boolean {
  return /[*?[]/.test(pattern)
}

/**
 * Turns one path component of a glob pattern into an anchored regular expression.
 *
 * @param segment one component of the pattern (no `/`)
 */
export function segmentToRegExp(segment: string): RegExp {
  let source = ''
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!
    if (c === '\\' && i + 1 < segment.length) {
      source += escapeRegExp(segment[++i]!)
    } else if (c === '*') {
      source += '.*'
    } else if (c === '?') {
      source += '.'
    } else if (c === '[') {
      const close = findClassEnd(segment, i)
      if (close === -1) {
        source += '\\['
        continue
      }
      let body = segment.slice(i + 1, close)
      let negate = false
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true
        body = body.slice(1)
      }
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`
      i = close
    } else {
      source += escapeRegExp(c)
    }
  }
  return new RegExp(`^${source}$`, 's')
}

function findClassEnd(segment: string, open: number): number {
  let i = open + 1
  if (segment[i] === '!' || segment[i] === '^') i++
  // A `]` right after the opening bracket is a member, not the end.
  if (segment[i] === ']') i++
  for (; i < segment.length; i++) if (segment[i] === ']') return i
  return -1
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * Expands a pattern against a file host, like glob(3) with no flags.
 *
 * @param host where to look
 * @param pattern an absolute pattern, or one relative to the host's working folder
 * @returns the matching paths that exist, sorted by code unit
 */
export function glob(host: FileHost, pattern: string): string[] {
  if (!hasMagic(pattern)) return host.stat(pattern) ? [pattern] : []
  const absolute = pattern.startsWith('/')
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0)
  let bases = [absolute ? '/' : '']
  if (absolute) segments.shift()
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1
    const next: string[] = []
    for (const base of bases) {
      if (!hasMagic(segment)) {
        const path = join(base, segment.replace(/\\(.)/g, '$1'))
        if (last ? host.stat(path) : host.stat(path)?.kind === 'directory') next.push(path)
        continue
      }
      const names = host.readDirectory(base === '' ? '.' : base) ?? []
      const matcher = segmentToRegExp(segment)
      for (const name of names) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue
        if (!matcher.test(name)) continue
        const path = join(base, name)
        if (!last && host.stat(path)?.kind !== 'directory') continue
        next.push(path)
      }
    }
    bases = next
  }
  return bases.sort(compareCodeUnits)
}

function join(base: string, name: string): string {
  if (base === '') return name
  return base.endsWith('/') ? base + name : `${base}/${name}`
}

/**
 * Compares two strings by code unit, as `strcmp` does in the C locale.
 *
 * @param a first
 * @param b second
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
