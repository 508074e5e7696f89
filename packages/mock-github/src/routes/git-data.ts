import { actorLogin, bodyOf, type Ctx, docsOf, json, rc, repoFor } from '../context'
import { GitHubApiError, invalidRequest, notFound } from '../errors'
import { toBytes } from '../resources/git'
import {
  descendsFrom,
  findBlob,
  findTree,
  saveBlob,
  saveTree,
  subtreeSha,
  type Tree,
} from '../resources/git-objects'
import { type CommitRecord, type FileBlob, fullName, now, type RepoRecord } from '../state'
import { commitResult, renderRef } from './contents'
import { op } from './define'
import { emitPush } from './push'

// The Git data API (blobs, trees, commits, refs) over the same commits and branches as the contents
// API: a commit made here is a commit the contents, pulls and compare endpoints see.

function fail(ctx: Ctx, status: number, message: string): never {
  throw new GitHubApiError(status, message, { documentationUrl: docsOf(ctx) })
}

function nonEmpty(ctx: Ctx, repo: RepoRecord): void {
  if (repo.commits.size === 0) fail(ctx, 409, 'Git Repository is empty.')
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

function renderTree(ctx: Ctx, repo: RepoRecord, sha: string, tree: Tree, recursive: boolean) {
  const api = `${rc(ctx).api}/repos/${fullName(repo)}/git`
  const entries: Array<Record<string, unknown>> = []
  const dirs = new Set<string>()
  for (const [path, blob] of tree) {
    const parts = path.split('/')
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'))
    if (recursive || parts.length === 1) {
      entries.push({
        path,
        mode: '100644',
        type: 'blob',
        sha: blob.sha,
        size: blob.content.length,
        url: `${api}/blobs/${blob.sha}`,
      })
    }
  }
  for (const dir of dirs) {
    if (!recursive && dir.includes('/')) continue
    const sub = subtreeSha(repo, sha, dir, tree, () => ctx.state.ids.hex(40))
    entries.push({ path: dir, mode: '040000', type: 'tree', sha: sub, url: `${api}/trees/${sub}` })
  }
  entries.sort((a, b) => (String(a.path) < String(b.path) ? -1 : 1))
  return { sha, url: `${api}/trees/${sha}`, tree: entries, truncated: false }
}

function renderCommit(ctx: Ctx, repo: RepoRecord, c: CommitRecord) {
  const { node_id, url, html_url, author, committer, tree, message, parents, verification } = commitResult(
    ctx,
    repo,
    c,
  )
  return { sha: c.sha, node_id, url, html_url, author, committer, tree, message, parents, verification }
}

/** `POST git/trees`: entries over `base_tree` (or nothing); `sha: null` deletes, `content` makes a blob. */
function createTree(ctx: Ctx) {
  const repo = repoFor(ctx, 'write')
  nonEmpty(ctx, repo)
  const body = bodyOf(ctx)
  if (!Array.isArray(body.tree)) invalidRequest('"tree" wasn\'t supplied.', docsOf(ctx))
  let files: Tree = new Map()
  if (body.base_tree !== undefined && body.base_tree !== null) {
    const base = findTree(repo, String(body.base_tree))
    if (!base) fail(ctx, 422, 'base_tree is not a valid tree oid')
    files = new Map(base)
  }
  for (const raw of body.tree as unknown[]) {
    const entry = (raw ?? {}) as Record<string, unknown>
    if (typeof entry.path !== 'string' || entry.path === '')
      invalidRequest('"path" wasn\'t supplied.', docsOf(ctx))
    const path = entry.path.replace(/^\/+|\/+$/g, '')
    if (entry.sha !== undefined && entry.content !== undefined) {
      fail(
        ctx,
        422,
        'Must supply either tree.sha or tree.content. Request will be rejected if both are present.',
      )
    }
    const type = entry.type ?? (entry.mode === '040000' ? 'tree' : 'blob')
    if (type === 'tree') {
      for (const key of [...files.keys()]) if (key.startsWith(`${path}/`)) files.delete(key)
      if (entry.sha === null) continue
      const sub = findTree(repo, String(entry.sha))
      if (!sub) fail(ctx, 422, `tree.sha ${String(entry.sha)} is not a valid tree`)
      for (const [p, blob] of sub) files.set(`${path}/${p}`, blob)
      continue
    }
    if (entry.sha === null) {
      files.delete(path)
    } else if (typeof entry.content === 'string') {
      files.set(path, { sha: ctx.state.ids.hex(40), content: toBytes(entry.content) })
    } else {
      const blob = findBlob(repo, String(entry.sha))
      if (!blob) fail(ctx, 422, `tree.sha ${String(entry.sha)} is not a valid blob`)
      files.set(path, blob)
    }
  }
  const sha = ctx.state.ids.hex(40)
  saveTree(repo, sha, files)
  return json(renderTree(ctx, repo, sha, files, false), { status: 201 })
}

/** `POST git/commits`: a commit object; no branch moves until a ref is updated to it. */
function createCommit(ctx: Ctx) {
  const repo = repoFor(ctx, 'write')
  const body = bodyOf(ctx)
  if (typeof body.message !== 'string') invalidRequest('"message" wasn\'t supplied.', docsOf(ctx))
  if (typeof body.tree !== 'string') invalidRequest('"tree" wasn\'t supplied.', docsOf(ctx))
  const files = findTree(repo, body.tree)
  if (!files) fail(ctx, 422, 'Tree SHA does not exist')
  const parents = Array.isArray(body.parents) ? body.parents.map(String) : []
  for (const parent of parents) {
    if (!repo.commits.has(parent)) fail(ctx, 422, 'Parent SHA does not exist or is not a commit object')
  }
  const record: CommitRecord = {
    sha: ctx.state.ids.hex(40),
    tree_sha: body.tree,
    message: body.message,
    author: actorLogin(ctx),
    parents,
    files: new Map(files),
    date: now(ctx.state),
  }
  repo.commits.set(record.sha, record)
  return json(renderCommit(ctx, repo, record), { status: 201 })
}

/** `PATCH git/refs/{ref}`: moves a branch, refusing a non-fast-forward without `force`, and sends `push`. */
async function updateRef(ctx: Ctx) {
  const repo = repoFor(ctx, 'write')
  const body = bodyOf(ctx)
  if (typeof body.sha !== 'string') invalidRequest('"sha" wasn\'t supplied.', docsOf(ctx))
  const ref = (ctx.params.ref ?? '').replace(/^refs\//, '')
  const branch = ref.startsWith('heads/') ? ref.slice('heads/'.length) : undefined
  const before = branch === undefined ? undefined : repo.branches.get(branch)
  if (branch === undefined || before === undefined) fail(ctx, 422, 'Reference does not exist')
  if (!repo.commits.has(body.sha)) fail(ctx, 422, 'Object does not exist')
  const fastForward = descendsFrom(repo, body.sha, before)
  if (body.force !== true && !fastForward) fail(ctx, 422, 'Update is not a fast forward')
  repo.branches.set(branch, body.sha)
  repo.pushed_at = now(ctx.state)
  if (before !== body.sha) {
    // The commits the push brought, oldest first (GitHub lists at most 20 in a push payload).
    const pushed: CommitRecord[] = []
    for (let c = repo.commits.get(body.sha); c && c.sha !== before && pushed.length < 20; ) {
      pushed.unshift(c)
      c = c.parents[0] ? repo.commits.get(c.parents[0]) : undefined
    }
    await emitPush(ctx, repo, branch, before, pushed, !fastForward)
    ctx.emit('ref.updated', { repo: fullName(repo), ref: `refs/${ref}`, sha: body.sha })
  }
  return json(renderRef(ctx, repo, ref, body.sha))
}

function renderBlob(ctx: Ctx, repo: RepoRecord, blob: FileBlob) {
  return {
    sha: blob.sha,
    node_id: `B_kwDO${blob.sha.slice(0, 10)}`,
    size: blob.content.length,
    url: `${rc(ctx).api}/repos/${fullName(repo)}/git/blobs/${blob.sha}`,
    content: `${base64(blob.content).replace(/(.{60})/g, '$1\n')}\n`,
    encoding: 'base64',
  }
}

function fromBase64(ctx: Ctx, text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text.replace(/\s+/g, '')), (ch) => ch.charCodeAt(0))
  } catch {
    return invalidRequest('content is not valid Base64', docsOf(ctx))
  }
}

export const gitDataRoutes = [
  op('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', (ctx) => {
    const repo = repoFor(ctx)
    const c = repo.commits.get(ctx.params.commit_sha ?? '') ?? notFound(docsOf(ctx))
    return json(renderCommit(ctx, repo, c))
  }),
  op('POST /repos/{owner}/{repo}/git/commits', createCommit),
  op('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', (ctx) => {
    const repo = repoFor(ctx)
    nonEmpty(ctx, repo)
    const asked = ctx.params.tree_sha ?? ''
    // A commit sha or a branch name names its commit's tree, as on GitHub.
    const commitSha = repo.commits.has(asked) ? asked : repo.branches.get(asked)
    const sha = commitSha ? repo.commits.get(commitSha)!.tree_sha : asked
    const tree = findTree(repo, sha) ?? notFound(docsOf(ctx))
    const recursive = !['', '0', 'false'].includes(ctx.query.get('recursive') ?? '')
    return json(renderTree(ctx, repo, sha, tree, recursive))
  }),
  op('POST /repos/{owner}/{repo}/git/trees', createTree),
  op('POST /repos/{owner}/{repo}/git/blobs', (ctx) => {
    const repo = repoFor(ctx, 'write')
    nonEmpty(ctx, repo)
    const body = bodyOf(ctx)
    if (typeof body.content !== 'string') invalidRequest('"content" wasn\'t supplied.', docsOf(ctx))
    const encoding = body.encoding ?? 'utf-8'
    if (encoding !== 'utf-8' && encoding !== 'base64') {
      fail(ctx, 422, `encoding must be either 'utf-8' or 'base64', got '${String(encoding)}'`)
    }
    const content = encoding === 'base64' ? fromBase64(ctx, body.content) : toBytes(body.content)
    const blob = { sha: ctx.state.ids.hex(40), content }
    saveBlob(repo, blob)
    return json({ sha: blob.sha, url: renderBlob(ctx, repo, blob).url }, { status: 201 })
  }),
  op('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', (ctx) => {
    const repo = repoFor(ctx)
    const blob = findBlob(repo, ctx.params.file_sha ?? '') ?? notFound(docsOf(ctx))
    return json(renderBlob(ctx, repo, blob))
  }),
  op('PATCH /repos/{owner}/{repo}/git/refs/{ref}', updateRef, { path: '/repos/:owner/:repo/git/refs/:ref*' }),
]
