import { defineService, parseFormFields, type ServiceContext } from '@understudy/core'
import { bypass } from 'msw'
import type { SlackConfig } from './config'
import { SlackApiError } from './errors'
import { describeMultipart, parseMultipart } from './multipart'
import { rateLimitedError } from './rate-limit'
import { chatRoutes } from './routes/chat'
import { conversationRoutes } from './routes/conversations'
import { type MethodMeta, requestToken, tokenRecord } from './routes/define'
import { fileRoutes } from './routes/files'
import { knownEndpoints } from './routes/known'
import { pinRoutes } from './routes/pins'
import { reactionRoutes } from './routes/reactions'
import { responseUrlRoutes } from './routes/response-url'
import { searchRoutes } from './routes/search'
import { userRoutes } from './routes/users'
import { viewRoutes } from './routes/views'
import { grantedScopes } from './scopes'
import { type SlackSeed, seedSlackState } from './seed'
import type { SlackState } from './state'
import { createSlackState, snapshotSlackState } from './state'

/** Slack's Web API host, and the host of `response_url`s. */
export const SLACK_HOSTS = ['https://slack.com', 'https://hooks.slack.com'] as const

function parseSlackBody(request: Request, raw: Uint8Array, text: string): unknown {
  if (raw.length === 0) return undefined
  const type = (request.headers.get('content-type') ?? '').toLowerCase()
  if (type.includes('multipart/form-data')) return describeMultipart(parseMultipart(type, raw))
  if (type.includes('application/x-www-form-urlencoded')) return parseFormFields(text)
  if (type.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text)
    } catch {
      // Slack answers invalid_json; the method sees the text.
      return text
    }
  }
  return text
}

function requestId(ctx: ServiceContext<SlackState, SlackConfig>): string {
  return ctx.ids.hex(32)
}

/** The Slack service: routes, state, config, auth and Slack's error shapes, for `createServiceMock`. */
export const slackService = defineService<SlackState, SlackSeed, SlackConfig>({
  name: 'slack',
  hosts: SLACK_HOSTS,
  routes: [
    ...userRoutes,
    ...chatRoutes,
    ...conversationRoutes,
    ...reactionRoutes,
    ...pinRoutes,
    ...fileRoutes,
    ...viewRoutes,
    ...searchRoutes,
    ...responseUrlRoutes,
  ],
  endpoints: knownEndpoints,
  config: {
    defaults: {
      tokens: 'any',
      rateLimits: false,
      eventsFor: () => ({}),
      // Straight to the app, past msw: the app's server runs in the same process as the mock.
      transport: (request) => fetch(bypass(request)),
    },
  },
  createState: createSlackState,
  seed: (state, data) => seedSlackState(state, data),
  snapshot: snapshotSlackState,
  credential: requestToken,
  parseBody: parseSlackBody,
  finalize(ctx, response) {
    const headers = new Headers(response.headers)
    headers.set('x-slack-req-id', requestId(ctx))
    const meta = ctx.routeOptions.meta as MethodMeta | undefined
    if (meta && ctx.path.startsWith('/api/')) {
      const token = tokenRecord(ctx.state, ctx.config, ctx.credential)
      if (!(token instanceof SlackApiError)) headers.set('x-oauth-scopes', grantedScopes(token).join(','))
      headers.set('x-accepted-oauth-scopes', meta.scopes.join(','))
    }
    if (!headers.get('content-type')?.includes('charset') && headers.get('content-type')?.includes('json'))
      headers.set('content-type', 'application/json; charset=utf-8')
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    })
  },
  errors: {
    notFound: ({ path }) => {
      const name = path.startsWith('/api/') ? path.slice(5) : path
      return Response.json({ ok: false, error: 'unknown_method', req_method: name }, { status: 404 })
    },
    // 501, as every mock answers an endpoint it lacks: WebClient raises a WebAPIHTTPError (statusCode
    // 501) whose body names the method. Unlike `ok: false` with 200, it cannot pass for a real answer.
    unimplemented: ({ path }, { endpoint }) =>
      Response.json(
        {
          ok: false,
          error: 'not_implemented_in_understudy',
          req_method: path.slice('/api/'.length),
          response_metadata: {
            messages: [
              `[understudy:slack] ${path.slice('/api/'.length)} is a Slack Web API method that the Understudy mock does not implement (${endpoint.docs}).`,
            ],
          },
        },
        { status: 501 },
      ),
    fault: (_ctx, { status, message }) =>
      Response.json(
        { ok: false, error: message ?? (status >= 500 ? 'internal_error' : 'invalid_request') },
        { status },
      ),
    rateLimited: (_ctx, { retryAfter }) => rateLimitedError(retryAfter).toResponse(),
    internal: (_ctx, error) =>
      Response.json(
        {
          ok: false,
          error: 'internal_error',
          detail: error instanceof Error ? error.message : String(error),
        },
        { status: 500 },
      ),
  },
})
