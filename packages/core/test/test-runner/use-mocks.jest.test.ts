import { expect, test } from 'vitest'
import { createServiceMock } from '../../src/index'
import { useMocks } from '../../src/jest'
import { toyService } from '../mock/toy-service'

const auth = { authorization: 'Bearer sk_test_123', 'content-type': 'application/json' }

/** Jest's hooks, recorded so the test runs them as Jest would. */
function fakeJest() {
  const hooks = {
    beforeAll: [] as (() => unknown)[],
    afterEach: [] as (() => unknown)[],
    afterAll: [] as (() => unknown)[],
  }
  return {
    hooks,
    api: {
      beforeAll: (fn: () => unknown) => hooks.beforeAll.push(fn),
      afterEach: (fn: () => unknown) => hooks.afterEach.push(fn),
      afterAll: (fn: () => unknown) => hooks.afterAll.push(fn),
    },
  }
}

test('@understudy/core/jest: listens in beforeAll, resets in afterEach, closes in afterAll (injected hooks)', async () => {
  const toy = createServiceMock(toyService)
  const jest = fakeJest()
  useMocks(toy, { hooks: jest.api })
  expect(jest.hooks.beforeAll).toHaveLength(1)
  for (const fn of jest.hooks.beforeAll) await fn()
  try {
    const created = await fetch('https://api.toy.test/v1/notes', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text: 'hi' }),
    })
    expect(created.status).toBe(201)
    await expect(fetch('https://unmocked.example.test/x')).rejects.toThrow()
    for (const fn of jest.hooks.afterEach) await fn()
    expect(toy.requests).toHaveLength(0)
    expect(toy.state().notes.size).toBe(0)
  } finally {
    for (const fn of jest.hooks.afterAll) await fn()
  }
})

test('@understudy/core/jest: Jest globals are used when present, and their absence is a clear error', () => {
  const toy = createServiceMock(toyService)
  expect(() => useMocks(toy)).toThrow(/Jest's global hooks are not there/)
  const jest = fakeJest()
  Object.assign(globalThis, jest.api)
  try {
    useMocks(toy)
    expect(jest.hooks.afterEach).toHaveLength(1)
  } finally {
    for (const name of ['beforeAll', 'afterEach', 'afterAll'])
      delete (globalThis as Record<string, unknown>)[name]
  }
})
