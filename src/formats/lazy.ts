/**
 * A format known by its {@link FormatMeta} whose parser, rules and tables are loaded on
 * first use. The command's bundle builds its registry from these (see `src/bin/formats.ts`),
 * so that checking an `sshd_config` does not evaluate the other formats' modules.
 */
import type {FormatMeta} from '../core/format.js'
import type {AnyFormat} from './index.js'

/**
 * A format that loads the rest of itself when first asked for more than its meta.
 *
 * @param meta its id, title and `detect`, available without loading it
 * @param load returns the whole format; called once, on first use
 */
export function lazyFormat(meta: FormatMeta, load: () => AnyFormat): AnyFormat {
  let format: AnyFormat | undefined
  const loaded = (): AnyFormat => {
    if (format === undefined) {
      format = load()
      if (format.id !== meta.id) throw new Error(`The format loaded for \`${meta.id}\` is \`${format.id}\``)
    }
    return format
  }
  return {
    id: meta.id,
    title: meta.title,
    detect: (systemPath) => meta.detect(systemPath),
    parse: (text, options) => loaded().parse(text, options),
    print: (tree) => loaded().print(tree),
    load: (entry, options) => loaded().load(entry, options),
    get settings() {
      return loaded().settings
    },
    get rules() {
      return loaded().rules
    },
  }
}
