/**
 * Tests that need a program from Debian's packages (a daemon as judge, Neovim as a client)
 * run when it is there. Without it they are skipped, with the reason, on a developer's
 * machine; under CI (`CI` set) they fail instead, since `scripts/install-oracles` must have
 * installed it there.
 */
import {describe, it} from 'vitest'

/** Whether a program can be run, as each test's probe tells it. */
export type Availability<Ready> = Ready | {ok: false; reason: string}

/**
 * Declares the tests of `body` when the program is available.
 *
 * @param what what the tests are, for the titles and messages: `sshd oracle`
 * @param availability what the probe found
 * @param body declares the tests, given the probe's result when the program is there
 */
export function describeWhenAvailable<Ready extends {ok: true}>(what: string, availability: Availability<Ready>, body: (ready: Ready) => void): void {
  if (availability.ok) {
    body(availability as Ready)
    return
  }
  const {reason} = availability as {reason: string}
  if (process.env.CI) {
    describe(what, () => {
      it('has the program it needs', () => {
        throw new Error(`The ${what} cannot run: ${reason}. Under CI it must: install it with scripts/install-oracles (as root or with sudo) before the tests.`)
      })
    })
    return
  }
  console.warn(`${what} skipped: ${reason} (install it with scripts/install-oracles)`)
  describe.skip(`${what} (skipped: ${reason}; install it with scripts/install-oracles)`, () => {
    it('runs when the program is installed', () => {})
  })
}
