import { expect, test } from 'vitest'
import type { GitHubSeed } from '../src/index'
import { describeModes, type RequestError } from './setup'

const seed: GitHubSeed = {
  repos: [
    {
      full_name: 'octo/hello',
      description: 'Hi',
      files: { 'README.md': '# hello\n' },
      branches: { feature: { 'src/a.ts': 'a\n' } },
    },
  ],
  users: [{ login: 'acme', type: 'Organization' }],
}

const o = { owner: 'octo', repo: 'hello' }

describeModes('forks', ({ setup }) => {
  test('POST forks answers 202 with the fork (parent, source); its history is the parent’s; forking again answers the same fork', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const { data: fork, status } = await gh.repos.createFork(o)
    expect(status).toBe(202)
    expect(fork).toMatchObject({
      full_name: 'octocat/hello',
      fork: true,
      description: 'Hi',
      parent: { full_name: 'octo/hello' },
      source: { full_name: 'octo/hello' },
    })
    const { data: parent } = await gh.repos.get(o)
    expect(parent).toMatchObject({ forks_count: 1, fork: false })
    const { data: branches } = await gh.repos.listBranches({ owner: 'octocat', repo: 'hello' })
    expect(branches.map((b) => b.name).sort()).toEqual(['feature', 'main'])
    const { data: parentMain } = await gh.repos.getBranch({ ...o, branch: 'main' })
    const { data: forkMain } = await gh.repos.getBranch({ owner: 'octocat', repo: 'hello', branch: 'main' })
    expect(forkMain.commit.sha).toBe(parentMain.commit.sha)

    const { data: again } = await gh.repos.createFork(o)
    expect(again.id).toBe(fork.id)

    const { data: inOrg } = await gh.repos.createFork({
      ...o,
      organization: 'acme',
      name: 'hi',
      default_branch_only: true,
    })
    expect(inOrg).toMatchObject({ full_name: 'acme/hi', organization: { login: 'acme' } })
    const { data: orgBranches } = await gh.repos.listBranches({ owner: 'acme', repo: 'hi' })
    expect(orgBranches.map((b) => b.name)).toEqual(['main'])
    const { data: ofFork } = await gh.repos.createFork({ owner: 'acme', repo: 'hi', name: 'deeper' })
    expect(ofFork).toMatchObject({ parent: { full_name: 'acme/hi' }, source: { full_name: 'octo/hello' } })

    const missing = (await gh.repos
      .createFork({ owner: 'octo', repo: 'nope' })
      .catch((e) => e)) as RequestError
    expect(missing.status).toBe(404)
  })
})
