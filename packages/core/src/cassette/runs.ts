/**
 * Which `all`-mode saves belong to one test run. Parallel workers re-recording one cassette must
 * merge their work, yet a new run must still replace what the last one recorded. Workers of one
 * run share a parent process (vitest/jest forks) or a process (threads), so a run is named by the
 * host and the parent pid, or by `UNDERSTUDY_RUN_ID` when set (CI shards, custom runners). The
 * marker lives in the OS temp dir, not beside the cassette: it is bookkeeping, never committed.
 * It is read and written under the cassette's write lock (inside `store.update`).
 *
 * @module
 */

import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'

/** A marker older than this belongs to an earlier run even if the parent pid is the same. */
const RUN_IDLE_MS = 10 * 60_000

/**
 * Record that this run saved `location` in mode `all`; resolves to whether this run had already
 * saved it (so the old recordings are already gone and this save merges).
 *
 * @example
 * const merging = await claimRun('/repo/__cassettes__/a.json', process.env)
 */
export async function claimRun(location: string, env: Record<string, string | undefined>): Promise<boolean> {
  const run = env.UNDERSTUDY_RUN_ID?.trim() || `${hostname()}:${process.ppid}`
  const dir = join(tmpdir(), 'understudy-runs')
  const marker = join(dir, createHash('sha256').update(location).digest('hex').slice(0, 32))
  let same = false
  try {
    const previous = JSON.parse(await readFile(marker, 'utf8')) as { run?: string; at?: number }
    same = previous.run === run && typeof previous.at === 'number' && Date.now() - previous.at < RUN_IDLE_MS
  } catch {}
  try {
    await mkdir(dir, { recursive: true })
    await writeFile(marker, JSON.stringify({ run, at: Date.now() }))
  } catch {
    // Without a marker every save replaces, as before: work may be lost, the cassette stays valid.
  }
  return same
}
