import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { SeedFileError } from '../errors'
import { SERVICE_NAMES, type ServiceName } from './services'

/** Seed data for several services at once: the shape of `--seed file.json` and `POST /_understudy/seed`. */
export type SeedData = Partial<Record<ServiceName, unknown>>

/**
 * Checks the top level of a seed document: an object whose keys are service names.
 * The services' own seed functions check what is inside.
 */
export function validateSeedData(value: unknown, source: string): SeedData {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SeedFileError(
      `Failed to load seed from ${source}: expected an object like { "github": { "repos": [{ "full_name": "octo/hello" }] } }, got ${Array.isArray(value) ? 'an array' : String(value === null ? 'null' : typeof value)}.`,
    )
  const unknown = Object.keys(value).filter((key) => !(SERVICE_NAMES as readonly string[]).includes(key))
  if (unknown.length > 0)
    throw new SeedFileError(
      `Failed to load seed from ${source}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}. Use ${SERVICE_NAMES.join(', ')}.`,
    )
  return value as SeedData
}

/**
 * Reads a seed file: JSON, or YAML when the name ends in .yaml/.yml.
 *
 * @example
 * const seed = await readSeedFile('seed.yaml') // { github: { repos: [...] }, slack: { channels: [...] } }
 */
export async function readSeedFile(path: string): Promise<SeedData> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new SeedFileError(
      `Failed to read seed file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}. Pass a JSON or YAML file path to --seed.`,
      { cause: error },
    )
  }
  const yaml = /^\.ya?ml$/i.test(extname(path))
  let value: unknown
  try {
    value = yaml ? parseYaml(text) : JSON.parse(text)
  } catch (error) {
    throw new SeedFileError(
      `Failed to parse seed file ${path} as ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  return validateSeedData(value, path)
}
