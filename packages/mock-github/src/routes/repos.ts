import {
  accessTo,
  bodyOf,
  type Ctx,
  docsOf,
  json,
  memoJson,
  noContent,
  pageUrl,
  permissionsFor,
  rc,
  repoFor,
  viewerOf,
} from '../context'
import { GitHubApiError, invalidRequest, notFound, validationFailed } from '../errors'
import { renderRepo } from '../fixtures/repos'
import { paginate } from '../pagination'
import { commit, toBytes } from '../resources/git'
import { createRepo, ensureUser, findRepo, fullName, getUser, now, type RepoRecord } from '../state'
import { op } from './define'
import { authenticatedUser } from './users'

function render(ctx: Ctx, repo: RepoRecord, full = false) {
  const viewer = viewerOf(ctx)
  const access = accessTo(ctx, repo)
  return renderRepo(rc(ctx), repo, {
    full,
    ...(viewer.kind === 'anonymous' ? {} : { permissions: permissionsFor(access) }),
  })
}

function listRepos(ctx: Ctx, filter: (repo: RepoRecord) => boolean) {
  const sort = ctx.query.get('sort') ?? 'full_name'
  const direction = ctx.query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc')
  const all = [...ctx.state.repos.values()]
    .filter((r) => filter(r) && accessTo(ctx, r) !== 'none')
    .sort((a, b) => {
      const key = (r: RepoRecord) =>
        sort === 'full_name'
          ? 0
          : Date.parse(sort === 'created' ? r.created_at : sort === 'pushed' ? r.pushed_at : r.updated_at)
      const d = sort === 'full_name' ? fullName(a).localeCompare(fullName(b)) : key(a) - key(b) || a.id - b.id
      return direction === 'asc' ? d : -d
    })
  const page = paginate(all, ctx.query, pageUrl(ctx))
  return json(
    page.items.map((r) => render(ctx, r)),
    page.link ? { headers: { link: page.link } } : {},
  )
}

function createFor(ctx: Ctx, owner: string) {
  const body = bodyOf(ctx)
  if (typeof body.name !== 'string' || body.name === '')
    invalidRequest('"name" wasn\'t supplied.', docsOf(ctx))
  const name = body.name.replace(/[^\w.-]/g, '-')
  if (findRepo(ctx.state, owner, name)) {
    validationFailed(
      [
        {
          resource: 'Repository',
          code: 'custom',
          field: 'name',
          message: 'name already exists on this account',
        },
      ],
      docsOf(ctx),
    )
  }
  const repo = createRepo(ctx.state, {
    owner,
    name,
    private: body.private === true || body.visibility === 'private',
    description: typeof body.description === 'string' ? body.description : null,
    homepage: typeof body.homepage === 'string' ? body.homepage : null,
    ...(body.has_issues === false ? { has_issues: false } : {}),
  })
  if (body.auto_init === true) {
    commit(ctx.state, repo, {
      branch: repo.default_branch,
      changes: { 'README.md': toBytes(`# ${name}\n${repo.description ? `${repo.description}\n` : ''}`) },
      message: 'Initial commit',
      author: owner,
    })
  }
  ctx.emit('repository.created', { full_name: fullName(repo) })
  const rendered = render(ctx, repo, true)
  return json(rendered, { status: 201, headers: { location: String(rendered.url) } })
}

/**
 * `POST forks`: a copy of the branches (or the default one), their commits and the tags under the
 * caller or an organization, answered 202 as GitHub does while it copies. Forking again answers the
 * existing fork; a name already taken gets a `-1`, `-2`... suffix.
 */
function createFork(ctx: Ctx) {
  const source = repoFor(ctx)
  const body = bodyOf(ctx)
  const viewer = authenticatedUser(ctx).login
  let owner = viewer
  if (typeof body.organization === 'string' && body.organization !== '') {
    const org = getUser(ctx.state, body.organization)
    if (org?.type !== 'Organization') notFound(docsOf(ctx))
    owner = org.login
  }
  if (owner.toLowerCase() === source.owner.toLowerCase()) {
    throw new GitHubApiError(422, 'Validation Failed', {
      documentationUrl: docsOf(ctx),
      errors: [
        { resource: 'Repository', code: 'custom', field: 'owner', message: 'cannot fork to the same owner' },
      ],
    })
  }
  const existing = [...ctx.state.repos.values()].find(
    (r) => r.parent === source.id && r.owner.toLowerCase() === owner.toLowerCase(),
  )
  if (existing) return json(render(ctx, existing, true), { status: 202 })
  const wanted = typeof body.name === 'string' && body.name !== '' ? body.name : source.name
  let name = wanted
  for (let n = 1; findRepo(ctx.state, owner, name); n++) name = `${wanted}-${n}`
  const fork = createRepo(ctx.state, {
    owner,
    name,
    private: source.private,
    description: source.description,
    homepage: source.homepage,
    default_branch: source.default_branch,
  })
  fork.parent = source.id
  fork.commits = new Map(source.commits)
  fork.tags = new Map(source.tags)
  for (const [branch, sha] of source.branches) {
    if (body.default_branch_only === true && branch !== source.default_branch) continue
    fork.branches.set(branch, sha)
  }
  ctx.emit('repository.created', { full_name: fullName(fork) })
  return json(render(ctx, fork, true), { status: 202 })
}

export const repoRoutes = [
  op('POST /repos/{owner}/{repo}/forks', createFork),

  op('GET /repos/{owner}/{repo}', (ctx) => {
    const repo = repoFor(ctx)
    const anonymous = viewerOf(ctx).kind === 'anonymous'
    return memoJson(ctx, `repo ${repo.id} ${anonymous ? '-' : accessTo(ctx, repo)}`, () =>
      render(ctx, repo, true),
    )
  }),

  op('PATCH /repos/{owner}/{repo}', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    const body = bodyOf(ctx)
    if (typeof body.name === 'string' && body.name !== repo.name) {
      ctx.state.repos.delete(fullName(repo).toLowerCase())
      repo.name = body.name
      ctx.state.repos.set(fullName(repo).toLowerCase(), repo)
    }
    if (typeof body.description === 'string' || body.description === null) repo.description = body.description
    if (typeof body.homepage === 'string' || body.homepage === null) repo.homepage = body.homepage
    if (typeof body.private === 'boolean') repo.private = body.private
    if (body.visibility === 'private' || body.visibility === 'public')
      repo.private = body.visibility === 'private'
    if (typeof body.has_issues === 'boolean') repo.has_issues = body.has_issues
    if (typeof body.archived === 'boolean') repo.archived = body.archived
    if (typeof body.default_branch === 'string') {
      if (repo.branches.size && !repo.branches.has(body.default_branch)) {
        validationFailed([{ resource: 'Repository', code: 'invalid', field: 'default_branch' }], docsOf(ctx))
      }
      repo.default_branch = body.default_branch
    }
    repo.updated_at = now(ctx.state)
    return json(render(ctx, repo, true))
  }),

  op('DELETE /repos/{owner}/{repo}', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    ctx.state.repos.delete(fullName(repo).toLowerCase())
    ctx.state.reposById.delete(repo.id)
    return noContent()
  }),

  op(
    'GET /user/repos',
    (ctx) => {
      const me = authenticatedUser(ctx).login.toLowerCase()
      const type = ctx.query.get('type') ?? 'all'
      const visibility = ctx.query.get('visibility') ?? 'all'
      return listRepos(ctx, (r) => {
        const owned = r.owner.toLowerCase() === me
        if (type === 'owner' && !owned) return false
        if (visibility !== 'all' && (visibility === 'private') !== r.private) return false
        return owned || accessTo(ctx, r) === 'write' || accessTo(ctx, r) === 'admin'
      })
    },
    { auth: 'required' },
  ),

  op('POST /user/repos', (ctx) => createFor(ctx, authenticatedUser(ctx).login)),

  op('GET /users/{username}/repos', (ctx) => {
    const login = ctx.params.username ?? ''
    if (!getUser(ctx.state, login)) notFound(docsOf(ctx))
    return listRepos(ctx, (r) => r.owner.toLowerCase() === login.toLowerCase() && !r.private)
  }),

  op('GET /orgs/{org}/repos', (ctx) => {
    const org = ctx.params.org ?? ''
    if (!getUser(ctx.state, org)) notFound(docsOf(ctx))
    return listRepos(ctx, (r) => r.owner.toLowerCase() === org.toLowerCase())
  }),

  op('POST /orgs/{org}/repos', (ctx) => {
    const org = ctx.params.org ?? ''
    const user = getUser(ctx.state, org)
    if (!user) notFound(docsOf(ctx))
    const viewer = viewerOf(ctx)
    if (viewer.kind !== 'user' || viewer.login.toLowerCase() !== ctx.state.viewer.toLowerCase()) {
      throw new GitHubApiError(
        403,
        'You need admin access to the organization before adding a repository to it.',
        {
          documentationUrl: docsOf(ctx),
        },
      )
    }
    ensureUser(ctx.state, org)
    return createFor(ctx, user.login)
  }),
]
