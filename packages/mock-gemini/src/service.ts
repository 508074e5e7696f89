/**
 * The Gemini API service as data for the core framework: host, routes, auth and error shapes.
 *
 * @module
 */
import { assertSeed, defineService, type ServiceDefinition } from '@understudy/core'
import { queuedRepliesSnapshot } from '@understudy/core/llm'
import { defaultMessage, GeminiApiError, quotaDetails } from './errors'
import { type GeminiModelDefinition, toModel } from './models'
import { geminiRoutes, type MockConfig } from './routes'
import { geminiSeedSchema } from './schemas'
import { createState, type GeminiState } from './state'

/** Seed data: extra models (tuned names, new releases, embedding models with their dimensions). */
export interface GeminiSeed {
  models?: ReadonlyArray<GeminiModelDefinition>
}

/** The API key: `x-goog-api-key`, else the `key` query parameter (bearer tokens too, as OAuth callers send). */
function credential(request: Request): string | undefined {
  const header = request.headers.get('x-goog-api-key')
  if (header) return header
  const key = new URL(request.url).searchParams.get('key')
  if (key) return key
  const auth = request.headers.get('authorization')
  return (auth ? /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim() : undefined) || undefined
}

export function geminiService(config: MockConfig): ServiceDefinition<GeminiState, GeminiSeed> {
  return defineService<GeminiState, GeminiSeed>({
    name: 'gemini',
    hosts: ['https://generativelanguage.googleapis.com'],
    routes: geminiRoutes(config),
    createState,
    credential,
    seed(state, data) {
      assertSeed(geminiSeedSchema, data, { prefix: '[understudy:gemini]', service: 'Gemini' })
      data.models?.forEach((definition, i) => {
        const model = toModel(definition, i)
        state.models.set(model.id, model)
      })
    },
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
}
