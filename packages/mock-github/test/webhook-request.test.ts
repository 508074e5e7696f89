import { verify } from '@octokit/webhooks-methods'
import { expect, test } from 'vitest'
import { createGitHubMock } from '../src/index'
import { validateWebhook } from './schemas'

test('github.webhookRequest({ event, repo, issue }) builds a schema-valid issues.opened delivery from state', async () => {
  const github = createGitHubMock({
    seed: {
      repos: [{ full_name: 'octo/hello', issues: [{ title: 'Crash', labels: ['bug'], user: 'alice' }] }],
    },
  })
  const request = await github.webhookRequest({
    event: 'issues',
    repo: 'octo/hello',
    issue: 1,
    secret: 'whsec_test',
    url: 'http://localhost:3000/webhooks/github',
  })
  const body = await request.clone().text()
  expect(await verify('whsec_test', body, request.headers.get('x-hub-signature-256')!)).toBe(true)
  const payload = JSON.parse(body)
  expect(payload).toMatchObject({
    action: 'opened',
    issue: { number: 1, title: 'Crash', user: { login: 'alice' }, labels: [{ name: 'bug' }] },
    sender: { login: 'alice' },
  })
  expect(validateWebhook('issues', payload)).toEqual([])
})
