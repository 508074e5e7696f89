/**
 * Redaction: what is removed or replaced before an interaction is stored, and before an incoming
 * request is matched (so a filtered request still matches its recording).
 *
 * @module
 */

import { InvalidOptionError } from '../errors'
import type { Interaction, StoredBody, StoredHeaders, StoredRequest, StoredResponse } from '../model/format'
import { storedHeader } from '../model/format'
import { parseJsonPath, replaceAtPath } from '../model/json-path'

/** A name to remove, or `[name, replacement]` to keep it with a placeholder value. */
export type FilterSpec = string | readonly [name: string, replacement: string]

export interface BodyFilterContext {
  direction: 'request' | 'response'
  method: string
  url: string
  contentType: string | undefined
}

/**
 * Rewrites a body: gets parsed JSON, form fields as an object, or text, and returns the new value
 * (`undefined` keeps it as it was).
 */
export type BodyFilter = (body: unknown, context: BodyFilterContext) => unknown

/** Rewrites the whole interaction just before it is stored; `false` or `null` drops it. */
export type BeforeRecordHook = (interaction: Interaction) => Interaction | undefined | null | false

/** Rewrites a request before it is stored *and* before it is matched; `false` or `null` ignores it. */
export type BeforeRecordRequestHook = (request: StoredRequest) => StoredRequest | undefined | null | false

export interface RedactionOptions {
  /**
   * Request and response headers to remove (or replace). Always added to {@link DEFAULT_FILTER_HEADERS}.
   * @example ['x-internal-token', ['x-tenant', 'TENANT']]
   */
  filterHeaders?: readonly FilterSpec[]
  /**
   * Query parameters to remove (or replace). Always added to {@link DEFAULT_FILTER_QUERY_PARAMETERS}.
   * @example ['signature', ['session', 'SESSION']]
   */
  filterQueryParameters?: readonly FilterSpec[]
  /**
   * JSONPaths into JSON (and form) bodies, requests and responses alike, whose values become
   * `"[FILTERED]"` (or the given replacement); or a function that rewrites any body.
   * @example ['$.password', '$..client_secret', ['$.card.number', '4242']]
   */
  filterBody?: readonly FilterSpec[] | BodyFilter
  /** Rewrites each request before it is matched and before it is stored (vcrpy's `before_record_request`). */
  beforeRecordRequest?: BeforeRecordRequestHook
  /** Rewrites each interaction just before it is stored (vcrpy's `before_record_response`, with the request). */
  beforeRecord?: BeforeRecordHook | readonly BeforeRecordHook[]
}

/** The value that replaces a filtered body field. */
export const FILTERED = '[FILTERED]'

/** Headers that carry credentials for the services Understudy covers (and the usual suspects). */
export const DEFAULT_FILTER_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key', // Anthropic, many others
  'api-key', // Azure OpenAI
  'x-auth-token',
  'x-access-token',
  'x-github-token',
  'x-slack-token',
  'x-stripe-client-user-agent', // holds the host's uname: not a secret, but machine details
  'openai-organization',
  'openai-project',
  'private-token',
]

/** Query parameters that carry credentials (Slack's legacy `?token=`, OAuth flows...). */
export const DEFAULT_FILTER_QUERY_PARAMETERS: readonly string[] = [
  'access_token',
  'api_key',
  'apikey',
  'client_secret',
  'refresh_token',
  'token',
]

export interface Redactor {
  /** The request as stored and matched, or `null` when `beforeRecordRequest` ignores it. */
  request(request: StoredRequest): StoredRequest | null
  response(response: StoredResponse, request: StoredRequest): StoredResponse
  /** Request + response filters, then the `beforeRecord` hooks; `null` when a hook drops it. */
  interaction(interaction: Interaction): Interaction | null
  /** Lower-case names of the headers filtered out (matching ignores them). */
  readonly filteredHeaders: ReadonlySet<string>
}

/**
 * Compile redaction options once; the result is applied to every request and response.
 *
 * @example
 * const redact = createRedactor({ filterBody: ['$.password'] })
 * redact.request({ method: 'POST', url, headers: {}, body: { json: { password: 'x' } } })
 * // body: { json: { password: '[FILTERED]' } }
 */
export function createRedactor(options: RedactionOptions = {}): Redactor {
  const headers = compileSpecs(
    'filterHeaders',
    [...DEFAULT_FILTER_HEADERS, ...(options.filterHeaders ?? [])],
    true,
  )
  const query = compileSpecs('filterQueryParameters', [
    ...DEFAULT_FILTER_QUERY_PARAMETERS,
    ...(options.filterQueryParameters ?? []),
  ])
  const bodyFilter = options.filterBody
  let bodyPaths: Map<string, string | undefined> | undefined
  if (Array.isArray(bodyFilter)) {
    bodyPaths = compileSpecs('filterBody', bodyFilter)
    for (const path of bodyPaths.keys()) {
      try {
        parseJsonPath(path)
      } catch (error) {
        throw new InvalidOptionError(
          'filterBody',
          `${(error as Error).message}. For example: ['$.password'].`,
        )
      }
    }
  } else if (bodyFilter !== undefined && typeof bodyFilter !== 'function') {
    throw new InvalidOptionError(
      'filterBody',
      "expected an array of JSONPaths or a function, e.g. ['$.password'].",
    )
  }
  const hooks = options.beforeRecord === undefined ? [] : [options.beforeRecord].flat()
  const filteredHeaders = new Set([...headers.entries()].filter(([, r]) => r === undefined).map(([n]) => n))

  const filterHeaders = (stored: StoredHeaders): StoredHeaders => {
    let out: StoredHeaders | undefined
    for (const name in stored) {
      const lower = name.toLowerCase()
      if (!headers.has(lower)) continue
      out ??= { ...stored }
      const replacement = headers.get(lower)
      if (replacement === undefined) delete out[name]
      else out[name] = replacement
    }
    return out ?? stored
  }

  const filterUrl = (url: string): string => {
    const q = url.indexOf('?')
    if (q < 0 || query.size === 0) return url
    const parsed = new URL(url)
    let changed = false
    for (const [name, replacement] of query) {
      if (!parsed.searchParams.has(name)) continue
      changed = true
      if (replacement === undefined) parsed.searchParams.delete(name)
      else parsed.searchParams.set(name, replacement)
    }
    return changed ? parsed.href : url
  }

  const filterBody = (body: StoredBody | undefined, context: BodyFilterContext): StoredBody | undefined => {
    if (!body || bodyFilter === undefined) return body
    if (typeof bodyFilter === 'function') {
      const isForm = 'text' in body && isFormType(context.contentType)
      const input =
        'json' in body
          ? structuredClone(body.json)
          : 'text' in body
            ? isForm
              ? formToObject(body.text)
              : body.text
            : undefined
      if (input === undefined) return body
      const result = (bodyFilter as BodyFilter)(input, context)
      if (result === undefined) return body
      if (isForm && typeof result === 'object' && result !== null) return { text: objectToForm(result) }
      return typeof result === 'string' && !('json' in body) ? { text: result } : { json: result }
    }
    if (!bodyPaths || bodyPaths.size === 0) return body
    if ('json' in body) {
      if (typeof body.json !== 'object' || body.json === null) return body
      const copy = structuredClone(body.json)
      let count = 0
      for (const [path, replacement] of bodyPaths)
        count += replaceAtPath(copy, path, () => replacement ?? FILTERED)
      return count ? { json: copy } : body
    }
    if ('text' in body && isFormType(context.contentType)) {
      const fields = formToObject(body.text)
      let count = 0
      for (const [path, replacement] of bodyPaths)
        count += replaceAtPath(fields, path, () => replacement ?? FILTERED)
      return count ? { text: objectToForm(fields) } : body
    }
    return body
  }

  const redactRequest = (request: StoredRequest): StoredRequest | null => {
    const contentType = storedHeader(request.headers, 'content-type')
    let out: StoredRequest = {
      method: request.method,
      url: filterUrl(request.url),
      headers: filterHeaders(request.headers),
      ...(request.body ? { body: request.body } : {}),
    }
    const body = filterBody(request.body, {
      direction: 'request',
      method: request.method,
      url: out.url,
      contentType,
    })
    if (body !== out.body) out.body = body
    if (options.beforeRecordRequest) {
      const result = options.beforeRecordRequest(out)
      if (result === null || result === false) return null
      if (result) out = result
    }
    return out
  }

  const redactResponse = (response: StoredResponse, request: StoredRequest): StoredResponse => {
    const contentType = storedHeader(response.headers, 'content-type')
    const context: BodyFilterContext = {
      direction: 'response',
      method: request.method,
      url: request.url,
      contentType,
    }
    const out: StoredResponse = { ...response, headers: filterHeaders(response.headers) }
    if (response.body) out.body = filterBody(response.body, context)
    if (response.chunks && typeof bodyFilter === 'function') {
      out.chunks = response.chunks.map((chunk) => {
        const filtered = filterBody(chunk, context)
        return filtered && !('json' in filtered) ? filtered : chunk
      })
    }
    return out
  }

  return {
    filteredHeaders,
    request: redactRequest,
    response: redactResponse,
    interaction(interaction) {
      const request = redactRequest(interaction.request)
      if (!request) return null
      let out: Interaction = {
        recordedAt: interaction.recordedAt,
        request,
        response: redactResponse(interaction.response, request),
      }
      for (const hook of hooks) {
        const result = hook(out)
        if (result === null || result === false) return null
        if (result) out = result
      }
      return out
    },
  }
}

function compileSpecs(
  option: string,
  specs: readonly FilterSpec[],
  lowerCase = false,
): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>()
  for (const spec of specs) {
    if (typeof spec === 'string') out.set(lowerCase ? spec.toLowerCase() : spec, undefined)
    else if (Array.isArray(spec) && typeof spec[0] === 'string' && typeof spec[1] === 'string') {
      out.set(lowerCase ? spec[0].toLowerCase() : spec[0], spec[1])
    } else {
      throw new InvalidOptionError(
        option,
        `each entry must be a name or a [name, replacement] pair, got ${JSON.stringify(spec)}. For example: ['x-api-key', ['x-tenant', 'TENANT']].`,
      )
    }
  }
  return out
}

function isFormType(contentType: string | undefined): boolean {
  return contentType !== undefined && /application\/x-www-form-urlencoded/i.test(contentType)
}

function formToObject(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key]
    if (existing === undefined) out[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else out[key] = [existing, value]
  }
  return out
}

function objectToForm(fields: object): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v))
  }
  return params.toString()
}
