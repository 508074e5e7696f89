import { expect, test } from 'vitest'
import { createServiceMock } from '../../src/index'
import { toyService } from './toy-service'

const auth = { authorization: 'Bearer sk_test_123' }

test('handle({ logAs }) logs a request under another name, with the REST call in via; faults still match the REST path', async () => {
  const toy = createServiceMock(toyService)
  const create = () =>
    new Request('https://api.toy.test/v1/notes', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello' }),
    })
  const created = await toy.handle(create(), { logAs: { path: 'mcp:tools/call create_note' } })
  expect(created.status).toBe(201)
  toy.fail({ method: 'POST', path: '/v1/notes', status: 503 })
  const failed = await toy.handle(create(), { logAs: { path: 'mcp:tools/call create_note' } })
  expect(failed.status).toBe(503)
  await toy.fetch('https://api.toy.test/v1/notes', { headers: auth })

  expect(toy.calls({ path: 'mcp:tools/call create_note' })).toMatchObject([
    { method: 'POST', via: { method: 'POST', path: '/v1/notes' }, status: 201, route: 'POST /v1/notes' },
    { via: { method: 'POST', path: '/v1/notes' }, status: 503, fault: 'status' },
  ])
  // Requests made without logAs keep their own path and have no `via`.
  const [rest] = toy.calls('GET /v1/notes')
  expect(rest).toMatchObject({ path: '/v1/notes' })
  expect(rest).not.toHaveProperty('via')
})
