import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {sshd} from './formats/sshd/index.js'
import {unifiedFormat} from './unified.js'

describe('unified plugins', () => {
  const {parse, stringify, harden} = unifiedFormat(sshd)

  it('parses and prints byte for byte', async () => {
    const file = new VFile({path: 'sshd_config', value: 'Port  22 # x\r\n'})
    const out = await unified().use(parse).use(stringify).process(file)
    expect(String(out)).toBe('Port  22 # x\r\n')
  })

  it('reports findings as vfile messages with rule ids, and fixes the tree on request', async () => {
    const file = new VFile({path: 'sshd_config', value: 'X11Forwarding yes\n'})
    const out = await unified().use(parse).use(harden, {rules: ['sshd/x11-forwarding'], fix: 'safe'}).use(stringify).process(file)
    expect(String(out)).toBe('X11Forwarding no\n')
    expect(out.messages).toHaveLength(1)
    const [message] = out.messages
    expect(message).toMatchObject({ruleId: 'sshd/x11-forwarding', source: 'harden-config', fatal: false, actual: 'yes', expected: ['no'], line: 1, column: 1})
    expect(message!.note).toBe('safe fix: Set `X11Forwarding no`')
  })

  it('leaves the tree alone without `fix`', async () => {
    const file = new VFile({path: 'sshd_config', value: 'X11Forwarding yes\n'})
    const out = await unified().use(parse).use(harden, {rules: ['sshd/x11-forwarding']}).use(stringify).process(file)
    expect(String(out)).toBe('X11Forwarding yes\n')
  })
})
