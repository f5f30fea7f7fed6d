import {describe, expect, it} from 'vitest'
import {glob, segmentToRegExp} from './glob.js'
import {memoryHost} from './host.js'

describe('glob', () => {
  const host = memoryHost({'/d/b.conf': '', '/d/a.conf': '', '/d/.h.conf': '', '/d/c.txt': '', '/d/sub/x.conf': '', '/d/[x].conf': ''})

  it('matches within one component, sorted, without hidden files', () => {
    expect(glob(host, '/d/*.conf')).toEqual(['/d/[x].conf', '/d/a.conf', '/d/b.conf'])
    expect(glob(host, '/d/.*.conf')).toEqual(['/d/.h.conf'])
    expect(glob(host, '/d/*/x.conf')).toEqual(['/d/sub/x.conf'])
    expect(glob(host, '/d/?.conf')).toEqual(['/d/a.conf', '/d/b.conf'])
  })

  it('supports classes and escapes', () => {
    expect(glob(host, '/d/[ab].conf')).toEqual(['/d/a.conf', '/d/b.conf'])
    expect(glob(host, '/d/[!a].conf')).toEqual(['/d/b.conf'])
    expect(glob(host, '/d/\\[x\\].conf')).toEqual(['/d/[x].conf'])
    expect(segmentToRegExp('[a-c]*').test('b1')).toBe(true)
  })

  it('returns a path without wildcards only when it exists', () => {
    expect(glob(host, '/d/a.conf')).toEqual(['/d/a.conf'])
    expect(glob(host, '/d/zzz.conf')).toEqual([])
  })
})
