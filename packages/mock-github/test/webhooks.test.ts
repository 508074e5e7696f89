import { verify } from '@octokit/webhooks-methods'
import { startServer } from '@understudy/core'
import { expect, test } from 'vitest'
import { createWebhookRequest } from '../src/index'
import { validateWebhook } from './schemas'
import { describeModes, receiver, seed } from './setup'

describeModes('webhooks', ({ setup }) => {
  test('repos.createWebhook pings, then issue and comment changes deliver signed, schema-valid payloads', async () => {
    const hook = receiver()
    const { github, octokit, baseUrl } = setup({ seed, webhooks: { transport: hook.transport } })
    const gh = octokit()
    const { data: created, status } = await gh.repos.createWebhook({
      owner: 'octo',
      repo: 'hello',
      config: { url: 'http://127.0.0.1:9/hooks', content_type: 'json', secret: 'whsec_test' },
      events: ['issues', 'issue_comment'],
    })
    expect(status).toBe(201)
    expect(created).toMatchObject({
      type: 'Repository',
      name: 'web',
      active: true,
      events: ['issues', 'issue_comment'],
      config: {
        url: 'http://127.0.0.1:9/hooks',
        content_type: 'json',
        insecure_ssl: '0',
        secret: '********',
      },
      url: `${baseUrl}/repos/octo/hello/hooks/${created.id}`,
      ping_url: `${baseUrl}/repos/octo/hello/hooks/${created.id}/pings`,
      last_response: { code: null, status: 'unused', message: null },
    })

    const { data: issue } = await gh.issues.create({
      owner: 'octo',
      repo: 'hello',
      title: 'Webhook me',
      labels: ['bug'],
    })
    await gh.issues.update({ owner: 'octo', repo: 'hello', issue_number: issue.number, body: 'more detail' })
    await gh.issues.addLabels({ owner: 'octo', repo: 'hello', issue_number: issue.number, labels: ['p1'] })
    await gh.issues.createComment({
      owner: 'octo',
      repo: 'hello',
      issue_number: issue.number,
      body: 'Thanks!',
    })
    await gh.issues.update({ owner: 'octo', repo: 'hello', issue_number: issue.number, state: 'closed' })
    await github.webhooks.settled()

    const deliveries = await hook.bodies()
    expect(deliveries.map((d) => `${d.event}.${d.body.action ?? ''}`)).toEqual([
      'ping.',
      'issues.opened',
      'issues.labeled',
      'issues.edited',
      'issues.labeled',
      'issue_comment.created',
      'issues.closed',
    ])
    for (const [i, request] of hook.received.entries()) {
      const body = await request.clone().text()
      expect(request.url).toBe('http://127.0.0.1:9/hooks')
      expect(request.headers.get('content-type')).toBe('application/json')
      expect(request.headers.get('user-agent')).toMatch(/^GitHub-Hookshot\/[0-9a-f]{7}$/)
      expect(request.headers.get('x-github-delivery')).toMatch(/^[0-9a-f-]{36}$/)
      expect(request.headers.get('x-github-hook-id')).toBe(String(created.id))
      expect(request.headers.get('x-github-hook-installation-target-type')).toBe('repository')
      expect(await verify('whsec_test', body, request.headers.get('x-hub-signature-256')!)).toBe(true)
      expect(request.headers.get('x-hub-signature')).toMatch(/^sha1=[0-9a-f]{40}$/)
      const { event, body: payload } = deliveries[i]!
      expect(validateWebhook(event!, payload)).toEqual([])
    }
    const [, opened, labeled, edited] = deliveries
    expect(opened!.body).toMatchObject({
      action: 'opened',
      issue: { number: issue.number, title: 'Webhook me' },
      repository: { full_name: 'octo/hello' },
      sender: { login: 'octocat' },
    })
    expect(labeled!.body.label).toMatchObject({ name: 'bug' })
    expect(edited!.body.changes).toEqual({ body: { from: '' } })
    expect(deliveries[5]!.body.comment).toMatchObject({ body: 'Thanks!' })

    const { data: hooks } = await gh.repos.listWebhooks({ owner: 'octo', repo: 'hello' })
    expect(hooks.map((h) => h.id)).toEqual([created.id])
    expect(hooks[0]!.last_response).toEqual({ code: 200, status: 'active', message: 'OK' })
    await gh.repos.pingWebhook({ owner: 'octo', repo: 'hello', hook_id: created.id })
    await gh.repos.deleteWebhook({ owner: 'octo', repo: 'hello', hook_id: created.id })
    await gh.issues.create({ owner: 'octo', repo: 'hello', title: 'No hook now' })
    await github.webhooks.settled()
    expect(hook.received).toHaveLength(8)
  })

  test('events filter deliveries; form content type sends payload=...', async () => {
    const hook = receiver()
    const { github, octokit } = setup({ seed, webhooks: { transport: hook.transport } })
    const gh = octokit()
    await gh.repos.createWebhook({
      owner: 'octo',
      repo: 'hello',
      config: { url: 'http://127.0.0.1:9/form' },
      events: ['issue_comment'],
    })
    await gh.issues.create({ owner: 'octo', repo: 'hello', title: 'Not delivered' })
    await gh.issues.createComment({ owner: 'octo', repo: 'hello', issue_number: 1, body: 'delivered' })
    await github.webhooks.settled()
    expect(hook.received.map((r) => r.headers.get('x-github-event'))).toEqual(['ping', 'issue_comment'])
    const form = hook.received[1]!
    expect(form.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
    expect(form.headers.get('x-hub-signature-256')).toBeNull()
    const payload = JSON.parse(new URLSearchParams(await form.text()).get('payload')!)
    expect(payload.comment.body).toBe('delivered')
  })

  test('deliveries reach a real receiver over loopback HTTP', async () => {
    const got: Array<{ event: string | null; body: string; signature: string | null }> = []
    const server = await startServer(async (request) => {
      got.push({
        event: request.headers.get('x-github-event'),
        body: await request.text(),
        signature: request.headers.get('x-hub-signature-256'),
      })
      return new Response(null, { status: 204 })
    })
    try {
      const { github, octokit } = setup({
        seed: {
          ...seed,
          hooks: [{ repo: 'octo/hello', url: `${server.url}/webhooks`, secret: 'whsec_test' }],
        },
      })
      await octokit().issues.create({ owner: 'octo', repo: 'hello', title: 'Over the wire' })
      await github.webhooks.settled()
      expect(got.map((g) => g.event)).toEqual(['issues'])
      expect(await verify('whsec_test', got[0]!.body, got[0]!.signature!)).toBe(true)
      expect(github.webhooks.deliveries[0]).toMatchObject({ status: 'delivered', event: 'issues' })
    } finally {
      await server.close()
    }
  })
})

test('createWebhookRequest(options) builds the signed Request GitHub would send', async () => {
  const payload = { action: 'opened', issue: { number: 1 }, repository: { id: 42, full_name: 'octo/hello' } }
  const request = await createWebhookRequest({
    secret: 'whsec_test',
    event: 'issues',
    payload,
    url: 'http://localhost:3000/api/github',
    delivery: 'd-1',
  })
  expect(request.method).toBe('POST')
  expect(request.url).toBe('http://localhost:3000/api/github')
  expect(Object.fromEntries(request.headers)).toMatchObject({
    'content-type': 'application/json',
    'x-github-event': 'issues',
    'x-github-delivery': 'd-1',
    'x-github-hook-id': '1',
    'x-github-hook-installation-target-id': '42',
  })
  const body = await request.text()
  expect(body).toBe(JSON.stringify(payload))
  expect(await verify('whsec_test', body, request.headers.get('x-hub-signature-256')!)).toBe(true)
})

test('every event and action the mock sends validates against @octokit/webhooks-schemas', async () => {
  const { createGitHubMock } = await import('../src/index')
  const { Octokit } = await import('@octokit/rest')
  const hook = receiver()
  const github = createGitHubMock({
    seed: {
      users: [{ login: 'alice' }],
      repos: [
        {
          full_name: 'octo/hello',
          collaborators: ['alice'],
          files: { 'a.txt': 'a\n' },
          branches: { topic: { 'a.txt': 'b\n' } },
          hooks: [{ url: 'http://127.0.0.1:9/all' }],
        },
      ],
    },
    webhooks: { transport: hook.transport },
  })
  const gh = new Octokit({
    auth: 'ghp_test',
    request: { fetch: github.fetch },
    log: { debug() {}, info() {}, warn() {}, error() {} },
  })
  const o = { owner: 'octo', repo: 'hello' }
  const { data: issue } = await gh.issues.create({
    ...o,
    title: 'All events',
    labels: ['bug'],
    assignees: ['alice'],
  })
  const n = { ...o, issue_number: issue.number }
  await gh.issues.update({ ...n, title: 'Renamed', assignees: [] })
  await gh.issues.removeLabel({ ...n, name: 'bug' })
  await gh.issues.lock(n)
  await gh.issues.unlock(n)
  await gh.issues.update({ ...n, state: 'closed', state_reason: 'not_planned' })
  await gh.issues.update({ ...n, state: 'open' })
  const { data: comment } = await gh.issues.createComment({ ...n, body: 'one' })
  await gh.issues.updateComment({ ...o, comment_id: comment.id, body: 'two' })
  await gh.issues.deleteComment({ ...o, comment_id: comment.id })
  const { data: pr } = await gh.pulls.create({ ...o, title: 'PR', head: 'topic', base: 'main' })
  await gh.pulls.update({ ...o, pull_number: pr.number, title: 'PR!' })
  await gh.pulls.update({ ...o, pull_number: pr.number, state: 'closed' })
  await gh.pulls.update({ ...o, pull_number: pr.number, state: 'open' })
  await gh.issues.addLabels({ ...o, issue_number: pr.number, labels: ['ready'] })
  await gh.repos.createOrUpdateFileContents({ ...o, path: 'b.txt', message: 'add b', content: 'Yg==' })
  await github.webhooks.settled()
  const deliveries = await hook.bodies()
  const kinds = deliveries.map((d) => `${d.event}.${d.body.action ?? ''}`)
  expect(new Set(kinds)).toEqual(
    new Set([
      'issues.opened',
      'issues.labeled',
      'issues.assigned',
      'issues.edited',
      'issues.unassigned',
      'issues.unlabeled',
      'issues.locked',
      'issues.unlocked',
      'issues.closed',
      'issues.reopened',
      'issue_comment.created',
      'issue_comment.edited',
      'issue_comment.deleted',
      'pull_request.opened',
      'pull_request.edited',
      'pull_request.closed',
      'pull_request.reopened',
      'pull_request.labeled',
      'push.',
    ]),
  )
  for (const d of deliveries)
    expect(validateWebhook(d.event!, d.body), `${d.event}.${d.body.action}`).toEqual([])
})
