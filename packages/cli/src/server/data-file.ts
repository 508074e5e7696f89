/**
 * Reads the JSON or YAML files the CLI takes (`--seed`, `--config`), with one wording for what went wrong.
 *
 * @module
 */

import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { InputFileError } from '../errors'

interface DataFileOptions {
  /** How messages name the file: `seed file`, `config file`. */
  what: string
  /** The flag that takes it, for the "pass a path" hint. */
  flag: string
  Failure: new (message: string, options: { cause?: unknown; exitCode?: number }) => InputFileError
}

/** The parsed contents: YAML when the name ends in .yaml/.yml, JSON otherwise. Not validated. */
export async function readDataFile(path: string, { what, flag, Failure }: DataFileOptions): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    // Exit code 1, not 2: the input may be right and the file system wrong.
    throw new Failure(
      `Failed to read ${what} ${path}: ${reason}. Pass a JSON or YAML file path to ${flag}.`,
      {
        cause: error,
        exitCode: 1,
      },
    )
  }
  const yaml = /^\.ya?ml$/i.test(extname(path))
  try {
    return yaml ? parseYaml(text) : JSON.parse(text)
  } catch (error) {
    throw new Failure(
      `Failed to parse ${what} ${path} as ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
}
