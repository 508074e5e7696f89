import { describe, expect, test } from 'vitest'
import { createServiceMock, defineService } from '../index'

const service = defineService<object>({
  name: 'toy',
  hosts: ['https://toy.test'],
  routes: [],
  createState: () => ({}),
  errors: {
    notFound: () => new Response(null, { status: 404 }),
    fault: () => new Response(null, { status: 500 }),
    rateLimited: () => new Response(null, { status: 429 }),
    internal: () => new Response(null, { status: 500 }),
  },
})

describe('createServiceMock(definition, options)', () => {
  test('an unknown option is named, with a did-you-mean hint (#13)', () => {
    expect(() => createServiceMock(service, { logLimt: 5 } as never)).toThrowError(
      expect.objectContaining({
        name: 'InvalidOptionError',
        option: 'logLimt',
        message:
          '[understudy:core] Invalid option "logLimt": unknown key "logLimt"; did you mean "logLimit"?',
      }),
    )
  })

  test('a wrong type is named with its path and a valid value', () => {
    expect(() => createServiceMock(service, { webhooks: { timeoutMs: 0 } })).toThrowError(
      '[understudy:core] Invalid option "webhooks.timeoutMs": expected a whole number >= 1, got 0. For example: 10000.',
    )
    expect(() => createServiceMock(service, { sleep: 5 as never })).toThrowError(
      /Invalid option "sleep": expected a function \(ms\) => Promise<void>, got 5/,
    )
    expect(() =>
      createServiceMock(service, { clock: { now: '2026-01-01T00:00:00Z' }, logLimit: 10 }),
    ).not.toThrow()
  })
})
