import { expect, test } from 'vitest'
import { describeModes } from './setup'

// GET /repos/{owner}/{repo} is rendered once per state version (ctx.memo): every way state changes
// must show in the next read, and what differs per caller must never be shared.
describeModes('repository reads after changes', ({ setup }) => {
  const seed = { repos: [{ full_name: 'octo/hello', description: 'first' }] }

  test('a write through the API shows in the next read, with a new ETag', async () => {
    const { octokit } = setup({ seed })
    const api = octokit()
    const before = await api.rest.repos.get({ owner: 'octo', repo: 'hello' })
    expect((await api.rest.repos.get({ owner: 'octo', repo: 'hello' })).headers.etag).toBe(
      before.headers.etag,
    )
    await api.rest.repos.update({ owner: 'octo', repo: 'hello', description: 'second' })
    const after = await api.rest.repos.get({ owner: 'octo', repo: 'hello' })
    expect(after.data.description).toBe('second')
    expect(after.headers.etag).not.toBe(before.headers.etag)
  })

  test('a change made through state() or seed() shows in the next read', async () => {
    const { github, octokit } = setup({ seed })
    const api = octokit()
    expect((await api.rest.repos.get({ owner: 'octo', repo: 'hello' })).data.open_issues_count).toBe(0)
    github.seed({ repos: [{ full_name: 'octo/hello', issues: [{ title: 'Bug' }] }] })
    expect((await api.rest.repos.get({ owner: 'octo', repo: 'hello' })).data.open_issues_count).toBe(1)
    const repo = [...github.state().repos.values()].find((r) => r.name === 'hello')!
    repo.description = 'edited in place'
    expect((await api.rest.repos.get({ owner: 'octo', repo: 'hello' })).data.description).toBe(
      'edited in place',
    )
  })

  test('each caller gets its own permissions; an anonymous caller gets none', async () => {
    const { octokit } = setup({ seed })
    const owner = await octokit().rest.repos.get({ owner: 'octo', repo: 'hello' })
    const anonymous = await octokit(null).rest.repos.get({ owner: 'octo', repo: 'hello' })
    const again = await octokit().rest.repos.get({ owner: 'octo', repo: 'hello' })
    expect(owner.data.permissions?.push).toBe(true)
    expect(anonymous.data.permissions).toBeUndefined()
    expect(again.data.permissions).toEqual(owner.data.permissions)
  })

  test('an issue read again shows labels, comments and edits made in between', async () => {
    const { octokit } = setup({ seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'Bug' }] }] } })
    const api = octokit()
    const at = { owner: 'octo', repo: 'hello', issue_number: 1 }
    expect((await api.rest.issues.get(at)).data.labels).toEqual([])
    await api.rest.issues.addLabels({ ...at, labels: ['P1'] })
    await api.rest.issues.createComment({ ...at, body: 'seen' })
    const after = (await api.rest.issues.get(at)).data
    expect(after.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['P1'])
    expect(after.comments).toBe(1)
    await api.rest.issues.update({ ...at, state: 'closed' })
    expect((await api.rest.issues.get(at)).data.state).toBe('closed')
  })
})
