import { expect, test } from 'vitest'
import { describeModes, type RequestError, seed } from './setup'

describeModes('issues', ({ setup }) => {
  test('octokit.issues.create then get, update, list: state persists, URLs use the base', async () => {
    const { octokit, baseUrl, github } = setup({ seed })
    const gh = octokit()
    const {
      data: created,
      status,
      headers,
    } = await gh.issues.create({
      owner: 'octo',
      repo: 'hello',
      title: 'New bug',
      body: 'Steps',
      labels: ['bug', 'needs-triage'],
    })
    expect(status).toBe(201)
    expect(headers.location).toBe(`${baseUrl}/repos/octo/hello/issues/4`)
    expect(created).toMatchObject({
      number: 4,
      title: 'New bug',
      body: 'Steps',
      state: 'open',
      url: `${baseUrl}/repos/octo/hello/issues/4`,
      html_url: 'https://github.com/octo/hello/issues/4',
      user: { login: 'octocat', type: 'User' },
      labels: [
        { name: 'bug', color: 'd73a4a', default: true },
        { name: 'needs-triage', color: 'ededed', default: false },
      ],
      author_association: 'COLLABORATOR',
      reactions: { total_count: 0, '+1': 0 },
      locked: false,
      assignee: null,
      closed_at: null,
      state_reason: null,
    })
    const { data: got } = await gh.issues.get({ owner: 'octo', repo: 'hello', issue_number: 4 })
    expect(got.title).toBe('New bug')

    const { data: closed } = await gh.issues.update({
      owner: 'octo',
      repo: 'hello',
      issue_number: 4,
      state: 'closed',
      state_reason: 'not_planned',
      title: 'Renamed',
    })
    expect(closed).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      title: 'Renamed',
      closed_by: { login: 'octocat' },
    })
    expect(closed.closed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)

    const { data: open } = await gh.issues.listForRepo({ owner: 'octo', repo: 'hello' })
    expect(open.map((i) => i.number)).toEqual([2, 1])
    const { data: all } = await gh.issues.listForRepo({
      owner: 'octo',
      repo: 'hello',
      state: 'all',
      direction: 'asc',
    })
    expect(all.map((i) => i.number)).toEqual([1, 2, 3, 4])
    const { data: bugs } = await gh.issues.listForRepo({
      owner: 'octo',
      repo: 'hello',
      labels: 'BUG',
      state: 'all',
    })
    expect(bugs.map((i) => i.number)).toEqual([4, 1])
    expect(github.calls('POST /repos/:owner/:repo/issues')).toHaveLength(1)
    expect(github.requests[0]).toMatchObject({
      method: 'POST',
      path: '/repos/octo/hello/issues',
      body: { title: 'New bug' },
      status: 201,
    })
  })

  test('labels: add as a bare array or {labels}, creating unknown ones; set; remove; list', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const added = await gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      owner: 'octo',
      repo: 'hello',
      issue_number: 2,
      data: ['triaged', 'Enhancement'],
    } as never)
    expect((added.data as Array<{ name: string }>).map((l) => l.name)).toEqual(['enhancement', 'triaged'])
    const { data: again } = await gh.issues.addLabels({
      owner: 'octo',
      repo: 'hello',
      issue_number: 2,
      labels: ['p1'],
    })
    expect(again.map((l) => l.name)).toEqual(['enhancement', 'triaged', 'p1'])
    const { data: repoLabel } = await gh.issues.getLabel({ owner: 'octo', repo: 'hello', name: 'triaged' })
    expect(repoLabel).toMatchObject({ name: 'triaged', color: 'ededed', description: null, default: false })

    const { data: set } = await gh.issues.setLabels({
      owner: 'octo',
      repo: 'hello',
      issue_number: 2,
      labels: ['bug'],
    })
    expect(set.map((l) => l.name)).toEqual(['bug'])
    const { data: left } = await gh.issues.removeLabel({
      owner: 'octo',
      repo: 'hello',
      issue_number: 2,
      name: 'bug',
    })
    expect(left).toEqual([])
    const missing = await gh.issues
      .removeLabel({ owner: 'octo', repo: 'hello', issue_number: 2, name: 'bug' })
      .catch((e: RequestError) => e)
    expect((missing as Error).name).toBe('HttpError')
    expect((missing as RequestError).status).toBe(404)
    expect((missing as RequestError).response?.data).toMatchObject({ message: 'Label does not exist' })

    const { data: repoLabels } = await gh.issues.listLabelsForRepo({
      owner: 'octo',
      repo: 'hello',
      per_page: 100,
    })
    expect(repoLabels.map((l) => l.name)).toEqual(expect.arrayContaining(['bug', 'wontfix', 'triaged', 'p1']))
    const dup = await gh.issues
      .createLabel({ owner: 'octo', repo: 'hello', name: 'BUG' })
      .catch((e: RequestError) => e)
    expect((dup as RequestError).status).toBe(422)
    expect((dup as RequestError).response?.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
      documentation_url: 'https://docs.github.com/rest/issues/labels#create-a-label',
    })
  })

  test('a JSON body sent as `curl -d` sends it (form Content-Type) is read as JSON, as GitHub does', async () => {
    const { octokit, github } = setup({ seed })
    const gh = octokit()
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    const { data: created, status } = await gh.request('POST /repos/{owner}/{repo}/issues', {
      owner: 'octo',
      repo: 'hello',
      title: 'From the docs curl example',
      labels: ['bug'],
      headers: form,
    })
    expect(status).toBe(201)
    expect(created).toMatchObject({ title: 'From the docs curl example', labels: [{ name: 'bug' }] })
    const { data: set } = await gh.request('PUT /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      owner: 'octo',
      repo: 'hello',
      issue_number: created.number,
      data: ['enhancement'],
      headers: form,
    })
    expect(set.map((l: { name: string }) => l.name)).toEqual(['enhancement'])
    expect(github.requests.at(-1)?.body).toEqual(['enhancement'])
    // Real form fields are not JSON: GitHub answers 400, and a PUT does not clear the labels.
    for (const method of ['POST', 'PUT'] as const) {
      const error = (await gh
        .request(`${method} /repos/{owner}/{repo}/issues/{issue_number}/labels`, {
          owner: 'octo',
          repo: 'hello',
          issue_number: created.number,
          data: 'labels=bug',
          headers: form,
        })
        .catch((e) => e)) as RequestError
      expect(error.status).toBe(400)
      expect(error.response?.data.message).toBe('Problems parsing JSON')
    }
    const { data: labels } = await gh.issues.listLabelsOnIssue({
      owner: 'octo',
      repo: 'hello',
      issue_number: created.number,
    })
    expect(labels.map((l) => l.name)).toEqual(['enhancement'])
  })

  test('comments: create, list, update, delete, with the issue comment count', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const { data: c } = await gh.issues.createComment({
      owner: 'octo',
      repo: 'hello',
      issue_number: 1,
      body: 'Looking into it',
    })
    expect(c).toMatchObject({
      body: 'Looking into it',
      user: { login: 'octocat' },
      issue_url: expect.stringMatching(/\/repos\/octo\/hello\/issues\/1$/),
    })
    await gh.issues.createComment({ owner: 'octo', repo: 'hello', issue_number: 1, body: 'Fixed' })
    const { data: list } = await gh.issues.listComments({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(list.map((x) => x.body)).toEqual(['Looking into it', 'Fixed'])
    const { data: issue } = await gh.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(issue.comments).toBe(2)
    const { data: edited } = await gh.issues.updateComment({
      owner: 'octo',
      repo: 'hello',
      comment_id: c.id,
      body: 'On it',
    })
    expect(edited.body).toBe('On it')
    await gh.issues.deleteComment({ owner: 'octo', repo: 'hello', comment_id: c.id })
    const { data: repoComments } = await gh.issues.listCommentsForRepo({ owner: 'octo', repo: 'hello' })
    expect(repoComments.map((x) => x.body)).toEqual(['Fixed'])
    const empty = await gh.issues
      .createComment({ owner: 'octo', repo: 'hello', issue_number: 1 } as never)
      .catch((e: RequestError) => e)
    expect((empty as RequestError).status).toBe(422)
  })

  test('octokit.paginate walks every page through the Link header', async () => {
    const issues = Array.from({ length: 23 }, (_, i) => ({ title: `Issue ${i + 1}` }))
    const { octokit, baseUrl } = setup({ seed: { repos: [{ full_name: 'octo/many', issues }] } })
    const gh = octokit()
    const first = await gh.issues.listForRepo({ owner: 'octo', repo: 'many', per_page: 5 })
    const id = (await gh.repos.get({ owner: 'octo', repo: 'many' })).data.id
    // GitHub links repository lists through /repositories/{id}, and so does the mock.
    const url = `${baseUrl}/repositories/${id}/issues`
    expect(first.headers.link).toBe(
      `<${url}?per_page=5&page=2>; rel="next", <${url}?per_page=5&page=5>; rel="last"`,
    )
    const middle = await gh.issues.listForRepo({ owner: 'octo', repo: 'many', per_page: 5, page: 3 })
    expect(middle.headers.link).toBe(
      `<${url}?per_page=5&page=2>; rel="prev", <${url}?per_page=5&page=4>; rel="next", <${url}?per_page=5&page=5>; rel="last", <${url}?per_page=5&page=1>; rel="first"`,
    )
    const all = await gh.paginate(gh.issues.listForRepo, { owner: 'octo', repo: 'many', per_page: 5 })
    expect(all).toHaveLength(23)
    expect(new Set(all.map((i) => i.number)).size).toBe(23)
  })

  test('errors as GitHub sends them: 404, 401, 422, 410, private repos', async () => {
    const { octokit } = setup({
      seed: {
        users: [{ login: 'mallory', tokens: ['ghp_mallory'] }],
        repos: [
          { full_name: 'octo/secret', private: true, issues: [{ title: 'hidden' }] },
          { full_name: 'octo/noissues', has_issues: false, issues: [{ title: 'x' }] },
          { full_name: 'octo/old', archived: true, issues: [{ title: 'frozen' }] },
        ],
      },
      tokens: 'known',
    })
    const error = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: RequestError) => e,
      )
    const e404 = await error(
      octokit('ghp_mallory').issues.get({ owner: 'octo', repo: 'secret', issue_number: 1 }),
    )
    expect(e404?.status).toBe(404)
    expect(e404?.response?.data).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue',
      status: '404',
    })
    expect(e404?.response?.headers['x-github-request-id']).toMatch(
      /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$/,
    )
    const anonymous = await error(
      octokit(null).issues.get({ owner: 'octo', repo: 'secret', issue_number: 1 }),
    )
    expect(anonymous?.status).toBe(404)
    const unknown = await error(
      octokit('ghp_nobody').issues.get({ owner: 'octo', repo: 'secret', issue_number: 1 }),
    )
    expect(unknown?.status).toBe(401)
    expect(unknown?.response?.data).toMatchObject({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
    })
    const write = await error(octokit(null).issues.create({ owner: 'octo', repo: 'noissues', title: 'x' }))
    expect(write?.status).toBe(401)
    expect(write?.response?.data).toMatchObject({ message: 'Requires authentication' })
    const me = await error(octokit(null).users.getAuthenticated())
    expect(me?.status).toBe(401)
    const gone = await error(
      octokit('ghp_mallory').issues.get({ owner: 'octo', repo: 'noissues', issue_number: 1 }),
    )
    expect(gone?.status).toBe(410)
    expect(gone?.response?.data).toMatchObject({ message: 'Issues are disabled for this repo' })
    const invalid = await error(
      octokit('ghp_mallory').issues.create({ owner: 'octo', repo: 'secret' } as never),
    )
    expect(invalid?.status).toBe(404)
    const archived = await error(
      octokit('ghp_mallory').issues.createComment({ owner: 'octo', repo: 'old', issue_number: 1, body: 'x' }),
    )
    expect(archived?.status).toBe(403)
    expect(archived?.response?.data.message).toBe('Repository was archived so is read-only.')
  })

  test('x-ratelimit-* headers on every response, GET /rate_limit, ETag and 304', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const first = await gh.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(first.headers).toMatchObject({
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
    })
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000)
    const etag = first.headers.etag!
    expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/)
    const notModified = await gh.issues
      .get({ owner: 'octo', repo: 'hello', issue_number: 1, headers: { 'if-none-match': etag } })
      .catch((e: RequestError) => e)
    expect((notModified as RequestError).status).toBe(304)
    const { data: limits } = await gh.rateLimit.get()
    expect(limits.resources.core).toMatchObject({ limit: 5000, used: 1, remaining: 4999 })
    expect(limits.rate.remaining).toBe(4999)
    const anon = await octokit(null).issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(anon.headers['x-ratelimit-limit']).toBe('60')
  })
})

describeModes('assignees', ({ setup }) => {
  test('assignees must be assignable: 422 on create, ignored by addAssignees; listAssignees and checkUserCanBeAssigned', async () => {
    const { octokit } = setup({
      seed: {
        users: [{ login: 'alice' }, { login: 'bob' }],
        repos: [{ full_name: 'octo/hello', collaborators: ['alice'], issues: [{ title: 'x' }] }],
      },
    })
    const gh = octokit()
    const { data: issue } = await gh.issues.create({
      owner: 'octo',
      repo: 'hello',
      title: 'y',
      assignees: ['alice'],
    })
    expect(issue.assignees?.map((a) => a.login)).toEqual(['alice'])
    const bad = (await gh.issues
      .create({ owner: 'octo', repo: 'hello', title: 'z', assignees: ['bob'] })
      .catch((e) => e)) as RequestError
    expect(bad.status).toBe(422)
    expect(bad.response?.data.errors).toEqual([
      { value: 'bob', resource: 'Issue', field: 'assignees', code: 'invalid' },
    ])
    const { data: added } = await gh.issues.addAssignees({
      owner: 'octo',
      repo: 'hello',
      issue_number: 1,
      assignees: ['bob', 'alice'],
    })
    expect(added.assignees?.map((a) => a.login)).toEqual(['alice'])
    const { data: assignees } = await gh.issues.listAssignees({ owner: 'octo', repo: 'hello' })
    expect(assignees.map((a) => a.login)).toEqual(['octo', 'octocat', 'alice'])
    expect(
      (await gh.issues.checkUserCanBeAssigned({ owner: 'octo', repo: 'hello', assignee: 'alice' })).status,
    ).toBe(204)
    const no = (await gh.issues
      .checkUserCanBeAssigned({ owner: 'octo', repo: 'hello', assignee: 'bob' })
      .catch((e) => e)) as RequestError
    expect(no.status).toBe(404)
  })
})
