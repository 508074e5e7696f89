/**
 * Where cassettes live. One contract (`CassetteStore`), two backends: the file system (the default,
 * `<dir>/<name>.json`) and memory (tests, the CLI's in-memory record proxy).
 *
 * File writes are atomic (temp file next to the target, then rename: rename is only atomic within
 * one file system, hence "next to") and serialized across processes by a lock file, so parallel test
 * workers that record into the same cassette merge their work instead of overwriting it.
 *
 * @module
 */

import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { CassetteWriteError } from './errors'
import { type CassetteFile, parseCassette, serializeCassette } from './format'

export interface CassetteStore {
  readonly name: string
  /** Where the named cassette is, for messages (a file path for the fs store). */
  locate(name: string): string
  /** The cassette, or `null` if there is none. Throws `CassetteFormatError` for a corrupt file. */
  read(name: string): Promise<CassetteFile | null>
  /**
   * Read, change and write one cassette as a unit: no other writer (in this process or another)
   * runs in between. If `change` throws, nothing is written.
   */
  update(
    name: string,
    change: (current: CassetteFile | null) => CassetteFile | Promise<CassetteFile>,
  ): Promise<CassetteFile>
  /** The names of all cassettes in the store. */
  list(): Promise<string[]>
}

export interface FsStoreOptions {
  /** Give up waiting for another writer's lock after this long. Default 30 s. */
  lockTimeoutMs?: number
  /** A lock file older than this is left over from a crashed writer and is taken over. Default 60 s. */
  staleLockMs?: number
}

/**
 * Cassettes as pretty JSON files under `dir`; names with `/` become subfolders.
 *
 * @example
 * const store = createFsStore('test/__cassettes__')
 * await store.read('github/create-issue') // reads test/__cassettes__/github/create-issue.json
 */
export function createFsStore(dir: string, options: FsStoreOptions = {}): CassetteStore {
  const lockTimeoutMs = options.lockTimeoutMs ?? 30_000
  const staleLockMs = options.staleLockMs ?? 60_000
  const locate = (name: string) => cassettePath(dir, name)
  const inProcess = new Map<string, Promise<unknown>>()

  // Two names may share a readable file name ('a b' and 'a-b'): the file belongs to the name it
  // stores, and the other name uses its hashed file.
  const owner = (file: CassetteFile | null, name: string) =>
    !file ||
    file.name.replace(/\.json$/i, '') === name.replace(/\.json$/i, '') ||
    safeCassetteName(file.name) !== safeCassetteName(name)
  // The readable file is read (and parsed) once: when it belongs to the name, it is the answer.
  const read = async (name: string): Promise<CassetteFile | null> => {
    const readable = await readPath(locate(name))
    const alternate = alternatePath(dir, name)
    return !alternate || owner(readable, name) ? readable : readPath(alternate)
  }
  const readPath = async (path: string): Promise<CassetteFile | null> => {
    let text: string
    try {
      // As bytes, then decoded in one go: readFile's own decoding goes chunk by chunk, several
      // times slower on a cassette of megabytes.
      text = (await readFile(path)).toString('utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw new CassetteWriteError(
        `Failed to read cassette ${path}: ${(error as Error).message}. Check the file's permissions.`,
        path,
        {
          cause: error,
        },
      )
    }
    return parseCassette(text, path)
  }

  return {
    name: 'fs',
    locate,
    read,
    async update(name, change) {
      const path = locate(name)
      // Writers in this process queue up here; writers in other processes meet at the lock file.
      const previous = inProcess.get(path) ?? Promise.resolve()
      const run = previous
        .catch(() => {})
        .then(async () => {
          await mkdir(dirname(path), { recursive: true })
          const release = await acquireLock(path, lockTimeoutMs, staleLockMs)
          let releaseAlternate: (() => Promise<void>) | undefined
          try {
            // Decided under the readable file's lock, so two colliding names never both take it.
            let target = path
            if (alternatePath(dir, name) && !owner(await readPath(path), name)) {
              target = alternatePath(dir, name)!
              await mkdir(dirname(target), { recursive: true })
              releaseAlternate = await acquireLock(target, lockTimeoutMs, staleLockMs)
            }
            const next = await change(await readPath(target))
            await writeAtomic(target, serializeCassette(next))
            return next
          } finally {
            await releaseAlternate?.()
            await release()
          }
        })
      inProcess.set(path, run)
      try {
        return await run
      } finally {
        if (inProcess.get(path) === run) inProcess.delete(path)
      }
    },
    async list() {
      const out: string[] = []
      const walk = async (folder: string) => {
        let entries: import('node:fs').Dirent[]
        try {
          entries = await readdir(folder, { withFileTypes: true })
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
          throw error
        }
        for (const entry of entries) {
          if (entry.name.startsWith('.')) continue
          const full = join(folder, entry.name)
          if (entry.isDirectory()) await walk(full)
          else if (entry.isFile() && entry.name.endsWith('.json'))
            out.push(relative(dir, full).slice(0, -5).split(sep).join('/'))
        }
      }
      await walk(dir)
      return out.sort()
    },
  }
}

/**
 * Cassettes in a Map: nothing touches the disk.
 *
 * @example
 * const store = createMemoryStore()
 * await withCassette('a', { store }, async () => { ... })
 */
export function createMemoryStore(initial: Record<string, CassetteFile> = {}): CassetteStore & {
  readonly files: Map<string, CassetteFile>
} {
  const files = new Map(Object.entries(initial))
  let queue: Promise<unknown> = Promise.resolve()
  return {
    name: 'memory',
    files,
    locate: (name) => `memory:${name}`,
    read: async (name) => {
      const file = files.get(name)
      return file ? structuredClone(file) : null
    },
    update(name, change) {
      const run = queue
        .catch(() => {})
        .then(async () => {
          const next = await change(files.has(name) ? structuredClone(files.get(name)!) : null)
          // Round-trip through the serializer so memory and fs stores hold exactly the same data.
          files.set(name, JSON.parse(serializeCassette(next)))
          return next
        })
      queue = run
      return run
    },
    list: async () => [...files.keys()].sort(),
  }
}

// --- Internal helpers ---

/**
 * The file for a cassette name. Names are paths: `/` makes folders; empty and `.` segments and a
 * trailing `.json` are dropped (`a//b/`, `./a/b` and `a/b.json` are the cassette `a/b`). Each segment
 * is made safe for every file system, and the mapping is injective:
 * - a segment of `A-Z a-z 0-9 . _ -` that is already safe keeps its name (`github/create-issue`);
 * - a segment whose only change is whitespace becoming `-` (the names vitest makes: `labels a bug`)
 *   or a reserved device name (`con` → `con_`) keeps the readable form; should that file already
 *   hold another name with the same form, the store uses the hashed form instead (see createFsStore);
 * - any other change (characters replaced, leading or trailing `-`/`.` trimmed, `.` or `..`, cut
 *   to 120 characters) appends a short hash of the original segment: `a-`, `-a` and `a.` are three
 *   files.
 *
 * @example
 * cassettePath('test/__cassettes__', 'github/create issue') // 'test/__cassettes__/github/create-issue.json'
 */
export function cassettePath(dir: string, name: string): string {
  return join(dir, `${safeCassetteName(name)}.json`)
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i

/**
 * @example
 * safeCassetteName('github/create issue') // 'github/create-issue'
 * safeCassetteName('a-')                  // 'a-0b2f1c3e' (a hash: 'a' is another cassette)
 * safeCassetteName('../etc/passwd')       // '_-…/etc/passwd': never outside the directory
 */
export function safeCassetteName(name: string): string {
  return mapName(name).safe
}

/** The safe name, and whether it is a readable form another name may share (see cassettePath). */
function mapName(name: string): { safe: string; shared: boolean; hashed: string } {
  const trimmed = name.replace(/\.json$/i, '')
  const segments = trimmed.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.length === 0) {
    const safe = `_-${fnv1a(name)}`
    return { safe, shared: false, hashed: safe }
  }
  let hashedAny = false
  const safe = segments.map((segment) => {
    const spaced = segment.trim().replace(/\s+/g, '-')
    let slug = spaced
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
    if (!slug) slug = '_'
    if (slug.length > 120) slug = slug.slice(0, 120)
    const reserved = RESERVED.test(slug)
    if (reserved) slug = `${slug}_`
    // Readable as is: the name itself, a reserved name + `_`, and (as before, so no cassette is
    // orphaned) names with whitespace and otherwise only safe characters: the names vitest makes.
    const vitestLike = /\s/.test(segment) && /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(spaced)
    if (slug === segment || vitestLike || (reserved && slug === `${segment}_`)) return slug
    hashedAny = true
    return `${slug}-${fnv1a(segment)}`
  })
  // Only an all-readable name can share its file with another name; its fallback hashes the whole name.
  const hashed = [...safe.slice(0, -1), `${safe[safe.length - 1]}-${fnv1a(trimmed)}`]
  const shared = !hashedAny
  return { safe: safe.join('/'), shared, hashed: hashed.join('/') }
}

/** The hashed file a name uses when its readable file belongs to another name. */
function alternatePath(dir: string, name: string): string | undefined {
  const mapped = mapName(name)
  return mapped.shared && mapped.hashed !== mapped.safe ? join(dir, `${mapped.hashed}.json`) : undefined
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** Write next to the target, then rename over it; the target is never half-written. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = join(
    dirname(path),
    `.${path.slice(dirname(path).length + 1)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  try {
    let mode: number | undefined
    try {
      mode = (await stat(path)).mode
    } catch {}
    await writeFile(temp, text, { mode })
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw new CassetteWriteError(
      `Failed to write cassette ${path}: ${(error as Error).message}. Check that the directory is writable.`,
      path,
      {
        cause: error,
      },
    )
  }
}

async function acquireLock(path: string, timeoutMs: number, staleMs: number): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`
  // The nonce makes each holding tell-apart from the next one of the same process.
  const owner = `${process.pid}\n${hostname()}\n${Date.now()}\n${randomBytes(6).toString('hex')}\n`
  const started = Date.now()
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx')
      await handle.writeFile(owner)
      await handle.close()
      return async () => {
        // Only our own lock: if it was taken over as stale, the file now belongs to another writer.
        if ((await readFile(lockPath, 'utf8').catch(() => '')) === owner)
          await unlink(lockPath).catch(() => {})
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new CassetteWriteError(
          `Failed to lock cassette ${path}: ${(error as Error).message}. Check that the directory is writable.`,
          path,
          {
            cause: error,
          },
        )
      }
    }
    const stale = await staleLock(lockPath, staleMs)
    // Taken over only if the file is still the one judged stale: a writer that released its lock and
    // exited between our read and the liveness check looks dead, and the lock file may by now be a new
    // writer's (under load this lost whole workers' recordings in parallel `all` runs).
    if (stale !== undefined && (await readFile(lockPath, 'utf8').catch(() => undefined)) === stale) {
      await unlink(lockPath).catch(() => {})
      continue
    }
    if (Date.now() - started > timeoutMs) {
      throw new CassetteWriteError(
        `Failed to lock cassette ${path}: another writer has held ${lockPath} for over ${Math.round(timeoutMs / 1000)} s. ` +
          'If no test run is writing it, delete the lock file.',
        path,
      )
    }
    await sleep(Math.min(5 * 2 ** Math.min(attempt, 4), 80) + Math.random() * 10)
  }
}

/** The lock file's contents if it is left over from a writer that is gone, otherwise undefined. */
async function staleLock(lockPath: string, staleMs: number): Promise<string | undefined> {
  try {
    const [info, text] = await Promise.all([stat(lockPath), readFile(lockPath, 'utf8')])
    if (Date.now() - info.mtimeMs > staleMs) return text
    const [pid, host] = text.split('\n')
    if (host === hostname() && pid && Number(pid) !== process.pid) {
      try {
        process.kill(Number(pid), 0)
      } catch (error) {
        // ESRCH: the writer is gone. EPERM: it exists but is someone else's, so still alive.
        return (error as NodeJS.ErrnoException).code === 'ESRCH' ? text : undefined
      }
    }
    return undefined
  } catch {
    // Vanished between open() and stat(), or not yet written: try again.
    return undefined
  }
}
