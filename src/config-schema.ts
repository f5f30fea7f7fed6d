/**
 * The JSON Schema of the configuration file, made from the registry: every rule id with its
 * options, every format with its settings. Editors validate and complete
 * `.harden-config.json` with it (`"$schema"`); `schemas/config.schema.json` is this, written
 * by `npm run docs`.
 */
import type {OptionSpec} from './core/options.js'
import type {AnyFormat} from './formats/index.js'

/**
 * The schema of an options object.
 *
 * @param options the option specs by name
 */
function optionsSchema(options: Readonly<Record<string, OptionSpec<unknown>>>): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(options).map(([name, spec]) => [name, {...spec.jsonSchema, description: `${spec.description} Default: ${JSON.stringify(spec.default)}.`, default: spec.default}]),
    ),
  }
}

/**
 * The configuration file's JSON Schema.
 *
 * @param formats the formats whose rules and settings it may name
 */
export function configJsonSchema(formats: readonly AnyFormat[]): Record<string, unknown> {
  const fixLevels = ['safe', 'unsafe', 'suggestion', 'none']
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://unpkg.com/harden-config/schemas/config.schema.json',
    title: 'harden-config configuration (.harden-config.json, or the "harden-config" key of package.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: {type: 'string'},
      profile: {enum: ['baseline', 'strict'], description: 'Which rules run: `baseline` (the default) or `strict` (every rule).'},
      unusedSuppressions: {enum: ['off', 'warn', 'error'], description: 'How suppression comments that suppress nothing are reported; `error` makes the run fail as a finding does. Default: `warn`.'},
      rules: {
        type: 'object',
        additionalProperties: false,
        description: 'Rules by id: `"off"`, `"on"` (whatever the profile), or an object with `options`, a `fix` cap and `enabled`.',
        properties: Object.fromEntries(
          formats.flatMap((format) =>
            format.rules.map((rule) => [
              rule.id,
              {
                description: `${rule.docs.summary} (${rule.profile}, ${rule.severity}, fix: ${rule.fix})`,
                oneOf: [
                  {enum: ['off', 'on']},
                  {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      enabled: {type: 'boolean', description: 'Whether the rule runs (default: true, whatever the profile).'},
                      fix: {enum: fixLevels, description: 'The most its fixes may be trusted: `unsafe` keeps them out of --write without --unsafe-fixes, `suggestion` never applies them, `none` reports only.'},
                      options: optionsSchema(rule.options as Readonly<Record<string, OptionSpec<unknown>>>),
                    },
                  },
                ],
              },
            ]),
          ),
        ),
      },
      settings: {
        type: 'object',
        additionalProperties: false,
        description: 'Format settings by format id.',
        properties: Object.fromEntries(formats.map((format) => [format.id, {...optionsSchema(format.settings as Readonly<Record<string, OptionSpec<unknown>>>), description: format.title}])),
      },
    },
  }
}
