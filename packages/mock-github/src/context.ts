import type { GitHubConfig } from './config'
/**
 * What every route shares: the caller (viewer), repository lookup with GitHub's visibility rules,
 * and JSON responses with GitHub's headers.
 *
 * @module
 */

import { bytesResponse, type ServiceContext } from '@understudy/core'
import { GitHubApiError, notFound } from './errors'
import { type RenderContext, renderContext } from './fixtures/context'
import { locals } from './locals'
import type { OperationMeta } from './routes/define'
import { findRepo, type GitHubState, getUser, installationCovers, type RepoRecord } from './state'

export type Ctx = ServiceContext<GitHubState, GitHubConfig>

/** Who is calling. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; login: string }
  | { kind: 'installation'; installation: number; app: number; login: string; repositories: 'all' | string[] }
  | { kind: 'app'; app: number }

export function setViewer(ctx: Ctx, viewer: Viewer): void {
  locals(ctx).viewer = viewer
}

export function hasViewer(ctx: Ctx): boolean {
  return locals(ctx).viewer !== undefined
}

export function viewerOf(ctx: Ctx): Viewer {
  return locals(ctx).viewer ?? { kind: 'anonymous' }
}

/** The login that acts (authors issues, comments): the user, or the app's bot. */
export function actorLogin(ctx: Ctx): string {
  const viewer = viewerOf(ctx)
  if (viewer.kind === 'user' || viewer.kind === 'installation') return viewer.login
  throw new GitHubApiError(401, 'Requires authentication', { documentationUrl: docsOf(ctx) })
}

export function appOf(ctx: Ctx): number | undefined {
  const viewer = viewerOf(ctx)
  return viewer.kind === 'installation' ? viewer.app : undefined
}

export function metaOf(ctx: Ctx): OperationMeta | undefined {
  return ctx.routeOptions.meta as OperationMeta | undefined
}

export function docsOf(ctx: Ctx): string {
  return metaOf(ctx)?.docs ?? 'https://docs.github.com/rest'
}

export function rc(ctx: Ctx): RenderContext {
  return renderContext(ctx.state, ctx.baseUrl)
}

export type Access = 'none' | 'read' | 'write' | 'admin'

/** What the caller may do with a repository. */
export function accessTo(ctx: Ctx, repo: RepoRecord): Access {
  const viewer = viewerOf(ctx)
  const base: Access = repo.private ? 'none' : 'read'
  if (viewer.kind === 'anonymous' || viewer.kind === 'app') return base
  if (viewer.kind === 'installation') {
    const installation = ctx.state.installations.get(viewer.installation)
    return installation && installationCovers(installation, repo, viewer.repositories) ? 'write' : base
  }
  const login = viewer.login.toLowerCase()
  // Unknown tokens act as the default viewer, who stands for the account that owns the fixtures.
  if (login === ctx.state.viewer.toLowerCase()) return 'admin'
  if (login === repo.owner.toLowerCase()) return 'admin'
  for (const c of repo.collaborators) if (c.toLowerCase() === login) return 'write'
  return base
}

/** The repository in the path; 404 when it does not exist or the caller may not see it. */
export function repoFor(ctx: Ctx, need: Access = 'read'): RepoRecord {
  const repo = findRepo(ctx.state, ctx.params.owner ?? '', ctx.params.repo ?? '')
  if (!repo) notFound(docsOf(ctx))
  const access = accessTo(ctx, repo)
  if (access === 'none') notFound(docsOf(ctx))
  // Archived repositories take no writes, except the PATCH that unarchives them.
  const unarchive = ctx.method === 'PATCH' && /^\/repos\/[^/]+\/[^/]+$/.test(ctx.path)
  if (repo.archived && ctx.method !== 'GET' && ctx.method !== 'HEAD' && !unarchive) {
    throw new GitHubApiError(403, 'Repository was archived so is read-only.', {
      documentationUrl: docsOf(ctx),
    })
  }
  if (rank(access) < rank(need)) {
    const viewer = viewerOf(ctx)
    if (viewer.kind === 'installation') {
      throw new GitHubApiError(403, 'Resource not accessible by integration', {
        documentationUrl: docsOf(ctx),
      })
    }
    if (viewer.kind === 'anonymous') {
      throw new GitHubApiError(401, 'Requires authentication', { documentationUrl: docsOf(ctx) })
    }
    throw new GitHubApiError(
      403,
      need === 'admin' ? 'Must have admin rights to Repository.' : 'Must have push access to repository',
      {
        documentationUrl: docsOf(ctx),
      },
    )
  }
  return repo
}

function rank(access: Access): number {
  return { none: 0, read: 1, write: 2, admin: 3 }[access]
}

export function permissionsFor(access: Access) {
  return {
    admin: access === 'admin',
    maintain: access === 'admin',
    push: access === 'admin' || access === 'write',
    triage: access === 'admin' || access === 'write',
    pull: access !== 'none',
  }
}

export const JSON_TYPE = 'application/json; charset=utf-8'
const encoder = new TextEncoder()

/**
 * A JSON response as GitHub sends it (compact, `application/json; charset=utf-8`).
 *
 * @example
 * return json(rendered, { status: 201, headers: { location: url } })
 */
export function json(
  data: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  // Kept as text: finalize hashes it for the ETag and the server writes it without encoding it here.
  return bytesResponse(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { 'content-type': JSON_TYPE, ...init.headers },
  })
}

/**
 * {@link json} for a render of state the route only reads: serialised once per state version of
 * the partition (`ctx.memo`), so a resource read again and again is not rendered again. `key` names
 * the resource and everything else the render depends on besides the state.
 */
export function memoJson(ctx: Ctx, key: string, render: () => unknown): Response {
  // Encoded once too: the server writes the same bytes to each socket without encoding them again.
  const bytes = ctx.memo(`json ${key} ${ctx.baseUrl}`, () => encoder.encode(JSON.stringify(render())))
  return bytesResponse(bytes, { status: 200, headers: { 'content-type': JSON_TYPE } })
}

export function noContent(): Response {
  return new Response(null, { status: 204 })
}

/** The JSON body as an object, or a 400 "Problems parsing JSON" as GitHub answers malformed bodies. */
export function bodyOf(ctx: Ctx): Record<string, unknown> {
  if (ctx.bodyError) throw new GitHubApiError(400, 'Problems parsing JSON', { documentationUrl: docsOf(ctx) })
  const body = ctx.body
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) {
    if (typeof body === 'string')
      throw new GitHubApiError(400, 'Problems parsing JSON', { documentationUrl: docsOf(ctx) })
    return {}
  }
  return body as Record<string, unknown>
}

export function userExists(ctx: Ctx, login: string): boolean {
  return getUser(ctx.state, login) !== undefined
}

/** The issue number in the path; GitHub 404s non-numeric ones. */
export function issueNumber(ctx: Ctx): number {
  const raw = ctx.params.issue_number ?? ctx.params.pull_number ?? ''
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) notFound(docsOf(ctx))
  return n
}

/** `true`/`false` as GitHub reads query flags. */
export function queryFlag(ctx: Ctx, name: string): boolean | undefined {
  const v = ctx.query.get(name)
  if (v === null) return undefined
  return v === 'true' || v === '1'
}

/**
 * The URL pages of a list link to. Repository lists link through `/repositories/{id}/...`, as GitHub's
 * Link headers do; the alias routes serve those paths.
 */
export function pageUrl(ctx: Ctx): string {
  const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(ctx.path)
  const repo = m ? findRepo(ctx.state, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)) : undefined
  return repo ? `${ctx.baseUrl}/repositories/${repo.id}${m![3] ?? ''}` : `${ctx.baseUrl}${ctx.path}`
}
