import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { errorResult, jsonResult } from '../results'
import type { Json, RestReply, ToolContext } from '../types'
import { githubError } from './errors'

type Args = Record<string, Json>

// github-mcp-server's create_repository and list_repository_collaborators (pkg/github/repositories.go).

const repoPath = (a: Args) => `/repos/${encodeURIComponent(a.owner)}/${encodeURIComponent(a.repo)}`

/** go-github's Response.NextPage/PrevPage/FirstPage/LastPage: the `page` of each Link relation, or 0. */
function pages(reply: RestReply): Record<'nextPage' | 'prevPage' | 'firstPage' | 'lastPage', number> {
  const out = { nextPage: 0, prevPage: 0, firstPage: 0, lastPage: 0 }
  for (const part of (reply.headers.get('link') ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="(next|prev|first|last)"/.exec(part.trim())
    if (!m) continue
    const page = Number(new URL(m[1]!).searchParams.get('page') ?? 0) || 0
    out[`${m[2] as 'next' | 'prev' | 'first' | 'last'}Page`] = page
  }
  return out
}

export async function listRepositoryCollaborators(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('GET', `${repoPath(a)}/collaborators`, {
    query: { affiliation: a.affiliation || undefined, page: a.page, per_page: a.perPage },
  })
  if (!reply.ok) return githubError('failed to list collaborators', reply)
  const items = (reply.body as Json[]).map((c) => ({
    login: c.login ?? '',
    id: c.id ?? 0,
    role_name: c.role_name ?? '',
  }))
  // Go marshals the map with its keys sorted.
  const { firstPage, lastPage, nextPage, prevPage } = pages(reply)
  return jsonResult({ firstPage, items, lastPage, nextPage, prevPage })
}

/** Repositories.Create: the organization's repos when one is named, else the user's; private by default. */
export async function createRepository(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const path = a.organization ? `/orgs/${encodeURIComponent(a.organization)}/repos` : '/user/repos'
  const reply = await ctx.rest('POST', path, {
    json: {
      name: a.name,
      description: a.description ?? '',
      private: a.private ?? true,
      auto_init: a.autoInit ?? false,
    },
  })
  if (!reply.ok) return githubError('failed to create repository', reply)
  return jsonResult({ id: String(reply.body.id), url: reply.body.html_url ?? '' })
}

/**
 * fork_repository: go-github turns GitHub's 202 into an AcceptedError, which the official server
 * answers as "Fork is in progress"; `{ id, url }` would only come from a 200, which GitHub does not send.
 */
export async function forkRepository(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('POST', `${repoPath(a)}/forks`, {
    json: a.organization ? { organization: a.organization } : {},
  })
  if (reply.status === 202) return jsonResult('Fork is in progress')
  if (!reply.ok) return githubError('failed to fork repository', reply)
  // A success other than 202 (which GitHub does not send): the official server's status error.
  return errorResult(
    `failed to fork repository: unexpected status ${reply.status}: ${JSON.stringify(reply.body)}`,
  )
}
