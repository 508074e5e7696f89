import { expect, test } from 'vitest'
import { createUnderstudyApp } from '../../src/index'
import { createToyMock } from '../helpers/toy-mock'

// Run by partitions.test.ts in a child process with a small heap (NODE_OPTIONS=--max-old-space-size):
// every made-up credential gets a partition holding a copy of the seed; unbounded, they exhaust it.
test('5 000 credentials stay within the partition limit under a small heap', async () => {
  const notes = Array.from({ length: 400 }, (_, i) => ({ text: `note ${i} `.repeat(8) }))
  const app = createUnderstudyApp({
    services: ['github'],
    mocks: { github: createToyMock({ seed: { notes }, maxPartitions: 100, logLimit: 100 }) },
    maxPartitions: 100,
  })
  for (let i = 0; i < 5_000; i++) {
    const res = await app.handler(
      new Request('http://127.0.0.1/github/notes', { headers: { authorization: `Bearer tok_${i}` } }),
    )
    if (res.status !== 200) throw new Error(`request ${i}: ${res.status}`)
  }
  expect(app.mocks.github!.partitions().length).toBeLessThanOrEqual(100)
  expect(app.partitionInfo()).toEqual({ limit: 100, count: { github: 100 } })
  app.dispose()
}, 120_000)
