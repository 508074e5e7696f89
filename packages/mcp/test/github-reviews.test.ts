import { Octokit } from '@octokit/rest'
import { createGitHubMock } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, toolCaller } from './helpers'

const o = { owner: 'octo', repo: 'app' }

async function setup() {
  const github = createGitHubMock({
    seed: {
      repos: [
        {
          full_name: 'octo/app',
          files: { 'src/index.ts': 'export const a = 1\n' },
          branches: { feature: { 'src/index.ts': 'export const a = 2\n' } },
        },
      ],
    },
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  const call = toolCaller(client)
  const { data: pr } = await octokit.pulls.create({ ...o, title: 'Bump a', head: 'feature', base: 'main' })
  const { data: comment } = await octokit.pulls.createReviewComment({
    ...o,
    pull_number: pr.number,
    body: 'Why 2?',
    commit_id: pr.head.sha,
    path: 'src/index.ts',
    line: 1,
    side: 'RIGHT',
  })
  return { github, octokit, call, pr, comment }
}

test('add_reply_to_pull_request_comment reacts, then replies, through REST; answers { id, url } or both', async () => {
  const { github, octokit, call, pr, comment } = await setup()
  const both = await call('add_reply_to_pull_request_comment', {
    ...o,
    pullNumber: pr.number,
    commentId: comment.id,
    body: 'Because 1 was wrong',
    reaction: 'eyes',
  })
  expect(both.isError, both.text).toBe(false)
  const { data: comments } = await octokit.pulls.listReviewComments({ ...o, pull_number: pr.number })
  const reply = comments.find((c) => c.in_reply_to_id === comment.id)!
  expect(reply.body).toBe('Because 1 was wrong')
  const { data: reactions } = await octokit.reactions.listForPullRequestReviewComment({
    ...o,
    comment_id: comment.id,
  })
  expect(reactions.map((r) => r.content)).toEqual(['eyes'])
  expect(JSON.parse(both.text)).toEqual({
    comment: { id: String(reply.id), url: reply.html_url },
    reaction: {
      id: String(reactions[0]!.id),
      url: `https://api.github.com/repos/octo/app/pulls/comments/${comment.id}/reactions/${reactions[0]!.id}`,
    },
  })
  expect(
    github
      .calls({ path: 'mcp:tools/call add_reply_to_pull_request_comment' })
      .map((c) => `${c.via?.method} ${c.via?.path}`),
  ).toEqual([
    `POST /repos/octo/app/pulls/comments/${comment.id}/reactions`,
    `POST /repos/octo/app/pulls/${pr.number}/comments/${comment.id}/replies`,
  ])

  const onlyReaction = JSON.parse(
    (await call('add_reply_to_pull_request_comment', { ...o, commentId: comment.id, reaction: 'heart' }))
      .text,
  )
  expect(Object.keys(onlyReaction)).toEqual(['id', 'url'])

  expect(await call('add_reply_to_pull_request_comment', { ...o, commentId: comment.id })).toEqual({
    isError: true,
    text: 'at least one of body or reaction is required',
  })
  expect(await call('add_reply_to_pull_request_comment', { ...o, commentId: comment.id, body: 'x' })).toEqual(
    {
      isError: true,
      text: 'missing required parameter: pullNumber',
    },
  )
  expect(await call('add_reply_to_pull_request_comment', { ...o, commentId: comment.id, body: '' })).toEqual({
    isError: true,
    text: 'body cannot be empty when provided',
  })
  const missing = await call('add_reply_to_pull_request_comment', {
    ...o,
    commentId: 999999,
    reaction: 'eyes',
  })
  expect(missing).toEqual({
    isError: true,
    text: 'failed to add reaction to pull request review comment: POST https://api.github.com/repos/octo/app/pulls/comments/999999/reactions: 404 Not Found []',
  })
})

test('pull_request_review_write and add_comment_to_pending_review (GraphQL in the official server) say so and change nothing', async () => {
  const { github, octokit, call, pr } = await setup()
  const { data: before } = await octokit.pulls.listReviews({ ...o, pull_number: pr.number })
  for (const method of ['create', 'submit_pending', 'delete_pending', 'resolve_thread']) {
    const result = await call('pull_request_review_write', {
      ...o,
      method,
      pullNumber: pr.number,
      event: 'APPROVE',
    })
    expect(result).toEqual({
      isError: true,
      text: `[understudy:mcp] pull_request_review_write method "${method}" is not supported by the stand-in (mock-github has no GraphQL API)`,
    })
  }
  const pending = await call('add_comment_to_pending_review', {
    ...o,
    pullNumber: pr.number,
    path: 'src/index.ts',
    body: 'x',
    subjectType: 'FILE',
  })
  expect(pending).toEqual({
    isError: true,
    text: '[understudy:mcp] add_comment_to_pending_review is not supported by the stand-in (mock-github has no GraphQL API)',
  })
  const { data: reviews } = await octokit.pulls.listReviews({ ...o, pull_number: pr.number })
  expect(reviews).toEqual(before)
  expect(github.calls({ path: 'mcp:tools/call pull_request_review_write' })).toEqual([])
})
