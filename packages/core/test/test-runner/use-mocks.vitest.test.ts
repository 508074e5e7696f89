import { describe, expect, test } from 'vitest'
import { createServiceMock } from '../../src/index'
import { useMocks } from '../../src/vitest'
import { toyService } from '../mock/toy-service'

const auth = { authorization: 'Bearer sk_test_123', 'content-type': 'application/json' }
const toy = createServiceMock(toyService)

// Order-independent on purpose: each test starts from the reset state, whichever runs first.
describe('useMocks from @understudy/core/vitest', () => {
  useMocks(toy)

  for (const text of ['first', 'second']) {
    test(`global fetch reaches the mock, and the state starts empty (${text})`, async () => {
      expect(toy.requests).toHaveLength(0)
      const created = await fetch('https://api.toy.test/v1/notes', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ text }),
      })
      expect(created.status).toBe(201)
      const listed = (await (await fetch('https://api.toy.test/v1/notes', { headers: auth })).json()) as {
        data: { text: string }[]
      }
      expect(listed.data.map((n) => n.text)).toEqual([text])
    })
  }

  test('a request no mock answers fails instead of reaching the network', async () => {
    await expect(fetch('https://unmocked.example.test/x')).rejects.toThrow()
  })
})

test('useMocks refuses what is not a mock, naming it', () => {
  expect(() => useMocks({ handlers: 'nope' } as never)).toThrow(/useMocks\[0\].*handlers and reset/)
  expect(() => useMocks()).toThrow(/pass the mocks to serve/)
})
