import type { KnownEndpoint } from '@understudy/core'
import { type EndpointInfo, endpoints } from '../generated/endpoints'
import { docsUrl } from './define'

/** Every operation of the REST API, as core matches them: what no route serves answers 501. */
export const knownEndpoints: readonly KnownEndpoint[] = Object.entries(
  endpoints as Record<string, EndpointInfo>,
).map(([key, info]) => {
  const [method, path] = key.split(' ') as [string, string]
  return { method, path, docs: docsUrl(info), area: info.area }
})
