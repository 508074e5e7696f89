import { expect, test } from 'vitest'
import { createServiceMock } from '../../src/index'
import { toyService } from './toy-service'

const auth = { authorization: 'Bearer sk_test_123' }

test('a log entry reads like a plain object: fields in order, JSON, spreads, and assignable lazy fields', async () => {
  const toy = createServiceMock(toyService, { seed: { notes: [{ text: 'hello' }] } })
  await toy.fetch('https://api.toy.test/v1/notes?limit=2&tag=a', { headers: auth })
  const [entry] = toy.requests
  expect(Object.keys(entry!)).toEqual([
    'id',
    'service',
    'partition',
    'method',
    'path',
    'query',
    'url',
    'headers',
    'body',
    'status',
    'responseHeaders',
    'responseBody',
    'route',
    'startedAt',
    'durationMs',
  ])
  expect(entry).toMatchObject({
    partition: 'default',
    query: { limit: '2', tag: 'a' },
    headers: { authorization: 'Bearer sk_test_123' },
    status: 200,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: { data: [{ text: 'hello' }] },
    route: 'GET /v1/notes',
  })
  const copy = { ...entry! }
  expect(Object.getOwnPropertySymbols(copy)).toEqual([])
  expect(JSON.parse(JSON.stringify(entry))).toEqual(JSON.parse(JSON.stringify(copy)))
  // A value read once is kept: the same object on the next read.
  expect(entry!.responseBody).toBe(entry!.responseBody)
  // Assigned like plain fields, even before their first read; undefined is a value too.
  const [, second] = await Promise.all([
    toy.fetch('https://api.toy.test/v1/notes', { headers: auth }),
    toy.fetch('https://api.toy.test/v1/notes', { headers: auth }),
  ]).then(() => toy.requests)
  const writable = second as { responseBody: unknown; headers: unknown }
  writable.responseBody = { redacted: true }
  writable.headers = undefined
  expect(second!.responseBody).toEqual({ redacted: true })
  expect(second!.headers).toBeUndefined()
})
