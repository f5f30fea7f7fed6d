import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {memoryHost, nodeHost, overlayHost} from './host.js'

describe('hosts', () => {
  const root = mkdtempSync(join(tmpdir(), 'harden-config-host-'))
  mkdirSync(join(root, 'etc/apache2/sites-available'), {recursive: true})
  mkdirSync(join(root, 'etc/apache2/sites-enabled'), {recursive: true})
  writeFileSync(join(root, 'etc/apache2/sites-available/000-default.conf'), 'x\n')
  // An absolute link, as Debian's a2ensite makes relative ones and admins make absolute ones.
  symlinkSync('/etc/apache2/sites-available/000-default.conf', join(root, 'etc/apache2/sites-enabled/000-default.conf'))
  afterAll(() => rmSync(root, {recursive: true, force: true}))

  it('reads a system under a root, resolving absolute links inside the root', () => {
    const host = nodeHost({root})
    expect(host.realPath('/etc/apache2/sites-enabled/000-default.conf')).toBe('/etc/apache2/sites-available/000-default.conf')
    expect(Buffer.from(host.readFile('/etc/apache2/sites-enabled/000-default.conf')!).toString()).toBe('x\n')
    expect(host.toNative('/etc/apache2/sites-enabled/000-default.conf')).toBe(join(root, 'etc/apache2/sites-available/000-default.conf'))
    expect(host.readDirectory('/etc/apache2')?.sort()).toEqual(['sites-available', 'sites-enabled'])
    expect(host.stat('/nope')).toBeUndefined()
    expect(() => host.readFile('/etc')).toThrow(/is a directory/)
  })

  it('holds files in memory, with links and folders', () => {
    const host = memoryHost({'/a/b': 'B', '/l': {link: '/a/b'}})
    expect(Buffer.from(host.readFile('/l')!).toString()).toBe('B')
    expect(host.stat('/a')?.kind).toBe('directory')
    expect(host.readDirectory('/')?.sort()).toEqual(['a', 'l'])
  })

  it('overlays changed files on another host', () => {
    const host = overlayHost(memoryHost({'/a/b': 'B'}), new Map([['/a/c', Buffer.from('C')]]))
    expect(host.readDirectory('/a')?.sort()).toEqual(['b', 'c'])
    expect(Buffer.from(host.readFile('/a/c')!).toString()).toBe('C')
  })

  it('shows the folder of a file only the overlay holds', () => {
    const host = overlayHost(memoryHost({'/a/b': 'B'}), new Map([['/a/new/c.conf', Buffer.from('C')]]))
    expect(host.stat('/a/new')?.kind).toBe('directory')
    expect(host.readDirectory('/a/new')).toEqual(['c.conf'])
  })
})
