/**
 * The Anthropic service as data for the core framework: host, routes, auth, headers and error shapes.
 *
 * @module
 */
import { defineService, requestLocals, type ServiceContext } from '@understudy/core'
import { queuedRepliesSnapshot } from '@understudy/core/llm'
import { type AnthropicConfig, defaultConfig } from './config'
import { AnthropicApiError, defaultMessage, errorBody, rateLimitHeaders } from './errors'
import { batchRoutes } from './routes/batches'
import { messageRoutes } from './routes/messages'
import { type AnthropicSeed, applySeed } from './seed'
import { type AnthropicState, createState } from './state'

const locals = requestLocals<{ requestId: string }>()
const requestId = (ctx: ServiceContext<AnthropicState, AnthropicConfig>) =>
  (locals(ctx).requestId ??= `req_011C${ctx.ids.next('', 20)}`)

function credential(request: Request): string | undefined {
  const key = request.headers.get('x-api-key')
  if (key) return key
  const auth = request.headers.get('authorization')
  const bearer = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null
  return bearer?.[1]?.trim() || undefined
}

/** The Anthropic service: routes, state, config, auth and Anthropic's error shapes, for `createServiceMock`. */
export const anthropicService = defineService<AnthropicState, AnthropicSeed, AnthropicConfig>({
  name: 'anthropic',
  hosts: ['https://api.anthropic.com'],
  routes: [...messageRoutes, ...batchRoutes],
  config: { defaults: defaultConfig },
  createState,
  credential,
  seed: applySeed,
  snapshot: (state) => ({
    queuedReplies: queuedRepliesSnapshot(state.replies),
    models: [...state.models.keys()],
    cachedPrompts: state.promptCache.size,
    batches: [...state.batches.keys()],
  }),
  authenticate({ credential }) {
    if (!credential)
      return new AnthropicApiError(401, 'x-api-key header is required', 'authentication_error').toResponse()
    return undefined
  },
  finalize(ctx, response) {
    // Setting the header on the route's own Response is enough in every transport: core copies the
    // headers when it buffers the body, and core's test/mock/finalize-headers.test.ts shows a
    // finalize's headers (set in place or on a rebuilt Response) reaching msw in-process clients,
    // HTTP clients, mock.fetch and the log alike. No in-process header loss reproduces today.
    response.headers.set('request-id', requestId(ctx))
    return response
  },
  errors: {
    notFound: () => new AnthropicApiError(404, 'Not Found', 'not_found_error').toResponse(),
    fault: (_ctx, { status, message }) =>
      new AnthropicApiError(status, message ?? defaultMessage(status)).toResponse(),
    rateLimited: (ctx, { retryAfter }) =>
      new AnthropicApiError(
        429,
        defaultMessage(429),
        'rate_limit_error',
        rateLimitHeaders(ctx.clock.now(), retryAfter),
      ).toResponse(),
    internal: (_ctx, error) =>
      Response.json(
        errorBody(
          'api_error',
          `Internal server error (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`,
        ),
        { status: 500 },
      ),
  },
})
