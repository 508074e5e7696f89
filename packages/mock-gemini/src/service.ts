/**
 * The Gemini API service as data for the core framework: host, routes, auth and error shapes.
 *
 * @module
 */
import { defineService } from '@understudy/core'
import { queuedRepliesSnapshot } from '@understudy/core/llm'
import { defaultConfig, type GeminiConfig } from './config'
import { defaultMessage, GeminiApiError, quotaDetails } from './errors'
import { geminiRoutes } from './routes/models'
import { applySeed, type GeminiSeed } from './seed'
import { createState, type GeminiState } from './state'

/** The API key: `x-goog-api-key`, else the `key` query parameter (bearer tokens too, as OAuth callers send). */
function credential(request: Request): string | undefined {
  const header = request.headers.get('x-goog-api-key')
  if (header) return header
  const key = new URL(request.url).searchParams.get('key')
  if (key) return key
  const auth = request.headers.get('authorization')
  return (auth ? /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim() : undefined) || undefined
}

/** The Gemini service: routes, state, config, auth and Google's error shapes, for `createServiceMock`. */
export const geminiService = defineService<GeminiState, GeminiSeed, GeminiConfig>({
  name: 'gemini',
  hosts: ['https://generativelanguage.googleapis.com'],
  routes: geminiRoutes,
  config: { defaults: defaultConfig },
  createState,
  credential,
  seed: applySeed,
  snapshot: (state) => ({
    queuedReplies: queuedRepliesSnapshot(state.replies),
    models: [...state.models.keys()],
  }),
  authenticate({ credential }) {
    if (!credential)
      return new GeminiApiError(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        'PERMISSION_DENIED',
      ).toResponse()
    return undefined
  },
  errors: {
    notFound: ({ method, path }) =>
      new GeminiApiError(404, `Method not found: ${method} ${path}`, 'NOT_FOUND').toResponse(),
    fault: (_ctx, { status, message }) =>
      new GeminiApiError(status, message ?? defaultMessage(status)).toResponse(),
    rateLimited: (_ctx, { retryAfter }) =>
      new GeminiApiError(
        429,
        defaultMessage(429),
        'RESOURCE_EXHAUSTED',
        quotaDetails(retryAfter),
      ).toResponse(),
    internal: (_ctx, error) =>
      new GeminiApiError(
        500,
        `An internal error has occurred (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`,
        'INTERNAL',
      ).toResponse(),
  },
})
