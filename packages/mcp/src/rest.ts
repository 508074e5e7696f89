import type { McpTarget, RestReply, RestRequest, ServiceTools } from './types'

function appendForm(params: URLSearchParams, key: string, value: unknown): void {
  if (value === undefined || value === null) return
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) appendForm(params, `${key}[${i}]`, item)
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) appendForm(params, `${key}[${k}]`, v)
  } else {
    params.append(key, String(value))
  }
}

/** Form encoding with Stripe's brackets (`items[0][price]`), which Slack's flat fields also fit. */
export function encodeForm(fields: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) appendForm(params, key, value)
  return params.toString()
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * Sends one REST request through the mock itself, so state, webhooks, faults and the request log are
 * the REST API's own; the log names it after the tool call (`mcp:tools/call <tool>`).
 */
export async function restCall(
  target: McpTarget,
  tools: ServiceTools,
  credential: string,
  tool: string,
  method: string,
  path: string,
  request: RestRequest = {},
): Promise<RestReply> {
  const url = new URL(tools.origin + path)
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value))
  }
  const headers = new Headers({ 'user-agent': 'understudy-mcp', accept: 'application/json' })
  const form = request.form ? { ...request.form } : undefined
  tools.authorize(credential, headers, form)
  if (request.accept) headers.set('accept', request.accept)
  let body: string | undefined
  if (request.json !== undefined) {
    headers.set('content-type', 'application/json')
    body = JSON.stringify(request.json)
  } else if (form) {
    headers.set('content-type', 'application/x-www-form-urlencoded')
    body = encodeForm(form)
  }
  const response = await target.handle(
    new Request(url, { method, headers, ...(body !== undefined ? { body } : {}) }),
    {
      logAs: { path: `mcp:tools/call ${tool}` },
    },
  )
  if (response.type === 'error') {
    return { status: 0, ok: false, method, url: url.toString(), headers: new Headers(), body: undefined }
  }
  return {
    status: response.status,
    ok: response.ok,
    method,
    url: url.toString(),
    headers: response.headers,
    body: await readBody(response),
  }
}
