import {describe, expect, it} from 'vitest'
import {systemPathToUri, uriToSystemPath} from './paths.js'

describe('uriToSystemPath and systemPathToUri', () => {
  it('are the file path itself without a root', () => {
    expect(uriToSystemPath('file:///etc/ssh/sshd_config')).toBe('/etc/ssh/sshd_config')
    expect(uriToSystemPath('file:///etc/apache2/sites-available/my%20site.conf')).toBe('/etc/apache2/sites-available/my site.conf')
    expect(systemPathToUri('/etc/apache2/sites-available/my site.conf')).toBe('file:///etc/apache2/sites-available/my%20site.conf')
  })

  it('map a file under the root to the system path, and back', () => {
    expect(uriToSystemPath('file:///mnt/image/etc/ssh/sshd_config', '/mnt/image')).toBe('/etc/ssh/sshd_config')
    expect(uriToSystemPath('file:///mnt/image', '/mnt/image/')).toBe('/')
    expect(systemPathToUri('/etc/ssh/sshd_config', '/mnt/image')).toBe('file:///mnt/image/etc/ssh/sshd_config')
    // Outside the root, a file is its own path.
    expect(uriToSystemPath('file:///mnt/imagery/x.conf', '/mnt/image')).toBe('/mnt/imagery/x.conf')
  })

  it('give other schemes a path of their own, so a name or a hint still tells the format', () => {
    expect(uriToSystemPath('untitled:Untitled-1')).toBe('/Untitled-1')
    expect(uriToSystemPath('vscode-remote://ssh-remote%2Bhost/etc/ssh/sshd_config')).toBe('/etc/ssh/sshd_config')
  })
})
