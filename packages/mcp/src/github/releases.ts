import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { jsonResult } from '../results'
import type { Json, ToolContext } from '../types'
import { githubError, wrappedGoError } from './errors'
import { minimalUser, omitEmpty, rfc3339 } from './minimal'

type Args = Record<string, Json>

// github-mcp-server's list_tags, get_tag, list_releases, get_latest_release and get_release_by_tag
// (pkg/github/repositories.go), each the REST calls it makes, trimmed to MinimalTag/MinimalRelease
// where it trims.

const repoPath = (a: Args) => `/repos/${encodeURIComponent(a.owner)}/${encodeURIComponent(a.repo)}`
const page = (a: Args) => ({ page: a.page, per_page: a.perPage })

/** convertToMinimalRelease */
function minimalRelease(r: Json): Record<string, unknown> {
  return {
    id: r.id,
    tag_name: r.tag_name ?? '',
    ...omitEmpty({ name: r.name, body: r.body }),
    html_url: r.html_url ?? '',
    ...omitEmpty({ published_at: rfc3339(r.published_at) }),
    prerelease: Boolean(r.prerelease),
    draft: Boolean(r.draft),
    ...omitEmpty({ author: minimalUser(r.author) }),
  }
}

export async function listTags(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('GET', `${repoPath(a)}/tags`, { query: page(a) })
  if (!reply.ok) return githubError('failed to list tags', reply)
  return jsonResult((reply.body as Json[]).map((t) => ({ name: t.name ?? '', sha: t.commit?.sha ?? '' })))
}

/** The tag's ref; an annotated tag's object is read from git/tags, a lightweight tag answers with its ref. */
export async function getTag(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const ref = await ctx.rest(
    'GET',
    `${repoPath(a)}/git/ref/tags/${String(a.tag).split('/').map(encodeURIComponent).join('/')}`,
  )
  if (!ref.ok) return githubError('failed to get tag reference', ref)
  if (ref.body.object?.type === 'commit') {
    // go-github's Reference, in its field order.
    const { object } = ref.body
    return jsonResult({
      ref: ref.body.ref,
      url: ref.body.url,
      object: { type: object.type, sha: object.sha, url: object.url },
      node_id: ref.body.node_id,
    })
  }
  const tag = await ctx.rest('GET', `${repoPath(a)}/git/tags/${ref.body.object.sha}`)
  if (!tag.ok) return githubError('failed to get tag object', tag)
  return jsonResult(tag.body)
}

export async function listReleases(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('GET', `${repoPath(a)}/releases`, { query: page(a) })
  if (!reply.ok) return wrappedGoError('failed to list releases', reply)
  const releases = (reply.body as Json[]).map(minimalRelease)
  const fields = Array.isArray(a.fields) ? (a.fields as string[]) : []
  if (fields.length === 0) return jsonResult(releases)
  // Go marshals each filtered map with its keys sorted.
  return jsonResult(
    releases.map((r) =>
      Object.fromEntries(
        [...new Set(fields)]
          .filter((f) => f in r)
          .sort()
          .map((f) => [f, r[f]]),
      ),
    ),
  )
}

export async function getLatestRelease(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('GET', `${repoPath(a)}/releases/latest`)
  if (!reply.ok) return wrappedGoError('failed to get latest release', reply)
  return jsonResult(reply.body)
}

export async function getReleaseByTag(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('GET', `${repoPath(a)}/releases/tags/${encodeURIComponent(a.tag)}`)
  if (!reply.ok) return githubError(`failed to get release by tag: ${a.tag}`, reply)
  return jsonResult(reply.body)
}
