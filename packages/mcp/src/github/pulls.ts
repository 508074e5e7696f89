import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { errorResult, jsonResult } from '../results'
import type { Json, ToolContext } from '../types'
import { githubError } from './errors'

type Args = Record<string, Json>

const repoPath = (a: Args) => `/repos/${encodeURIComponent(a.owner)}/${encodeURIComponent(a.repo)}`

/**
 * update_pull_request_branch: GitHub answers 202, which go-github reports as an AcceptedError and the
 * official server as "Pull request branch update is in progress".
 */
export async function updatePullRequestBranch(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const reply = await ctx.rest('PUT', `${repoPath(a)}/pulls/${a.pullNumber}/update-branch`, {
    json: a.expectedHeadSha ? { expected_head_sha: a.expectedHeadSha } : {},
  })
  if (reply.status === 202) return jsonResult('Pull request branch update is in progress')
  if (!reply.ok) return githubError('failed to update pull request branch', reply)
  // A success other than 202 (which GitHub does not send): the official server's status error.
  return errorResult(
    `failed to update pull request branch: unexpected status ${reply.status}: ${JSON.stringify(reply.body)}`,
  )
}
