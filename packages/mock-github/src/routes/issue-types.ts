import { type Ctx, docsOf, json, repoFor } from '../context'
import { notFound } from '../errors'
import { getUser, type UserRecord } from '../state'
import { op } from './define'

/** The issue types GitHub gives every new organization. */
const DEFAULTS = [
  { name: 'Task', description: 'A specific piece of work', color: 'yellow' },
  { name: 'Bug', description: 'An unexpected problem or behavior', color: 'red' },
  { name: 'Feature', description: 'A request, idea, or new functionality', color: 'blue' },
] as const

/**
 * An organization's issue types: GitHub's defaults, with ids derived from the organization's so they
 * stay stable across calls without state. User accounts have none (GitHub answers 404).
 */
function issueTypes(ctx: Ctx, owner: UserRecord | undefined) {
  if (owner?.type !== 'Organization') notFound(docsOf(ctx))
  return DEFAULTS.map((t, i) => {
    const id = owner.id * 10 + i
    return {
      id,
      node_id: `IT_kwDO${Buffer.from(String(id)).toString('base64url')}`,
      name: t.name,
      description: t.description,
      color: t.color,
      created_at: owner.created_at,
      updated_at: owner.created_at,
      is_enabled: true,
    }
  })
}

export const issueTypeRoutes = [
  op('GET /orgs/{org}/issue-types', (ctx) => json(issueTypes(ctx, getUser(ctx.state, ctx.params.org ?? '')))),

  op('GET /repos/{owner}/{repo}/issue-types', (ctx) => {
    const repo = repoFor(ctx)
    return json(issueTypes(ctx, getUser(ctx.state, repo.owner)))
  }),
]
