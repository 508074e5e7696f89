import { actorLogin, bodyOf, type Ctx, docsOf, json, pageUrl, rc, repoFor } from '../context'
import { GitHubApiError, invalidRequest, notFound, validationFailed } from '../errors'
import { paginate } from '../pagination'
import { commit, headCommit } from '../resources/git'
import { type CommitRecord, type FileBlob, fullName, type RepoRecord } from '../state'
import { op } from './define'
import { commitRenderer } from './pulls'
import { emitPush } from './push'

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

function fromBase64(ctx: Ctx, text: string): Uint8Array {
  try {
    const binary = atob(text.replace(/\s+/g, ''))
    const out = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
    return out
  } catch {
    invalidRequest('content is not valid Base64', docsOf(ctx))
  }
}

/** GitHub wraps base64 file content at 60 columns, with a trailing newline. */
function wrapped(bytes: Uint8Array): string {
  return `${base64(bytes).replace(/(.{60})/g, '$1\n')}\n`
}

function pathOf(ctx: Ctx): string {
  return (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '')
}

function entry(ctx: Ctx, repo: RepoRecord, ref: string, path: string, kind: 'file' | 'dir', file?: FileBlob) {
  const name = fullName(repo)
  const r = rc(ctx)
  const url = `${r.api}/repos/${name}/contents/${path}?ref=${ref}`
  const html = `${r.web}/${name}/${kind === 'file' ? 'blob' : 'tree'}/${ref}/${path}`
  const git = `${r.api}/repos/${name}/git/${kind === 'file' ? 'blobs' : 'trees'}/${file?.sha ?? ''}`
  return {
    name: path.split('/').at(-1) ?? path,
    path,
    sha: file?.sha ?? '',
    size: file?.content.length ?? 0,
    url,
    html_url: html,
    git_url: git,
    download_url: kind === 'file' ? `https://raw.githubusercontent.com/${name}/${ref}/${path}` : null,
    type: kind,
    _links: { self: url, git, html },
  }
}

function resolveRef(ctx: Ctx, repo: RepoRecord): { ref: string; commit: CommitRecord | undefined } {
  const ref = ctx.query.get('ref') ?? repo.default_branch
  const c = headCommit(repo, ref) ?? repo.commits.get(ref)
  return { ref, commit: c }
}

export function commitResult(ctx: Ctx, repo: RepoRecord, c: CommitRecord) {
  const rendered = commitRenderer(ctx, repo).renderCommit(c)
  return {
    sha: c.sha,
    node_id: rendered.node_id,
    url: rendered.commit.url,
    html_url: rendered.html_url,
    author: rendered.commit.author,
    committer: rendered.commit.committer,
    tree: rendered.commit.tree,
    message: c.message,
    parents: rendered.parents,
    verification: rendered.commit.verification,
  }
}

function branchOf(ctx: Ctx, repo: RepoRecord, body: Record<string, unknown>): string {
  const branch =
    typeof body.branch === 'string' ? body.branch.replace(/^refs\/heads\//, '') : repo.default_branch
  if (branch !== repo.default_branch && !repo.branches.has(branch) && repo.branches.size > 0) {
    throw new GitHubApiError(404, `Branch ${branch} not found`, { documentationUrl: docsOf(ctx) })
  }
  return branch
}

function getContents(ctx: Ctx) {
  const repo = repoFor(ctx)
  const path = pathOf(ctx)
  if (repo.branches.size === 0)
    throw new GitHubApiError(404, 'This repository is empty.', { documentationUrl: docsOf(ctx) })
  const { ref, commit: c } = resolveRef(ctx, repo)
  if (!c)
    throw new GitHubApiError(404, `No commit found for the ref ${ref}`, { documentationUrl: docsOf(ctx) })
  const file = path ? c.files.get(path) : undefined
  if (file) {
    const accept = ctx.headers.get('accept') ?? ''
    const raw = /application\/vnd\.github(\.v3)?\.raw/.exec(accept)
    if (raw) {
      // GitHub answers in the spelling asked for: vnd.github.raw or vnd.github.v3.raw.
      return new Response(file.content.slice(), {
        headers: {
          'content-type': `application/vnd.github${raw[1] ?? ''}.raw; charset=utf-8`,
          'x-github-media-type': 'github.v3; param=raw',
        },
      })
    }
    return json({
      ...entry(ctx, repo, ref, path, 'file', file),
      content: wrapped(file.content),
      encoding: 'base64',
    })
  }
  const prefix = path ? `${path}/` : ''
  const children = new Map<string, 'file' | 'dir'>()
  for (const p of c.files.keys()) {
    if (!p.startsWith(prefix)) continue
    const rest = p.slice(prefix.length).split('/')
    children.set(prefix + rest[0], rest.length > 1 ? 'dir' : 'file')
  }
  if (children.size === 0) notFound(docsOf(ctx))
  const list = [...children]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([p, kind]) => entry(ctx, repo, ref, p, kind, kind === 'file' ? c.files.get(p) : undefined))
  return json(list)
}

export const contentRoutes = [
  op('GET /repos/{owner}/{repo}/contents/{path}', getContents, {
    path: '/repos/:owner/:repo/contents/:path*',
  }),
  op('GET /repos/{owner}/{repo}/contents/{path}', getContents, { path: '/repos/:owner/:repo/contents' }),

  op(
    'PUT /repos/{owner}/{repo}/contents/{path}',
    async (ctx) => {
      const repo = repoFor(ctx, 'write')
      const path = pathOf(ctx)
      const body = bodyOf(ctx)
      if (typeof body.message !== 'string') invalidRequest('"message" wasn\'t supplied.', docsOf(ctx))
      if (typeof body.content !== 'string') invalidRequest('"content" wasn\'t supplied.', docsOf(ctx))
      const branch = branchOf(ctx, repo, body)
      const current = headCommit(repo, branch)?.files.get(path)
      if (current && body.sha === undefined) invalidRequest('"sha" wasn\'t supplied.', docsOf(ctx))
      if (current && body.sha !== current.sha) {
        throw new GitHubApiError(409, `${path} does not match ${String(body.sha)}`, {
          documentationUrl: docsOf(ctx),
        })
      }
      if (!current && typeof body.sha === 'string') {
        validationFailed([{ resource: 'Commit', code: 'invalid', field: 'sha' }], docsOf(ctx))
      }
      const before = repo.branches.get(branch)
      const author = actorLogin(ctx)
      const c = commit(ctx.state, repo, {
        branch,
        changes: { [path]: fromBase64(ctx, body.content) },
        message: body.message,
        author,
      })
      await emitPush(ctx, repo, branch, before, [c])
      ctx.emit('contents.updated', { repo: fullName(repo), path, branch, sha: c.sha })
      return json(
        {
          content: entry(ctx, repo, branch, path, 'file', c.files.get(path)),
          commit: commitResult(ctx, repo, c),
        },
        { status: current ? 200 : 201 },
      )
    },
    { path: '/repos/:owner/:repo/contents/:path*' },
  ),

  op(
    'DELETE /repos/{owner}/{repo}/contents/{path}',
    async (ctx) => {
      const repo = repoFor(ctx, 'write')
      const path = pathOf(ctx)
      const body = bodyOf(ctx)
      if (typeof body.message !== 'string') invalidRequest('"message" wasn\'t supplied.', docsOf(ctx))
      if (typeof body.sha !== 'string') invalidRequest('"sha" wasn\'t supplied.', docsOf(ctx))
      const branch = branchOf(ctx, repo, body)
      const current = headCommit(repo, branch)?.files.get(path)
      if (!current) notFound(docsOf(ctx))
      if (body.sha !== current.sha)
        throw new GitHubApiError(409, `${path} does not match ${body.sha}`, { documentationUrl: docsOf(ctx) })
      const before = repo.branches.get(branch)
      const c = commit(ctx.state, repo, {
        branch,
        changes: { [path]: null },
        message: body.message,
        author: actorLogin(ctx),
      })
      await emitPush(ctx, repo, branch, before, [c])
      return json({ content: null, commit: commitResult(ctx, repo, c) })
    },
    { path: '/repos/:owner/:repo/contents/:path*' },
  ),

  op('GET /repos/{owner}/{repo}/branches', (ctx) => {
    const repo = repoFor(ctx)
    const name = fullName(repo)
    const all = [...repo.branches]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([branch, sha]) => ({
        name: branch,
        commit: { sha, url: `${ctx.baseUrl}/repos/${name}/commits/${sha}` },
        protected: false,
      }))
    const page = paginate(all, ctx.query, pageUrl(ctx))
    return json(page.items, page.link ? { headers: { link: page.link } } : {})
  }),

  op(
    'GET /repos/{owner}/{repo}/branches/{branch}',
    (ctx) => {
      const repo = repoFor(ctx)
      const branch = ctx.params.branch ?? ''
      const c = headCommit(repo, branch)
      if (!c) throw new GitHubApiError(404, 'Branch not found', { documentationUrl: docsOf(ctx) })
      const name = fullName(repo)
      return json({
        name: branch,
        commit: commitRenderer(ctx, repo).renderCommit(c),
        _links: {
          self: `${ctx.baseUrl}/repos/${name}/branches/${branch}`,
          html: `https://github.com/${name}/tree/${branch}`,
        },
        protected: false,
        protection: {
          enabled: false,
          required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
        },
        protection_url: `${ctx.baseUrl}/repos/${name}/branches/${branch}/protection`,
      })
    },
    { path: '/repos/:owner/:repo/branches/:branch*' },
  ),

  op(
    'GET /repos/{owner}/{repo}/git/ref/{ref}',
    (ctx) => {
      const repo = repoFor(ctx)
      const ref = ctx.params.ref ?? ''
      if (repo.commits.size === 0) {
        throw new GitHubApiError(409, 'Git Repository is empty.', { documentationUrl: docsOf(ctx) })
      }
      const sha = ref.startsWith('heads/')
        ? repo.branches.get(ref.slice(6))
        : ref.startsWith('tags/')
          ? repo.tags.get(ref.slice(5))
          : undefined
      if (!sha) notFound(docsOf(ctx))
      return json(renderRef(ctx, repo, ref, sha))
    },
    { path: '/repos/:owner/:repo/git/ref/:ref*' },
  ),

  op('POST /repos/{owner}/{repo}/git/refs', (ctx) => {
    const repo = repoFor(ctx, 'write')
    const body = bodyOf(ctx)
    if (typeof body.ref !== 'string') invalidRequest('"ref" wasn\'t supplied.', docsOf(ctx))
    if (typeof body.sha !== 'string') invalidRequest('"sha" wasn\'t supplied.', docsOf(ctx))
    if (!/^refs\/(heads|tags)\/.+/.test(body.ref)) {
      throw new GitHubApiError(422, "Reference name must start with 'refs/' and have at least two slashes.", {
        documentationUrl: docsOf(ctx),
      })
    }
    // A tag ref names a lightweight tag (mock-github keeps no annotated tag objects).
    const kind = body.ref.startsWith('refs/tags/') ? 'tags' : 'heads'
    const name = body.ref.slice(`refs/${kind}/`.length)
    const refs = kind === 'tags' ? repo.tags : repo.branches
    if (refs.has(name))
      throw new GitHubApiError(422, 'Reference already exists', { documentationUrl: docsOf(ctx) })
    if (!repo.commits.has(body.sha))
      throw new GitHubApiError(422, 'Object does not exist', { documentationUrl: docsOf(ctx) })
    refs.set(name, body.sha)
    return json(renderRef(ctx, repo, `${kind}/${name}`, body.sha), { status: 201 })
  }),
]

export function renderRef(ctx: Ctx, repo: RepoRecord, ref: string, sha: string) {
  const name = fullName(repo)
  return {
    ref: `refs/${ref}`,
    node_id: `REF_kwDO${sha.slice(0, 10)}`,
    url: `${ctx.baseUrl}/repos/${name}/git/refs/${ref}`,
    object: { sha, type: 'commit', url: `${ctx.baseUrl}/repos/${name}/git/commits/${sha}` },
  }
}
