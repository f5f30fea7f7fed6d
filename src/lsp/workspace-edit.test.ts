import {describe, expect, it} from 'vitest'
import type {CreateFile} from 'vscode-languageserver/node'
import type {FileLocator} from './locator.js'
import {FileTexts} from './texts.js'
import {groupEdits, toWorkspaceEdit} from './workspace-edit.js'

const texts = new FileTexts([
  {path: '/etc/ssh/sshd_config', realPath: '/etc/ssh/sshd_config', original: 'Include /etc/ssh/sshd_config.d/*.conf\n', created: false},
  {path: '/etc/ssh/sshd_config.d/50-cloud-init.conf', realPath: '/etc/ssh/sshd_config.d/50-cloud-init.conf', original: 'PasswordAuthentication yes\n', created: false},
  {path: '/etc/ssh/sshd_config.d/00-harden-config.conf', realPath: '/etc/ssh/sshd_config.d/00-harden-config.conf', original: '', created: true},
])
/** The main file is open at version 7; the others are not open. */
const locator: FileLocator = {locate: ({path}) => ({uri: `file://${path}`, version: path === '/etc/ssh/sshd_config' ? 7 : null})}
const edits = [
  {file: '/etc/ssh/sshd_config.d/50-cloud-init.conf', start: 23, end: 26, text: 'no'},
  {file: '/etc/ssh/sshd_config.d/00-harden-config.conf', start: 0, end: 0, text: 'PermitRootLogin no\n'},
  {file: '/etc/ssh/sshd_config', start: 0, end: 0, text: '# hardened\n'},
]
const changes = groupEdits(edits, (path) => texts.file(path)?.created ?? false)

describe('toWorkspaceEdit', () => {
  it('gives each file its URI and positions from its own text', () => {
    expect(toWorkspaceEdit(changes, texts, locator, {documentChanges: false, createFiles: false})).toEqual({
      changes: {
        'file:///etc/ssh/sshd_config.d/50-cloud-init.conf': [{range: {start: {line: 0, character: 23}, end: {line: 0, character: 26}}, newText: 'no'}],
        'file:///etc/ssh/sshd_config.d/00-harden-config.conf': [{range: {start: {line: 0, character: 0}, end: {line: 0, character: 0}}, newText: 'PermitRootLogin no\n'}],
        'file:///etc/ssh/sshd_config': [{range: {start: {line: 0, character: 0}, end: {line: 0, character: 0}}, newText: '# hardened\n'}],
      },
    })
  })

  it('names the version of an open document, and creates a new file first, where the client can', () => {
    const edit = toWorkspaceEdit(changes, texts, locator, {documentChanges: true, createFiles: true})
    expect(edit.documentChanges?.map((change) => ('kind' in change ? `${change.kind} ${(change as CreateFile).uri}` : `${change.textDocument.uri}@${change.textDocument.version}`))).toEqual([
      'file:///etc/ssh/sshd_config.d/50-cloud-init.conf@null',
      'create file:///etc/ssh/sshd_config.d/00-harden-config.conf',
      'file:///etc/ssh/sshd_config.d/00-harden-config.conf@null',
      'file:///etc/ssh/sshd_config@7',
    ])
    const noCreate = toWorkspaceEdit(changes, texts, locator, {documentChanges: true, createFiles: false})
    expect(noCreate.documentChanges?.some((change) => 'kind' in change)).toBe(false)
  })
})

describe('groupEdits', () => {
  it('keeps the order of the files and of the edits in each', () => {
    const grouped = groupEdits(
      [
        {file: '/b', start: 5, end: 5, text: 'x'},
        {file: '/a', start: 0, end: 1, text: ''},
        {file: '/b', start: 1, end: 2, text: 'y'},
      ],
      (path) => path === '/a',
    )
    expect(grouped).toEqual([
      {path: '/b', created: false, edits: [{start: 5, end: 5, text: 'x'}, {start: 1, end: 2, text: 'y'}]},
      {path: '/a', created: true, edits: [{start: 0, end: 1, text: ''}]},
    ])
  })
})
