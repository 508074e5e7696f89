import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import {
  credentialFromAuthorization,
  headersToObject,
  type LoggedRequest,
  queryToObject,
} from '@understudy/core'
import { type CassetteFile, createReplayHandler, readCassetteFile } from '../cassettes/engine'
import { CliError } from '../errors'
import type { ReplayLayer } from './replay'

const DEFAULT_PARTITION = 'default'

/**
 * The bases a recorded request may have been made against: each origin, and the origin plus the
 * first path segments (`https://api.openai.com/v1`), so a client pointed at the server's root, at
 * a mount prefix, or at a target with a path all find their recordings.
 */
function recordedBases(files: readonly CassetteFile[]): string[] {
  const bases = new Set<string>()
  for (const file of files) {
    for (const interaction of file.interactions) {
      let url: URL
      try {
        url = new URL(interaction.request.url)
      } catch {
        continue
      }
      bases.add(url.origin)
      const segments = url.pathname.split('/').filter(Boolean)
      for (let n = 1; n <= Math.min(2, segments.length - 1); n++)
        bases.add(`${url.origin}/${segments.slice(0, n).join('/')}`)
    }
  }
  return [...bases]
}

async function readBody(request: Request): Promise<ArrayBuffer | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined
  const body = await request.clone().arrayBuffer()
  return body.byteLength ? body : undefined
}

function parsedBody(body: ArrayBuffer | undefined, contentType: string | null): unknown {
  if (!body) return undefined
  const text = new TextDecoder().decode(body)
  if (contentType?.includes('json'))
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  return text
}

/**
 * Serves recorded interactions before the mocks (`understudy serve --replay <cassette>`). A request
 * replays when some recorded base plus its path (with or without the server's mount prefix) matches
 * a recording by method, URL and body; recordings replay as often as they are asked for.
 *
 * @example
 * const replay = await createReplayLayer(['__cassettes__/github-triage.json'])
 */
export async function createReplayLayer(paths: readonly string[]): Promise<ReplayLayer> {
  const files: CassetteFile[] = []
  for (const path of paths) {
    try {
      files.push(await readCassetteFile(path))
    } catch (error) {
      throw new CliError(`Failed to load --replay ${path}: ${(error as Error).message}`, { cause: error })
    }
  }
  const replay = createReplayHandler(files, { allowPlaybackRepeats: true, onMiss: () => {} })
  const bases = recordedBases(files)
  const names = files.map((f) => f.name)

  return {
    cassettes: paths.map((p) => resolve(p)),
    async handle(request, route) {
      if (files.length === 0) return undefined
      const started = performance.now()
      const url = new URL(request.url)
      const paths = [url.pathname]
      if (route?.basePath) paths.push(url.pathname.slice(route.basePath.length) || '/')
      const body = await readBody(request)
      for (const base of bases) {
        for (const path of paths) {
          const candidate = new Request(`${base}${path}${url.search}`, {
            method: request.method,
            headers: request.headers,
            ...(body ? { body } : {}),
          })
          const recorded = await replay(candidate)
          if (!recorded) continue
          // The recorded length may be the compressed one; node computes the framing itself.
          const headers = new Headers(recorded.headers)
          headers.delete('content-length')
          headers.delete('content-encoding')
          headers.delete('transfer-encoding')
          const response = new Response(recorded.body, {
            status: recorded.status,
            statusText: recorded.statusText,
            headers,
          })
          const text = await response.clone().text()
          let responseBody: unknown = text || undefined
          if (text && response.headers.get('content-type')?.includes('json'))
            try {
              responseBody = JSON.parse(text)
            } catch {}
          const entry: LoggedRequest = {
            id: randomUUID(),
            service: 'cassette',
            partition: credentialFromAuthorization(request.headers.get('authorization')) ?? DEFAULT_PARTITION,
            method: request.method.toUpperCase(),
            path: new URL(candidate.url).pathname,
            query: queryToObject(url.searchParams),
            url: request.url,
            headers: headersToObject(request.headers),
            body: parsedBody(body, request.headers.get('content-type')),
            status: response.status,
            responseHeaders: headersToObject(response.headers),
            responseBody,
            route: `cassette ${names.length === 1 ? names[0] : names.join(', ')} (${candidate.url})`,
            startedAt: Date.now(),
            durationMs: performance.now() - started,
          }
          return { response, entry }
        }
      }
      return undefined
    },
  }
}
