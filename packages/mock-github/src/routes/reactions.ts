import { actorLogin, bodyOf, type Ctx, docsOf, json, noContent, pageUrl, rc, repoFor } from '../context'
import { notFound, validationFailed } from '../errors'
import { renderReaction } from '../fixtures/reactions'
import { paginate } from '../pagination'
import {
  nextId,
  nodeId,
  now,
  REACTION_CONTENTS,
  type ReactionContent,
  type ReactionRecord,
  type RepoRecord,
} from '../state'
import { commentFor } from './comments'
import { op } from './define'
import { issueFor } from './issues'
import { reviewCommentFor } from './reviews'

type Target = (ctx: Ctx, repo: RepoRecord) => { reactions: ReactionRecord[] }

function list(target: Target) {
  return (ctx: Ctx) => {
    const repo = repoFor(ctx)
    const { reactions } = target(ctx, repo)
    const content = ctx.query.get('content')
    const all = content ? reactions.filter((r) => r.content === content) : reactions
    const page = paginate(all, ctx.query, pageUrl(ctx))
    const r = rc(ctx)
    return json(
      page.items.map((x) => renderReaction(r, x)),
      page.link ? { headers: { link: page.link } } : {},
    )
  }
}

function create(target: Target) {
  return (ctx: Ctx) => {
    const repo = repoFor(ctx)
    const holder = target(ctx, repo)
    const content = bodyOf(ctx).content
    if (typeof content !== 'string' || !(REACTION_CONTENTS as readonly string[]).includes(content)) {
      validationFailed([{ resource: 'Reaction', code: 'invalid', field: 'content' }], docsOf(ctx))
    }
    const login = actorLogin(ctx)
    // The same reaction twice by one user is not a new one: GitHub answers 200 with the existing one.
    const existing = holder.reactions.find(
      (r) => r.user.toLowerCase() === login.toLowerCase() && r.content === content,
    )
    if (existing) return json(renderReaction(rc(ctx), existing))
    const reaction: ReactionRecord = {
      id: nextId(ctx.state, 'reaction'),
      node_id: nodeId(ctx.state, 'Reaction'),
      user: login,
      content: content as ReactionContent,
      created_at: now(ctx.state),
    }
    holder.reactions.push(reaction)
    return json(renderReaction(rc(ctx), reaction), { status: 201 })
  }
}

function remove(target: Target) {
  return (ctx: Ctx) => {
    const repo = repoFor(ctx)
    const holder = target(ctx, repo)
    const id = Number(ctx.params.reaction_id)
    const index = holder.reactions.findIndex((r) => r.id === id)
    if (index < 0) notFound(docsOf(ctx))
    holder.reactions.splice(index, 1)
    return noContent()
  }
}

const issue: Target = (ctx, repo) => issueFor(ctx, repo)
const comment: Target = (ctx, repo) => commentFor(ctx, repo)
const reviewComment: Target = (ctx, repo) => reviewCommentFor(ctx, repo)

export const reactionRoutes = [
  op('GET /repos/{owner}/{repo}/issues/{issue_number}/reactions', list(issue)),
  op('POST /repos/{owner}/{repo}/issues/{issue_number}/reactions', create(issue)),
  op('DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}', remove(issue)),
  op('GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', list(comment)),
  op('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', create(comment)),
  op('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}', remove(comment)),
  op('GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions', list(reviewComment)),
  op('POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions', create(reviewComment)),
  op(
    'DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions/{reaction_id}',
    remove(reviewComment),
  ),
]
