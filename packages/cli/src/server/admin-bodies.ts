import type { FaultOptions } from '@understudy/core'

/** A malformed admin body: answered 400 with this message, before anything changes. */
export class BadRequest extends Error {}

type Json = Record<string, unknown>

function kind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`
}

/** A JSON object body, or the example of one. */
export function objectBody(body: unknown, what: string, example: string): Json {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new BadRequest(`${what} must be a JSON object, got ${kind(body)}. For example: ${example}.`)
  return body as Json
}

/**
 * The caller's credential (its Authorization header) decides which partition an admin request acts
 * on; a `partition` field would let one caller act on another's data, so it is refused.
 */
export function refusePartitionField(body: Json, what: string): void {
  if ('partition' in body)
    throw new BadRequest(
      `${what}: "partition" is not accepted. The partition is the credential in the request's Authorization header; send the request with that credential instead.`,
    )
}

const FAULT_KEYS = [
  'service',
  'method',
  'path',
  'times',
  'status',
  'message',
  'rateLimit',
  'latency',
  'drop',
  'response',
]
const FAULT_EXAMPLE = '{"service":"github","path":"/repos/:owner/:repo/issues","status":500}'

/**
 * `{ status, headers?, body? }`: a fixed reply, as respx's `return_value`. A string body is sent
 * as is (text/plain unless `headers` say otherwise); anything else as JSON.
 */
function fixedResponse(value: unknown): () => Response {
  const spec = objectBody(value, 'fault "response"', '{"status":200,"body":{"ok":true}}')
  for (const key of Object.keys(spec))
    if (!['status', 'headers', 'body'].includes(key))
      throw new BadRequest(`fault "response": unknown key "${key}". Use status, headers and body.`)
  const { status, headers = {}, body } = spec as { status: unknown; headers?: unknown; body?: unknown }
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599)
    throw new BadRequest(
      `fault "response.status": expected an HTTP status from 200 to 599, got ${kind(status)}.`,
    )
  if (
    headers === null ||
    typeof headers !== 'object' ||
    Array.isArray(headers) ||
    Object.values(headers).some((v) => typeof v !== 'string')
  )
    throw new BadRequest(
      'fault "response.headers": expected an object of header names to string values, e.g. {"retry-after":"1"}.',
    )
  try {
    new Headers(headers as Record<string, string>)
  } catch (error) {
    throw new BadRequest(`fault "response.headers": ${(error as Error).message}.`)
  }
  const noBody = status === 204 || status === 205 || status === 304
  if (noBody && body !== undefined)
    throw new BadRequest(`fault "response.body": a ${status} answer has no body; leave body out.`)
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json'
  return () => {
    const out = new Headers(headers as Record<string, string>)
    if (text !== undefined && !out.has('content-type')) out.set('content-type', type)
    return new Response(text ?? null, { status, headers: out })
  }
}

/**
 * `POST /_understudy/faults`: checks the body's shape and turns `response` into a fixed reply.
 * The mock's own `fail()` then checks each value (latency range, status range...).
 */
export function faultBody(body: unknown): { service: string; fault: FaultOptions } {
  const fields = objectBody(body, 'The fault', FAULT_EXAMPLE)
  refusePartitionField(fields, 'The fault')
  for (const key of Object.keys(fields))
    if (!FAULT_KEYS.includes(key))
      throw new BadRequest(`The fault has an unknown key "${key}". Use some of: ${FAULT_KEYS.join(', ')}.`)
  const { service, response, ...rest } = fields
  if (typeof service !== 'string')
    throw new BadRequest(`Name the service the fault is for, e.g. ${FAULT_EXAMPLE}.`)
  if (rest.path !== undefined && typeof rest.path !== 'string')
    throw new BadRequest(
      `fault "path": expected a path pattern string such as "/repos/:owner/:repo/issues", got ${kind(rest.path)}.`,
    )
  return {
    service,
    fault: {
      ...(rest as FaultOptions),
      ...(response !== undefined ? { response: fixedResponse(response) } : {}),
    },
  }
}
