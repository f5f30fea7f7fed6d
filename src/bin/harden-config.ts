/**
 * The `harden-config` command. Everything but the process itself lives in `cli.ts`.
 *
 * Output goes straight to the file descriptors: `process.stdout` would load Node's stream
 * machinery, a few milliseconds of a command that should start about as fast as Node does.
 */
import {readFileSync, writeSync} from 'node:fs'
import {run} from '../cli.js'
import {decodeBytes} from '../core/text.js'

/** Writes all of a text to a file descriptor, waiting while a non-blocking pipe is full. */
function writeAll(fd: number, text: string): void {
  let bytes = Buffer.from(text, 'utf8')
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
    }
  }
}

process.exitCode = run(process.argv.slice(2), {
  stdout: {write: (text: string) => writeAll(1, text)},
  stderr: {write: (text: string) => writeAll(2, text)},
  readStdin: () => decodeBytes(readFileSync(0)).text,
  cwd: process.cwd(),
})
