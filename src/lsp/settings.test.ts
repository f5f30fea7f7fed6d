import {describe, expect, it} from 'vitest'
import {memoryHost} from '../core/host.js'
import {hardenOptions, mergeSettings, readSettings} from './settings.js'

describe('readSettings', () => {
  it('reads the settings, or the settings under `harden-config`', () => {
    const settings = {profile: 'strict', rules: ['sshd/x11-forwarding'], disable: [], options: {sshd: {version: '9.2'}}, root: '/mnt/image', debounce: 20}
    expect(readSettings(settings)).toEqual({settings, problems: []})
    expect(readSettings({'harden-config': settings})).toEqual({settings, problems: []})
    expect(readSettings(null)).toEqual({settings: {}, problems: []})
    expect(readSettings({profile: null, root: ''})).toEqual({settings: {}, problems: []})
  })

  it('leaves out what it cannot use, and names the key and what it expects', () => {
    const {settings, problems} = readSettings({profile: 'paranoid', rules: 'sshd/x11-forwarding', options: {sshd: 'x'}, root: 'relative', debounce: -1, colour: 'blue'})
    expect(settings).toEqual({})
    expect(problems).toEqual([
      'Unknown setting `harden-config.colour`, expected one of `profile`, `rules`, `disable`, `options`, `root`, `debounce`',
      'Unexpected "paranoid" for the setting `harden-config.profile`, expected `baseline` or `strict`',
      'Unexpected "sshd/x11-forwarding" for the setting `harden-config.rules`, expected a list of rule ids',
      'Unexpected {"sshd":"x"} for the setting `harden-config.options`, expected an object of objects, such as {"sshd/permit-root-login": {"allow": "prohibit-password"}}',
      'Unexpected "relative" for the setting `harden-config.root`, expected an absolute folder path',
      'Unexpected -1 for the setting `harden-config.debounce`, expected a number of milliseconds from 0 to 10000',
    ])
    expect(readSettings(42).problems).toEqual(['Unexpected 42 for the harden-config settings, expected an object'])
  })
})

describe('mergeSettings', () => {
  it('lets a later layer win key by key, and merges options rule by rule', () => {
    const merged = mergeSettings(
      {profile: 'strict', options: {'sshd/permit-root-login': {allow: 'no'}, sshd: {version: '9.2'}}},
      {disable: ['sshd/x11-forwarding'], options: {'sshd/permit-root-login': {allow: 'prohibit-password'}}},
    )
    expect(merged).toEqual({profile: 'strict', disable: ['sshd/x11-forwarding'], options: {'sshd/permit-root-login': {allow: 'prohibit-password'}, sshd: {version: '9.2'}}})
  })
})

describe('hardenOptions', () => {
  it('makes every option of a harden() call from the settings and the call', () => {
    const host = memoryHost({})
    expect(hardenOptions({profile: 'strict', rules: ['a'], disable: ['b'], options: {sshd: {}}, root: '/r', debounce: 5}, {host, type: 'sshd', fix: 'safe'})).toEqual({
      host,
      root: '/r',
      type: 'sshd',
      profile: 'strict',
      rules: ['a'],
      disable: ['b'],
      options: {sshd: {}},
      fix: 'safe',
      formats: undefined,
    })
    // An unset profile stays unset, so that a .harden-config.json above the file can set it.
    expect(hardenOptions({}, {host, fix: 'none'}).profile).toBeUndefined()
  })
})
