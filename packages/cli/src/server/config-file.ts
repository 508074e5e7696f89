/**
 * `understudy serve --config <file>`: the server's settings and every mock's options in one JSON
 * or YAML file, checked against `configFileSchema` (which `config.schema.json` is generated from).
 *
 * @module
 */

import { dirname, resolve } from 'node:path'
import { formatIssues, type Infer, schema as s, validate, webhookOptionsShape } from '@understudy/core'
import { InputFileError } from '../errors'
import { readDataFile } from './data-file'
import { serviceOptionsShape } from './options-schema'
import { seedFileShape } from './seed-file'
import { SERVICE_NAMES, type ServiceName, type ServiceOptions } from './services'

/** Where the published schema lives, for `$schema` in config files. */
export const CONFIG_SCHEMA_URL = 'https://unpkg.com/@understudy/cli/config.schema.json'

const { $schema: _ignored, ...inlineSeed } = seedFileShape

/** A config file for `understudy serve --config`. */
export const configFileSchema = s
  .object(
    {
      $schema: s.string().describe('The JSON Schema this file follows, for editors.').optional(),
      port: s
        .integer({ minimum: 0, maximum: 65_535 })
        .describe('Port to listen on; 0 picks a free one.')
        .example(4010)
        .optional(),
      host: s
        .string({ minLength: 1 })
        .describe('Interface to bind (0.0.0.0 in a container).')
        .example('127.0.0.1')
        .optional(),
      services: s
        .array(s.enum(SERVICE_NAMES))
        .describe('Services to mount (default: all).')
        .example(['github', 'openai'])
        .optional(),
      seed: s
        .union([
          s.string({ minLength: 1 }),
          s.object(inlineSeed, { example: "{ github: { repos: [{ full_name: 'octo/hello' }] } }" }),
        ])
        .describe('A seed file (JSON or YAML, relative to this file) or the seed itself.')
        .optional(),
      replay: s
        .array(s.string({ minLength: 1 }))
        .describe('Cassettes served before the mocks.')
        .optional(),
      cassettes: s.string({ minLength: 1 }).describe('Cassette folder, relative to this file.').optional(),
      logLimit: s
        .integer({ minimum: 1 })
        .describe('Requests kept per service. Default 10 000.')
        .example(10_000)
        .optional(),
      webhooks: s
        .object(webhookOptionsShape, { example: '{ retries: 0, timeoutMs: 2000 }' })
        .describe('Webhook delivery settings for every mock.')
        .optional(),
      ...serviceOptionsShape,
    },
    { example: '{ port: 4010, github: { rateLimits: { core: 1000000 } } }' },
  )
  .describe(
    "Understudy server config (`understudy serve --config`): server settings and every mock's options.",
  )

/** A config file's contents, checked, with paths resolved against the file's folder. */
export type ServeConfig = Omit<Infer<typeof configFileSchema>, '$schema' | ServiceName> & {
  /** Each mock's options, as `createUnderstudyServer({ serviceOptions })` takes them. */
  serviceOptions: ServiceOptions
}

/** A config file could not be read or is not valid. Exit code 2 (1 when the file cannot be read). */
export class ConfigFileError extends InputFileError {
  override name = 'ConfigFileError'
}

const sentence = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`)

/**
 * Checks a parsed config and resolves its paths (seed, replay, cassettes) against `baseDir`.
 *
 * @example
 * const config = parseConfig({ github: { rateLimits: { core: 1_000_000 } } }, 'understudy.yaml', process.cwd())
 */
export function parseConfig(value: unknown, source: string, baseDir: string): ServeConfig {
  const issues = validate(configFileSchema, value)
  const [first] = issues
  if (first) {
    const example =
      'example' in first && first.example !== undefined
        ? ` For example: ${typeof first.example === 'string' ? first.example : JSON.stringify(first.example)}.`
        : ''
    throw new ConfigFileError(
      issues.length === 1
        ? `Invalid config ${source}: ${first.path ? `${first.path}: ` : ''}${sentence(first.message)}${example} The server did not start.`
        : `Invalid config ${source} (${issues.length} problems; the server did not start):\n  ${formatIssues(issues)}`,
      { issues },
    )
  }
  const {
    $schema: _schema,
    github,
    slack,
    stripe,
    openai,
    ...server
  } = value as Infer<typeof configFileSchema>
  const serviceOptions: ServiceOptions = {
    ...(github ? { github } : {}),
    ...(slack ? { slack } : {}),
    ...(stripe ? { stripe } : {}),
    ...(openai ? { openai } : {}),
  } as ServiceOptions
  return {
    ...server,
    ...(typeof server.seed === 'string' ? { seed: resolve(baseDir, server.seed) } : {}),
    ...(server.replay ? { replay: server.replay.map((file) => resolve(baseDir, file)) } : {}),
    ...(server.cassettes ? { cassettes: resolve(baseDir, server.cassettes) } : {}),
    serviceOptions,
  }
}

/**
 * Reads a config file for `understudy serve --config`: JSON, or YAML when the name ends in .yaml/.yml.
 *
 * @example
 * const config = await readConfigFile('understudy.yaml') // { port: 4010, serviceOptions: { github: { rateLimits: { core: 1000000 } } } }
 */
export async function readConfigFile(path: string): Promise<ServeConfig> {
  const value = await readDataFile(path, { what: 'config file', flag: '--config', Failure: ConfigFileError })
  return parseConfig(value ?? {}, path, dirname(path))
}
