/**
 * The rules of the apache format, in the order they run and are listed.
 */
import type {Rule} from '../../core/rule.js'
import type {ApacheConfig} from '../../formats/apache/semantics.js'
import byteOrderMark from './byte-order-mark.js'
import directoryListing from './directory-listing.js'
import followSymlinks from './follow-symlinks.js'
import httpsRedirect from './https-redirect.js'
import listenPrivate from './listen-private.js'
import logPermissions from './log-permissions.js'
import rootDirectory from './root-directory.js'
import serverSignature from './server-signature.js'
import serverTokens from './server-tokens.js'
import sslProtocol from './ssl-protocol.js'
import traceEnable from './trace-enable.js'
import userdir from './userdir.js'
import userdirDirectory from './userdir-directory.js'

/** Every apache rule. The option types are erased here: the engine checks each rule's options against its schema. */
export const rules: ReadonlyArray<Rule<ApacheConfig, unknown>> = [
  byteOrderMark,
  listenPrivate,
  serverTokens,
  serverSignature,
  traceEnable,
  userdir,
  userdirDirectory,
  directoryListing,
  rootDirectory,
  sslProtocol,
  httpsRedirect,
  logPermissions,
  followSymlinks,
] as ReadonlyArray<Rule<ApacheConfig, unknown>>
