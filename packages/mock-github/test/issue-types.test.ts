import { expect, test } from 'vitest'
import type { GitHubSeed } from '../src/index'
import { describeModes, type RequestError } from './setup'

const seed: GitHubSeed = {
  users: [{ login: 'acme', type: 'Organization' }],
  repos: [{ full_name: 'acme/app' }, { full_name: 'octo/hello' }],
}

describeModes('issue types', ({ setup }) => {
  test("an organization has GitHub's default issue types (Task, Bug, Feature); its repositories list the same", async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const { data: org } = await gh.request('GET /orgs/{org}/issue-types', { org: 'acme' })
    expect(org.map((t) => [t?.name, t?.description, t?.color, t?.is_enabled])).toEqual([
      ['Task', 'A specific piece of work', 'yellow', true],
      ['Bug', 'An unexpected problem or behavior', 'red', true],
      ['Feature', 'A request, idea, or new functionality', 'blue', true],
    ])
    const { data: again } = await gh.request('GET /orgs/{org}/issue-types', { org: 'acme' })
    expect(again).toEqual(org)
    const { data: repo } = await gh.request('GET /repos/{owner}/{repo}/issue-types', {
      owner: 'acme',
      repo: 'app',
    })
    expect(repo).toEqual(org)
  })

  test('a user account, its repositories and unknown names answer 404', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const status = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: RequestError) => e.status,
      )
    expect(await status(gh.request('GET /orgs/{org}/issue-types', { org: 'octo' }))).toBe(404)
    expect(await status(gh.request('GET /orgs/{org}/issue-types', { org: 'nobody' }))).toBe(404)
    expect(
      await status(gh.request('GET /repos/{owner}/{repo}/issue-types', { owner: 'octo', repo: 'hello' })),
    ).toBe(404)
  })
})
