import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { errorResult, jsonResult } from '../results'
import type { Json, ToolContext } from '../types'
import { githubError } from './errors'
import { minimalUser, omitEmpty, rfc3339 } from './minimal'

type Args = Record<string, Json>

// github-mcp-server's list_commits and get_commit (pkg/github/repositories.go): one REST call each
// (GET commits, GET commits/{sha}), trimmed to MinimalCommit (pkg/github/minimal_types.go).

const repoPath = (a: Args) => `/repos/${encodeURIComponent(a.owner)}/${encodeURIComponent(a.repo)}`

type Detail = 'none' | 'stats' | 'full_patch'

const commitAuthor = (p: Json) =>
  p ? omitEmpty({ name: p.name, email: p.email, date: rfc3339(p.date) }) : undefined

/** convertToMinimalCommit: stats and files only above detail `none`, patches only for `full_patch`. */
function minimalCommit(c: Json, detail: Detail): Record<string, unknown> {
  const out: Record<string, unknown> = {
    sha: c.sha ?? '',
    html_url: c.html_url ?? '',
    ...omitEmpty({
      commit: c.commit
        ? {
            message: c.commit.message ?? '',
            ...omitEmpty({
              author: commitAuthor(c.commit.author),
              committer: commitAuthor(c.commit.committer),
            }),
          }
        : undefined,
      author: minimalUser(c.author),
      committer: minimalUser(c.committer),
    }),
  }
  if (detail === 'none') return out
  if (c.stats) {
    out.stats = omitEmpty({
      additions: c.stats.additions,
      deletions: c.stats.deletions,
      total: c.stats.total,
    })
  }
  if (Array.isArray(c.files) && c.files.length > 0) {
    out.files = c.files.map((f: Json) => ({
      filename: f.filename ?? '',
      ...omitEmpty({
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
        changes: f.changes,
        patch: detail === 'full_patch' ? f.patch : undefined,
      }),
    }))
  }
  return out
}

/** search_commits: GET /search/commits, items as MinimalCommitSearchItem (the commit and its repository). */
export async function searchCommits(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('GET', '/search/commits', {
    query: { q: a.query, sort: a.sort, order: a.order, page: a.page, per_page: a.perPage },
  })
  if (!reply.ok) return githubError(`failed to search commits with query '${a.query}'`, reply)
  const { total_count, incomplete_results } = reply.body
  const items = (reply.body.items as Json[]).map((c) => ({
    ...minimalCommit(c, 'none'),
    ...(c.repository
      ? {
          repository: {
            full_name: c.repository.full_name ?? '',
            ...omitEmpty({ html_url: c.repository.html_url, private: c.repository.private }),
          },
        }
      : {}),
  }))
  return jsonResult({ total_count, incomplete_results, items })
}

/** Go's time.Parse with RFC3339, then 2006-01-02 (parseISOTimestamp). */
function isoTimestamp(value: string): string | undefined {
  if (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  )
    return new Date(value).toISOString().replace(/\.000Z$/, 'Z')
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return `${value}T00:00:00Z`
  return undefined
}

/** Go marshals a map with its keys sorted, so a `fields`-filtered item comes out sorted. */
function pick(item: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(
    fields
      .filter((f, i) => f in item && fields.indexOf(f) === i)
      .sort()
      .map((f) => [f, item[f]]),
  )
}

export async function listCommits(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const dates: Record<string, string | undefined> = {}
  for (const key of ['since', 'until'] as const) {
    if (!a[key]) continue
    dates[key] = isoTimestamp(String(a[key]))
    if (!dates[key])
      return errorResult(
        `invalid ${key} timestamp: invalid ISO 8601 timestamp: ${a[key]} (supported formats: YYYY-MM-DDThh:mm:ssZ or YYYY-MM-DD)`,
      )
  }
  const reply = await ctx.rest('GET', `${repoPath(a)}/commits`, {
    query: {
      sha: a.sha || undefined,
      path: a.path || undefined,
      author: a.author || undefined,
      since: dates.since,
      until: dates.until,
      page: a.page,
      per_page: a.perPage || 30,
    },
  })
  if (!reply.ok) return githubError(`failed to list commits: ${a.sha ?? ''}`, reply)
  const commits = (reply.body as Json[]).map((c) => minimalCommit(c, 'none'))
  const fields = Array.isArray(a.fields) ? (a.fields as string[]) : []
  return jsonResult(fields.length > 0 ? commits.map((c) => pick(c, fields)) : commits)
}

export async function getCommit(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const detail = (a.detail || 'stats') as string
  if (!['none', 'stats', 'full_patch'].includes(detail))
    return errorResult(`invalid detail "${detail}": must be one of "none", "stats", "full_patch"`)
  const reply = await ctx.rest('GET', `${repoPath(a)}/commits/${encodeURIComponent(a.sha)}`, {
    query: { page: a.page, per_page: a.perPage },
  })
  if (!reply.ok) return githubError(`failed to get commit: ${a.sha}`, reply)
  return jsonResult(minimalCommit(reply.body, detail as Detail))
}
