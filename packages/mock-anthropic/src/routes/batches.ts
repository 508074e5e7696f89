/**
 * Message Batches: `POST /v1/messages/batches`, retrieve, list, cancel, delete and the JSONL results,
 * as `client.messages.batches` uses them.
 *
 * Each request is answered when the batch is created, in request order, from the same reply queue and
 * `when()` matchers as `POST /v1/messages`, so a script reads the same whether the agent calls the
 * Messages API or batches it. What stays open is only when the batch is seen to end: the create
 * response is always `in_progress` (as Anthropic's is); the batch ends once the mock's clock reaches
 * `created_at + batchProcessingMs` (default 0: the next look sees it ended), with no timers.
 *
 * @see https://docs.anthropic.com/en/api/creating-message-batches
 * @module
 */
import { type Route, route, type ServiceContext } from '@understudy/core'
import type { AnthropicConfig } from '../config'
import { AnthropicApiError, errorBody, invalidRequest } from '../errors'
import type { AnthropicState } from '../state'
import { answerMessage, checkVersion, jsonBody, type PreparedMessage, prepareMessage } from './messages'

type Ctx = ServiceContext<AnthropicState, AnthropicConfig>
type Obj = Record<string, unknown>

/** The API's limits: 100,000 requests a batch; `custom_id` as its schema's pattern allows. */
export const MAX_BATCH_REQUESTS = 100_000
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/
/** Anthropic expires a batch 24 hours after it is created. */
const EXPIRES_AFTER_MS = 24 * 60 * 60 * 1000

export type BatchResult =
  | { type: 'succeeded'; message: unknown }
  | { type: 'errored'; error: Obj }
  | { type: 'canceled' }
  | { type: 'expired' }

export interface StoredBatch {
  readonly id: string
  readonly createdAt: number
  /** When processing ends on its own (created + batchProcessingMs). */
  readonly endsAt: number
  cancelInitiatedAt: number | null
  /** Set the first time the batch is seen ended. */
  endedAt: number | null
  /** Each request's outcome, decided at creation; shown once the batch has ended. */
  readonly answers: Array<{ custom_id: string; result: BatchResult }>
}

type Status = 'in_progress' | 'canceling' | 'ended'

const iso = (ms: number) => new Date(ms).toISOString()

/** Moves the batch to `ended` if its time has come (a cancel ends it at once). */
function settle(batch: StoredBatch, now: number): Status {
  if (batch.endedAt !== null) return 'ended'
  const end = batch.cancelInitiatedAt ?? Math.min(batch.endsAt, batch.createdAt + EXPIRES_AFTER_MS)
  if (now < end) return batch.cancelInitiatedAt === null ? 'in_progress' : 'canceling'
  batch.endedAt = end
  return 'ended'
}

/** The results as the batch ended: canceled or expired requests lose their answers. */
function results(batch: StoredBatch): Array<{ custom_id: string; result: BatchResult }> {
  if (batch.cancelInitiatedAt !== null)
    return batch.answers.map(({ custom_id }) => ({ custom_id, result: { type: 'canceled' } }))
  if (batch.endsAt >= batch.createdAt + EXPIRES_AFTER_MS)
    return batch.answers.map(({ custom_id }) => ({ custom_id, result: { type: 'expired' } }))
  return batch.answers
}

/** The `message_batch` object; `status` forces the in-flight view create and cancel answer with. */
function batchObject(ctx: Ctx, batch: StoredBatch, status: Status = settle(batch, ctx.clock.now())) {
  const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 }
  if (status === 'ended') for (const { result } of results(batch)) counts[result.type]++
  else counts.processing = batch.answers.length
  return {
    id: batch.id,
    type: 'message_batch',
    processing_status: status,
    request_counts: counts,
    ended_at: status === 'ended' && batch.endedAt !== null ? iso(batch.endedAt) : null,
    created_at: iso(batch.createdAt),
    expires_at: iso(batch.createdAt + EXPIRES_AFTER_MS),
    archived_at: null,
    cancel_initiated_at: batch.cancelInitiatedAt === null ? null : iso(batch.cancelInitiatedAt),
    // Built on the request's base URL, so the SDK's follow-up GET stays on the mock (in-process or mounted).
    results_url: status === 'ended' ? `${ctx.baseUrl}/v1/messages/batches/${batch.id}/results` : null,
  }
}

function findBatch(ctx: Ctx): StoredBatch {
  const batch = ctx.state.batches.get(ctx.params.id!)
  if (!batch) throw new AnthropicApiError(404, `message_batch: ${ctx.params.id}`, 'not_found_error')
  return batch
}

/** Checks the `requests` list as the API's schema does, with its `requests.N.…` field paths. */
function readRequests(body: Obj): Array<{ custom_id: string; params: Obj }> {
  const list = body.requests
  if (list === undefined) throw invalidRequest('requests: Field required')
  if (!Array.isArray(list)) throw invalidRequest('requests: Input should be a valid list')
  if (list.length === 0)
    throw invalidRequest('requests: List should have at least 1 item after validation, not 0')
  if (list.length > MAX_BATCH_REQUESTS)
    throw invalidRequest(
      `requests: List should have at most ${MAX_BATCH_REQUESTS} items after validation, not ${list.length}`,
    )
  const seen = new Set<string>()
  return list.map((item: unknown, i) => {
    const at = `requests.${i}`
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw invalidRequest(`${at}: Input should be a valid dictionary`)
    const { custom_id, params } = item as Obj
    if (custom_id === undefined) throw invalidRequest(`${at}.custom_id: Field required`)
    if (typeof custom_id !== 'string') throw invalidRequest(`${at}.custom_id: Input should be a valid string`)
    if (custom_id.length > 64)
      throw invalidRequest(`${at}.custom_id: String should have at most 64 characters`)
    if (!CUSTOM_ID.test(custom_id))
      throw invalidRequest(`${at}.custom_id: String should match pattern '${CUSTOM_ID.source}'`)
    if (seen.has(custom_id))
      throw invalidRequest(
        `${at}.custom_id: Duplicate custom_id "${custom_id}": each request in a batch needs a unique custom_id.`,
      )
    seen.add(custom_id)
    if (params === undefined) throw invalidRequest(`${at}.params: Field required`)
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      throw invalidRequest(`${at}.params: Input should be a valid dictionary`)
    if ((params as Obj).stream === true)
      throw invalidRequest(`${at}.params.stream: Input should be False (batched requests are not streamed)`)
    return { custom_id, params: params as Obj }
  })
}

function errored(ctx: Ctx, error: AnthropicApiError): BatchResult {
  return {
    type: 'errored',
    error: { ...errorBody(error.type, error.message), request_id: `req_011C${ctx.ids.next('', 20)}` },
  }
}

type Checked = { custom_id: string; prepared?: PreparedMessage; error?: AnthropicApiError }

function createBatch(ctx: Ctx): StoredBatch {
  const requests = readRequests(jsonBody(ctx))
  // Check every request before answering any, so a refused batch leaves the reply queue as it was.
  const prepared = requests.map(({ custom_id, params }, i): Checked => {
    try {
      return { custom_id, prepared: prepareMessage(ctx, params) }
    } catch (error) {
      if (!(error instanceof AnthropicApiError)) throw error
      // An unknown model is the request's own failure, not the batch's: it comes back errored.
      if (error.status !== 400) return { custom_id, error }
      throw invalidRequest(`requests.${i}.params.${error.message}`)
    }
  })
  const answers = prepared.map((entry) => {
    if (entry.error) return { custom_id: entry.custom_id, result: errored(ctx, entry.error) }
    const answer = answerMessage(ctx, entry.prepared!)
    const result: BatchResult =
      answer.kind === 'message' ? { type: 'succeeded', message: answer.message } : errored(ctx, answer.error)
    return { custom_id: entry.custom_id, result }
  })
  const now = ctx.clock.now()
  const batch: StoredBatch = {
    id: `msgbatch_01${ctx.ids.next('', 22)}`,
    createdAt: now,
    endsAt: now + ctx.config.batchProcessingMs,
    cancelInitiatedAt: null,
    endedAt: null,
    answers,
  }
  ctx.state.batches.set(batch.id, batch)
  return batch
}

/** Newest first, as the API lists them; `after_id` pages on, `before_id` pages back. */
function listBatches(ctx: Ctx) {
  const all = [...ctx.state.batches.values()].reverse()
  const raw = ctx.query.get('limit')
  const limit = raw === null ? 20 : Number(raw)
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw invalidRequest('limit: Input should be greater than or equal to 1 and less than or equal to 1000')
  const after = ctx.query.get('after_id')
  const before = ctx.query.get('before_id')
  let start = 0
  let end = all.length
  if (after) start = all.findIndex((b) => b.id === after) + 1
  if (before) {
    end = Math.max(
      0,
      all.findIndex((b) => b.id === before),
    )
    start = Math.max(0, end - limit)
  }
  const page = all.slice(start, Math.min(end, start + limit))
  const first = page[0]
  const last = page.at(-1)
  const hasMore = before ? start > 0 : last !== undefined && all.indexOf(last) < all.length - 1
  return {
    data: page.map((b) => batchObject(ctx, b)),
    has_more: hasMore,
    first_id: first?.id ?? null,
    last_id: last?.id ?? null,
  }
}

export const batchRoutes: Route<AnthropicState, AnthropicConfig>[] = [
  route.post<AnthropicState, AnthropicConfig>('/v1/messages/batches', (ctx) => {
    checkVersion(ctx)
    return Response.json(batchObject(ctx, createBatch(ctx), 'in_progress'))
  }),
  route.get<AnthropicState, AnthropicConfig>('/v1/messages/batches', (ctx) =>
    Response.json(listBatches(ctx)),
  ),
  route.get<AnthropicState, AnthropicConfig>('/v1/messages/batches/:id', (ctx) =>
    Response.json(batchObject(ctx, findBatch(ctx))),
  ),
  route.post<AnthropicState, AnthropicConfig>('/v1/messages/batches/:id/cancel', (ctx) => {
    const batch = findBatch(ctx)
    const status = settle(batch, ctx.clock.now())
    if (status === 'ended')
      throw invalidRequest(`Message Batch ${batch.id} has already ended and cannot be canceled.`)
    batch.cancelInitiatedAt ??= ctx.clock.now()
    return Response.json(batchObject(ctx, batch, 'canceling'))
  }),
  route.delete<AnthropicState, AnthropicConfig>('/v1/messages/batches/:id', (ctx) => {
    const batch = findBatch(ctx)
    if (settle(batch, ctx.clock.now()) !== 'ended')
      throw invalidRequest(
        `Message Batch ${batch.id} is still processing: cancel it and wait for it to end before deleting it.`,
      )
    ctx.state.batches.delete(batch.id)
    return Response.json({ id: batch.id, type: 'message_batch_deleted' })
  }),
  route.get<AnthropicState, AnthropicConfig>('/v1/messages/batches/:id/results', (ctx) => {
    const batch = findBatch(ctx)
    if (settle(batch, ctx.clock.now()) !== 'ended')
      throw invalidRequest(`Message Batch ${batch.id} has not ended yet: its results are not available.`)
    const lines = results(batch).map((line) => `${JSON.stringify(line)}\n`)
    // Anthropic serves the .jsonl file as application/binary; the SDK reads it line by line.
    return new Response(lines.join(''), { headers: { 'content-type': 'application/binary' } })
  }),
]
