import { expect, test } from 'vitest'
import type { GitHubSeed } from '../src/index'
import { describeModes, type RequestError } from './setup'

const seed: GitHubSeed = {
  repos: [
    {
      full_name: 'octo/hello',
      description: 'A friendly greeter',
      files: {
        'README.md': '# hello\nSays hello to the world',
        'src/greet.ts': 'export function greet() {}',
      },
    },
    {
      full_name: 'octo/tools',
      description: 'Build tools',
      archived: true,
      files: { 'greet.py': 'def greet(): pass' },
    },
    { full_name: 'acme/secret', private: true, files: { 'greet.go': 'func greet() {}' } },
  ],
  users: [
    { login: 'alice', name: 'Alice Liddell', email: 'alice@example.com', tokens: ['ghp_alice'] },
    { login: 'acme', type: 'Organization' },
  ],
}

describeModes('search repositories, code and users', ({ setup }) => {
  test('search.repos: words in name/description, user:, in:, is:, archived:, pagination', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const { data, headers } = await gh.search.repos({ q: 'greeter user:octo' })
    expect(data).toMatchObject({ total_count: 1, incomplete_results: false })
    expect(data.items[0]).toMatchObject({ full_name: 'octo/hello', score: 1, stargazers_count: 0 })
    expect(headers['x-ratelimit-resource']).toBe('search')
    expect((await gh.search.repos({ q: 'hello in:description' })).data.total_count).toBe(0)
    expect((await gh.search.repos({ q: 'world in:readme' })).data.items.map((r) => r.full_name)).toEqual([
      'octo/hello',
    ])
    expect((await gh.search.repos({ q: 'org:octo archived:false' })).data.items.map((r) => r.name)).toEqual([
      'hello',
    ])
    expect((await gh.search.repos({ q: 'is:private' })).data.items.map((r) => r.full_name)).toEqual([
      'acme/secret',
    ])
    expect((await gh.search.repos({ q: 'stars:>10 user:octo' })).data.total_count).toBe(0)
    const all = await gh.paginate(gh.search.repos, { q: 'stars:0', per_page: 1 })
    expect(all).toHaveLength(3)
    // An outsider does not find private repositories.
    expect((await octokit('ghp_alice').search.repos({ q: 'is:private' })).data.total_count).toBe(0)
    const missing = (await gh.search.repos({ q: '' }).catch((e) => e)) as RequestError
    expect(missing.status).toBe(422)
  })

  test('search.code: default-branch files, qualifiers, text matches, auth required', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const { data } = await gh.search.code({ q: 'greet' })
    expect(data.items.map((i) => `${i.repository.full_name}/${i.path}`)).toEqual([
      'octo/hello/src/greet.ts',
      'octo/tools/greet.py',
      'acme/secret/greet.go',
    ])
    const ts = await gh.search.code({
      q: 'greet extension:ts repo:octo/hello',
      headers: { accept: 'application/vnd.github.v3.text-match+json' },
    })
    expect(ts.data.items).toHaveLength(1)
    expect(ts.data.items[0]).toMatchObject({ name: 'greet.ts', path: 'src/greet.ts', score: 1 })
    expect(ts.data.items[0]?.text_matches?.[0]).toMatchObject({
      property: 'content',
      fragment: 'export function greet() {}',
      matches: [{ text: 'greet', indices: [16, 21] }],
    })
    expect((await gh.search.code({ q: 'greet language:python' })).data.items.map((i) => i.name)).toEqual([
      'greet.py',
    ])
    expect((await gh.search.code({ q: 'greet path:src' })).data.total_count).toBe(1)
    expect((await gh.search.code({ q: 'greet.py in:path' })).data.total_count).toBe(1)
    const anonymous = (await octokit(null)
      .search.code({ q: 'greet' })
      .catch((e) => e)) as RequestError
    expect(anonymous.status).toBe(401)
    const noTerm = (await gh.search.code({ q: 'repo:octo/hello' }).catch((e) => e)) as RequestError
    expect(noTerm.status).toBe(422)
  })

  test('search.users: login/name/email words, type:, in:, sort by repositories', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const { data } = await gh.search.users({ q: 'liddell' })
    expect(data).toMatchObject({ total_count: 1, incomplete_results: false })
    expect(data.items[0]).toMatchObject({ login: 'alice', type: 'User', score: 1 })
    expect((await gh.search.users({ q: 'ac type:org' })).data.items.map((u) => u.login)).toEqual(['acme'])
    expect((await gh.search.users({ q: 'alice in:email' })).data.total_count).toBe(1)
    const byRepos = await gh.search.users({ q: 'repos:>0', sort: 'repositories', order: 'desc' })
    expect(byRepos.data.items.map((u) => u.login)).toEqual(['octo', 'acme'])
  })
})
