import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  type CassetteFile,
  type CassetteProblem,
  cassettePath,
  checkCassettes,
  createFsStore,
  parseDuration,
  readCassetteFile,
} from '../cassettes/engine'

/** One cassette as `cassettes list` and the dashboard show it. */
export interface CassetteSummary {
  name: string
  path: string
  /** Recorded interactions; undefined when the file is corrupt. */
  interactions?: number
  /** The oldest recording. */
  recordedAt?: string
  /** The `expiresIn` the cassette was recorded with. */
  expiresIn?: string
  /** When the oldest recording expires (or expired). */
  expiresAt?: string
  expired: boolean
  /** Served by this server (`serve --replay`). */
  replaying: boolean
  /** What `cassettes check` reports for it: corrupt, secret, expired. */
  problems: Array<{ kind: CassetteProblem['kind']; message: string }>
}

export interface CassetteListing {
  dir: string | null
  cassettes: CassetteSummary[]
}

function summarize(
  name: string,
  path: string,
  file: CassetteFile | null,
  now: number,
): Omit<CassetteSummary, 'replaying' | 'problems'> {
  if (!file) return { name, path, expired: false }
  const times = file.interactions.map((i) => Date.parse(i.recordedAt)).filter(Number.isFinite)
  const oldest = times.length ? Math.min(...times) : undefined
  let expiresAt: number | undefined
  if (file.expiresIn !== undefined && oldest !== undefined) {
    try {
      expiresAt = oldest + parseDuration(file.expiresIn)
    } catch {
      // A bad expiresIn is reported by the check as corrupt.
    }
  }
  return {
    name,
    path,
    interactions: file.interactions.length,
    ...(oldest !== undefined ? { recordedAt: new Date(oldest).toISOString() } : {}),
    ...(file.expiresIn !== undefined ? { expiresIn: file.expiresIn } : {}),
    ...(expiresAt !== undefined ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
    expired: expiresAt !== undefined && expiresAt <= now,
  }
}

/**
 * The cassettes in `dir` (and any being replayed from elsewhere), with interactions, expiry and
 * the problems `cassettes check` finds.
 *
 * @example
 * const { cassettes } = await listCassettes('__cassettes__', [])
 */
export async function listCassettes(
  dir: string | undefined,
  replaying: readonly string[],
  now: number = Date.now(),
): Promise<CassetteListing> {
  const out: CassetteSummary[] = []
  const replayed = new Set(replaying.map((p) => resolve(p)))
  if (dir && existsSync(dir)) {
    const store = createFsStore(dir)
    const { problems } = await checkCassettes(dir, { now: () => now })
    for (const name of await store.list()) {
      const path = resolve(cassettePath(dir, name))
      let file: CassetteFile | null = null
      try {
        file = await store.read(name)
      } catch {
        // Reported among the problems as corrupt.
      }
      out.push({
        ...summarize(name, path, file, now),
        replaying: replayed.delete(path),
        problems: problems.filter((p) => p.name === name).map((p) => ({ kind: p.kind, message: p.message })),
      })
    }
  }
  for (const path of replayed) {
    let file: CassetteFile | null = null
    const problems: CassetteSummary['problems'] = []
    try {
      file = await readCassetteFile(path)
    } catch (error) {
      problems.push({ kind: 'corrupt', message: (error as Error).message })
    }
    out.push({ ...summarize(file?.name ?? path, path, file, now), replaying: true, problems })
  }
  return { dir: dir ?? null, cassettes: out }
}
