import { Octokit } from '@octokit/rest'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { createGitHubMock, type GitHubMockOptions } from '../src/index'

// One msw server; each test swaps in a fresh mock's handlers.
const server = setupServer()
beforeAll(() => server.listen())
afterEach(() => {
  server.resetHandlers()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

function setup(options: GitHubMockOptions = {}) {
  const github = createGitHubMock({ seed: { repos: [{ full_name: 'octo/hello' }] }, ...options })
  server.use(...github.handlers)
  return { github, octokit: new Octokit({ auth: 'ghp_test' }) }
}

describe('where the GitHub mock ends', () => {
  test('an endpoint of the REST API the mock lacks answers 501 in GitHub’s shape, flagged and logged', async () => {
    const { github, octokit } = setup()
    const error = await octokit.request('GET /orgs/{org}/teams', { org: 'octo' }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'HttpError',
      status: 501,
      response: {
        headers: { 'x-understudy-unimplemented': '1' },
        data: {
          documentation_url: 'https://docs.github.com/rest/teams/teams#list-teams',
          status: '501',
        },
      },
    })
    // Octokit's message carries GitHub's `message` and the docs link.
    expect(String((error as Error).message)).toContain('GET /orgs/{org}/teams')
    expect(String((error as Error).message)).toContain('https://docs.github.com/rest/teams/teams#list-teams')
    expect(github.requests.at(-1)).toMatchObject({
      path: '/orgs/octo/teams',
      status: 501,
      unimplemented: true,
    })
  })

  test('any operation of the description the mock lacks is a 501 (repos.replaceAllTopics)', async () => {
    const { github, octokit } = setup()
    await expect(
      octokit.rest.repos.replaceAllTopics({ owner: 'octo', repo: 'hello', names: ['x'] }),
    ).rejects.toMatchObject({ status: 501 })
    expect(github.requests.at(-1)?.unimplemented).toBe(true)
  })

  test('a path GitHub does not have stays a plain 404 Not Found', async () => {
    const { github, octokit } = setup()
    const error = await octokit.request('GET /definitely/not/github').catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 404, response: { data: { message: 'Not Found' } } })
    expect((error as { response: { headers: Record<string, string> } }).response.headers).not.toHaveProperty(
      'x-understudy-unimplemented',
    )
    expect(github.requests.at(-1)).not.toHaveProperty('unimplemented')
  })

  test("onUnimplemented: 'warn' names the call and its docs and still answers 501", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { octokit } = setup({ onUnimplemented: 'warn' })
    await expect(octokit.rest.teams.list({ org: 'octo' })).rejects.toMatchObject({ status: 501 })
    expect(warn).toHaveBeenCalledOnce()
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /^\[understudy:github\] GET https:\/\/api\.github\.com\/orgs\/octo\/teams is GET \/orgs\/\{org\}\/teams \(https:\/\/docs\.github\.com\/rest\/teams\/teams#list-teams\)/,
    )
  })

  test("onUnimplemented: 'error' fails the call with a network error and prints why", async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { github, octokit } = setup({ onUnimplemented: 'error' })
    await expect(octokit.rest.teams.list({ org: 'octo' })).rejects.toMatchObject({ status: 500 })
    expect(String(printed.mock.calls[0]?.[0])).toContain("onUnimplemented: 'error'")
    expect(github.requests.at(-1)).toMatchObject({ unimplemented: true })
    // Implemented endpoints are untouched.
    expect((await octokit.rest.repos.get({ owner: 'octo', repo: 'hello' })).status).toBe(200)
  })

  test('onUnimplemented as a function hears the endpoint', async () => {
    const heard: string[] = []
    const { octokit } = setup({ onUnimplemented: ({ endpoint }) => void heard.push(endpoint.area ?? '') })
    await expect(octokit.rest.teams.list({ org: 'octo' })).rejects.toMatchObject({ status: 501 })
    expect(heard).toEqual(['teams'])
  })
})
