import {describe, expect, it} from 'vitest'
import {HardenConfigError} from './errors.js'
import {memoryHost, nodeHost, type FileHost, type MemoryEntry} from './host.js'
import {cachedHost} from './host-cache.js'

/** Files in memory that a test can change, and a count of every call to the host. */
function changing(files: Record<string, MemoryEntry>) {
  const calls: string[] = []
  let host = memoryHost(files)
  const counted: FileHost = {
    realPath: (p) => (calls.push(`realPath ${p}`), host.realPath(p)),
    stat: (p) => (calls.push(`stat ${p}`), host.stat(p)),
    readDirectory: (p) => (calls.push(`readDirectory ${p}`), host.readDirectory(p)),
    readFile: (p) => (calls.push(`readFile ${p}`), host.readFile(p)),
  }
  return {
    calls,
    counted,
    set(path: string, entry: MemoryEntry | undefined) {
      if (entry === undefined) delete files[path]
      else files[path] = entry
      host = memoryHost(files)
    },
  }
}

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8'))

describe('cachedHost', () => {
  it('asks its base once per question', () => {
    const disk = changing({'/etc/ssh/sshd_config.d/a.conf': 'A\n'})
    const host = cachedHost(() => disk.counted)
    for (let i = 0; i < 3; i++) {
      expect(text(host.readFile('/etc/ssh/sshd_config.d/a.conf'))).toBe('A\n')
      expect(host.readDirectory('/etc/ssh/sshd_config.d')).toEqual(['a.conf'])
      expect(host.stat('/etc/ssh/missing')).toBeUndefined()
      expect(host.realPath('/etc/ssh/sshd_config.d/a.conf')).toBe('/etc/ssh/sshd_config.d/a.conf')
    }
    expect(disk.calls).toEqual(['readFile /etc/ssh/sshd_config.d/a.conf', 'readDirectory /etc/ssh/sshd_config.d', 'stat /etc/ssh/missing', 'realPath /etc/ssh/sshd_config.d/a.conf'])
  })

  it('remembers errors too', () => {
    const disk = changing({'/etc/x/y': ''})
    const host = cachedHost(() => disk.counted)
    expect(() => host.readFile('/etc/x')).toThrow(HardenConfigError)
    expect(() => host.readFile('/etc/x')).toThrow(HardenConfigError)
    expect(disk.calls).toEqual(['readFile /etc/x'])
  })

  it('forgets a changed file, and the listing of its folder', () => {
    const disk = changing({'/etc/ssh/sshd_config.d/a.conf': 'A\n'})
    const host = cachedHost(() => disk.counted)
    host.readFile('/etc/ssh/sshd_config.d/a.conf')
    host.readDirectory('/etc/ssh/sshd_config.d')
    disk.set('/etc/ssh/sshd_config.d/a.conf', 'B\n')
    disk.set('/etc/ssh/sshd_config.d/b.conf', 'new\n')
    expect(text(host.readFile('/etc/ssh/sshd_config.d/a.conf'))).toBe('A\n')
    host.invalidate(['/etc/ssh/sshd_config.d/a.conf'])
    expect(text(host.readFile('/etc/ssh/sshd_config.d/a.conf'))).toBe('B\n')
    host.invalidate(['/etc/ssh/sshd_config.d/b.conf'])
    expect(host.readDirectory('/etc/ssh/sshd_config.d')?.sort()).toEqual(['a.conf', 'b.conf'])
  })

  it('forgets a path that led through a link to a changed file', () => {
    const disk = changing({'/etc/apache2/sites-enabled/site.conf': {link: '/etc/apache2/sites-available/site.conf'}, '/etc/apache2/sites-available/site.conf': 'one\n'})
    const host = cachedHost(() => disk.counted)
    host.realPath('/etc/apache2/sites-enabled/site.conf')
    expect(text(host.readFile('/etc/apache2/sites-enabled/site.conf'))).toBe('one\n')
    disk.set('/etc/apache2/sites-available/site.conf', 'two\n')
    host.invalidate(['/etc/apache2/sites-available/site.conf'])
    expect(text(host.readFile('/etc/apache2/sites-enabled/site.conf'))).toBe('two\n')
  })

  it('forgets everything, and makes a new base, when asked to', () => {
    let made = 0
    const host = cachedHost(() => {
      made++
      return memoryHost({'/a': `${made}`})
    })
    expect(text(host.readFile('/a'))).toBe('1')
    host.invalidate()
    expect(text(host.readFile('/a'))).toBe('2')
  })

  it('names files on the disk as its base does (toNative), and only when the base can', () => {
    const disk = nodeHost({root: '/srv/image'})
    expect((cachedHost(() => disk) as {toNative?: (path: string) => string}).toNative?.('/etc/ssh/sshd_config')).toBe('/srv/image/etc/ssh/sshd_config')
    expect('toNative' in cachedHost(() => memoryHost({}))).toBe(false)
  })
})
