/**
 * Cassettes outside interception: a request handler that answers from cassettes (the CLI's
 * `serve --replay`) and a recorder that stores request/response pairs (the CLI's record proxy).
 *
 * @module
 */

import { CassetteEngine, type CassetteOptions } from './engine'
import type { CassetteMissError } from './errors'
import { type CassetteFile, createCassetteFile, type Interaction } from './format'
import type { ResponseToStoredOptions } from './http'
import { createMemoryStore } from './store'
import { CASSETTE_OPTIONS, rules, validateOptions } from './validate'

export type ReplayHandlerOptions = Pick<
  CassetteOptions,
  | 'matchOn'
  | 'allowPlaybackRepeats'
  | 'expiresIn'
  | 'expiryStrategy'
  | 'now'
  | 'onWarn'
  | 'filterHeaders'
  | 'filterQueryParameters'
  | 'filterBody'
  | 'beforeRecordRequest'
> & {
  /** Called with the error that explains a miss (closest recording and the difference). */
  onMiss?: (error: CassetteMissError) => void
}

/** Answers a request from cassettes, or `undefined` when nothing matches. */
export type ReplayHandler = (request: Request) => Promise<Response | undefined>

/**
 * A fetch-style handler that replays one or more cassettes. Never touches the network.
 *
 * @example
 * const replay = createReplayHandler(await readCassetteFile(path), { allowPlaybackRepeats: true })
 * const response = (await replay(request)) ?? new Response('no recording', { status: 404 })
 */
export function createReplayHandler(
  cassettes: CassetteFile | readonly CassetteFile[],
  options: ReplayHandlerOptions = {},
): ReplayHandler {
  const files = Array.isArray(cassettes) ? cassettes : [cassettes as CassetteFile]
  const name = files.length === 1 ? files[0]!.name : `${files.length} cassettes`
  const merged = createCassetteFile(
    name,
    files.flatMap((f) => f.interactions),
  )
  const engine = CassetteEngine.fromFile(
    merged,
    { ...options, mode: 'none', env: {}, store: createMemoryStore() },
    name,
  )
  return async (request) => {
    const decision = await engine.decide(request)
    if (decision.action === 'replay') return decision.response
    if (decision.action === 'fail') {
      engine.errors.length = 0
      if (decision.error.name === 'CassetteMissError') options.onMiss?.(decision.error as CassetteMissError)
      else throw decision.error
    }
    return undefined
  }
}

export interface Recorder {
  readonly name: string
  readonly path: string
  /** Interactions recorded so far (redacted, as they will be stored). */
  readonly interactions: readonly Interaction[]
  /**
   * Store one exchange. Reads the response body: pass `response.clone()` if you still need it.
   * Set `decoded: true` when the body is already decompressed but `Content-Encoding` is still set
   * (what `fetch` returns).
   */
  record(request: Request, response: Response, options?: ResponseToStoredOptions): Promise<void>
  /** Merge the recordings into the cassette (atomically, refusing secrets). Returns whether it wrote. */
  save(): Promise<boolean>
}

export interface RecorderOptions extends Omit<CassetteOptions, 'mode' | 'env'> {
  /** Replace the cassette instead of adding to it. Default `false`. */
  replace?: boolean
}

/**
 * A recorder for a cassette, with the same redaction and secret check as `withCassette`.
 *
 * @example
 * const recorder = await createRecorder('proxy/session', { dir: 'cassettes' })
 * const upstream = await fetch(request.clone())
 * await recorder.record(request, upstream.clone(), { decoded: true })
 * await recorder.save()
 */
export async function createRecorder(name: string, options: RecorderOptions = {}): Promise<Recorder> {
  validateOptions('createRecorder', options, {
    ...CASSETTE_OPTIONS,
    replace: rules.boolean('{ replace: true }'),
  })
  const { replace, ...rest } = options
  const engine = await CassetteEngine.open(name, {
    ...rest,
    mode: replace ? 'all' : 'new_episodes',
    env: {},
  })
  return {
    name,
    path: engine.path,
    get interactions() {
      return engine.recordedInteractions
    },
    record: (request, response, recordOptions) => engine.record(request, response, recordOptions),
    save: () => engine.save(),
  }
}
