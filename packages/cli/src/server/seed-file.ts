import { formatIssues, type Schema, type SchemaIssue, schema as s, validate } from '@understudy/core'
import { anthropicSeedSchema } from '@understudy/mock-anthropic'
import { geminiSeedSchema } from '@understudy/mock-gemini'
import { githubSeedSchema } from '@understudy/mock-github'
import { openAISeedSchema } from '@understudy/mock-openai'
import { slackSeedSchema } from '@understudy/mock-slack'
import { stripeSeedSchema } from '@understudy/mock-stripe'
import { SeedFileError } from '../errors'
import { readDataFile } from './data-file'
import { SERVICE_NAMES, type ServiceName, type UnderstudyMock } from './services'

/** Seed data for several services at once: the shape of `--seed file.json` and `POST /_understudy/seed`. */
export type SeedData = Partial<Record<ServiceName, unknown>>

/** Each service's seed schema: the mocks check their own seeds with it, the server checks files with it. */
export const SEED_SCHEMAS: Readonly<Record<ServiceName, Schema<unknown>>> = {
  github: githubSeedSchema,
  slack: slackSeedSchema,
  stripe: stripeSeedSchema,
  openai: openAISeedSchema,
  anthropic: anthropicSeedSchema,
  gemini: geminiSeedSchema,
}

/** Where the published schema lives, for `$schema` in seed files. */
export const SEED_SCHEMA_URL = 'https://unpkg.com/@understudy/cli/seed.schema.json'

/** The services' seeds, by service name: a seed file's keys. */
export const seedFileShape = {
  $schema: s.string().describe('The JSON Schema this file follows, for editors.').optional(),
  github: githubSeedSchema.optional(),
  slack: slackSeedSchema.optional(),
  anthropic: anthropicSeedSchema.optional(),
  gemini: geminiSeedSchema.optional(),
  stripe: stripeSeedSchema.optional(),
  openai: openAISeedSchema.optional(),
}

/** A whole seed file; `seed.schema.json` is generated from it. */
export const seedFileSchema = s
  .object(seedFileShape)
  .describe(
    'Understudy seed file (`understudy serve --seed`, `POST /_understudy/seed`): fixture state per service.',
  )

// The file a seed document came from, so later errors (when the seed is applied) can name it.
const sources = new WeakMap<object, string>()

export interface ValidateSeedOptions {
  /**
   * Services whose seed goes to a mock instance of your own: only the mock itself knows its shape,
   * so it checks it when seeded.
   */
  own?: readonly ServiceName[]
}

// Ends a message as a sentence, without doubling a question mark.
const sentence = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`)

function fail(source: string, issues: readonly SchemaIssue[]): never {
  const [first] = issues
  const message =
    issues.length === 1 && first
      ? `Failed to load seed from ${source}: ${first.path ? `${first.path}: ` : ''}${sentence(first.message)} Nothing was seeded.`
      : `Failed to load seed from ${source} (${issues.length} problems; nothing was seeded):\n  ${formatIssues(issues)}`
  throw new SeedFileError(message, { issues })
}

/**
 * Checks a seed document before anything is seeded: an object whose keys are service names, each
 * holding that service's seed. Unknown keys and wrong types are named with their path
 * (`github.repos[0].isues`). `$schema` is allowed (and dropped) so editors can check the file.
 *
 * @example
 * validateSeedData({ github: { repos: [{ full_name: 'octo/hello' }] } }, 'seed.json')
 */
export function validateSeedData(
  value: unknown,
  source: string,
  options: ValidateSeedOptions = {},
): SeedData {
  const named = (typeof value === 'object' && value !== null && sources.get(value)) || source
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SeedFileError(
      `Failed to load seed from ${named}: expected an object like { "github": { "repos": [{ "full_name": "octo/hello" }] } }, got ${Array.isArray(value) ? 'an array' : String(value === null ? 'null' : typeof value)}.`,
    )
  const { $schema, ...data } = value as Record<string, unknown>
  const unknown = Object.keys(data).filter((key) => !(SERVICE_NAMES as readonly string[]).includes(key))
  if (unknown.length > 0)
    throw new SeedFileError(
      `Failed to load seed from ${named}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}. Use ${SERVICE_NAMES.join(', ')}.`,
    )
  const issues: SchemaIssue[] = []
  if ($schema !== undefined && typeof $schema !== 'string')
    issues.push({ path: '$schema', message: 'expected the URL or path of seed.schema.json' })
  for (const name of SERVICE_NAMES) {
    if (data[name] === undefined || options.own?.includes(name)) continue
    issues.push(...validate(SEED_SCHEMAS[name], data[name], [name]))
  }
  if (issues.length > 0) fail(named, issues)
  sources.set(data, named)
  return data as SeedData
}

/**
 * Runs `fn` (a mock's factory, or its first seeding); a `SeedError` it throws becomes a
 * `SeedFileError` (exit code 2) that names the seed's file and service.
 */
export function withSeedSource<T>(seed: SeedData, service: ServiceName, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if ((error as Error)?.name !== 'SeedError') throw error
    throw new SeedFileError(
      `Failed to load seed from ${sources.get(seed) ?? 'the seed option'}: ${service}: ${(error as Error).message}`,
      { cause: error },
    )
  }
}

/**
 * Applies each service's factory seed once, at start, so what only shows against the state (an
 * issue number taken twice, a hook on a repository that is not seeded) stops the server at start
 * rather than failing the first request.
 */
export function checkSeedApplies(seed: SeedData, mocks: Partial<Record<ServiceName, UnderstudyMock>>): void {
  for (const name of SERVICE_NAMES) {
    const mock = mocks[name]
    if (seed[name] !== undefined && mock) withSeedSource(seed, name, () => mock.state())
  }
}

/**
 * Reads a seed file: JSON, or YAML when the name ends in .yaml/.yml.
 *
 * @example
 * const seed = await readSeedFile('seed.yaml') // { github: { repos: [...] }, slack: { channels: [...] } }
 */
export async function readSeedFile(path: string, options: ValidateSeedOptions = {}): Promise<SeedData> {
  const value = await readDataFile(path, { what: 'seed file', flag: '--seed', Failure: SeedFileError })
  return validateSeedData(value, path, options)
}
