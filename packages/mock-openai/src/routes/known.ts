import type { KnownEndpoint } from '@understudy/core'
import { type EndpointInfo, endpoints } from '../generated/endpoints'

const DOCS_ROOT = 'https://platform.openai.com/docs/api-reference/'

/** Every operation of the OpenAI API, as core matches them: what no route serves answers 501. */
export const knownEndpoints: readonly KnownEndpoint[] = Object.entries(
  endpoints as Record<string, EndpointInfo>,
).map(([key, info]) => {
  const [method, path] = key.split(' ') as [string, string]
  return { method, path, docs: DOCS_ROOT + info.docs, area: info.area }
})
