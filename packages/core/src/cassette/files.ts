/**
 * Pure file helpers for tools (the CLI's `cassettes` commands): read, validate and write one
 * cassette file by path, with the same atomic write and secret check as recording.
 *
 * @module
 */

import { mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { assertNoSecrets } from './engine'
import { CassetteWriteError } from './errors'
import { type CassetteFile, parseCassette, serializeCassette } from './format'
import { writeAtomic } from './store'

/**
 * Read and validate a cassette file.
 *
 * @example
 * const file = await readCassetteFile('test/__cassettes__/github/create-issue.json')
 */
export async function readCassetteFile(path: string): Promise<CassetteFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CassetteWriteError(
      `Failed to read cassette ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}. Check the path.`,
      path,
      { cause: error },
    )
  }
  return parseCassette(text, path)
}

/**
 * Write a cassette file atomically. Refuses with `SecretLeakError` (writing nothing) if it holds a
 * known secret shape.
 *
 * @example
 * await writeCassetteFile('cassettes/imported.json', fromHar(har, { name: 'imported' }))
 */
export async function writeCassetteFile(path: string, file: CassetteFile): Promise<void> {
  assertNoSecrets(file, file.name, path)
  await mkdir(dirname(path), { recursive: true })
  await writeAtomic(path, serializeCassette(file))
}
