import { expect, test } from 'vitest'
import { createGitHubMock } from '../src/index'
import { describeModes, seed } from './setup'

const REQUEST_ID = /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$/

describeModes("GitHub's headers on every answer", ({ setup }) => {
  test('a signed-in read: rate limit, request id, caching, ETag and the security headers, with their values', async () => {
    const { octokit } = setup({ seed })
    const first = await octokit().repos.get({ owner: 'octo', repo: 'hello' })
    const second = await octokit().repos.get({ owner: 'octo', repo: 'hello' })
    expect(first.headers).toMatchObject({
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'access-control-allow-origin': '*',
      server: 'github.com',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'deny',
      'x-xss-protection': '0',
      'referrer-policy': 'origin-when-cross-origin, strict-origin-when-cross-origin',
      'content-security-policy': "default-src 'none'",
      'x-oauth-scopes': 'repo, workflow',
      'cache-control': 'private, max-age=60, s-maxage=60',
    })
    expect(first.headers['access-control-expose-headers']).toContain('X-GitHub-Request-Id')
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]{64}"$/)
    expect(Number(first.headers['content-length'])).toBe(JSON.stringify(first.data).length)
    expect(new Date(first.headers.date!).getTime()).not.toBeNaN()
    expect(first.headers['x-github-request-id']).toMatch(REQUEST_ID)
    expect(second.headers['x-github-request-id']).toMatch(REQUEST_ID)
    expect(second.headers['x-github-request-id']).not.toBe(first.headers['x-github-request-id'])
    expect(second.headers['x-ratelimit-remaining']).toBe('4998')
    expect(second.headers.etag).toBe(first.headers.etag)
  })

  test('an anonymous read is publicly cacheable and has no OAuth scopes', async () => {
    const { octokit } = setup({ seed })
    const { headers } = await octokit(null).repos.get({ owner: 'octo', repo: 'hello' })
    expect(headers['cache-control']).toBe('public, max-age=60, s-maxage=60')
    expect(headers['x-oauth-scopes']).toBeUndefined()
    expect(headers['x-ratelimit-limit']).toBe('60')
  })
})

test('request ids are the same from run to run: two mocks built alike give the same sequence, as before', async () => {
  const ids = async () => {
    const github = createGitHubMock({ seed })
    const out: (string | null)[] = []
    for (let i = 0; i < 3; i++) {
      const response = await github.fetch('https://api.github.com/repos/octo/hello', {
        headers: { authorization: 'token ghp_test' },
      })
      out.push(response.headers.get('x-github-request-id'))
    }
    return out
  }
  const first = await ids()
  expect(await ids()).toEqual(first)
  // As the mock has drawn them since request ids were first made: snapshots keep matching.
  expect(first).toEqual([
    '6748:D00E:BD2690:E94DEB:0D3907E0',
    '762E:6752:E3357B:0C9FA6:660C302B',
    'B5D8:4A60:44ECB5:1C0233:EE31355D',
  ])
})
