import { expect, test } from 'vitest'
import { validateWebhook } from './schemas'
import { describeModes, type RequestError, receiver } from './setup'

const repoSeed = {
  repos: [
    {
      full_name: 'octo/app',
      files: { 'README.md': '# app\n', 'src/index.ts': 'export const a = 1\n' },
      branches: {
        feature: { 'src/index.ts': 'export const a = 2\nexport const b = 3\n', 'docs/new.md': 'hello\n' },
      },
    },
  ],
}

describeModes('pulls, reviews, contents', ({ setup }) => {
  test('pulls.create, get as JSON, diff and patch, files, merge; pull_request and push webhooks', async () => {
    const hook = receiver()
    const { github, octokit, baseUrl } = setup({
      seed: { ...repoSeed, hooks: [{ repo: 'octo/app', url: 'http://127.0.0.1:9/h', secret: 'whsec_test' }] },
      webhooks: { transport: hook.transport },
    })
    const gh = octokit()
    const { data: pr, status } = await gh.pulls.create({
      owner: 'octo',
      repo: 'app',
      title: 'Bump a',
      head: 'feature',
      base: 'main',
      body: 'Please',
    })
    expect(status).toBe(201)
    expect(pr).toMatchObject({
      number: 1,
      state: 'open',
      title: 'Bump a',
      head: { ref: 'feature', label: 'octo:feature' },
      base: { ref: 'main', repo: { full_name: 'octo/app' } },
      merged: false,
      mergeable: true,
      changed_files: 2,
      additions: 3,
      deletions: 1,
      commits: 1,
      url: `${baseUrl}/repos/octo/app/pulls/1`,
    })
    const { data: diff } = await gh.pulls.get({
      owner: 'octo',
      repo: 'app',
      pull_number: 1,
      mediaType: { format: 'diff' },
    })
    expect(String(diff)).toMatch(
      /^diff --git a\/docs\/new.md b\/docs\/new.md\nnew file mode 100644\nindex 0000000\.\.[0-9a-f]{7}\n--- \/dev\/null\n\+\+\+ b\/docs\/new.md\n@@ -0,0 \+1,1 @@\n\+hello\n/,
    )
    expect(String(diff)).toContain(
      '--- a/src/index.ts\n+++ b/src/index.ts\n@@ -1,1 +1,2 @@\n-export const a = 1\n+export const a = 2\n+export const b = 3\n',
    )
    const { data: patch } = await gh.pulls.get({
      owner: 'octo',
      repo: 'app',
      pull_number: 1,
      mediaType: { format: 'patch' },
    })
    expect(String(patch)).toMatch(/^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n/)
    const { data: files } = await gh.pulls.listFiles({ owner: 'octo', repo: 'app', pull_number: 1 })
    expect(files.map((f) => [f.filename, f.status, f.additions, f.deletions])).toEqual([
      ['docs/new.md', 'added', 1, 0],
      ['src/index.ts', 'modified', 2, 1],
    ])
    const { data: asIssue } = await gh.issues.get({ owner: 'octo', repo: 'app', issue_number: 1 })
    expect(asIssue.pull_request?.url).toBe(`${baseUrl}/repos/octo/app/pulls/1`)

    const { data: merged } = await gh.pulls.merge({
      owner: 'octo',
      repo: 'app',
      pull_number: 1,
      merge_method: 'squash',
    })
    expect(merged).toMatchObject({ merged: true, message: 'Pull Request successfully merged' })
    const again = (await gh.pulls
      .merge({ owner: 'octo', repo: 'app', pull_number: 1 })
      .catch((e) => e)) as RequestError
    expect(again.status).toBe(405)
    const { data: readme } = await gh.repos.getContent({ owner: 'octo', repo: 'app', path: 'docs/new.md' })
    expect(Buffer.from((readme as { content: string }).content, 'base64').toString()).toBe('hello\n')
    const { data: closed } = await gh.pulls.get({ owner: 'octo', repo: 'app', pull_number: 1 })
    expect(closed).toMatchObject({ state: 'closed', merged: true, merged_by: { login: 'octocat' } })

    await github.webhooks.settled()
    const bodies = await hook.bodies()
    expect(bodies.map((d) => `${d.event}.${d.body.action ?? ''}`)).toEqual([
      'pull_request.opened',
      'pull_request.closed',
      'push.',
    ])
    expect(bodies[1]!.body.pull_request.merged).toBe(true)
    for (const d of bodies) expect(validateWebhook(d.event!, d.body)).toEqual([])
  })

  test('pulls.create validates head/base and duplicates with 422 errors[]', async () => {
    const { octokit } = setup({ seed: repoSeed })
    const gh = octokit()
    const bad = (await gh.pulls
      .create({ owner: 'octo', repo: 'app', title: 'x', head: 'nope', base: 'main' })
      .catch((e) => e)) as RequestError
    expect(bad.status).toBe(422)
    expect(bad.response?.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
    })
    await gh.pulls.create({ owner: 'octo', repo: 'app', title: 'x', head: 'feature', base: 'main' })
    const dup = (await gh.pulls
      .create({ owner: 'octo', repo: 'app', title: 'y', head: 'octo:feature', base: 'main' })
      .catch((e) => e)) as RequestError
    expect(dup.response?.data.errors[0].message).toBe('A pull request already exists for octo:feature.')
    const { data: list } = await gh.pulls.list({ owner: 'octo', repo: 'app', head: 'octo:feature' })
    expect(list.map((p) => p.number)).toEqual([1])
  })

  test('reviews and review comments, with schema-valid pull_request_review(_comment) deliveries', async () => {
    const hook = receiver()
    const { octokit, github } = setup({
      seed: {
        ...repoSeed,
        users: [{ login: 'reviewer', tokens: ['ghp_reviewer'] }],
        hooks: [{ repo: 'octo/app', url: 'http://127.0.0.1:9/h' }],
      },
      webhooks: { transport: hook.transport },
    })
    await octokit().pulls.create({ owner: 'octo', repo: 'app', title: 'x', head: 'feature', base: 'main' })
    const reviewer = octokit('ghp_reviewer')
    const { data: review, status } = await reviewer.pulls.createReview({
      owner: 'octo',
      repo: 'app',
      pull_number: 1,
      event: 'REQUEST_CHANGES',
      body: 'Needs work',
      comments: [{ path: 'src/index.ts', line: 2, body: 'why b?' }],
    })
    expect(status).toBe(200)
    expect(review).toMatchObject({
      state: 'CHANGES_REQUESTED',
      body: 'Needs work',
      user: { login: 'reviewer' },
    })
    const { data: comments } = await reviewer.pulls.listReviewComments({
      owner: 'octo',
      repo: 'app',
      pull_number: 1,
    })
    expect(comments).toMatchObject([
      { path: 'src/index.ts', line: 2, body: 'why b?', pull_request_review_id: review.id },
    ])
    const { data: reply } = await octokit().pulls.createReplyForReviewComment({
      owner: 'octo',
      repo: 'app',
      pull_number: 1,
      comment_id: comments[0]!.id,
      body: 'because',
    })
    expect(reply).toMatchObject({ in_reply_to_id: comments[0]!.id, path: 'src/index.ts' })
    const { data: approve } = await reviewer.pulls.createReview({
      owner: 'octo',
      repo: 'app',
      pull_number: 1,
      event: 'APPROVE',
    })
    expect(approve.state).toBe('APPROVED')
    const { data: reviews } = await octokit().pulls.listReviews({
      owner: 'octo',
      repo: 'app',
      pull_number: 1,
    })
    expect(reviews.map((r) => r.state)).toEqual(['CHANGES_REQUESTED', 'COMMENTED', 'APPROVED'])
    await github.webhooks.settled()
    const deliveries = await hook.bodies()
    expect(deliveries.map((d) => `${d.event}.${d.body.action}`)).toEqual([
      'pull_request.opened',
      'pull_request_review.submitted',
      'pull_request_review_comment.created',
      'pull_request_review.submitted',
    ])
    for (const d of deliveries) expect(validateWebhook(d.event!, d.body)).toEqual([])
  })

  test('contents: create, update (sha required), read raw, delete; empty repositories', async () => {
    const { octokit } = setup({ seed: { repos: [{ full_name: 'octo/empty' }] } })
    const gh = octokit()
    const empty = (await gh.repos
      .getContent({ owner: 'octo', repo: 'empty', path: 'x' })
      .catch((e) => e)) as RequestError
    expect(empty.status).toBe(404)
    expect(empty.response?.data.message).toBe('This repository is empty.')
    const { data: created, status } = await gh.repos.createOrUpdateFileContents({
      owner: 'octo',
      repo: 'empty',
      path: 'notes/a.md',
      message: 'add',
      content: Buffer.from('one\n').toString('base64'),
    })
    expect(status).toBe(201)
    expect(created.content).toMatchObject({ name: 'a.md', path: 'notes/a.md', type: 'file', size: 4 })
    const noSha = (await gh.repos
      .createOrUpdateFileContents({
        owner: 'octo',
        repo: 'empty',
        path: 'notes/a.md',
        message: 'x',
        content: 'eA==',
      })
      .catch((e) => e)) as RequestError
    expect(noSha.status).toBe(422)
    const { status: updated } = await gh.repos.createOrUpdateFileContents({
      owner: 'octo',
      repo: 'empty',
      path: 'notes/a.md',
      message: 'edit',
      content: Buffer.from('two\n').toString('base64'),
      sha: created.content!.sha!,
    })
    expect(updated).toBe(200)
    const { data: raw } = await gh.repos.getContent({
      owner: 'octo',
      repo: 'empty',
      path: 'notes/a.md',
      mediaType: { format: 'raw' },
    })
    expect(String(raw)).toBe('two\n')
    const { data: dir } = await gh.repos.getContent({ owner: 'octo', repo: 'empty', path: 'notes' })
    expect((dir as Array<{ name: string; type: string }>).map((e) => [e.name, e.type])).toEqual([
      ['a.md', 'file'],
    ])
    const { data: file } = await gh.repos.getContent({ owner: 'octo', repo: 'empty', path: 'notes/a.md' })
    await gh.repos.deleteFile({
      owner: 'octo',
      repo: 'empty',
      path: 'notes/a.md',
      message: 'rm',
      sha: (file as { sha: string }).sha,
    })
    const gone = (await gh.repos
      .getContent({ owner: 'octo', repo: 'empty', path: 'notes/a.md' })
      .catch((e) => e)) as RequestError
    expect(gone.status).toBe(404)
  })

  test('search.issuesAndPullRequests with qualifiers', async () => {
    const { octokit } = setup({
      seed: {
        repos: [
          {
            full_name: 'octo/hello',
            issues: [
              { title: 'Crash on start', labels: ['bug'], user: 'alice' },
              { title: 'Crash in docs', labels: ['documentation'] },
              { title: 'Old crash', state: 'closed', labels: ['bug'] },
            ],
          },
          { full_name: 'octo/other', issues: [{ title: 'Crash elsewhere', labels: ['bug'] }] },
          { full_name: 'octo/private', private: true, issues: [{ title: 'secret crash' }] },
        ],
        users: [{ login: 'outsider', tokens: ['ghp_outsider'] }],
      },
    })
    const gh = octokit()
    const { data, headers } = await gh.search.issuesAndPullRequests({
      q: 'crash repo:octo/hello is:issue is:open label:bug',
    })
    expect(data.total_count).toBe(1)
    expect(data.incomplete_results).toBe(false)
    expect(data.items.map((i) => i.title)).toEqual(['Crash on start'])
    expect(headers['x-ratelimit-resource']).toBe('search')
    expect(headers['x-ratelimit-limit']).toBe('30')
    const byAuthor = await gh.search.issuesAndPullRequests({ q: 'author:alice state:open' })
    expect(byAuthor.data.items.map((i) => i.title)).toEqual(['Crash on start'])
    const all = await gh.search.issuesAndPullRequests({ q: 'crash', sort: 'created', order: 'asc' })
    expect(all.data.total_count).toBe(5)
    const paged = await gh.paginate(gh.search.issuesAndPullRequests, { q: 'crash', per_page: 2 })
    expect(paged).toHaveLength(5)
    const outsider = await octokit('ghp_outsider').search.issuesAndPullRequests({ q: 'crash' })
    expect(outsider.data.total_count).toBe(4)
    const missing = (await gh.search.issuesAndPullRequests({ q: '' }).catch((e) => e)) as RequestError
    expect(missing.status).toBe(422)
  })

  test('reactions and lock', async () => {
    const { octokit } = setup({ seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'x' }] }] } })
    const gh = octokit()
    const { status } = await gh.reactions.createForIssue({
      owner: 'octo',
      repo: 'hello',
      issue_number: 1,
      content: 'heart',
    })
    expect(status).toBe(201)
    const { status: again } = await gh.reactions.createForIssue({
      owner: 'octo',
      repo: 'hello',
      issue_number: 1,
      content: 'heart',
    })
    expect(again).toBe(200)
    const { data: issue } = await gh.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(issue.reactions).toMatchObject({ total_count: 1, heart: 1 })
    const lock = await gh.issues.lock({
      owner: 'octo',
      repo: 'hello',
      issue_number: 1,
      lock_reason: 'resolved',
    })
    expect(lock.status).toBe(204)
    const { data: locked } = await gh.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(locked).toMatchObject({ locked: true, active_lock_reason: 'resolved' })
    await gh.issues.unlock({ owner: 'octo', repo: 'hello', issue_number: 1 })
  })

  test('repos and users: create, list, get the authenticated user', async () => {
    const { octokit } = setup({ seed: { users: [{ login: 'acme', type: 'Organization' }] } })
    const gh = octokit()
    const { data: me } = await gh.users.getAuthenticated()
    expect(me).toMatchObject({ login: 'octocat', type: 'User', plan: { name: 'free' } })
    const { data: repo, status } = await gh.repos.createForAuthenticatedUser({
      name: 'fresh',
      private: true,
      auto_init: true,
    })
    expect(status).toBe(201)
    expect(repo).toMatchObject({
      full_name: 'octocat/fresh',
      private: true,
      visibility: 'private',
      permissions: { admin: true },
    })
    await gh.repos.createInOrg({ org: 'acme', name: 'tool' })
    const { data: mine } = await gh.repos.listForAuthenticatedUser()
    expect(mine.map((r) => r.full_name)).toEqual(['acme/tool', 'octocat/fresh'])
    const { data: org } = await gh.repos.listForOrg({ org: 'acme' })
    expect(org.map((r) => r.name)).toEqual(['tool'])
    const { data: user } = await gh.users.getByUsername({ username: 'octocat' })
    expect(user.public_repos).toBe(0)
  })
})
