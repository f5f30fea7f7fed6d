/**
 * The package's version: put in by the bundler for the command, read from package.json
 * otherwise (library use, tests).
 */
import {readFileSync} from 'node:fs'

declare const HARDEN_CONFIG_VERSION: string | undefined

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version?: string}
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

/** The version of harden-config. */
export const VERSION: string = typeof HARDEN_CONFIG_VERSION === 'string' ? HARDEN_CONFIG_VERSION : readVersion()
