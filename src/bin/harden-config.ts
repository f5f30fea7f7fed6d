/**
 * The `harden-config` command. Everything but the process itself lives in `cli.ts`.
 *
 * Output goes straight to the file descriptors: `process.stdout` would load Node's stream
 * machinery, a few milliseconds of a command that should start about as fast as Node does.
 */
import {readFileSync, writeSync} from 'node:fs'
import {run} from '../cli.js'
import {decodeBytes} from '../core/text.js'

/** Set when the reader of an output went away (`harden-config ... | head`): write no more. */
const closed = new Set<number>()
/** Sleeps a millisecond while a non-blocking pipe is full, instead of spinning. */
const pause = new Int32Array(new SharedArrayBuffer(4))

/** Writes all of a text to a file descriptor, waiting while a non-blocking pipe is full. */
function writeAll(fd: number, text: string | Uint8Array): void {
  let bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength)
  while (bytes.length > 0 && !closed.has(fd)) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // A reader that stopped early is no error, as for cat or grep.
      if (code === 'EPIPE') closed.add(fd)
      else if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1)
      else throw error
    }
  }
}

// `harden-config lsp`: the language server is a bundle of its own (this one is CommonJS, run by
// the loader in this folder), loaded only here, so that the command's start does not pay for it.
if (process.argv[2] === 'lsp') require(`${__dirname}/harden-config-lsp.cjs`)
else {
  process.exitCode = run(process.argv.slice(2), {
    stdout: {write: (text: string | Uint8Array) => writeAll(1, text)},
    stderr: {write: (text: string) => writeAll(2, text)},
    readStdin: () => decodeBytes(readFileSync(0)).text,
    cwd: process.cwd(),
  })
}
