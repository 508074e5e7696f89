/**
 * The OpenAI service as data for the core framework: hosts, routes, auth, headers and error shapes.
 *
 * @module
 */
import { defineService } from '@understudy/core'
import { queuedRepliesSnapshot } from '@understudy/core/llm'
import { defaultConfig, type OpenAIConfig } from './config'
import { defaultMessage, invalidApiKey, invalidRequest, missingApiKey, OpenAIApiError } from './errors'
import { chatCompletionRoutes } from './routes/chat-completions'
import { embeddingRoutes } from './routes/embeddings'
import { knownEndpoints } from './routes/known'
import { modelRoutes } from './routes/models'
import { moderationRoutes } from './routes/moderations'
import { responseRoutes } from './routes/responses'
import { applySeed, type OpenAISeed } from './seed'
import { createState, type OpenAIState } from './state'

function processingMs(ctx: { rawBody: Uint8Array }): string {
  // Plausible and stable: bigger requests "take" longer.
  return String(120 + Math.round(ctx.rawBody.length / 40))
}

/** The OpenAI service: routes, state, config, auth and OpenAI's error shapes, for `createServiceMock`. */
export const openAIService = defineService<OpenAIState, OpenAISeed, OpenAIConfig>({
  name: 'openai',
  hosts: ['https://api.openai.com'],
  routes: [
    ...chatCompletionRoutes,
    ...responseRoutes,
    ...embeddingRoutes,
    ...moderationRoutes,
    ...modelRoutes,
  ],
  endpoints: knownEndpoints,
  config: { defaults: defaultConfig },
  createState,
  seed: applySeed,
  snapshot: (state) => ({
    queuedReplies: queuedRepliesSnapshot(state.replies),
    responses: [...state.responses.values()].map((r) => ({
      id: r.response.id,
      status: r.response.status,
      model: r.response.model,
      output_text: outputText(r.response),
    })),
    models: [...state.models.keys()],
  }),
  authenticate({ credential }) {
    if (!credential) return missingApiKey().toResponse()
    if (!credential.startsWith('sk-')) return invalidApiKey(credential).toResponse()
    return undefined
  },
  // Content-Length: core sets it on every buffered (JSON) answer, after this hook.
  finalize(ctx, response) {
    response.headers.set('x-request-id', `req_${ctx.ids.hex(32)}`)
    response.headers.set('openai-processing-ms', processingMs(ctx))
    response.headers.set('openai-version', '2020-10-01')
    response.headers.set('openai-organization', 'user-understudy')
    return response
  },
  errors: {
    notFound: ({ method, path }) =>
      invalidRequest(`Invalid URL (${method} ${path})`, { status: 404 }).toResponse(),
    // `x-should-retry: false`: openai-node retries 5xx answers, and this one will not change.
    unimplemented: ({ method, path }, { endpoint }) =>
      new OpenAIApiError(
        501,
        {
          message: `${method} ${path} (${endpoint.method} ${endpoint.path}) is an endpoint of the OpenAI API that the Understudy mock does not implement. See ${endpoint.docs ?? 'https://platform.openai.com/docs/api-reference'}.`,
          type: 'invalid_request_error',
          code: 'understudy_unimplemented',
        },
        { 'x-should-retry': 'false' },
      ).toResponse(),
    fault: (_ctx, { status, message }) =>
      new OpenAIApiError(status, { message: message ?? defaultMessage(status) }).toResponse(),
    rateLimited: (ctx, { retryAfter }) =>
      new OpenAIApiError(
        429,
        {
          message: `Rate limit reached for requests. Please try again in ${retryAfter}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
          type: 'requests',
          code: 'rate_limit_exceeded',
        },
        {
          ...ctx.config.rateLimiter.peek(ctx.state.rateLimits, ctx.clock.now()),
          'x-ratelimit-remaining-requests': '0',
          'retry-after': String(retryAfter),
        },
      ).toResponse(),
    internal: (_ctx, error) =>
      new OpenAIApiError(500, {
        message: `The server had an error while processing your request. Sorry about that! (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`,
      }).toResponse(),
  },
})

function outputText(response: Record<string, unknown>): string {
  const output = (response.output ?? []) as Array<{
    type?: string
    content?: Array<{ type?: string; text?: string }>
  }>
  return output
    .filter((item) => item.type === 'message')
    .flatMap((item) => item.content ?? [])
    .filter((part) => part.type === 'output_text')
    .map((part) => part.text ?? '')
    .join('')
}
