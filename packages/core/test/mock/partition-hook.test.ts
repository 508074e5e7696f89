import { expect, test } from 'vitest'
import { createServiceMock } from '../../src/index'
import { toyService } from './toy-service'

test('definition.partition(request, credential) groups credentials into one partition', async () => {
  const toy = createServiceMock(
    {
      ...toyService,
      partition: (_request, credential) => (credential.startsWith('jwt.') ? 'app' : undefined),
    },
    { partitionBy: 'credential' },
  )
  const post = (token: string, text: string) =>
    toy.fetch('https://api.toy.test/v1/notes', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    })
  await post('jwt.one', 'a')
  await post('jwt.two', 'b')
  await post('sk_test_123', 'c')
  expect(toy.partitions().sort()).toEqual(['app', 'sk_test_123'])
  expect(toy.snapshot('app')).toMatchObject({ notes: [{ text: 'a' }, { text: 'b' }] })
  expect(toy.requests.map((r) => r.partition)).toEqual(['app', 'app', 'sk_test_123'])
})
