/**
 * `createGeminiMock`: the core service mock plus the shared LLM scripting API.
 *
 * @module
 */
import { assertOptions, type ServiceMock, type ServiceMockOptions } from '@understudy/core'
import { createScriptedMock, type ReplyScripting } from '@understudy/core/llm'
import type { GeminiConfig } from './config'
import { geminiOptionsSchema } from './options-schema'
import type { GeminiSeed } from './seed'
import { geminiService } from './service'
import type { GeminiState } from './state'

export interface GeminiMockOptions extends ServiceMockOptions<GeminiSeed> {
  /**
   * Fail requests that no scripted reply matches (a 400 that lists what was asked and how to script
   * it) instead of answering with deterministic defaults.
   */
  strict?: boolean
}

/** The Gemini mock: the core instance plus reply scripting (`reply`, `when`, `pendingReplies`). */
export interface GeminiMock extends ServiceMock<GeminiState, GeminiSeed, GeminiConfig>, ReplyScripting {}

/**
 * A scriptable, deterministic Gemini API (generateContent, streamGenerateContent, countTokens,
 * embeddings, models) for @google/genai and the Vercel AI SDK's Google provider.
 *
 * @example
 * const gemini = createGeminiMock()
 * const server = setupServer(...gemini.handlers)
 * server.listen()
 * gemini.reply({ content: 'Hello!' })
 * const ai = new GoogleGenAI({ apiKey: 'gemini-test' })
 * const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' })
 * response.text // 'Hello!'
 */
export function createGeminiMock(options: GeminiMockOptions = {}): GeminiMock {
  assertOptions(geminiOptionsSchema, options, { prefix: '[understudy:gemini]' })
  const { strict, ...serviceOptions } = options
  // The AI SDK's baseURL (…/gemini/v1beta) works as baseUrl as well as the mount (…/gemini).
  return createScriptedMock(geminiService, { strict: strict === true }, serviceOptions, {
    provider: 'gemini',
    apiPrefix: '/v1beta',
  })
}
