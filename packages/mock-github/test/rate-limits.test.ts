import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import { expect, test, vi } from 'vitest'
import { describeModes, type RequestError, seed } from './setup'

const Throttled = Octokit.plugin(throttling)

describeModes('rate limits', ({ setup }) => {
  function throttledClient(
    baseUrl: string,
    handlers: { onRateLimit: ReturnType<typeof vi.fn>; onSecondaryRateLimit: ReturnType<typeof vi.fn> },
  ) {
    return new Throttled({
      auth: 'ghp_test',
      baseUrl,
      log: { debug() {}, info() {}, warn() {}, error() {} },
      // Bottleneck waits retryAfter × this many ms: 0 keeps retries instant.
      throttle: { ...handlers, retryAfterBaseValue: 0 } as never,
    })
  }

  test('fail({ rateLimit: { type: "primary" } }): 403 with remaining 0; the throttling plugin calls onRateLimit and retries', async () => {
    const { github, baseUrl } = setup({ seed })
    github.fail({
      path: '/repos/:owner/:repo/issues/:issue_number',
      rateLimit: { type: 'primary', retryAfter: 30 },
    })
    const onRateLimit = vi.fn(() => true)
    const onSecondaryRateLimit = vi.fn(() => false)
    const gh = throttledClient(baseUrl, { onRateLimit, onSecondaryRateLimit })
    const { data } = await gh.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(data.number).toBe(1)
    expect(onRateLimit).toHaveBeenCalledTimes(1)
    const [retryAfter, options] = onRateLimit.mock.calls[0] as unknown as [
      number,
      { method: string; url: string },
    ]
    expect(retryAfter).toBeGreaterThanOrEqual(29)
    expect(retryAfter).toBeLessThanOrEqual(32)
    expect(options).toMatchObject({ method: 'GET', url: '/repos/{owner}/{repo}/issues/{issue_number}' })
    expect(onSecondaryRateLimit).not.toHaveBeenCalled()
    expect(github.requests.map((r) => r.status)).toEqual([403, 200])
    expect(github.requests[0]!.responseHeaders).toMatchObject({ 'x-ratelimit-remaining': '0' })
    // Issue 13: a primary limit is a rate-limit fault in the log, not a plain status.
    expect(github.requests.map((r) => r.fault)).toEqual(['rateLimit', undefined])
  })

  test('fail({ rateLimit: true }): secondary limit, 403 with retry-after; onSecondaryRateLimit, no retry when it says no', async () => {
    const { github, baseUrl } = setup({ seed })
    // A GET: the plugin spaces writes a second apart, which would slow the suite down.
    github.fail({
      method: 'GET',
      path: '/repos/:owner/:repo/issues',
      rateLimit: { retryAfter: 7 },
      times: 'always',
    })
    const onRateLimit = vi.fn(() => true)
    const onSecondaryRateLimit = vi.fn(() => false)
    const gh = throttledClient(baseUrl, { onRateLimit, onSecondaryRateLimit })
    const error = (await gh.issues
      .listForRepo({ owner: 'octo', repo: 'hello' })
      .catch((e) => e)) as RequestError
    expect(error.status).toBe(403)
    expect(error.response?.headers['retry-after']).toBe('7')
    expect(error.message).toMatch(/secondary rate limit/)
    expect(onSecondaryRateLimit).toHaveBeenCalledTimes(1)
    expect((onSecondaryRateLimit.mock.calls[0] as unknown[])[0]).toBe(7)
    expect(onRateLimit).not.toHaveBeenCalled()
    expect(github.requests[0]!.fault).toBe('rateLimit')
  })

  test('secondary limit as 429 is retried after Retry-After when the handler says so', async () => {
    const { github, baseUrl } = setup({ seed })
    github.fail({ path: '/repos/:owner/:repo', rateLimit: { status: 429, retryAfter: 2 }, times: 2 })
    const onSecondaryRateLimit = vi.fn(() => true)
    const gh = throttledClient(baseUrl, { onRateLimit: vi.fn(() => false), onSecondaryRateLimit })
    const { data } = await gh.repos.get({ owner: 'octo', repo: 'hello' })
    expect(data.full_name).toBe('octo/hello')
    expect(onSecondaryRateLimit).toHaveBeenCalledTimes(2)
    expect(github.requests.map((r) => r.status)).toEqual([429, 429, 200])
    expect(github.requests.map((r) => r.fault)).toEqual(['rateLimit', 'rateLimit', undefined])
  })

  test('rateLimits option: the primary limit runs out for real and resets with the clock', async () => {
    const { github, octokit } = setup({
      seed,
      rateLimits: { core: 2 },
      clock: { now: '2026-01-01T00:00:00Z' },
    })
    const gh = octokit()
    await gh.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    const second = await gh.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(second.headers['x-ratelimit-remaining']).toBe('0')
    const error = (await gh.issues
      .get({ owner: 'octo', repo: 'hello', issue_number: 1 })
      .catch((e) => e)) as RequestError
    expect(error.status).toBe(403)
    expect(error.response?.data.message).toMatch(/^API rate limit exceeded for user ID \d+\.$/)
    expect(error.response?.headers).toMatchObject({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Date.parse('2026-01-01T01:00:00Z') / 1000),
    })
    const { data: limits } = await gh.rateLimit.get()
    expect(limits.resources.core).toMatchObject({ limit: 2, remaining: 0, used: 2 })
    github.clock.advance(3600_000)
    const after = await gh.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(after.headers['x-ratelimit-remaining']).toBe('1')
  })
})
