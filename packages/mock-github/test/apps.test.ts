import { generateKeyPairSync } from 'node:crypto'
import { App, Octokit } from 'octokit'
import { expect, test } from 'vitest'
import { validateWebhook } from './schemas'
import { describeModes, type RequestError, receiver } from './setup'

// One key for the whole file: RSA key generation is the slow part.
const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})
const other = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})

const seed = {
  repos: [
    { full_name: 'acme/api', issues: [{ title: 'Bug' }] },
    { full_name: 'acme/web', private: true },
    { full_name: 'other/thing', private: true },
  ],
  apps: [{ id: 42, slug: 'triage-bot', privateKey, installations: [{ id: 7, account: 'acme' }] }],
}

describeModes('GitHub Apps', ({ setup }) => {
  function app(baseUrl: string, key = privateKey) {
    return new App({
      appId: 42,
      privateKey: key,
      Octokit: Octokit.defaults({ baseUrl }),
      log: { debug() {}, info() {}, warn() {}, error() {} },
    })
  }

  test('App JWT (RS256, verified with the seeded key) reads /app; installation tokens work on the REST API', async () => {
    const hook = receiver()
    const { github, baseUrl } = setup({
      seed: {
        ...seed,
        apps: [{ ...seed.apps[0]!, webhook: { url: 'http://127.0.0.1:9/app', secret: 'whsec_test' } }],
      },
      webhooks: { transport: hook.transport },
    })
    const gh = app(baseUrl)
    const { data: me } = await gh.octokit.request('GET /app')
    expect(me).toMatchObject({ id: 42, slug: 'triage-bot', installations_count: 1 })
    const { data: installations } = await gh.octokit.request('GET /app/installations')
    expect(installations).toMatchObject([
      { id: 7, account: { login: 'acme' }, app_id: 42, repository_selection: 'all' },
    ])

    const { data: byOrg } = await gh.octokit.request('GET /orgs/{org}/installation', { org: 'acme' })
    expect(byOrg.id).toBe(7)
    const { data: byRepo } = await gh.octokit.request('GET /repos/{owner}/{repo}/installation', {
      owner: 'acme',
      repo: 'web',
    })
    expect(byRepo.id).toBe(7)
    const installation = await gh.getInstallationOctokit(7)
    const { data: issue } = await installation.rest.issues.create({
      owner: 'acme',
      repo: 'web',
      title: 'From the app',
    })
    expect(issue).toMatchObject({
      user: { login: 'triage-bot[bot]', type: 'Bot' },
      performed_via_github_app: { id: 42, slug: 'triage-bot' },
    })
    const { data: repos } = await installation.request('GET /installation/repositories')
    expect(repos.repositories.map((r) => r.full_name).sort()).toEqual(['acme/api', 'acme/web'])
    const outside = (await installation.rest.issues
      .get({ owner: 'other', repo: 'thing', issue_number: 1 })
      .catch((e) => e)) as RequestError
    expect(outside.status).toBe(404)

    const tokenCall = github.calls('POST /app/installations/:installation_id/access_tokens')[0]!
    expect(tokenCall.status).toBe(201)
    expect(tokenCall.responseBody).toMatchObject({
      token: expect.stringMatching(/^ghs_\w{36}$/),
      repository_selection: 'all',
    })

    await github.webhooks.settled()
    const [delivery] = await hook.bodies()
    expect(delivery).toMatchObject({
      event: 'issues',
      body: { action: 'opened', installation: { id: 7 }, sender: { login: 'triage-bot[bot]' } },
    })
    expect(validateWebhook('issues', delivery!.body)).toEqual([])
  })

  test('a JWT signed with another key, an installation token after an hour, a PAT on /app: 401', async () => {
    const { github, baseUrl, octokit } = setup({ seed })
    const forged = (await app(baseUrl, other.privateKey)
      .octokit.request('GET /app')
      .catch((e) => e)) as RequestError
    expect(forged.status).toBe(401)
    expect(forged.response?.data.message).toBe('A JSON web token could not be decoded')
    const pat = (await octokit()
      .request('GET /app')
      .catch((e) => e)) as RequestError
    expect(pat.status).toBe(401)

    const installation = await app(baseUrl).getInstallationOctokit(7)
    await installation.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 })
    const token = (
      github.calls('POST /app/installations/:installation_id/access_tokens')[0]!.responseBody as {
        token: string
      }
    ).token
    github.clock.advance(3600_000 + 1000)
    const expired = (await octokit(token)
      .rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 })
      .catch((e) => e)) as RequestError
    expect(expired.status).toBe(401)
    expect(expired.response?.data.message).toBe('Bad credentials')
  })

  test('a public key in the seed is enough; @octokit/auth-app recovers from clock skew using the Date header', async () => {
    const { baseUrl } = setup({
      seed: { ...seed, apps: [{ id: 42, publicKey, installations: [{ id: 7, account: 'acme' }] }] },
      clock: { now: Date.now() + 20 * 60_000 },
    })
    const { data } = await app(baseUrl).octokit.request('GET /app')
    expect(data?.id).toBe(42)
  })
})

test('under partitionBy: "credential", an app and its installation tokens share one partition (standalone server)', async () => {
  const { createGitHubMock } = await import('../src/index')
  const { mount, startServer } = await import('@understudy/core')
  const github = createGitHubMock({ partitionBy: 'credential', seed })
  const server = await startServer(mount([{ prefix: '/github', target: github }]))
  try {
    const gh = new App({
      appId: 42,
      privateKey,
      Octokit: Octokit.defaults({ baseUrl: `${server.url}/github` }),
    })
    const installation = await gh.getInstallationOctokit(7)
    await installation.rest.issues.create({ owner: 'acme', repo: 'api', title: 'by the bot' })
    await gh.octokit.request('GET /app')
    const { data } = await installation.rest.issues.listForRepo({ owner: 'acme', repo: 'api' })
    expect(data.map((i) => i.title)).toEqual(['by the bot', 'Bug'])
    expect(github.partitions()).toEqual(['app:42'])
  } finally {
    await server.close()
  }
})
