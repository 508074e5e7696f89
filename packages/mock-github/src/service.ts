import { createHash } from 'node:crypto'
/**
 * The GitHub REST service as the framework runs it: routes, state, seed, auth, GitHub's headers on
 * every response (request id, rate limits, ETag) and GitHub's error shapes.
 *
 * @module
 */

import {
  type BodyContent,
  BufferedResponse,
  bytesResponse,
  contentLength,
  defineService,
  HeaderMap,
  type Route,
  responseContent,
} from '@understudy/core'
import { jwtIssuer, looksLikeJwt } from './auth/jwt'
import { resolveViewer } from './auth/resolve'
import type { GitHubConfig } from './config'
import { type Ctx, docsOf, hasViewer, JSON_TYPE, metaOf, setViewer, type Viewer, viewerOf } from './context'
import { GitHubApiError } from './errors'
import { locals } from './locals'
import { addRateHeaders, giveBack, peek, secondaryLimitResponse, take } from './rate-limit'
import { appRoutes } from './routes/apps'
import { collaboratorRoutes } from './routes/collaborators'
import { commentRoutes } from './routes/comments'
import { commitRoutes } from './routes/commits'
import { contentRoutes } from './routes/contents'
import { gitDataRoutes } from './routes/git-data'
import { hookRoutes } from './routes/hooks'
import { issueTypeRoutes } from './routes/issue-types'
import { issueRoutes } from './routes/issues'
import { knownEndpoints } from './routes/known'
import { labelRoutes } from './routes/labels'
import { metaRoutes } from './routes/meta'
import { pullRoutes } from './routes/pulls'
import { reactionRoutes } from './routes/reactions'
import { releaseRoutes } from './routes/releases'
import { repoRoutes } from './routes/repos'
import { repositoryAliasRoutes } from './routes/repositories'
import { reviewRoutes } from './routes/reviews'
import { moreSearchRoutes, searchRoutes } from './routes/search'
import { subIssueRoutes } from './routes/sub-issues'
import { userRoutes } from './routes/users'
import { applySeed, type GitHubSeed } from './seed'
import { snapshotState } from './snapshot'
import { createState, ensureUser, type GitHubState } from './state'

const EXPOSED =
  'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset'

const EMPTY = new Uint8Array(0)
const PUBLIC_CACHE = 'public, max-age=60, s-maxage=60'
const PRIVATE_CACHE = 'private, max-age=60, s-maxage=60'

/**
 * GitHub's headers on an answer (rate limit, request id, caching, ETag, security headers). Synchronous
 * when the body is held, as every answer the mock builds is; anything else is read once first.
 */
function decorate(ctx: Ctx, response: Response): Response | Promise<Response> {
  // null: no body. undefined: not held (not buffered, a stream, or read already), so read it first.
  const content = response instanceof BufferedResponse ? response.content : undefined
  if (content === undefined && response.body)
    return responseContent(response).then((content) =>
      decorate(
        ctx,
        bytesResponse(content, {
          status: response.status,
          statusText: response.statusText,
          headers: new HeaderMap(response.headers),
        }),
      ),
    )
  // Held from here on, or undefined: no body at all.
  const held = content ?? undefined
  // The route's response is dropped after this: a buffered one's headers are taken over, not copied.
  const headers = response instanceof BufferedResponse ? response.headers : new HeaderMap(response.headers)
  const viewer = viewerOf(ctx)
  // Every header in one list, added to the route's in one step: see HeaderMap.setAll.
  PAIRS.length = 0
  if (!headers.has('x-ratelimit-limit')) {
    const status =
      locals(ctx).rateStatus ??
      peek(ctx.state, ctx.config.rateLimits, viewer, metaOf(ctx)?.resource || 'core')
    addRateHeaders(add, status)
  }
  add('x-github-request-id', requestId(ctx))
  if (!headers.has('x-github-media-type')) add('x-github-media-type', 'github.v3; format=json')
  add('date', httpDate(ctx.clock.now()))
  headers.setShared(EVERY_ANSWER)
  if (viewer.kind === 'user') add('x-oauth-scopes', 'repo, workflow')
  const cacheable = (ctx.method === 'GET' || ctx.method === 'HEAD') && response.status === 200
  if (!cacheable) {
    if (held === undefined) {
      headers.setAll(PAIRS.items, PAIRS.length)
      return new BufferedResponse(null, { status: response.status, headers })
    }
    add('content-length', String(contentLength(held)))
    headers.setAll(PAIRS.items, PAIRS.length)
    return response.headers === headers ? response : bytesResponse(held, { status: response.status, headers })
  }
  const bytes = held ?? EMPTY
  const etag = etagOf(bytes)
  add('cache-control', viewer.kind === 'anonymous' ? PUBLIC_CACHE : PRIVATE_CACHE)
  add('etag', etag)
  if (etagMatches(ctx.headers.get('if-none-match'), etag)) {
    headers.setAll(PAIRS.items, PAIRS.length)
    // A 304 costs no rate limit on GitHub: give the request back.
    const status = locals(ctx).rateStatus
    if (status) {
      giveBack(ctx.state, viewer, status.resource)
      headers.set('x-ratelimit-remaining', String(status.remaining + 1))
      headers.set('x-ratelimit-used', String(status.used - 1))
    }
    headers.delete('content-type')
    return new BufferedResponse(null, { status: 304, headers })
  }
  // A length lets the client end the body without waiting for the connection to close.
  add('content-length', String(contentLength(bytes)))
  headers.setAll(PAIRS.items, PAIRS.length)
  if (ctx.method === 'HEAD') return new BufferedResponse(null, { status: 200, headers })
  // A buffered answer already carries these headers (taken over above) and this body.
  return response.headers === headers ? response : bytesResponse(bytes, { status: 200, headers })
}

/**
 * The headers decorate adds, gathered before they go into the answer's headers at once: one list
 * for every answer (decorate runs to the end without waiting), not an array grown per answer.
 */
const PAIRS = { items: new Array<string>(64).fill(''), length: 0 }
function add(name: string, value: string): void {
  PAIRS.items[PAIRS.length++] = name
  PAIRS.items[PAIRS.length++] = value
}

/**
 * On every answer, the same for all: one list kept by reference in each answer's headers (see
 * HeaderMap.setShared), so a request log holding thousands of answers holds it once.
 */
const EVERY_ANSWER: readonly string[] = Object.freeze([
  'x-github-api-version-selected',
  '2022-11-28',
  'access-control-allow-origin',
  '*',
  'access-control-expose-headers',
  EXPOSED,
  'server',
  'github.com',
  'vary',
  'Accept, Authorization, Cookie, X-GitHub-OTP,Accept-Encoding, Accept, X-Requested-With',
  'x-content-type-options',
  'nosniff',
  'x-frame-options',
  'deny',
  'x-xss-protection',
  '0',
  'referrer-policy',
  'origin-when-cross-origin, strict-origin-when-cross-origin',
  'content-security-policy',
  "default-src 'none'",
])

/** Who may call the route, once the caller is known; counts the call against its rate limit. */
function admit(ctx: Ctx, viewer: Viewer): undefined {
  const meta = metaOf(ctx)
  setViewer(ctx, viewer)

  if (meta?.as === 'app') {
    if (viewer.kind !== 'app') {
      throw new GitHubApiError(401, 'A JSON web token could not be decoded', {
        documentationUrl: docsOf(ctx),
      })
    }
  } else if (viewer.kind === 'app') {
    throw new GitHubApiError(403, 'Resource not accessible by integration', {
      documentationUrl: docsOf(ctx),
    })
  }
  if (
    viewer.kind === 'anonymous' &&
    (meta?.auth === 'required' || (ctx.method !== 'GET' && ctx.method !== 'HEAD'))
  ) {
    throw new GitHubApiError(401, 'Requires authentication', { documentationUrl: docsOf(ctx) })
  }
  if (meta?.resource) locals(ctx).rateStatus = take(ctx, ctx.config.rateLimits, viewer, meta.resource)
  if (viewer.kind === 'app')
    locals(ctx).onIssue = (token) => ctx.config.tokenPartitions.set(token, ctx.partition)
  return undefined
}

let lastDate = { second: Number.NaN, text: '' }

/** The `Date` header for a time: formatted once per second, as every answer in that second has it. */
function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== lastDate.second) lastDate = { second, text: new Date(second * 1000).toUTCString() }
  return lastDate.text
}

/** `x-github-request-id`, shaped like GitHub's (`C0DE:1A2B:3C4D5E:4D5E6F:67A1B2C3`). */
export function requestId(ctx: Ctx): string {
  const own = locals(ctx)
  own.requestId ??= requestIdOf(ctx.ids.hex(28))
  return own.requestId
}

/**
 * 28 hex digits in upper case, cut 4:4:6:6:8 (the same digits as five draws of those lengths). Joined,
 * not concatenated: a join makes one flat string, where a template made a tree of eight strings per
 * answer, kept by the request log.
 */
function requestIdOf(hex: string): string {
  const h = hex.toUpperCase()
  return [h.slice(0, 4), h.slice(4, 8), h.slice(8, 14), h.slice(14, 20), h.slice(20)].join(':')
}

/**
 * A weak ETag over the body: a SHA-256 in 64 hex digits, like GitHub's. node:crypto hashes
 * synchronously (text as UTF-8 without a copy); WebCrypto's digest would hop to the thread pool for
 * every response.
 */
export function etagOf(body: BodyContent): string {
  // The same resource is often fetched again unchanged: comparing is cheaper than hashing.
  const last = lastEtag
  // A memoized body is the very same bytes again.
  if (last?.body === body) return last.etag
  if (last && last.body.length === body.length) {
    if (
      typeof body === 'string'
        ? last.body === body
        : typeof last.body !== 'string' && sameBytes(last.body, body)
    )
      return last.etag
  }
  const etag = `W/"${createHash('sha256').update(body).digest('hex')}"`
  // Bytes are kept as they are: a body handed to a Response must not change afterwards.
  lastEtag = { body, etag }
  return etag
}
let lastEtag: { body: BodyContent; etag: string } | undefined

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b)
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false
  const strip = (t: string) => t.trim().replace(/^W\//, '')
  return header.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag))
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Validation Failed',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
}

// Order matters where GitHub's paths overlap: `/issues/comments` before `/issues/{issue_number}`.
const routes: Route<GitHubState, GitHubConfig>[] = [
  ...metaRoutes,
  ...userRoutes,
  ...repoRoutes,
  ...collaboratorRoutes,
  ...commentRoutes,
  ...reactionRoutes,
  ...labelRoutes,
  ...issueRoutes,
  ...subIssueRoutes,
  ...reviewRoutes,
  ...pullRoutes,
  ...hookRoutes,
  ...commitRoutes,
  ...releaseRoutes,
  ...issueTypeRoutes,
  ...contentRoutes,
  ...gitDataRoutes,
  ...searchRoutes,
  ...moreSearchRoutes,
  ...appRoutes,
]
routes.push(...repositoryAliasRoutes(() => routes))

/** The GitHub service: routes, state, config, auth and GitHub's error shapes, for `createServiceMock`. */
export const githubService = defineService<GitHubState, GitHubSeed, GitHubConfig>({
  name: 'github',
  hosts: ['https://api.github.com'],
  routes,
  endpoints: knownEndpoints,
  // createGitHubMock passes each mock a token registry of its own.
  config: { defaults: { tokens: 'any', viewer: 'octocat', rateLimits: {}, tokenPartitions: new Map() } },
  createState({ clock, ids, config }) {
    const state = createState(clock, ids, config.viewer)
    ensureUser(state, config.viewer)
    return state
  },
  seed: (state, data) => applySeed(state, data),
  // GitHub reads every body as JSON whatever its Content-Type (its docs' `curl -d '{...}'` examples
  // send application/x-www-form-urlencoded). Malformed JSON stays text: routes answer it with 400
  // "Problems parsing JSON".
  parseBody(_request, _raw, text) {
    if (text.length === 0) return undefined
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  },
  // Under partitionBy: 'credential', an app's JWTs (a new one every few minutes) share the partition
  // `app:<id>`, and its installation tokens act in the partition that issued them.
  // Installation tokens live in the partition that issued them.
  partition(_request, credential, { tokenPartitions }) {
    if (looksLikeJwt(credential)) {
      const iss = jwtIssuer(credential)
      return iss === undefined ? undefined : `app:${iss}`
    }
    return tokenPartitions.get(credential)
  },
  snapshot: snapshotState,

  authenticate(ctx) {
    const viewer = resolveViewer(ctx, ctx.config)
    return viewer instanceof Promise ? viewer.then((v) => admit(ctx, v)) : admit(ctx, viewer)
  },

  finalize(ctx, response) {
    // Unknown paths and injected faults skip authentication; the rate-limit headers still name the caller.
    if (!hasViewer(ctx))
      return Promise.resolve()
        .then(() => resolveViewer(ctx, ctx.config))
        .catch((): Viewer => ({ kind: 'anonymous' }))
        .then((viewer) => {
          setViewer(ctx, viewer)
          return decorate(ctx, response)
        })
    // Synchronous when the caller is known: one promise less per request.
    return decorate(ctx, response)
  },

  errors: {
    notFound: () =>
      new GitHubApiError(404, 'Not Found', {
        documentationUrl: 'https://docs.github.com/rest',
      }).toResponse(),
    fault: (ctx, { status, message }) =>
      new GitHubApiError(status, message ?? DEFAULT_MESSAGES[status] ?? 'Server Error', {
        documentationUrl: docsOf(ctx),
      }).toResponse(),
    rateLimited: (ctx, { retryAfter }) => secondaryLimitResponse(requestId(ctx), retryAfter),
    // Octokit's RequestError reads `message` and `documentation_url`: the error names the endpoint.
    unimplemented: (_ctx, { endpoint }) =>
      new GitHubApiError(
        501,
        `Not Implemented: ${endpoint.method} ${endpoint.path} is an endpoint of the GitHub REST API that the Understudy mock does not implement`,
        { documentationUrl: endpoint.docs ?? 'https://docs.github.com/rest' },
      ).toResponse(),
    internal: (_ctx, error) =>
      new Response(
        JSON.stringify({
          message: `[understudy:github] The mock failed: ${error instanceof Error ? error.stack : String(error)}`,
          documentation_url: 'https://docs.github.com/rest',
          status: '500',
        }),
        { status: 500, headers: { 'content-type': JSON_TYPE } },
      ),
  },
})
