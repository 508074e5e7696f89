/**
 * `@understudy/core/llm`: the scripting engine shared by every LLM mock. See ./llm/index.ts.
 *
 * @module
 */
export * from './llm/index'
