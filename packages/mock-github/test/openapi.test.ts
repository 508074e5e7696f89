import { generateKeyPairSync } from 'node:crypto'
import { createRequire } from 'node:module'
import { Octokit } from '@octokit/rest'
import type { LoggedRequest } from '@understudy/core'
import Ajv, { type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { setupServer } from 'msw/node'
import { App } from 'octokit'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createGitHubMock } from '../src/index'

// Fidelity checked against the official description: every JSON response the mock gives in a broad
// scenario must validate against the response schema of its operation and status.
const require = createRequire(import.meta.url)
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is read structurally
type Json = any
const spec: Json = require('@octokit/openapi/generated/api.github.com.json')

/** OpenAPI 3.0's `nullable: true`, spelled in plain JSON Schema so ajv reads it. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema)
  if (!node || typeof node !== 'object') return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'example' || k === 'examples' ? undefined : toJsonSchema(v)
  if (out.nullable === true) {
    delete out.nullable
    if (typeof out.type === 'string' && !out.enum) return { ...out, type: [out.type, 'null'] }
    return { anyOf: [out, { type: 'null' }] }
  }
  return out
}

const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
ajv.addSchema({ $id: 'spec', components: { schemas: toJsonSchema(spec.components.schemas) } })
const compiled = new Map<string, ValidateFunction | null>()

function deref(node: Json): Json {
  while (node?.$ref)
    node = node.$ref
      .split('/')
      .slice(1)
      .reduce((n: Json, k: string) => n[k], spec)
  return node
}

// The paths in this build of the description inline their schemas, and a few inlined copies differ
// from the component they were made from (installation.account is `allOf` of user and enterprise
// there, `anyOf` in the component). Validate against the named component when a title names one.
const byTitle = new Map<string, string>()
for (const [name, schema] of Object.entries<Json>(spec.components.schemas)) {
  if (schema.title && !byTitle.has(schema.title)) byTitle.set(schema.title, name)
}
function preferComponent(schema: Json): Json {
  const named = (s: Json) =>
    s?.title && byTitle.has(s.title) ? { $ref: `#/components/schemas/${byTitle.get(s.title)}` } : s
  if (schema?.type === 'array' && schema.items) return { ...schema, items: named(schema.items) }
  return named(schema)
}

function validatorFor(operation: string, status: number): ValidateFunction | null {
  const key = `${operation} ${status}`
  if (compiled.has(key)) return compiled.get(key)!
  const [method, path] = operation.split(' ') as [string, string]
  const response = deref(spec.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)])
  const schema = preferComponent(response?.content?.['application/json']?.schema)
  // Schemas refer to `#/components/...`: rewrite to the registered document.
  const validate = schema
    ? ajv.compile(
        JSON.parse(JSON.stringify(toJsonSchema(schema)).replaceAll('"#/components/', '"spec#/components/')),
      )
    : null
  compiled.set(key, validate)
  return validate
}

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})
const github = createGitHubMock({
  seed: {
    users: [
      { login: 'reviewer', tokens: ['ghp_reviewer'] },
      { login: 'acme', type: 'Organization' },
    ],
    repos: [
      {
        full_name: 'octo/hello',
        collaborators: ['reviewer'],
        issues: [
          {
            title: 'Crash',
            body: 'boom',
            labels: ['bug'],
            assignees: ['octocat'],
            comments: [{ body: 'me too' }],
          },
          { title: 'Closed', state: 'closed' },
        ],
        files: { 'README.md': '# hi\n', 'src/a.ts': 'a\n' },
        branches: { feature: { 'src/a.ts': 'b\n' } },
      },
      { full_name: 'octo/private', private: true },
    ],
    apps: [
      {
        id: 42,
        slug: 'bot',
        privateKey,
        installations: [{ id: 7, account: 'octo', repositories: ['octo/hello'] }],
      },
    ],
  },
  webhooks: { transport: async () => new Response('ok') },
})
const server = setupServer(...github.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' } as never))
afterAll(() => server.close())

async function scenario() {
  const log = { debug() {}, info() {}, warn() {}, error() {} }
  const gh = new Octokit({ auth: 'ghp_test', log })
  const reviewer = new Octokit({ auth: 'ghp_reviewer', log })
  const o = { owner: 'octo', repo: 'hello' }
  const quiet = (p: Promise<unknown>) => p.catch(() => undefined)
  await gh.rest.meta.root()
  await gh.rateLimit.get()
  await gh.users.getAuthenticated()
  await gh.users.getByUsername({ username: 'octocat' })
  await gh.repos.get(o)
  await gh.repos.update({ ...o, description: 'desc' })
  await gh.repos.listForAuthenticatedUser()
  await gh.repos.listForUser({ username: 'octo' })
  await gh.repos.createForAuthenticatedUser({ name: 'made' })
  await gh.repos.createInOrg({ org: 'acme', name: 'orgrepo' })
  await gh.repos.listForOrg({ org: 'acme' })
  const { data: issue } = await gh.issues.create({
    ...o,
    title: 'New',
    labels: ['triage'],
    assignees: ['octocat'],
  })
  await gh.issues.get({ ...o, issue_number: 1 })
  await gh.issues.listForRepo({ ...o, state: 'all', per_page: 1 })
  await gh.issues.update({ ...o, issue_number: issue.number, state: 'closed' })
  await gh.issues.addLabels({ ...o, issue_number: 1, labels: ['p1'] })
  await gh.issues.setLabels({ ...o, issue_number: 1, labels: ['bug', 'p1'] })
  await gh.issues.removeLabel({ ...o, issue_number: 1, name: 'p1' })
  await gh.issues.listLabelsOnIssue({ ...o, issue_number: 1 })
  await gh.issues.listLabelsForRepo(o)
  await gh.issues.createLabel({ ...o, name: 'new-label', color: 'ff0000' })
  await gh.issues.getLabel({ ...o, name: 'new-label' })
  await gh.issues.updateLabel({ ...o, name: 'new-label', color: '00ff00' })
  await gh.issues.deleteLabel({ ...o, name: 'new-label' })
  await gh.issues.addAssignees({ ...o, issue_number: 1, assignees: ['reviewer'] })
  await gh.issues.removeAssignees({ ...o, issue_number: 1, assignees: ['reviewer'] })
  await gh.issues.listAssignees(o)
  await gh.repos.listCollaborators(o)
  const { data: comment } = await gh.issues.createComment({ ...o, issue_number: 1, body: 'hi' })
  await gh.issues.listComments({ ...o, issue_number: 1 })
  await gh.issues.listCommentsForRepo(o)
  await gh.issues.getComment({ ...o, comment_id: comment.id })
  await gh.issues.updateComment({ ...o, comment_id: comment.id, body: 'edit' })
  await gh.reactions.createForIssue({ ...o, issue_number: 1, content: 'rocket' })
  await gh.reactions.listForIssue({ ...o, issue_number: 1 })
  await gh.reactions.createForIssueComment({ ...o, comment_id: comment.id, content: '+1' })
  await gh.reactions.listForIssueComment({ ...o, comment_id: comment.id })
  await gh.issues.deleteComment({ ...o, comment_id: comment.id })
  await gh.issues.lock({ ...o, issue_number: 1 })
  await gh.issues.unlock({ ...o, issue_number: 1 })
  const { data: hook } = await gh.repos.createWebhook({
    ...o,
    config: { url: 'http://127.0.0.1:9/h', content_type: 'json' },
  })
  await gh.repos.listWebhooks(o)
  await gh.repos.getWebhook({ ...o, hook_id: hook.id })
  await gh.repos.updateWebhook({ ...o, hook_id: hook.id, add_events: ['issues'] })
  await gh.repos.getWebhookConfigForRepo({ ...o, hook_id: hook.id })
  await gh.repos.pingWebhook({ ...o, hook_id: hook.id })
  await github.webhooks.settled()
  await gh.repos.listWebhookDeliveries({ ...o, hook_id: hook.id })
  await gh.repos.deleteWebhook({ ...o, hook_id: hook.id })
  await gh.repos.getContent({ ...o, path: 'README.md' })
  await gh.repos.getContent({ ...o, path: 'src' })
  const { data: file } = await gh.repos.createOrUpdateFileContents({
    ...o,
    path: 'new.txt',
    message: 'add',
    content: 'eA==',
  })
  await gh.repos.createOrUpdateFileContents({
    ...o,
    path: 'new.txt',
    message: 'edit',
    content: 'eQ==',
    sha: file.content!.sha!,
  })
  await gh.repos.listBranches(o)
  await gh.repos.getBranch({ ...o, branch: 'main' })
  const { data: main } = await gh.git.getRef({ ...o, ref: 'heads/main' })
  await gh.git.createRef({ ...o, ref: 'refs/heads/other', sha: main.object.sha })
  const { data: pr } = await gh.pulls.create({ ...o, title: 'PR', head: 'feature', base: 'main' })
  await gh.pulls.get({ ...o, pull_number: pr.number })
  await gh.pulls.list(o)
  await gh.pulls.update({ ...o, pull_number: pr.number, body: 'b' })
  await gh.pulls.updateBranch({ ...o, pull_number: pr.number })
  await quiet(gh.pulls.updateBranch({ ...o, pull_number: pr.number, expected_head_sha: 'a'.repeat(40) }))
  await gh.pulls.listFiles({ ...o, pull_number: pr.number })
  await gh.pulls.listCommits({ ...o, pull_number: pr.number })
  const { data: review } = await reviewer.pulls.createReview({
    ...o,
    pull_number: pr.number,
    event: 'COMMENT',
    body: 'ok',
    comments: [{ path: 'src/a.ts', line: 1, body: 'nit' }],
  })
  await gh.pulls.listReviews({ ...o, pull_number: pr.number })
  await gh.pulls.getReview({ ...o, pull_number: pr.number, review_id: review.id })
  await gh.pulls.listCommentsForReview({ ...o, pull_number: pr.number, review_id: review.id })
  const { data: rc } = await gh.pulls.listReviewComments({ ...o, pull_number: pr.number })
  await gh.pulls.getReviewComment({ ...o, comment_id: rc[0]!.id })
  await gh.pulls.updateReviewComment({ ...o, comment_id: rc[0]!.id, body: 'nit!' })
  await gh.pulls.createReplyForReviewComment({
    ...o,
    pull_number: pr.number,
    comment_id: rc[0]!.id,
    body: 'done',
  })
  await gh.pulls.listReviewCommentsForRepo(o)
  await gh.reactions.createForPullRequestReviewComment({ ...o, comment_id: rc[0]!.id, content: 'eyes' })
  await gh.pulls.merge({ ...o, pull_number: pr.number })
  await quiet(gh.pulls.checkIfMerged({ ...o, pull_number: pr.number }))
  await gh.search.issuesAndPullRequests({ q: 'repo:octo/hello is:open crash' })
  await gh.search.repos({ q: 'hello user:octo' })
  await gh.search.code({
    q: 'y repo:octo/hello',
    headers: { accept: 'application/vnd.github.v3.text-match+json' },
  })
  await gh.search.users({ q: 'octo' })
  const { data: head } = await gh.git.getRef({ ...o, ref: 'heads/main' })
  const { data: base } = await gh.git.getCommit({ ...o, commit_sha: head.object.sha })
  await gh.git.getTree({ ...o, tree_sha: base.tree.sha, recursive: '1' })
  const { data: blob } = await gh.git.createBlob({ ...o, content: 'blob' })
  await gh.git.getBlob({ ...o, file_sha: blob.sha })
  const { data: tree } = await gh.git.createTree({
    ...o,
    base_tree: base.tree.sha,
    tree: [{ path: 'blob.txt', mode: '100644', type: 'blob', sha: blob.sha }],
  })
  const { data: next } = await gh.git.createCommit({
    ...o,
    message: 'git data',
    tree: tree.sha,
    parents: [base.sha],
  })
  await gh.git.updateRef({ ...o, ref: 'heads/main', sha: next.sha })
  await quiet(gh.git.updateRef({ ...o, ref: 'heads/main', sha: base.sha }))
  await gh.repos.listCommits({ ...o, per_page: 2 })
  await gh.repos.getCommit({ ...o, ref: next.sha })
  await quiet(gh.repos.getCommit({ ...o, ref: 'no-such-ref' }))
  await gh.git.createRef({ ...o, ref: 'refs/tags/v0.1', sha: next.sha })
  await gh.repos.listTags(o)
  const { data: release } = await gh.repos.createRelease({ ...o, tag_name: 'v1.0.0', name: 'One' })
  await gh.repos.listReleases(o)
  await gh.repos.getLatestRelease(o)
  await gh.repos.getReleaseByTag({ ...o, tag: 'v1.0.0' })
  await gh.repos.getRelease({ ...o, release_id: release.id })
  await quiet(gh.repos.createRelease({ ...o, tag_name: 'v1.0.0' }))
  await gh.repos.createFork({ ...o, organization: 'acme' })
  await gh.search.commits({ q: 'repo:octo/hello initial' })
  await gh.request('GET /orgs/{org}/issue-types', { org: 'acme' })
  await gh.request('GET /repos/{owner}/{repo}/issue-types', { owner: 'acme', repo: 'hello' })
  await quiet(gh.request('GET /orgs/{org}/issue-types', { org: 'octo' }))
  const app = new App({ appId: 42, privateKey, Octokit: (await import('octokit')).Octokit })
  await app.octokit.request('GET /app')
  await app.octokit.request('GET /app/installations')
  await app.octokit.request('GET /app/installations/{installation_id}', { installation_id: 7 })
  await app.octokit.request('GET /repos/{owner}/{repo}/installation', o)
  const installation = await app.getInstallationOctokit(7)
  await installation.request('GET /installation/repositories')
  // Errors, each in the shape the description gives for that status.
  await quiet(gh.issues.get({ ...o, issue_number: 999 }))
  await quiet(gh.issues.createLabel({ ...o, name: 'bug' }))
  await quiet(
    gh.issues.get({ owner: 'octo', repo: 'private', issue_number: 1, headers: { authorization: '' } }),
  )
  await quiet(new Octokit({ log }).users.getAuthenticated())
  await quiet(gh.pulls.create({ ...o, title: 'x', head: 'nope', base: 'main' }))
}

test('every JSON response of a broad scenario validates against @octokit/openapi (api.github.com)', async () => {
  await scenario()
  const failures: string[] = []
  const checked = new Set<string>()
  for (const entry of github.requests as LoggedRequest[]) {
    if (
      !entry.route ||
      entry.status === 204 ||
      entry.status === 304 ||
      typeof entry.responseBody !== 'object'
    )
      continue
    const validate = validatorFor(entry.route, entry.status)
    if (!validate) {
      if (entry.status < 300)
        failures.push(`${entry.route} ${entry.status}: no JSON schema in the description`)
      continue
    }
    checked.add(`${entry.route} ${entry.status}`)
    if (!validate(entry.responseBody)) {
      if (process.env.DEBUG_OPENAPI)
        console.log(
          JSON.stringify(entry.responseBody).slice(0, 3000),
          JSON.stringify(validate.errors, null, 1),
        )
      for (const e of validate.errors!.slice(0, 12))
        failures.push(
          `${entry.route} ${entry.status}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
        )
    }
  }
  expect(failures).toEqual([])
  expect(checked.size).toBeGreaterThan(60)
  expect([...checked]).toEqual(
    expect.arrayContaining([
      'GET /search/repositories 200',
      'GET /search/code 200',
      'GET /search/users 200',
      'GET /repos/{owner}/{repo}/git/commits/{commit_sha} 200',
      'POST /repos/{owner}/{repo}/git/commits 201',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha} 200',
      'POST /repos/{owner}/{repo}/git/trees 201',
      'POST /repos/{owner}/{repo}/git/blobs 201',
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha} 200',
      'PATCH /repos/{owner}/{repo}/git/refs/{ref} 200',
      'PATCH /repos/{owner}/{repo}/git/refs/{ref} 422',
      'GET /repos/{owner}/{repo}/commits 200',
      'GET /repos/{owner}/{repo}/commits/{ref} 200',
      'GET /repos/{owner}/{repo}/commits/{ref} 422',
      'GET /repos/{owner}/{repo}/tags 200',
      'POST /repos/{owner}/{repo}/forks 202',
      'GET /search/commits 200',
      'GET /orgs/{org}/issue-types 200',
      'GET /orgs/{org}/issue-types 404',
      'GET /repos/{owner}/{repo}/issue-types 200',
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch 202',
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch 422',
      'POST /repos/{owner}/{repo}/releases 201',
      'POST /repos/{owner}/{repo}/releases 422',
      'GET /repos/{owner}/{repo}/releases 200',
      'GET /repos/{owner}/{repo}/releases/latest 200',
      'GET /repos/{owner}/{repo}/releases/tags/{tag} 200',
      'GET /repos/{owner}/{repo}/releases/{release_id} 200',
    ]),
  )
})
