import { type JsonSchema, toJsonSchema } from '@understudy/core'
import { CONFIG_SCHEMA_URL, configFileSchema } from './config-file'
import { SEED_SCHEMA_URL, seedFileSchema } from './seed-file'

/**
 * The JSON Schemas @understudy/cli ships (`@understudy/cli/seed.schema.json`,
 * `@understudy/cli/config.schema.json`), generated from the same schemas that check seed and
 * config files at run time. `pnpm --filter @understudy/cli generate` writes them.
 *
 * @example
 * const { 'seed.schema.json': schema } = jsonSchemaFiles()
 */
export function jsonSchemaFiles(): Record<'seed.schema.json' | 'config.schema.json', JsonSchema> {
  return {
    'seed.schema.json': toJsonSchema(seedFileSchema, {
      id: SEED_SCHEMA_URL,
      title: 'Understudy seed file',
      description: 'Fixture state per service for `understudy serve --seed` and `POST /_understudy/seed`.',
    }),
    'config.schema.json': toJsonSchema(configFileSchema, {
      id: CONFIG_SCHEMA_URL,
      title: 'Understudy server config',
      description: "Settings and every mock's options for `understudy serve --config`.",
    }),
  }
}
