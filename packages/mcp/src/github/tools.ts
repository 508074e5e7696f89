import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import generated from '../generated/github-tools.json' with { type: 'json' }
import { errorResult, jsonResult } from '../results'
import type { Json, RestReply, ServiceTools, ToolContext, ToolDefinition, ToolHandler } from '../types'
import { findProblem } from '../validate'
import { getCommit, listCommits, searchCommits } from './commits'
import { githubError } from './errors'
import { deleteFile, pushFiles } from './git-writes'
import { minimalIssue, minimalIssueComment } from './minimal'
import { updatePullRequestBranch } from './pulls'
import { getLatestRelease, getReleaseByTag, getTag, listReleases, listTags } from './releases'
import { createRepository, forkRepository, listRepositoryCollaborators } from './repositories'
import {
  addCommentToPendingReview,
  addReplyToPullRequestComment,
  noGraphQL,
  pullRequestReviewWrite,
} from './reviews'
import { getMe, searchCode, searchRepositories, searchUsers } from './search'

type Args = Record<string, Json>

const repoPath = (a: Args) => `/repos/${encodeURIComponent(a.owner)}/${encodeURIComponent(a.repo)}`

/** One REST call whose body is the tool's answer, or the official server's error result. */
async function passThrough(
  ctx: ToolContext,
  failure: string,
  method: string,
  path: string,
  request?: Parameters<ToolContext['rest']>[2],
  shape: (reply: RestReply) => unknown = (reply) => reply.body,
): Promise<CallToolResult> {
  const reply = await ctx.rest(method, path, request)
  return reply.ok ? jsonResult(shape(reply)) : githubError(failure, reply)
}

const minimal = (reply: RestReply) => ({ id: String(reply.body.id), url: reply.body.html_url })
const page = (a: Args) => ({ page: a.page, per_page: a.perPage })

const handlers: Record<string, ToolHandler> = {
  create_or_update_file: createOrUpdateFile,
  sub_issue_write: subIssueWrite,
  search_repositories: searchRepositories,
  search_code: searchCode,
  search_users: searchUsers,
  get_me: getMe,
  delete_file: deleteFile,
  push_files: pushFiles,
  list_commits: listCommits,
  get_commit: getCommit,
  search_commits: searchCommits,
  create_repository: createRepository,
  fork_repository: forkRepository,
  update_pull_request_branch: updatePullRequestBranch,
  // GraphQL-only in the official server (context_tools.go, issue_fields.go): listed, refused plainly.
  async get_teams(a, ctx) {
    // Without `user` the official server first asks REST who the caller is, and reports that failure.
    if (!a.user) {
      const me = await ctx.rest('GET', '/user')
      if (!me.ok) return githubError('failed to get user', me)
    }
    return noGraphQL('get_teams')
  },
  get_team_members: async () => noGraphQL('get_team_members'),
  list_issue_fields: async () => noGraphQL('list_issue_fields'),
  async list_issue_types(a, ctx) {
    // With a repository, the repository's types (inherited from its organization); without, the organization's.
    const path = a.repo ? `${repoPath(a)}/issue-types` : `/orgs/${encodeURIComponent(a.owner)}/issue-types`
    return passThrough(ctx, 'failed to list issue types', 'GET', path)
  },
  list_repository_collaborators: listRepositoryCollaborators,
  list_tags: listTags,
  get_tag: getTag,
  list_releases: listReleases,
  get_latest_release: getLatestRelease,
  get_release_by_tag: getReleaseByTag,
  pull_request_review_write: pullRequestReviewWrite,
  add_comment_to_pending_review: addCommentToPendingReview,
  add_reply_to_pull_request_comment: addReplyToPullRequestComment,
  async issue_write(a, ctx) {
    if (a.method === 'create') {
      if (!a.title) return errorResult('missing required parameter: title')
      const json = {
        title: a.title,
        body: a.body ?? '',
        assignees: a.assignees,
        labels: a.labels,
        milestone: a.milestone,
        type: a.type,
      }
      return passThrough(ctx, 'failed to create issue', 'POST', `${repoPath(a)}/issues`, { json }, minimal)
    }
    if (a.issue_number === undefined) return errorResult('missing required parameter: issue_number')
    const json = {
      title: a.title,
      body: a.body,
      assignees: a.assignees,
      labels: a.labels,
      milestone: a.milestone,
      state: a.state,
      state_reason: a.state_reason,
      type: a.type,
    }
    return passThrough(
      ctx,
      'failed to update issue',
      'PATCH',
      `${repoPath(a)}/issues/${a.issue_number}`,
      { json },
      minimal,
    )
  },
  async issue_read(a, ctx) {
    const base = `${repoPath(a)}/issues/${a.issue_number}`
    switch (a.method) {
      case 'get':
        return passThrough(ctx, 'failed to get issue', 'GET', base, {}, (reply) => minimalIssue(reply.body))
      case 'get_comments':
        return passThrough(
          ctx,
          'failed to get issue comments',
          'GET',
          `${base}/comments`,
          { query: page(a) },
          (reply) => (reply.body as Json[]).map(minimalIssueComment),
        )
      case 'get_labels':
        return passThrough(ctx, 'failed to get issue', 'GET', `${base}/labels`)
      case 'get_sub_issues':
        return passThrough(ctx, 'failed to list sub-issues', 'GET', `${base}/sub_issues`, { query: page(a) })
      default:
        // The official server reads the parent through GraphQL, which mock-github does not serve.
        return errorResult(
          `[understudy:mcp] issue_read method "${a.method}" is not supported by the stand-in (mock-github has no GraphQL API)`,
        )
    }
  },
  async add_issue_comment(a, ctx) {
    if (a.body === undefined) return errorResult('missing required parameter: body')
    return passThrough(
      ctx,
      'failed to create comment',
      'POST',
      `${repoPath(a)}/issues/${a.issue_number}/comments`,
      { json: { body: a.body } },
      minimal,
    )
  },
  async list_issues(a, ctx) {
    const reply = await ctx.rest('GET', `${repoPath(a)}/issues`, {
      query: {
        state: a.state ? String(a.state).toLowerCase() : 'open',
        labels: Array.isArray(a.labels) ? a.labels.join(',') : undefined,
        since: a.since,
        sort: a.orderBy ? String(a.orderBy).replace('_AT', '').toLowerCase() : undefined,
        direction: a.direction ? String(a.direction).toLowerCase() : undefined,
        per_page: a.perPage,
      },
    })
    if (!reply.ok) return githubError('failed to list issues', reply)
    const issues = (reply.body as Args[]).filter((issue) => !issue.pull_request).map(minimalIssue)
    return jsonResult({
      issues,
      totalCount: issues.length,
      pageInfo: { hasNextPage: false, hasPreviousPage: false },
    })
  },
  async search_issues(a, ctx) {
    return search(a, ctx, 'is:issue', 'failed to search issues')
  },
  async search_pull_requests(a, ctx) {
    return search(a, ctx, 'is:pr', 'failed to search pull requests')
  },
  async get_label(a, ctx) {
    return passThrough(
      ctx,
      'failed to get label',
      'GET',
      `${repoPath(a)}/labels/${encodeURIComponent(a.name)}`,
    )
  },
  async list_label(a, ctx) {
    const reply = await ctx.rest('GET', `${repoPath(a)}/labels`)
    if (!reply.ok) return githubError('failed to list labels', reply)
    return jsonResult({ labels: reply.body, totalCount: (reply.body as unknown[]).length })
  },
  async label_write(a, ctx) {
    const path = `${repoPath(a)}/labels`
    if (a.method === 'create') {
      if (!a.color) return errorResult('color is required for create')
      return passThrough(ctx, 'failed to create label', 'POST', path, {
        json: { name: a.name, color: a.color, description: a.description },
      })
    }
    if (a.method === 'update') {
      return passThrough(ctx, 'failed to update label', 'PATCH', `${path}/${encodeURIComponent(a.name)}`, {
        json: { new_name: a.new_name, color: a.color, description: a.description },
      })
    }
    const reply = await ctx.rest('DELETE', `${path}/${encodeURIComponent(a.name)}`)
    return reply.ok
      ? jsonResult(`label '${a.name}' deleted successfully`)
      : githubError('failed to delete label', reply)
  },
  async list_pull_requests(a, ctx) {
    return passThrough(ctx, 'failed to list pull requests', 'GET', `${repoPath(a)}/pulls`, {
      query: { state: a.state, head: a.head, base: a.base, sort: a.sort, direction: a.direction, ...page(a) },
    })
  },
  async pull_request_read(a, ctx) {
    const base = `${repoPath(a)}/pulls/${a.pullNumber}`
    const paths: Record<string, [string, string]> = {
      get: [base, 'failed to get pull request'],
      get_files: [`${base}/files`, 'failed to get pull request files'],
      get_commits: [`${base}/commits`, 'failed to get pull request commits'],
      get_review_comments: [`${base}/comments`, 'failed to get pull request review comments'],
      get_reviews: [`${base}/reviews`, 'failed to get pull request reviews'],
      get_comments: [`${repoPath(a)}/issues/${a.pullNumber}/comments`, 'failed to get pull request comments'],
    }
    const target = paths[a.method]
    if (!target) {
      return errorResult(
        `[understudy:mcp] pull_request_read method "${a.method}" is not supported by the stand-in (mock-github has no diffs, statuses or check runs)`,
      )
    }
    return passThrough(ctx, target[1], 'GET', target[0], { query: a.method === 'get' ? {} : page(a) })
  },
  async create_pull_request(a, ctx) {
    return passThrough(
      ctx,
      'failed to create pull request',
      'POST',
      `${repoPath(a)}/pulls`,
      {
        json: {
          title: a.title,
          head: a.head,
          base: a.base,
          body: a.body,
          draft: a.draft,
          maintainer_can_modify: a.maintainer_can_modify,
        },
      },
      minimal,
    )
  },
  async update_pull_request(a, ctx) {
    return passThrough(
      ctx,
      'failed to update pull request',
      'PATCH',
      `${repoPath(a)}/pulls/${a.pullNumber}`,
      {
        json: {
          title: a.title,
          body: a.body,
          state: a.state,
          base: a.base,
          maintainer_can_modify: a.maintainer_can_modify,
        },
      },
      minimal,
    )
  },
  async merge_pull_request(a, ctx) {
    return passThrough(
      ctx,
      'failed to merge pull request',
      'PUT',
      `${repoPath(a)}/pulls/${a.pullNumber}/merge`,
      {
        json: {
          commit_title: a.commit_title,
          commit_message: a.commit_message,
          merge_method: a.merge_method,
        },
      },
    )
  },
  async get_file_contents(a, ctx) {
    const path = String(a.path ?? '/').replace(/^\/+/, '')
    return passThrough(ctx, 'failed to get file contents', 'GET', `${repoPath(a)}/contents/${path}`, {
      query: { ref: a.sha ?? a.ref },
    })
  },
  async list_branches(a, ctx) {
    return passThrough(ctx, 'failed to list branches', 'GET', `${repoPath(a)}/branches`, { query: page(a) })
  },
  async create_branch(a, ctx) {
    let from = a.from_branch
    if (!from) {
      const repo = await ctx.rest('GET', repoPath(a))
      if (!repo.ok) return githubError('failed to get repository', repo)
      from = repo.body.default_branch
    }
    const branches = await ctx.rest('GET', `${repoPath(a)}/branches`)
    if (!branches.ok) return githubError('failed to get reference', branches)
    const source = (branches.body as Args[]).find((b) => b.name === from)
    if (!source) return errorResult(`failed to get reference: branch ${from} not found`)
    return passThrough(ctx, 'failed to create branch', 'POST', `${repoPath(a)}/git/refs`, {
      json: { ref: `refs/heads/${a.branch}`, sha: source.commit.sha },
    })
  },
}

/** Base64 of the UTF-8 bytes, as the official server encodes `content` before the REST call. */
function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * `create_or_update_file`: the official server first reads the path on the branch, refusing a
 * directory, an existing file without `sha` and a stale `sha` in its own words, then writes it with
 * the contents API and answers the trimmed `MinimalFileContentResponse`.
 */
async function createOrUpdateFile(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const path = String(a.path).replace(/^\//, '')
  const existing = await ctx.rest('GET', `${repoPath(a)}/contents/${path}`, { query: { ref: a.branch } })
  if (!existing.ok && existing.status !== 404) {
    return githubError(a.sha ? 'failed to verify file SHA' : 'failed to check if file exists', existing)
  }
  if (existing.ok && Array.isArray(existing.body)) {
    return errorResult(`Path ${path} is a directory, not a file. This tool only works with files.`)
  }
  if (existing.ok && !a.sha) {
    return errorResult(
      `File already exists at ${path}. You must provide the current file's SHA when updating. Use git rev-parse ${a.branch}:${path} to get the blob SHA, then retry with the sha parameter.`,
    )
  }
  if (existing.ok && existing.body.sha !== a.sha) {
    return errorResult(
      `SHA mismatch: provided SHA ${a.sha} is stale. Current file SHA is ${existing.body.sha}. Pull the latest changes and use git rev-parse ${a.branch}:${path} to get the current SHA.`,
    )
  }
  const json = {
    message: a.message,
    content: base64(String(a.content)),
    branch: a.branch,
    sha: a.sha || undefined,
  }
  return passThrough(
    ctx,
    'failed to create/update file',
    'PUT',
    `${repoPath(a)}/contents/${path}`,
    { json },
    (reply) => {
      const { content, commit } = reply.body
      return {
        ...(content
          ? {
              content: {
                name: content.name,
                path: content.path,
                sha: content.sha,
                ...(content.size ? { size: content.size } : {}),
                html_url: content.html_url,
              },
            }
          : {}),
        commit: {
          sha: commit.sha,
          ...(commit.message ? { message: commit.message } : {}),
          ...(commit.html_url ? { html_url: commit.html_url } : {}),
          ...(commit.author
            ? { author: { name: commit.author.name, email: commit.author.email, date: commit.author.date } }
            : {}),
        },
      }
    },
  )
}

/** `sub_issue_write`: add, remove or reprioritize one sub-issue, answering the REST JSON. */
async function subIssueWrite(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const base = `${repoPath(a)}/issues/${a.issue_number}`
  switch (String(a.method).toLowerCase()) {
    case 'add':
      return passThrough(ctx, 'failed to add sub-issue', 'POST', `${base}/sub_issues`, {
        json: { sub_issue_id: a.sub_issue_id, replace_parent: a.replace_parent === true },
      })
    case 'remove':
      return passThrough(ctx, 'failed to remove sub-issue', 'DELETE', `${base}/sub_issue`, {
        json: { sub_issue_id: a.sub_issue_id },
      })
    case 'reprioritize': {
      // The official server reads an absent id as 0.
      const after = a.after_id || undefined
      const before = a.before_id || undefined
      if (!after && !before) return errorResult('either after_id or before_id must be specified')
      if (after && before)
        return errorResult('only one of after_id or before_id should be specified, not both')
      return passThrough(ctx, 'failed to reprioritize sub-issue', 'PATCH', `${base}/sub_issues/priority`, {
        json: { sub_issue_id: a.sub_issue_id, after_id: after, before_id: before },
      })
    }
    default:
      return errorResult(`unknown method: ${a.method}`)
  }
}

async function search(a: Args, ctx: ToolContext, kind: string, failure: string): Promise<CallToolResult> {
  let q = String(a.query)
  if (!q.includes(kind)) q = `${kind} ${q}`
  if (a.owner && a.repo && !q.includes('repo:')) q = `repo:${a.owner}/${a.repo} ${q}`
  return passThrough(ctx, failure, 'GET', '/search/issues', {
    query: { q, sort: a.sort, order: a.order, ...page(a) },
  })
}

function goType(value: unknown): string {
  if (typeof value === 'number') return 'float64'
  if (typeof value === 'boolean') return 'bool'
  if (Array.isArray(value)) return '[]interface {}'
  if (typeof value === 'object') return 'map[string]interface {}'
  return typeof value
}

/** github-mcp-server's own checks (pkg/github/server.go RequiredParam/OptionalParam wording). */
function validate(tool: ToolDefinition, args: Record<string, unknown>): string | undefined {
  const problem = findProblem(tool, args)
  if (!problem) return undefined
  if (problem.kind === 'missing') return `missing required parameter: ${problem.name}`
  if (problem.kind === 'type')
    return `parameter ${problem.name} is not of type ${problem.expected}, is ${goType(args[problem.name])}`
  return `unknown ${problem.name}: ${problem.actual}`
}

/** The official github-mcp-server's tools (release in `src/generated/github-tools.json`) on mock-github. */
export const githubTools: ServiceTools = {
  service: 'github',
  definitions: generated.tools as unknown as ToolDefinition[],
  handlers,
  validate,
  origin: 'https://api.github.com',
  authorize(credential, headers) {
    headers.set('authorization', `Bearer ${credential}`)
    headers.set('accept', 'application/vnd.github+json')
  },
}

/** The source the GitHub definitions were extracted from. */
export const githubSource = generated.source
