import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { errorResult, jsonResult } from '../results'
import type { Json, ToolContext } from '../types'
import { githubError } from './errors'

type Args = Record<string, Json>

// github-mcp-server's pull-request review writes (pkg/github/pullrequests.go). Replies and reactions
// go through REST; reviews made, submitted or deleted and comments on a pending review go through
// GraphQL, which mock-github does not serve, so those answer an error result saying so.

const repoPath = (a: Args) => `/repos/${encodeURIComponent(a.owner)}/${encodeURIComponent(a.repo)}`

/** What the official server does through GraphQL: refused plainly rather than faked over REST. */
export const noGraphQL = (what: string) =>
  errorResult(`[understudy:mcp] ${what} is not supported by the stand-in (mock-github has no GraphQL API)`)

export async function pullRequestReviewWrite(a: Args): Promise<CallToolResult> {
  if (
    !['create', 'submit_pending', 'delete_pending', 'resolve_thread', 'unresolve_thread'].includes(a.method)
  )
    return errorResult(`unknown method: ${a.method}`)
  return noGraphQL(`pull_request_review_write method "${a.method}"`)
}

export async function addCommentToPendingReview(): Promise<CallToolResult> {
  return noGraphQL('add_comment_to_pending_review')
}

/** add_reply_to_pull_request_comment: the reaction first, then the reply, as the official server orders them. */
export async function addReplyToPullRequestComment(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const commentId = Number(a.commentId)
  if (commentId < 1) return errorResult('commentId must be greater than 0')
  const hasBody = a.body !== undefined && a.body !== null
  const hasReaction = a.reaction !== undefined && a.reaction !== null
  if (!hasBody && !hasReaction) return errorResult('at least one of body or reaction is required')
  if (hasBody && a.body === '') return errorResult('body cannot be empty when provided')
  if (hasReaction && a.reaction === '') return errorResult('reaction cannot be empty when provided')
  if (hasBody && (a.pullNumber === undefined || a.pullNumber === null))
    return errorResult('missing required parameter: pullNumber')

  let reaction: { id: string; url: string } | undefined
  if (hasReaction) {
    const reply = await ctx.rest('POST', `${repoPath(a)}/pulls/comments/${commentId}/reactions`, {
      json: { content: a.reaction },
    })
    if (!reply.ok) return githubError('failed to add reaction to pull request review comment', reply)
    reaction = {
      id: String(reply.body.id),
      // client.BaseURL() + the path, as the official server builds it (not the reaction's own URL).
      url: `https://api.github.com/repos/${a.owner}/${a.repo}/pulls/comments/${commentId}/reactions/${reply.body.id}`,
    }
  }
  let comment: { id: string; url: string } | undefined
  if (hasBody) {
    const reply = await ctx.rest(
      'POST',
      `${repoPath(a)}/pulls/${a.pullNumber}/comments/${commentId}/replies`,
      { json: { body: a.body } },
    )
    if (!reply.ok) return githubError('failed to add reply to pull request comment', reply)
    comment = { id: String(reply.body.id), url: reply.body.html_url ?? '' }
  }
  if (comment && reaction) return jsonResult({ comment, reaction })
  return jsonResult(reaction ?? comment)
}
