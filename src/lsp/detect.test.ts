import {describe, expect, it} from 'vitest'
import {formats} from '../formats/index.js'
import {detectDocumentFormat, firstLineHint, LANGUAGE_IDS} from './detect.js'

const detect = (systemPath: string, languageId: string, text: string) => {
  const found = detectDocumentFormat({systemPath, languageId, text}, formats)
  return found.format === undefined ? {format: undefined, problem: found.problem} : {format: found.format.id, by: found.by}
}

describe('firstLineHint', () => {
  it('reads `harden-config: type=ID` from a comment on the first line', () => {
    expect(firstLineHint('# harden-config: type=sshd\nPort 22\n')).toBe('sshd')
    expect(firstLineHint('#harden-config:type=apache')).toBe('apache')
    expect(firstLineHint('\uFEFF  # harden-config: type = ntp\r\n')).toBe('ntp')
    expect(firstLineHint('// harden-config: type=named\n')).toBe('named')
    expect(firstLineHint('/* harden-config: type=named */\n')).toBe('named')
  })

  it('reads nothing elsewhere: a later line, a value, another tool', () => {
    expect(firstLineHint('Port 22\n# harden-config: type=sshd\n')).toBeUndefined()
    expect(firstLineHint('Banner harden-config: type=sshd\n')).toBeUndefined()
    expect(firstLineHint('# vim: ft=sshdconfig\n')).toBeUndefined()
    expect(firstLineHint('# harden-config-disable-next-line sshd/x11-forwarding\n')).toBeUndefined()
    expect(firstLineHint('')).toBeUndefined()
  })
})

describe('detectDocumentFormat', () => {
  it('takes the hint first, then the language id, then the name', () => {
    expect(detect('/etc/ssh/sshd_config', 'apache', '# harden-config: type=ntp\n')).toEqual({format: 'ntp', by: 'hint'})
    expect(detect('/etc/ssh/sshd_config', 'apache', 'Port 22\n')).toEqual({format: 'apache', by: 'language'})
    expect(detect('/etc/ssh/sshd_config', 'plaintext', 'Port 22\n')).toEqual({format: 'sshd', by: 'name'})
    expect(detect('/etc/bind/named.conf', 'c', '')).toEqual({format: 'named', by: 'name'})
  })

  it("knows editors' language ids and the formats' own ids", () => {
    expect(detect('/tmp/x', 'sshdconfig', '')).toEqual({format: 'sshd', by: 'language'})
    expect(detect('/tmp/x', 'SSHD_CONFIG', '')).toEqual({format: 'sshd', by: 'language'})
    for (const format of formats) expect(detect('/tmp/x', format.id, '').format).toBe(format.id)
    for (const [language, format] of Object.entries(LANGUAGE_IDS)) expect(formats.map((f) => f.id), language).toContain(format)
  })

  it('tells nothing of an unknown file, and names an unknown hint', () => {
    expect(detect('/home/u/notes.txt', 'plaintext', 'Port 22\n')).toEqual({format: undefined, problem: undefined})
    // ssh_config is the client's file, not the server's.
    expect(detect('/home/u/.ssh/config', 'ssh_config', 'Host *\n').format).toBeUndefined()
    expect(detect('/etc/ssh/sshd_config', 'plaintext', '# harden-config: type=nginx\n').problem).toMatch(/^Unknown format `nginx` in the first-line hint/)
  })
})
