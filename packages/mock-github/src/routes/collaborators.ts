import { type Ctx, docsOf, json, noContent, pageUrl, permissionsFor, rc, repoFor } from '../context'
import { GitHubApiError, notFound } from '../errors'
import { renderSimpleUser } from '../fixtures/users'
import { paginate } from '../pagination'
import { getUser, type RepoRecord, type UserRecord } from '../state'
import { op } from './define'

/** Who can be assigned and who has push access: the owner, the default user and the collaborators. */
function assignable(ctx: Ctx, repo: RepoRecord): UserRecord[] {
  const logins = [repo.owner, ctx.state.viewer, ...repo.collaborators]
  const seen = new Set<string>()
  const users: UserRecord[] = []
  for (const login of logins) {
    const user = getUser(ctx.state, login)
    if (!user || user.type === 'Organization' || seen.has(user.login.toLowerCase())) continue
    seen.add(user.login.toLowerCase())
    users.push(user)
  }
  return users
}

export function isAssignable(ctx: Ctx, repo: RepoRecord, login: string): boolean {
  return assignable(ctx, repo).some((u) => u.login.toLowerCase() === login.toLowerCase())
}

function list(ctx: Ctx, users: UserRecord[], extra?: (user: UserRecord) => Record<string, unknown>) {
  const r = rc(ctx)
  const page = paginate(users, ctx.query, pageUrl(ctx))
  return json(
    page.items.map((u) => ({ ...renderSimpleUser(r, u), ...extra?.(u) })),
    page.link ? { headers: { link: page.link } } : {},
  )
}

export const collaboratorRoutes = [
  op('GET /repos/{owner}/{repo}/assignees', (ctx) => list(ctx, assignable(ctx, repoFor(ctx)))),

  op('GET /repos/{owner}/{repo}/assignees/{assignee}', (ctx) => {
    const repo = repoFor(ctx)
    if (!isAssignable(ctx, repo, ctx.params.assignee ?? '')) notFound(docsOf(ctx))
    return noContent()
  }),

  op('GET /repos/{owner}/{repo}/collaborators', (ctx) => {
    const repo = repoFor(ctx, 'write')
    return list(ctx, assignable(ctx, repo), (u) => {
      const admin =
        u.login.toLowerCase() === repo.owner.toLowerCase() ||
        u.login.toLowerCase() === ctx.state.viewer.toLowerCase()
      const permissions = permissionsFor(admin ? 'admin' : 'write')
      return { permissions, role_name: admin ? 'admin' : 'write' }
    })
  }),

  op('GET /repos/{owner}/{repo}/collaborators/{username}', (ctx) => {
    const repo = repoFor(ctx, 'write')
    if (!isAssignable(ctx, repo, ctx.params.username ?? '')) notFound(docsOf(ctx))
    return noContent()
  }),

  op('PUT /repos/{owner}/{repo}/collaborators/{username}', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    const login = ctx.params.username ?? ''
    const user = getUser(ctx.state, login)
    if (!user) notFound(docsOf(ctx))
    if (user.type === 'Organization') {
      throw new GitHubApiError(422, 'Validation Failed', {
        documentationUrl: docsOf(ctx),
        errors: [
          {
            resource: 'Repository',
            code: 'custom',
            field: 'collaborator',
            message: 'Organizations cannot be collaborators',
          },
        ],
      })
    }
    // No invitation round-trip: the user gets access at once (GitHub answers 201 with an invitation).
    repo.collaborators.add(user.login)
    return noContent()
  }),

  op('DELETE /repos/{owner}/{repo}/collaborators/{username}', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    const login = (ctx.params.username ?? '').toLowerCase()
    for (const c of repo.collaborators) if (c.toLowerCase() === login) repo.collaborators.delete(c)
    return noContent()
  }),
]
