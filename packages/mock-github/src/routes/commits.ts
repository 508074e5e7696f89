import { type Ctx, docsOf, json, pageUrl, rc, repoFor } from '../context'
import { GitHubApiError } from '../errors'
import { paginate } from '../pagination'
import { diffTrees, patchOf } from '../resources/git'
import { type CommitRecord, fullName, type RepoRecord } from '../state'
import { op } from './define'
import { commitRenderer } from './pulls'

// The repository commits API (`git log` and `git show` over the commit model): what list_commits and
// get_commit in github-mcp-server call.

function fail(ctx: Ctx, status: number, message: string): never {
  throw new GitHubApiError(status, message, { documentationUrl: docsOf(ctx) })
}

/** A branch or tag name, a full SHA, or an unambiguous abbreviated SHA (7+ hex digits), as git resolves them. */
export function resolveCommit(repo: RepoRecord, ref: string): CommitRecord | undefined {
  const named =
    repo.branches.get(ref.replace(/^refs\/heads\//, '')) ?? repo.tags.get(ref.replace(/^refs\/tags\//, ''))
  if (named) return repo.commits.get(named)
  const exact = repo.commits.get(ref)
  if (exact) return exact
  if (!/^[0-9a-f]{7,39}$/i.test(ref)) return undefined
  const matches = [...repo.commits.keys()].filter((sha) => sha.startsWith(ref.toLowerCase()))
  return matches.length === 1 ? repo.commits.get(matches[0]!) : undefined
}

/** Every commit reachable from `head`, newest first (git log's default order; ties keep walk order). */
export function history(repo: RepoRecord, head: CommitRecord): CommitRecord[] {
  const seen = new Set<string>([head.sha])
  const out: CommitRecord[] = []
  const queue = [head]
  for (let c = queue.shift(); c; c = queue.shift()) {
    out.push(c)
    for (const parent of c.parents) {
      const p = repo.commits.get(parent)
      if (p && !seen.has(p.sha)) {
        seen.add(p.sha)
        queue.push(p)
      }
    }
  }
  return out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.date === b.c.date ? a.i - b.i : a.c.date < b.c.date ? 1 : -1))
    .map(({ c }) => c)
}

function time(value: string | null): number | undefined {
  if (!value) return undefined
  const t = Date.parse(value)
  return Number.isNaN(t) ? undefined : t
}

/** Whether `c` changed `path` (a file, or anything under a directory) against its first parent. */
function touches(repo: RepoRecord, c: CommitRecord, path: string): boolean {
  const clean = path.replace(/^\/+|\/+$/g, '')
  const parent = c.parents[0] ? repo.commits.get(c.parents[0]) : undefined
  return diffTrees(parent, c).some((f) => f.filename === clean || f.filename.startsWith(`${clean}/`))
}

function listCommits(ctx: Ctx) {
  const repo = repoFor(ctx)
  if (repo.commits.size === 0) fail(ctx, 409, 'Git Repository is empty.')
  const ref = ctx.query.get('sha') ?? repo.default_branch
  const head = resolveCommit(repo, ref)
  if (!head) fail(ctx, 404, 'Not Found')
  const path = ctx.query.get('path')
  const author = ctx.query.get('author')?.toLowerCase()
  const since = time(ctx.query.get('since'))
  const until = time(ctx.query.get('until'))
  const picked = history(repo, head).filter((c) => {
    const t = Date.parse(c.date)
    if (since !== undefined && t < since) return false
    if (until !== undefined && t > until) return false
    if (author) {
      const login = c.author.toLowerCase()
      if (author !== login && author !== `${login}@users.noreply.github.com`) return false
    }
    return !path || touches(repo, c, path)
  })
  const { renderCommit } = commitRenderer(ctx, repo)
  const page = paginate(picked.map(renderCommit), ctx.query, pageUrl(ctx))
  return json(page.items, page.link ? { headers: { link: page.link } } : {})
}

function getCommit(ctx: Ctx) {
  const repo = repoFor(ctx)
  if (repo.commits.size === 0) fail(ctx, 409, 'Git Repository is empty.')
  const ref = ctx.params.ref ?? ''
  const c = resolveCommit(repo, ref)
  if (!c) fail(ctx, 422, `No commit found for SHA: ${ref}`)
  const name = fullName(repo)
  const r = rc(ctx)
  const parent = c.parents[0] ? repo.commits.get(c.parents[0]) : undefined
  let additions = 0
  let deletions = 0
  // The stats count every file, whichever page of them is sent.
  const files = diffTrees(parent, c).map((change) => {
    const patch = patchOf(change)
    additions += patch.additions
    deletions += patch.deletions
    return {
      sha: change.sha,
      filename: change.filename,
      status: change.status,
      additions: patch.additions,
      deletions: patch.deletions,
      changes: patch.additions + patch.deletions,
      blob_url: `${r.web}/${name}/blob/${c.sha}/${change.filename}`,
      raw_url: `${r.web}/${name}/raw/${c.sha}/${change.filename}`,
      contents_url: `${r.api}/repos/${name}/contents/${change.filename}?ref=${c.sha}`,
      patch: patch.patch,
    }
  })
  // Without per_page GitHub sends the first 300 files; with it, pages of them.
  const page = ctx.query.has('per_page')
    ? paginate(files, ctx.query, pageUrl(ctx))
    : { items: files.slice(0, 300), link: undefined }
  const { renderCommit } = commitRenderer(ctx, repo)
  return json(
    { ...renderCommit(c), stats: { total: additions + deletions, additions, deletions }, files: page.items },
    page.link ? { headers: { link: page.link } } : {},
  )
}

export const commitRoutes = [
  op('GET /repos/{owner}/{repo}/commits', listCommits),
  op('GET /repos/{owner}/{repo}/commits/{ref}', getCommit),
]
