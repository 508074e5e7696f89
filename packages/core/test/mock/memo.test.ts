import { expect, test } from 'vitest'
import { createServiceMock, defineService, route } from '../../src/index'

interface State {
  items: string[]
}

const errors = {
  notFound: () => Response.json({}, { status: 404 }),
  fault: (_c: unknown, { status }: { status: number }) => Response.json({}, { status }),
  rateLimited: () => Response.json({}, { status: 429 }),
  internal: () => Response.json({}, { status: 500 }),
}

/** A service whose GET renders through ctx.memo, counting how often it really renders. */
function make() {
  const renders = { count: 0 }
  let gate: Promise<void> | undefined
  let started: (() => void) | undefined
  const mock = createServiceMock(
    defineService<State, string[]>({
      name: 'memo',
      hosts: ['https://memo.example.com'],
      createState: () => ({ items: [] }),
      seed: (state, items) => state.items.push(...items),
      routes: [
        route.get('/items', (ctx) =>
          Response.json(
            ctx.memo(`items ${ctx.query.get('sep') ?? ','}`, () => {
              renders.count++
              return ctx.state.items.join(ctx.query.get('sep') ?? ',')
            }),
          ),
        ),
        route.post('/items', async (ctx) => {
          ctx.state.items.push(String((ctx.body as { item: string }).item))
          started?.()
          await gate
          return Response.json({}, { status: 201 })
        }),
        route.get('/touch', (ctx) => {
          ctx.state.items.push('touched')
          ctx.changed()
          return Response.json({})
        }),
      ],
      errors,
    }),
  )
  const list = async (sep?: string) =>
    (await mock.fetch(`https://memo.example.com/items${sep ? `?sep=${sep}` : ''}`)).json()
  const add = (item: string) =>
    mock.fetch('https://memo.example.com/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item }),
    })
  /** Holds writes after their change until `release`; resolves `changed` once one has changed the state. */
  const hold = () => {
    let release!: () => void
    gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const changed = new Promise<void>((resolve) => {
      started = resolve
    })
    return { release, changed }
  }
  return { mock, renders, list, add, hold }
}

test('a memoized render is reused by reads and made again after a write', async () => {
  const { renders, list, add } = make()
  await add('a')
  expect(await list()).toBe('a')
  expect(await list()).toBe('a')
  expect(renders.count).toBe(1)
  // The key separates what the render depends on besides the state.
  expect(await list(';')).toBe('a')
  expect(renders.count).toBe(2)
  await add('b')
  expect(await list()).toBe('a,b')
  expect(renders.count).toBe(3)
})

test('seed(), state() and ctx.changed() each start a new version', async () => {
  const { mock, renders, list } = make()
  expect(await list()).toBe('')
  mock.seed(['s'])
  expect(await list()).toBe('s')
  // What state() hands out may be changed by the caller at any time before the next request.
  mock.state().items.push('direct')
  expect(await list()).toBe('s,direct')
  await mock.fetch('https://memo.example.com/touch')
  expect(await list()).toBe('s,direct,touched')
  expect(renders.count).toBe(4)
})

test('a read while a write is in flight sees its change, and nothing it saw outlives the write', async () => {
  const { renders, list, add, hold } = make()
  expect(await list()).toBe('')
  const { release, changed } = hold()
  const writing = add('late')
  await changed
  // The write changed the state and is still running: reads see the change as unmemoized ones do.
  expect(await list()).toBe('late')
  release()
  await writing
  expect(await list()).toBe('late')
  expect(renders.count).toBe(3)
})

test('partitions keep their own memo', async () => {
  const { mock, renders } = make()
  mock.seed(['mine'], { partition: 'p1' })
  const p1 = mock.state('p1')
  const p2 = mock.state('p2')
  expect(p1.items).toEqual(['mine'])
  expect(p2.items).toEqual([])
  expect(renders.count).toBe(0)
})
