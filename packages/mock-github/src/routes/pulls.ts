import {
  accessTo,
  actorLogin,
  bodyOf,
  type Ctx,
  docsOf,
  issueNumber,
  json,
  pageUrl,
  rc,
  repoFor,
} from '../context'
import { GitHubApiError, invalidRequest, notFound, validationFailed } from '../errors'
import { countCommits, pullChanges, renderPull } from '../fixtures/pulls'
import { paginate } from '../pagination'
import { commit, diffTrees, type FileChange, patchOf, toText, unifiedDiff } from '../resources/git'
import {
  closeIssue,
  emitIssue,
  labelNames,
  newIssue,
  reopenIssue,
  setLabels,
  touch,
} from '../resources/issues'
import { fullName, type IssueRecord, nextId, nodeId, now, type RepoRecord } from '../state'
import { op } from './define'
import { emitPush } from './push'

export function pullFor(ctx: Ctx, repo: RepoRecord): IssueRecord {
  const issue = repo.issues.get(issueNumber(ctx))
  if (!issue?.pull) notFound(docsOf(ctx))
  return issue
}

/** `owner:branch` or `branch`, as the head parameter takes it. */
function branchName(ref: string): string {
  return ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref
}

type Format = 'json' | 'diff' | 'patch'

function formatOf(ctx: Ctx): { format: Format; version: string } {
  const m = /application\/vnd\.github(\.v3)?\.(diff|patch)/.exec(ctx.headers.get('accept') ?? '')
  return m ? { format: m[2] as Format, version: m[1] ?? '' } : { format: 'json', version: '' }
}

function textResponse(text: string, format: 'diff' | 'patch', version: string): Response {
  return new Response(text, {
    headers: {
      'content-type': `application/vnd.github${version}.${format}; charset=utf-8`,
      'x-github-media-type': `github.v3; param=${format}; format=${format}`,
    },
  })
}

function patchText(repo: RepoRecord, issue: IssueRecord, changes: FileChange[]): string {
  const head = repo.commits.get(issue.pull!.head_sha)
  const date = new Date(head?.date ?? issue.created_at).toUTCString().replace('GMT', '+0000')
  return (
    `From ${issue.pull!.head_sha} Mon Sep 17 00:00:00 2001\n` +
    `From: ${head?.author ?? issue.user} <${head?.author ?? issue.user}@users.noreply.github.com>\n` +
    `Date: ${date}\n` +
    `Subject: [PATCH] ${head?.message ?? issue.title}\n\n---\n` +
    unifiedDiff(changes) +
    '\n'
  )
}

function renderFiles(ctx: Ctx, repo: RepoRecord, issue: IssueRecord) {
  const name = fullName(repo)
  return pullChanges(repo, issue).map((change) => {
    const { patch, additions, deletions } = patchOf(change)
    const ref = issue.pull!.head_sha
    return {
      sha: change.sha,
      filename: change.filename,
      status: change.status,
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `https://github.com/${name}/blob/${ref}/${change.filename}`,
      raw_url: `https://github.com/${name}/raw/${ref}/${change.filename}`,
      contents_url: `${ctx.baseUrl}/repos/${name}/contents/${change.filename}?ref=${ref}`,
      patch,
    }
  })
}

async function mergePull(ctx: Ctx, repo: RepoRecord, issue: IssueRecord, body: Record<string, unknown>) {
  const pull = issue.pull!
  const method = (body.merge_method as string | undefined) ?? 'merge'
  if (!['merge', 'squash', 'rebase'].includes(method)) {
    validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'merge_method' }], docsOf(ctx))
  }
  if (issue.state !== 'open' || pull.merged) {
    throw new GitHubApiError(405, 'Pull Request is not mergeable', { documentationUrl: docsOf(ctx) })
  }
  const headSha = repo.branches.get(pull.head) ?? pull.head_sha
  if (typeof body.sha === 'string' && body.sha !== headSha) {
    throw new GitHubApiError(409, 'Head branch was modified. Review and try the merge again.', {
      documentationUrl: docsOf(ctx),
    })
  }
  const before = repo.branches.get(pull.base) ?? pull.base_sha
  const changes: Record<string, Uint8Array | null> = {}
  for (const change of pullChanges(repo, issue)) {
    changes[change.filename] =
      change.status === 'removed'
        ? null
        : (repo.commits.get(headSha)?.files.get(change.filename)?.content ?? null)
  }
  const title =
    typeof body.commit_title === 'string'
      ? body.commit_title
      : method === 'squash'
        ? `${issue.title} (#${issue.number})`
        : `Merge pull request #${issue.number} from ${repo.owner}/${pull.head}`
  const merged = commit(ctx.state, repo, {
    branch: pull.base,
    changes,
    message: typeof body.commit_message === 'string' ? `${title}\n\n${body.commit_message}` : title,
    author: actorLogin(ctx),
  })
  pull.merged = true
  pull.merged_at = now(ctx.state)
  pull.merged_by = actorLogin(ctx)
  pull.merge_commit_sha = merged.sha
  await closeIssue(ctx, repo, issue, null)
  await emitPush(ctx, repo, pull.base, before, [merged])
  return merged
}

/** Every commit reachable from `sha`, through all parents. */
function ancestors(repo: RepoRecord, sha: string): Set<string> {
  const seen = new Set<string>()
  const queue = [sha]
  while (queue.length) {
    const next = queue.pop()!
    if (seen.has(next)) continue
    seen.add(next)
    queue.push(...(repo.commits.get(next)?.parents ?? []))
  }
  return seen
}

/**
 * Merges the base branch into the head branch, as "Update branch" does: a merge commit (parents head,
 * base) that takes base's changes since the merge base; a path both sides changed differently is a
 * conflict. Nothing is committed when head already contains base.
 */
async function updateBranch(ctx: Ctx, repo: RepoRecord, issue: IssueRecord, body: Record<string, unknown>) {
  const pull = issue.pull!
  if (issue.state !== 'open') validationFailed([{ resource: 'PullRequest', code: 'invalid' }], docsOf(ctx))
  const headSha = repo.branches.get(pull.head)
  const baseSha = repo.branches.get(pull.base)
  if (!headSha || !baseSha) notFound(docsOf(ctx))
  if (typeof body.expected_head_sha === 'string' && body.expected_head_sha !== headSha) {
    throw new GitHubApiError(422, 'expected head sha didn’t match current head ref.', {
      documentationUrl: docsOf(ctx),
    })
  }
  const fromHead = ancestors(repo, headSha)
  if (fromHead.has(baseSha)) return
  // The nearest commit of base that head also has (breadth first from base's tip).
  let mergeBase: string | undefined
  const queue = [baseSha]
  const seen = new Set<string>()
  while (queue.length && !mergeBase) {
    const sha = queue.shift()!
    if (seen.has(sha)) continue
    seen.add(sha)
    if (fromHead.has(sha)) mergeBase = sha
    else queue.push(...(repo.commits.get(sha)?.parents ?? []))
  }
  const ancestor = mergeBase ? repo.commits.get(mergeBase) : undefined
  const head = repo.commits.get(headSha)!
  const base = repo.commits.get(baseSha)!
  const ours = new Map(diffTrees(ancestor, head).map((c) => [c.filename, c]))
  const changes: Record<string, Uint8Array | null> = {}
  for (const change of diffTrees(ancestor, base)) {
    const mine = ours.get(change.filename)
    const theirs = base.files.get(change.filename)
    const same = mine?.status === 'removed' ? !theirs : theirs && toText(theirs.content) === mine?.after
    if (mine && !same)
      throw new GitHubApiError(422, 'merge conflict between base and head', { documentationUrl: docsOf(ctx) })
    changes[change.filename] = theirs?.content ?? null
  }
  const merged = commit(ctx.state, repo, {
    branch: pull.head,
    changes,
    message: `Merge branch '${pull.base}' into ${pull.head}`,
    author: actorLogin(ctx),
  })
  merged.parents = [headSha, baseSha]
  // Base's blobs themselves, so the pull request's diff does not list what it merged in.
  for (const path of Object.keys(changes)) {
    const theirs = base.files.get(path)
    if (theirs) merged.files.set(path, theirs)
  }
  pull.head_sha = merged.sha
  pull.base_sha = baseSha
  touch(ctx, issue)
  await emitPush(ctx, repo, pull.head, headSha, [merged])
}

export const pullRoutes = [
  op('GET /repos/{owner}/{repo}/pulls', (ctx) => {
    const repo = repoFor(ctx)
    const state = ctx.query.get('state') ?? 'open'
    const head = ctx.query.get('head')
    const base = ctx.query.get('base')
    const sort = ctx.query.get('sort') ?? 'created'
    const sign = (ctx.query.get('direction') ?? (sort === 'long-running' ? 'asc' : 'desc')) === 'asc' ? 1 : -1
    const pulls = [...repo.issues.values()]
      .filter((i) => i.pull && (state === 'all' || i.state === state))
      .filter((i) => !head || branchName(head) === i.pull!.head)
      .filter((i) => !base || base === i.pull!.base)
      .sort(
        (a, b) =>
          sign *
          ((sort === 'updated' ? Date.parse(a.updated_at) - Date.parse(b.updated_at) : 0) ||
            a.number - b.number),
      )
    const page = paginate(pulls, ctx.query, pageUrl(ctx))
    const r = rc(ctx)
    return json(
      page.items.map((i) => renderPull(r, repo, i, { simple: true })),
      page.link ? { headers: { link: page.link } } : {},
    )
  }),

  op('POST /repos/{owner}/{repo}/pulls', async (ctx) => {
    const repo = repoFor(ctx)
    const body = bodyOf(ctx)
    if (typeof body.head !== 'string') invalidRequest('"head" wasn\'t supplied.', docsOf(ctx))
    if (typeof body.base !== 'string') invalidRequest('"base" wasn\'t supplied.', docsOf(ctx))
    if (typeof body.title !== 'string' && body.issue === undefined)
      invalidRequest('"title" wasn\'t supplied.', docsOf(ctx))
    const head = branchName(body.head)
    const base = body.base
    const errors = []
    if (!repo.branches.has(head))
      errors.push({ resource: 'PullRequest', field: 'head', code: 'invalid' as const })
    if (!repo.branches.has(base))
      errors.push({ resource: 'PullRequest', field: 'base', code: 'invalid' as const })
    if (errors.length) validationFailed(errors, docsOf(ctx))
    const headSha = repo.branches.get(head)!
    const baseSha = repo.branches.get(base)!
    for (const other of repo.issues.values()) {
      if (other.pull && other.state === 'open' && other.pull.head === head && other.pull.base === base) {
        validationFailed(
          [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${repo.owner}:${head}.`,
            },
          ],
          docsOf(ctx),
        )
      }
    }
    if (headSha === baseSha || countCommits(repo, baseSha, headSha) === 0) {
      validationFailed(
        [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }],
        docsOf(ctx),
      )
    }
    const issue = newIssue(ctx, repo, {
      title: String(body.title ?? ''),
      body: typeof body.body === 'string' ? body.body : null,
    })
    issue.pull = {
      id: nextId(ctx.state, 'pull'),
      node_id: nodeId(ctx.state, 'PullRequest'),
      head,
      base,
      head_sha: headSha,
      base_sha: baseSha,
      draft: body.draft === true,
      merged: false,
      merged_at: null,
      merged_by: null,
      merge_commit_sha: null,
      maintainer_can_modify: body.maintainer_can_modify !== false,
    }
    await emitIssue(ctx, repo, issue, 'opened')
    ctx.emit('pull_request.opened', { repo: fullName(repo), number: issue.number })
    const rendered = renderPull(rc(ctx), repo, issue)
    return json(rendered, { status: 201, headers: { location: String(rendered.url) } })
  }),

  op('GET /repos/{owner}/{repo}/pulls/{pull_number}', (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const { format, version } = formatOf(ctx)
    if (format === 'diff') return textResponse(unifiedDiff(pullChanges(repo, issue)), 'diff', version)
    if (format === 'patch')
      return textResponse(patchText(repo, issue, pullChanges(repo, issue)), 'patch', version)
    return json(renderPull(rc(ctx), repo, issue))
  }),

  op('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', async (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const access = accessTo(ctx, repo)
    if (
      access !== 'admin' &&
      access !== 'write' &&
      issue.user.toLowerCase() !== actorLogin(ctx).toLowerCase()
    ) {
      throw new GitHubApiError(403, 'Must have push access to repository', { documentationUrl: docsOf(ctx) })
    }
    const body = bodyOf(ctx)
    if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') {
      validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'state' }], docsOf(ctx))
    }
    const changes: Record<string, { from: string }> = {}
    if (typeof body.title === 'string' && body.title !== issue.title) {
      changes.title = { from: issue.title }
      issue.title = body.title
    }
    if ((typeof body.body === 'string' || body.body === null) && body.body !== issue.body) {
      changes.body = { from: issue.body ?? '' }
      issue.body = body.body
    }
    if (typeof body.base === 'string' && body.base !== issue.pull!.base) {
      if (!repo.branches.has(body.base))
        validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }], docsOf(ctx))
      issue.pull!.base = body.base
      issue.pull!.base_sha = repo.branches.get(body.base)!
    }
    if (typeof body.maintainer_can_modify === 'boolean')
      issue.pull!.maintainer_can_modify = body.maintainer_can_modify
    if (Object.keys(changes).length) {
      touch(ctx, issue)
      await emitIssue(ctx, repo, issue, 'edited', { changes })
    }
    if (body.state === 'closed') await closeIssue(ctx, repo, issue, null)
    if (body.state === 'open' && !issue.pull!.merged) await reopenIssue(ctx, repo, issue)
    const labels = labelNames(body.labels === undefined ? undefined : { labels: body.labels })
    if (labels) await setLabels(ctx, repo, issue, labels)
    return json(renderPull(rc(ctx), repo, issue))
  }),

  op('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const page = paginate(renderFiles(ctx, repo, issue), ctx.query, pageUrl(ctx), 3000)
    return json(page.items, page.link ? { headers: { link: page.link } } : {})
  }),

  op('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const commits = []
    let sha: string | undefined = issue.pull!.head_sha
    while (sha && sha !== issue.pull!.base_sha && commits.length < 250) {
      const c = repo.commits.get(sha)
      if (!c) break
      commits.unshift(c)
      sha = c.parents[0]
    }
    const { renderCommit } = commitRenderer(ctx, repo)
    const page = paginate(commits.map(renderCommit), ctx.query, pageUrl(ctx))
    return json(page.items, page.link ? { headers: { link: page.link } } : {})
  }),

  op('PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = pullFor(ctx, repo)
    await updateBranch(ctx, repo, issue, bodyOf(ctx))
    // The web address under /repos/, as GitHub's own example answer has it.
    return json(
      {
        message: 'Updating pull request branch.',
        url: `${rc(ctx).web}/repos/${fullName(repo)}/pulls/${issue.number}`,
      },
      { status: 202 },
    )
  }),

  op('GET /repos/{owner}/{repo}/pulls/{pull_number}/merge', (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    if (!issue.pull!.merged) notFound(docsOf(ctx))
    return new Response(null, { status: 204 })
  }),

  op('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = pullFor(ctx, repo)
    const merged = await mergePull(ctx, repo, issue, bodyOf(ctx))
    return json({ sha: merged.sha, merged: true, message: 'Pull Request successfully merged' })
  }),
]

/** `commit` objects as the pulls and repos commits endpoints list them. */
export function commitRenderer(ctx: Ctx, repo: RepoRecord) {
  const name = fullName(repo)
  const r = rc(ctx)
  return {
    renderCommit: (c: {
      sha: string
      tree_sha: string
      message: string
      author: string
      parents: string[]
      date: string
    }) => {
      const person = { name: c.author, email: `${c.author}@users.noreply.github.com`, date: c.date }
      return {
        sha: c.sha,
        node_id: `C_kwDO${c.sha.slice(0, 12)}`,
        commit: {
          author: person,
          committer: person,
          message: c.message,
          tree: { sha: c.tree_sha, url: `${r.api}/repos/${name}/git/trees/${c.tree_sha}` },
          url: `${r.api}/repos/${name}/git/commits/${c.sha}`,
          comment_count: 0,
          verification: {
            verified: false,
            reason: 'unsigned',
            signature: null,
            payload: null,
            verified_at: null,
          },
        },
        url: `${r.api}/repos/${name}/commits/${c.sha}`,
        html_url: `${r.web}/${name}/commit/${c.sha}`,
        comments_url: `${r.api}/repos/${name}/commits/${c.sha}/comments`,
        author: null,
        committer: null,
        parents: c.parents.map((sha) => ({
          sha,
          url: `${r.api}/repos/${name}/commits/${sha}`,
          html_url: `${r.web}/${name}/commit/${sha}`,
        })),
      }
    },
  }
}
