/**
 * The cassette engine, apart from any interception: given a request, decide to replay, record,
 * fail or let it pass; keep what was recorded; merge it into the store on save. The interceptor
 * adapter (`intercept.ts`), the replay handler and the recorder all drive this one engine.
 *
 * @module
 */

import { InvalidOptionError } from '../errors'
import { findClosest, formatDifferences } from '../matching/closest'
import { createMatcher, DEFAULT_MATCH_ON, type Matcher, type MatchOn } from '../matching/normalize'
import { NetConnectNotAllowedError } from '../network/errors'
import { type ConnectTarget, formatTarget } from '../network/guard'
import { createRedactor, type RedactionOptions, type Redactor } from '../redaction/filters'
import { formatFindings, scanForSecrets } from '../redaction/secrets'
import { CassetteExpiredError, CassetteMissError, SecretLeakError } from './errors'
import {
  EXPIRY_STRATEGIES,
  type ExpiryStrategy,
  formatDuration,
  type Now,
  parseDuration,
  toMillis,
} from './expiry'
import {
  CASSETTE_FORMAT_VERSION,
  type CassetteFile,
  createCassetteFile,
  type Interaction,
  type StoredRequest,
  type StoredResponse,
} from './format'
import { type ResponseToStoredOptions, requestToStored, responseToStored, storedToResponse } from './http'
import { RECORD_MODE_ENV, type RecordMode, resolveRecordMode } from './modes'
import { claimRun } from './runs'
import { type CassetteStore, createFsStore } from './store'
import { CASSETTE_OPTIONS, validateOptions } from './validate'

export interface CassetteOptions extends RedactionOptions {
  /** Record mode; `UNDERSTUDY_RECORD_MODE` overrides it, and `CI` makes the default `none`. */
  mode?: RecordMode
  /** Where cassettes live (vcrpy's cassette_library_dir). Default `__cassettes__` under the cwd. */
  dir?: string
  /** Another place to keep cassettes (memory, or your own backend); replaces `dir`. */
  store?: CassetteStore
  /** What a request must share with a recording to replay it. Default `['method', 'url', 'body']`. */
  matchOn?: MatchOn
  /**
   * Replay the last recorded response again once every recording of a request has been played.
   * Default `false`: the next identical request is a miss (or is recorded, in `new_episodes`).
   */
  allowPlaybackRepeats?: boolean
  /** How long a recording is trusted: milliseconds or text like `'30d'`. Default: forever. */
  expiresIn?: string | number
  /** What an expired recording does: `'warn'` (default) and replay, `'error'`, or `'record'` it anew. */
  expiryStrategy?: ExpiryStrategy
  /** The clock for `expiresIn` and `recordedAt`. Default `Date.now`. */
  now?: Now
  /**
   * Hosts the cassette leaves alone, in every mode: requests to them are neither replayed nor
   * recorded and go on as if no cassette were active (to an msw handler, a local test server...).
   * Entries match the hostname or `host:port`; `*.example.com` matches subdomains.
   */
  ignoreHosts?: readonly string[]
  /** Where warnings go (expired recordings). Default `console.warn`. */
  onWarn?: (message: string) => void
  /** The environment read for `UNDERSTUDY_RECORD_MODE` and `CI`. Default `process.env`. */
  env?: Record<string, string | undefined>
}

export const DEFAULT_CASSETTE_DIR = '__cassettes__'

export type Decision =
  | { action: 'replay'; response: Response; interaction: Interaction }
  | {
      action: 'record'
      request: StoredRequest
      commit: (response: Response, options?: ResponseToStoredOptions) => Promise<void>
    }
  | { action: 'fail'; error: Error }
  | { action: 'passthrough' }

interface IndexEntry {
  interactions: Interaction[]
  next: number
}

export interface CassetteStats {
  replayed: number
  recorded: number
  missed: number
  passedThrough: number
}

/** Keeps one cassette's state between start and stop. */
export class CassetteEngine {
  readonly mode: RecordMode
  readonly store: CassetteStore
  readonly path: string
  readonly matcher: Matcher
  readonly redactor: Redactor
  readonly stats: CassetteStats = { replayed: 0, recorded: 0, missed: 0, passedThrough: 0 }
  /** Errors delivered to clients (misses, expired): `stop()` rethrows the first. */
  readonly errors: Error[] = []

  private readonly index = new Map<string, IndexEntry>()
  private readonly recorded: Array<{ seq: number; interaction: Interaction }> = []
  private readonly replaced = new Set<string>()
  private readonly pending = new Set<Promise<void>>()
  private readonly startedAt: number
  private readonly expiresInMs: number | undefined
  private readonly expiryStrategy: ExpiryStrategy
  private readonly ignoreHosts: readonly string[]
  private seq = 0
  private warnedExpired = false

  private constructor(
    readonly name: string,
    readonly options: CassetteOptions,
    readonly loaded: CassetteFile | null,
    store: CassetteStore,
  ) {
    this.mode = resolveRecordMode(options.mode, options.env)
    this.store = store
    this.path = store.locate(name)
    this.redactor = createRedactor(options)
    this.matcher = createMatcher(options.matchOn ?? DEFAULT_MATCH_ON, this.redactor.filteredHeaders)
    this.startedAt = toMillis(options.now)
    const expiresIn = options.expiresIn ?? loaded?.expiresIn
    this.expiresInMs = expiresIn === undefined ? undefined : parseDuration(expiresIn)
    this.expiryStrategy = options.expiryStrategy ?? 'warn'
    if (!EXPIRY_STRATEGIES.includes(this.expiryStrategy)) {
      throw new InvalidOptionError(
        'expiryStrategy',
        `"${String(this.expiryStrategy)}" is not one of ${EXPIRY_STRATEGIES.join(', ')}, e.g. { expiryStrategy: 'error' }.`,
      )
    }
    this.ignoreHosts = options.ignoreHosts ?? []
    // `all` records everything anew; a fresh `once` cassette replays nothing it records in this run.
    if (this.mode !== 'all' && loaded) {
      for (const interaction of loaded.interactions) {
        const key = this.matcher.key(interaction.request)
        const entry = this.index.get(key)
        if (entry) entry.interactions.push(interaction)
        else this.index.set(key, { interactions: [interaction], next: 0 })
      }
    }
  }

  /** Load the cassette (if any) and resolve the options. Throws `CassetteFormatError` for a corrupt file. */
  static async open(name: string, options: CassetteOptions = {}): Promise<CassetteEngine> {
    validateOptions('startCassette', options, CASSETTE_OPTIONS)
    if (typeof name !== 'string' || name.trim() === '') {
      throw new InvalidOptionError(
        'name',
        "a cassette needs a name, e.g. withCassette('github/create-issue', ...).",
      )
    }
    const store = options.store ?? createFsStore(options.dir ?? DEFAULT_CASSETTE_DIR)
    const loaded = await store.read(name)
    return new CassetteEngine(name, options, loaded, store)
  }

  /** An engine over a cassette already in memory (the replay handler, tests). */
  static fromFile(
    file: CassetteFile | null,
    options: CassetteOptions & { store: CassetteStore },
    name = file?.name ?? 'cassette',
  ) {
    return new CassetteEngine(name, options, file, options.store)
  }

  /** Whether the cassette existed when it was opened. */
  get existed(): boolean {
    return this.loaded !== null
  }

  /** What was recorded in this session, in request order. */
  get recordedInteractions(): Interaction[] {
    return [...this.recorded].sort((a, b) => a.seq - b.seq).map((r) => r.interaction)
  }

  /** Decide what to do with an intercepted request. */
  async decide(request: Request): Promise<Decision> {
    if (this.isIgnored(request.url)) {
      this.stats.passedThrough++
      return { action: 'passthrough' }
    }
    return this.decideStored(await requestToStored(request))
  }

  /**
   * `decide` for a request already in stored form: synchronous, so the fetch fast path can answer a
   * replay without building a `Request` or going through the interceptors.
   */
  decideStored(raw: StoredRequest): Decision {
    if (this.isIgnored(raw.url)) {
      this.stats.passedThrough++
      return { action: 'passthrough' }
    }
    const stored = this.redactor.request(raw)
    if (!stored) {
      this.stats.passedThrough++
      return { action: 'passthrough' }
    }
    if (this.mode === 'all') return this.recordDecision(raw)
    const key = this.matcher.key(stored)
    const entry = this.index.get(key)
    if (entry) {
      let interaction: Interaction | undefined
      if (entry.next < entry.interactions.length) interaction = entry.interactions[entry.next++]
      else if (this.options.allowPlaybackRepeats)
        interaction = entry.interactions[entry.interactions.length - 1]
      if (interaction) {
        const expired = this.isExpired(interaction)
        if (expired) {
          const strategy = this.expiryStrategy
          if (strategy === 'error') return this.fail(this.expiredError(stored, interaction))
          if (strategy === 'record' && this.mode !== 'none') {
            this.replaced.add(identity(interaction))
            return this.recordDecision(raw)
          }
          this.warnExpired(interaction)
        }
        this.stats.replayed++
        return { action: 'replay', response: storedToResponse(interaction.response, stored), interaction }
      }
    }
    if (this.mode === 'new_episodes' || (this.mode === 'once' && !this.existed))
      return this.recordDecision(raw)
    return this.fail(this.missError(stored, entry))
  }

  /** Record a request/response pair directly (the record proxy), with the same redaction. */
  async record(request: Request, response: Response, options?: ResponseToStoredOptions): Promise<void> {
    const raw = await requestToStored(request)
    await this.commit(raw, response, options, this.seq++)
  }

  /** Wait for the responses still being read. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending])
  }

  /**
   * Merge what was recorded into the store: with what is on disk now (other workers may have
   * added to it), minus re-recorded expired entries; `all` keeps only this run's recordings.
   * Refuses (SecretLeakError) if the result holds a secret. Returns whether anything was written.
   */
  async save(): Promise<boolean> {
    await this.settle()
    const mine = this.recordedInteractions
    if (mine.length === 0) return false
    await this.store.update(this.name, async (current) => {
      let base = current?.interactions ?? []
      if (this.mode === 'all') {
        if (await claimRun(this.path, this.options.env ?? process.env)) {
          // Another worker of this run saved first and already dropped the old recordings: merge
          // as new_episodes does, replacing only what this worker re-recorded.
          const mineKeys = new Set(mine.map((i) => this.matcher.key(i.request)))
          base = base.filter((i) => !mineKeys.has(this.matcher.key(i.request)))
        } else {
          // The first save of this run: what was there when this worker opened the cassette goes,
          // even when a fixed `now` clock gives it the same recordedAt as this run's recordings.
          const old = new Set(this.loaded?.interactions.map((i) => JSON.stringify(i)))
          base = base.filter((i) => Date.parse(i.recordedAt) >= this.startedAt && !old.has(JSON.stringify(i)))
        }
      } else if (this.replaced.size) base = base.filter((i) => !this.replaced.has(identity(i)))
      const next = createCassetteFile(this.name, [...base, ...mine])
      next.version = CASSETTE_FORMAT_VERSION
      const expiresIn = this.options.expiresIn ?? current?.expiresIn
      if (expiresIn !== undefined)
        next.expiresIn = typeof expiresIn === 'number' ? formatDuration(expiresIn) : expiresIn
      assertNoSecrets(next, this.name, this.path)
      return next
    })
    return true
  }

  // --- Internal helpers ---

  private recordDecision(raw: StoredRequest): Decision {
    const seq = this.seq++
    return {
      action: 'record',
      request: raw,
      commit: (response, options) => this.commit(raw, response, options, seq),
    }
  }

  private commit(
    raw: StoredRequest,
    response: Response,
    options: ResponseToStoredOptions | undefined,
    seq: number,
  ): Promise<void> {
    const recordedAt = new Date(toMillis(this.options.now)).toISOString()
    // Counted when the response arrives, not when our copy of the body has been read: the client
    // may finish reading its copy a few ticks earlier, and a test checks the count right after.
    // Taken back if the body never arrives or beforeRecord drops the interaction.
    this.stats.recorded++
    const work = responseToStored(response, options).then(
      (stored: StoredResponse) => {
        const interaction = this.redactor.interaction({ recordedAt, request: raw, response: stored })
        if (!interaction) {
          this.stats.recorded--
          return
        }
        this.recorded.push({ seq, interaction })
      },
      (error: unknown) => {
        this.stats.recorded--
        throw error
      },
    )
    this.pending.add(work)
    const done = () => this.pending.delete(work)
    work.then(done, done)
    return work
  }

  private fail(error: Error): Decision {
    this.stats.missed++
    this.errors.push(error)
    return { action: 'fail', error }
  }

  private isIgnored(url: string): boolean {
    if (this.ignoreHosts.length === 0) return false
    const { hostname, host } = new URL(url)
    return this.ignoreHosts.some((entry) =>
      entry.startsWith('*.') ? hostname.endsWith(entry.slice(1)) : entry === hostname || entry === host,
    )
  }

  private isExpired(interaction: Interaction): boolean {
    if (this.expiresInMs === undefined) return false
    return Date.parse(interaction.recordedAt) + this.expiresInMs <= toMillis(this.options.now)
  }

  /**
   * A connection the interception did not see (a client captured before the cassette started,
   * undici's own dispatcher, http2, a raw socket): in mode `none` it is refused, loudly.
   */
  refuseConnection(target: ConnectTarget): Error | undefined {
    if (this.mode !== 'none') return undefined
    if (this.isIgnored(`x://${formatTarget(target)}`)) return undefined
    const what = target.request ?? `a connection to ${formatTarget(target)}`
    const error = new NetConnectNotAllowedError(
      `Failed to send ${what}: cassette "${this.name}" is in mode "none" (file ${this.path}) and this client ` +
        'went around its interception (a fetch or http.request captured before the cassette started, ' +
        "undici's own dispatcher, node:http2 or a raw socket), so it could be neither replayed nor let through. " +
        'Nothing was sent. Create the client after the cassette starts (or use global fetch, node:http or node:https), ' +
        `or list the host in ignoreHosts if it may reach the network.`,
      { host: target.host, port: target.port, request: target.request, cassette: this.name },
    )
    this.stats.missed++
    this.errors.push(error)
    return error
  }

  /** Report something worth knowing that should not fail the test. */
  warn(message: string): void {
    ;(this.options.onWarn ?? console.warn)(message)
  }

  private warnExpired(interaction: Interaction): void {
    if (this.warnedExpired) return
    this.warnedExpired = true
    const limit = formatDuration(this.expiresInMs!)
    const why =
      this.expiryStrategy === 'record' ? ` (expiryStrategy "record" cannot re-record in mode "none")` : ''
    const message =
      `[understudy:core] Cassette "${this.name}" (${this.path}) holds recordings older than ${limit}, ` +
      `the oldest replayed from ${interaction.recordedAt}${why}. Re-record it with ${RECORD_MODE_ENV}=all.`
    this.warn(message)
  }

  private expiredError(request: StoredRequest, interaction: Interaction): CassetteExpiredError {
    const limit = formatDuration(this.expiresInMs!)
    return new CassetteExpiredError(
      `Failed to replay ${request.method} ${request.url}: its recording in cassette "${this.name}" (${this.path}) ` +
        `was made at ${interaction.recordedAt} and expired after ${limit} (expiryStrategy "error"). ` +
        `Re-record it with ${RECORD_MODE_ENV}=all, or set expiryStrategy: 'record' to refresh expired recordings as they are used.`,
      { cassette: this.name, path: this.path, recordedAt: interaction.recordedAt, expiresIn: limit },
    )
  }

  private missError(request: StoredRequest, exhausted: IndexEntry | undefined): CassetteMissError {
    const matchOn = this.matcher.matchOn
      .map((m) => (typeof m === 'function' ? m.name || 'custom' : m))
      .join(', ')
    const head = `Failed to replay ${request.method} ${request.url}: cassette "${this.name}"`
    const lines: string[] = []
    if (!this.loaded) {
      lines.push(`${head} does not exist (mode "${this.mode}", file ${this.path}).`)
      lines.push(
        `Record it with ${RECORD_MODE_ENV}=once (or mode: 'once'); in CI the default mode is "none".`,
      )
    } else if (exhausted) {
      const n = exhausted.interactions.length
      lines.push(
        `${head} has ${n} recording${n === 1 ? '' : 's'} of this request and ${n === 1 ? 'it was' : 'all were'} already played ` +
          `(mode "${this.mode}", file ${this.path}).`,
      )
      lines.push(
        `Re-record with ${RECORD_MODE_ENV}=new_episodes to add the extra call, or set allowPlaybackRepeats: true to replay the last response again.`,
      )
    } else {
      lines.push(
        `${head} has no matching interaction (mode "${this.mode}", matching on ${matchOn}, file ${this.path}).`,
      )
      const recorded = this.loaded.interactions.map((i) => i.request)
      const closest = findClosest(request, recorded, this.matcher.matchOn, this.redactor.filteredHeaders)
      if (closest) {
        lines.push(
          `Closest recorded (interaction #${closest.index}): ${closest.request.method} ${closest.request.url}`,
        )
        const diffs = formatDifferences(closest.differences)
        for (const d of diffs.length
          ? diffs
          : ['(it differs only in what matchOn compares: check custom matchers)'])
          lines.push(`  ${d}`)
      } else {
        lines.push('The cassette has no interactions.')
      }
      lines.push(
        `Re-record with ${RECORD_MODE_ENV}=new_episodes to add the missing request, or ${RECORD_MODE_ENV}=all to record the cassette anew.`,
      )
    }
    return new CassetteMissError(lines.join('\n'), {
      cassette: this.name,
      path: this.path,
      method: request.method,
      url: request.url,
      mode: this.mode,
    })
  }
}

/**
 * Throw `SecretLeakError` if the cassette holds a known credential shape.
 *
 * @example
 * assertNoSecrets(file, 'github/create-issue', 'cassettes/github/create-issue.json')
 */
export function assertNoSecrets(file: CassetteFile, name: string, path: string): void {
  const findings = scanForSecrets(file)
  if (findings.length === 0) return
  throw new SecretLeakError(
    `Failed to write cassette "${name}" (${path}): it would contain ${formatFindings(findings)}. ` +
      'Nothing was written. Remove the value with filterHeaders, filterQueryParameters or filterBody ' +
      "(e.g. filterBody: ['$.token']), or drop it in beforeRecord.",
    findings,
  )
}

function identity(interaction: Interaction): string {
  return `${interaction.recordedAt}\u0000${interaction.request.method}\u0000${interaction.request.url}`
}
