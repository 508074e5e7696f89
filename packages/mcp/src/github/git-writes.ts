import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { errorResult, jsonResult } from '../results'
import type { Json, RestReply, ToolContext } from '../types'
import { githubError } from './errors'

type Args = Record<string, Json>

// github-mcp-server's delete_file and push_files (pkg/github/repositories.go): both write one commit
// through the Git data API — read the branch ref and its commit, make a tree over the commit's tree,
// make a commit on it, move the ref without force — so a concurrent push makes them fail as GitHub
// refuses a non-fast-forward.

const repoPath = (a: Args) => `/repos/${encodeURIComponent(a.owner)}/${encodeURIComponent(a.repo)}`
const refPath = (ref: string) => ref.split('/').map(encodeURIComponent).join('/')

interface Step {
  ok: true
  body: Json
}
type Failed = { ok: false; result: CallToolResult }

/** One REST call; a failure becomes the official server's error result under `message`. */
async function step(
  ctx: ToolContext,
  message: string,
  method: string,
  path: string,
  request?: Parameters<ToolContext['rest']>[2],
): Promise<Step | Failed> {
  const reply = await ctx.rest(method, path, request)
  return reply.ok ? { ok: true, body: reply.body } : { ok: false, result: githubError(message, reply) }
}

/** go-github's Commit marshalled: its field order, nulls (omitempty pointers) left out. */
function goCommit(c: Json) {
  const drop = (value: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null))
  return drop({
    sha: c.sha,
    author: c.author ? drop(c.author) : undefined,
    committer: c.committer ? drop(c.committer) : undefined,
    message: c.message,
    tree: c.tree ? drop(c.tree) : undefined,
    parents: Array.isArray(c.parents) ? c.parents.map((p: Json) => drop(p)) : undefined,
    html_url: c.html_url,
    url: c.url,
    verification: c.verification ? drop(c.verification) : undefined,
    node_id: c.node_id,
  })
}

/** go-github's Reference marshalled. */
function goReference(r: Json) {
  return {
    ref: r.ref,
    url: r.url,
    object: { type: r.object?.type, sha: r.object?.sha, url: r.object?.url },
    node_id: r.node_id,
  }
}

/** The tree over `base`, the commit on it, the ref moved without force; the new commit or a failure. */
async function commitTree(
  ctx: ToolContext,
  a: Args,
  ref: string,
  base: Json,
  entries: unknown[],
): Promise<{ ok: true; commit: Json; ref: Json } | Failed> {
  const tree = await step(ctx, 'failed to create tree', 'POST', `${repoPath(a)}/git/trees`, {
    json: { base_tree: base.tree.sha, tree: entries },
  })
  if (!tree.ok) return tree
  const commit = await step(ctx, 'failed to create commit', 'POST', `${repoPath(a)}/git/commits`, {
    json: { message: a.message, tree: tree.body.sha, parents: [base.sha] },
  })
  if (!commit.ok) return commit
  const moved = await step(
    ctx,
    'failed to update reference',
    'PATCH',
    `${repoPath(a)}/git/refs/${refPath(ref.replace(/^refs\//, ''))}`,
    { json: { sha: commit.body.sha, force: false } },
  )
  if (!moved.ok) return moved
  return { ok: true, commit: commit.body, ref: moved.body }
}

export async function deleteFile(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  const ref = await step(
    ctx,
    'failed to get branch reference',
    'GET',
    `${repoPath(a)}/git/ref/heads/${refPath(String(a.branch))}`,
  )
  if (!ref.ok) return ref.result
  const base = await step(
    ctx,
    'failed to get base commit',
    'GET',
    `${repoPath(a)}/git/commits/${ref.body.object.sha}`,
  )
  if (!base.ok) return base.result
  const done = await commitTree(ctx, a, ref.body.ref, base.body, [
    { path: a.path, mode: '100644', type: 'blob', sha: null },
  ])
  if (!done.ok) return done.result
  return jsonResult({ commit: goCommit(done.commit), content: null })
}

/** createReferenceFromDefaultBranch: the branch made at the default branch's head. */
async function branchFromDefault(ctx: ToolContext, a: Args): Promise<Step | Failed> {
  const prefix = 'failed to create branch from default: failed to resolve default branch'
  const repo = await step(ctx, `${prefix}: failed to get repository info`, 'GET', repoPath(a))
  if (!repo.ok) return repo
  const head = await step(
    ctx,
    `${prefix}: failed to get default branch reference`,
    'GET',
    `${repoPath(a)}/git/ref/heads/${refPath(String(repo.body.default_branch))}`,
  )
  if (!head.ok) return head
  return step(
    ctx,
    'failed to create branch from default: failed to create new branch reference',
    'POST',
    `${repoPath(a)}/git/refs`,
    { json: { ref: `refs/heads/${a.branch}`, sha: head.body.object.sha } },
  )
}

/** initializeRepository: an empty README.md committed with the contents API makes the default branch. */
async function initialize(ctx: ToolContext, a: Args): Promise<{ ok: true; ref: Json; base: Json } | Failed> {
  const prefix = 'failed to initialize repository'
  const repo = await step(ctx, `${prefix}: failed to get repository`, 'GET', repoPath(a))
  if (!repo.ok) return repo
  const branch = String(repo.body.default_branch)
  const file = await step(
    ctx,
    `${prefix}: failed to create initial file`,
    'PUT',
    `${repoPath(a)}/contents/README.md`,
    {
      json: { message: 'Initial commit', content: '', branch },
    },
  )
  if (!file.ok) return file
  const base = await step(
    ctx,
    `${prefix}: failed to get initial commit`,
    'GET',
    `${repoPath(a)}/git/commits/${file.body.commit.sha}`,
  )
  if (!base.ok) return base
  const ref = await step(
    ctx,
    `${prefix}: failed to get branch reference after initial commit`,
    'GET',
    `${repoPath(a)}/git/ref/heads/${refPath(branch)}`,
  )
  if (!ref.ok) return ref
  if (a.branch !== branch) {
    const made = await branchFromDefault(ctx, a)
    if (!made.ok) return made
    return { ok: true, ref: made.body, base: base.body }
  }
  return { ok: true, ref: ref.body, base: base.body }
}

const isEmpty = (reply: RestReply) =>
  reply.status === 409 && reply.body?.message === 'Git Repository is empty.'

export async function pushFiles(a: Args, ctx: ToolContext): Promise<CallToolResult> {
  if (!Array.isArray(a.files))
    return errorResult('files parameter must be an array of objects with path and content')
  let ref: Json
  let base: Json
  const found = await ctx.rest('GET', `${repoPath(a)}/git/ref/heads/${refPath(String(a.branch))}`)
  if (!found.ok && !isEmpty(found) && found.status !== 404) {
    return githubError('failed to get branch reference', found)
  }
  if (isEmpty(found)) {
    const init = await initialize(ctx, a)
    if (!init.ok) return init.result
    ref = init.ref
    base = init.base
  } else {
    ref = found.body
    if (!found.ok) {
      const made = await branchFromDefault(ctx, a)
      if (!made.ok) return made.result
      ref = made.body
    }
    const commit = await step(
      ctx,
      'failed to get base commit',
      'GET',
      `${repoPath(a)}/git/commits/${ref.object.sha}`,
    )
    if (!commit.ok) return commit.result
    base = commit.body
  }
  // As the official server does, the files are checked only after the branch is found or made.
  const entries: unknown[] = []
  for (const file of a.files as unknown[]) {
    if (typeof file !== 'object' || file === null || Array.isArray(file)) {
      return errorResult('each file must be an object with path and content')
    }
    const { path, content } = file as Record<string, unknown>
    if (typeof path !== 'string' || path === '') return errorResult('each file must have a path')
    if (typeof content !== 'string') return errorResult('each file must have content')
    entries.push({ path, mode: '100644', type: 'blob', content })
  }
  const done = await commitTree(ctx, a, ref.ref, base, entries)
  if (!done.ok) return done.result
  return jsonResult(goReference(done.ref))
}
