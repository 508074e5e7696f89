import { accessTo, actorLogin, bodyOf, type Ctx, docsOf, json, pageUrl, rc, repoFor } from '../context'
import { notFound, validationFailed } from '../errors'
import { userByLogin } from '../fixtures/users'
import { paginate } from '../pagination'
import { fullName, nextId, nodeId, now, type ReleaseRecord, type RepoRecord } from '../state'
import { resolveCommit } from './commits'
import { op } from './define'

// Tags (lightweight, from git refs) and releases: what list_tags, get_tag, list_releases,
// get_latest_release and get_release_by_tag in github-mcp-server call.

/** Newest-looking first: GitHub lists tags by name, descending, with numbers compared as numbers. */
function tagOrder(a: string, b: string): number {
  return b.localeCompare(a, 'en', { numeric: true })
}

function renderTag(ctx: Ctx, repo: RepoRecord, name: string, sha: string) {
  const r = rc(ctx)
  const full = fullName(repo)
  return {
    name,
    zipball_url: `${r.api}/repos/${full}/zipball/refs/tags/${name}`,
    tarball_url: `${r.api}/repos/${full}/tarball/refs/tags/${name}`,
    commit: { sha, url: `${r.api}/repos/${full}/commits/${sha}` },
    node_id: `MDM6UmVm${sha.slice(0, 12)}`,
  }
}

function renderRelease(ctx: Ctx, repo: RepoRecord, release: ReleaseRecord) {
  const r = rc(ctx)
  const full = fullName(repo)
  const url = `${r.api}/repos/${full}/releases/${release.id}`
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `https://uploads.github.com/repos/${full}/releases/${release.id}/assets{?name,label}`,
    html_url: release.draft
      ? `${r.web}/${full}/releases/tag/untagged-${release.node_id.slice(-20)}`
      : `${r.web}/${full}/releases/tag/${release.tag_name}`,
    id: release.id,
    author: userByLogin(r, release.author),
    node_id: release.node_id,
    tag_name: release.tag_name,
    target_commitish: release.target_commitish,
    name: release.name,
    draft: release.draft,
    immutable: false,
    prerelease: release.prerelease,
    created_at: release.created_at,
    updated_at: release.updated_at,
    published_at: release.published_at,
    assets: [],
    tarball_url: release.draft ? null : `${r.api}/repos/${full}/tarball/${release.tag_name}`,
    zipball_url: release.draft ? null : `${r.api}/repos/${full}/zipball/${release.tag_name}`,
    body: release.body,
  }
}

/** Drafts are seen only by those who can push. */
function visible(ctx: Ctx, repo: RepoRecord): ReleaseRecord[] {
  const push = ['write', 'admin'].includes(accessTo(ctx, repo))
  return [...repo.releases.values()]
    .filter((r) => push || !r.draft)
    .sort((a, b) => (a.created_at === b.created_at ? b.id - a.id : a.created_at < b.created_at ? 1 : -1))
}

function createRelease(ctx: Ctx) {
  const repo = repoFor(ctx, 'write')
  const body = bodyOf(ctx)
  const docs = docsOf(ctx)
  if (typeof body.tag_name !== 'string' || body.tag_name === '')
    validationFailed([{ resource: 'Release', code: 'missing_field', field: 'tag_name' }], docs)
  const tag = body.tag_name
  if ([...repo.releases.values()].some((r) => r.tag_name === tag))
    validationFailed([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }], docs)
  const target = typeof body.target_commitish === 'string' ? body.target_commitish : repo.default_branch
  const draft = body.draft === true
  if (!repo.tags.has(tag)) {
    const c = resolveCommit(repo, target)
    if (!c) validationFailed([{ resource: 'Release', code: 'invalid', field: 'target_commitish' }], docs)
    // GitHub makes the tag when the release is published, not for a draft.
    if (!draft) repo.tags.set(tag, c.sha)
  }
  const at = now(ctx.state)
  const release: ReleaseRecord = {
    id: nextId(ctx.state, 'release'),
    node_id: nodeId(ctx.state, 'Release'),
    tag_name: tag,
    target_commitish: target,
    name: typeof body.name === 'string' ? body.name : null,
    body: typeof body.body === 'string' ? body.body : null,
    draft,
    prerelease: body.prerelease === true,
    author: actorLogin(ctx),
    created_at: at,
    published_at: draft ? null : at,
    updated_at: at,
  }
  repo.releases.set(release.id, release)
  return json(renderRelease(ctx, repo, release), { status: 201 })
}

export const releaseRoutes = [
  op('GET /repos/{owner}/{repo}/tags', (ctx) => {
    const repo = repoFor(ctx)
    const tags = [...repo.tags].sort(([a], [b]) => tagOrder(a, b))
    const page = paginate(
      tags.map(([name, sha]) => renderTag(ctx, repo, name, sha)),
      ctx.query,
      pageUrl(ctx),
    )
    return json(page.items, page.link ? { headers: { link: page.link } } : {})
  }),
  op('GET /repos/{owner}/{repo}/releases', (ctx) => {
    const repo = repoFor(ctx)
    const page = paginate(
      visible(ctx, repo).map((r) => renderRelease(ctx, repo, r)),
      ctx.query,
      pageUrl(ctx),
    )
    return json(page.items, page.link ? { headers: { link: page.link } } : {})
  }),
  op('POST /repos/{owner}/{repo}/releases', createRelease),
  op('GET /repos/{owner}/{repo}/releases/latest', (ctx) => {
    const repo = repoFor(ctx)
    // The most recent published release that is not a prerelease.
    const latest = visible(ctx, repo).find((r) => !r.draft && !r.prerelease) ?? notFound(docsOf(ctx))
    return json(renderRelease(ctx, repo, latest))
  }),
  op('GET /repos/{owner}/{repo}/releases/tags/{tag}', (ctx) => {
    const repo = repoFor(ctx)
    const release =
      visible(ctx, repo).find((r) => !r.draft && r.tag_name === ctx.params.tag) ?? notFound(docsOf(ctx))
    return json(renderRelease(ctx, repo, release))
  }),
  op('GET /repos/{owner}/{repo}/releases/{release_id}', (ctx) => {
    const repo = repoFor(ctx)
    const release =
      visible(ctx, repo).find((r) => String(r.id) === ctx.params.release_id) ?? notFound(docsOf(ctx))
    return json(renderRelease(ctx, repo, release))
  }),
]
