/**
 * A folder of test files read as a system: every file below it, by its system path (the
 * folder is `/`), for fixtures laid out as root trees and for what a tool left in a folder.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative, sep} from 'node:path'

/**
 * Every file below a folder, by system path (`<folder>/etc/ssh/sshd_config` is
 * `/etc/ssh/sshd_config`), in sorted order, links followed.
 *
 * @param root the folder
 */
export function readTreeFiles(root: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {}
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const file = join(folder, entry)
      if (statSync(file).isDirectory()) walk(file)
      else files[`/${relative(root, file).split(sep).join('/')}`] = readFileSync(file)
    }
  }
  walk(root)
  return files
}
