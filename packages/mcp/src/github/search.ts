import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { jsonResult } from '../results'
import type { Json, ToolContext } from '../types'
import { githubError } from './errors'
import { minimalUser, omitEmpty, rfc3339 } from './minimal'

type Args = Record<string, Json>

// github-mcp-server's search_repositories, search_code and search_users (pkg/github/search.go): the
// query goes to the REST search endpoint as given (users get `type:user` unless the query names a
// type), and the answer is trimmed to its Minimal*SearchResult types.

const options = (a: Args) => ({ sort: a.sort, order: a.order, page: a.page, per_page: a.perPage })

/** `MinimalRepository`: Go's omitempty on the optional strings and topics, counters and flags always. */
function minimalRepository(repo: Json) {
  return {
    id: repo.id,
    name: repo.name,
    full_name: repo.full_name,
    ...omitEmpty({ description: repo.description }),
    html_url: repo.html_url,
    ...omitEmpty({ language: repo.language }),
    stargazers_count: repo.stargazers_count ?? 0,
    forks_count: repo.forks_count ?? 0,
    open_issues_count: repo.open_issues_count ?? 0,
    ...omitEmpty({ updated_at: rfc3339(repo.updated_at), created_at: rfc3339(repo.created_at) }),
    ...(Array.isArray(repo.topics) && repo.topics.length > 0 ? { topics: repo.topics } : {}),
    private: Boolean(repo.private),
    fork: Boolean(repo.fork),
    archived: Boolean(repo.archived),
    ...omitEmpty({ default_branch: repo.default_branch }),
  }
}

export async function searchRepositories(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('GET', '/search/repositories', { query: { q: a.query, ...options(a) } })
  if (!reply.ok) return githubError(`failed to search repositories with query '${a.query}'`, reply)
  const { total_count, incomplete_results, items } = reply.body
  if (a.minimal_output === false) return jsonResult({ total_count, incomplete_results, items })
  return jsonResult({ total_count, incomplete_results, items: (items as Json[]).map(minimalRepository) })
}

/** Go marshals a map with its keys sorted, so a `fields`-filtered answer comes out sorted. */
function sorted(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export async function searchCode(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('GET', '/search/code', {
    query: { q: a.query, ...options(a) },
    // The official server always asks for text matches (SearchOptions.TextMatch).
    accept: 'application/vnd.github.v3.text-match+json',
  })
  if (!reply.ok) return githubError(`failed to search code with query '${a.query}'`, reply)
  const { total_count, incomplete_results } = reply.body
  const items = (reply.body.items as Json[]).map((code) => ({
    name: code.name ?? '',
    path: code.path ?? '',
    sha: code.sha ?? '',
    repository: code.repository?.full_name ?? '',
    ...(Array.isArray(code.text_matches) && code.text_matches.length > 0
      ? { text_matches: code.text_matches }
      : {}),
  }))
  const fields = Array.isArray(a.fields) ? (a.fields as string[]) : []
  if (fields.length === 0) return jsonResult({ total_count, incomplete_results, items })
  const picked = items.map((item) =>
    sorted(Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f as keyof typeof item]]))),
  )
  return jsonResult(sorted({ total_count, incomplete_results, items: picked }))
}

export async function searchUsers(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const query = String(a.query)
  const q = /(^|\s|\W)type:\S+/.test(query) ? query : `type:user ${query}`
  const reply = await ctx.rest('GET', '/search/users', { query: { q, ...options(a) } })
  if (!reply.ok) return githubError(`failed to search users with query '${query}'`, reply)
  const { total_count, incomplete_results } = reply.body
  const items = (reply.body.items as Json[]).filter((user) => user.login).map(minimalUser)
  return jsonResult({ total_count, incomplete_results, items })
}

/** `get_me`: GET /user trimmed to MinimalUser with its UserDetails (pkg/github/context_tools.go). */
export async function getMe(_a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('GET', '/user')
  if (!reply.ok) return githubError('failed to get user', reply)
  const user = reply.body
  return jsonResult({
    ...minimalUser(user),
    details: {
      ...omitEmpty({
        name: user.name,
        company: user.company,
        blog: user.blog,
        location: user.location,
        email: user.email,
        hireable: user.hireable,
        bio: user.bio,
        twitter_username: user.twitter_username,
      }),
      public_repos: user.public_repos ?? 0,
      public_gists: user.public_gists ?? 0,
      followers: user.followers ?? 0,
      following: user.following ?? 0,
      // Go's zero time.Time when GitHub sends none.
      created_at: rfc3339(user.created_at) ?? '0001-01-01T00:00:00Z',
      updated_at: rfc3339(user.updated_at) ?? '0001-01-01T00:00:00Z',
      ...omitEmpty({
        private_gists: user.private_gists,
        total_private_repos: user.total_private_repos,
        owned_private_repos: user.owned_private_repos,
      }),
    },
  })
}
