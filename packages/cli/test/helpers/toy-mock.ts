import { createServiceMock, defineService, route, SeedError, type ServiceMockOptions } from '@understudy/core'
import type { UnderstudyMock } from '../../src/index'

// A small service shaped like the real mocks (credential auth, seed, webhooks, snapshot), so the
// server's own behaviour (mounting, admin API, partitions, live feed) is tested apart from them.
interface Note {
  id: string
  text: string
}
interface ToyState {
  notes: Note[]
  hooks: Array<{ url: string; secret: string }>
}
interface ToySeed {
  notes?: Array<{ text: string }>
}

const toyService = defineService<ToyState, ToySeed>({
  name: 'toy',
  hosts: ['https://api.toy.test'],
  createState: () => ({ notes: [], hooks: [] }),
  seed(state, data, { ids }) {
    if (data.notes !== undefined && !Array.isArray(data.notes))
      throw new SeedError('toy seed: "notes" must be an array, e.g. { "notes": [{ "text": "hi" }] }')
    for (const note of data.notes ?? []) state.notes.push({ id: ids.next('note_', 6), text: note.text })
  },
  snapshot: (state) => ({ notes: state.notes, hooks: state.hooks }),
  routes: [
    route.get('/notes', ({ state }) => Response.json(state.notes)),
    route.post('/notes', ({ state, body, ids, emit, webhooks, partition }) => {
      const note = { id: ids.next('note_', 6), text: String((body as { text?: string })?.text ?? '') }
      state.notes.push(note)
      emit('note.created', note)
      for (const hook of state.hooks) {
        const payload = JSON.stringify({ action: 'created', note })
        void webhooks.send({
          url: hook.url,
          event: 'note',
          headers: { 'content-type': 'application/json' },
          body: payload,
          partition,
        })
      }
      return Response.json(note, { status: 201 })
    }),
    route.post('/hooks', ({ state, body }) => {
      state.hooks.push(body as { url: string; secret: string })
      return Response.json({ ok: true }, { status: 201 })
    }),
  ],
  authenticate: ({ credential }) =>
    credential ? undefined : Response.json({ message: 'Requires authentication' }, { status: 401 }),
  errors: {
    notFound: () => Response.json({ message: 'Not Found' }, { status: 404 }),
    fault: (_ctx, { status, message }) => Response.json({ message: message ?? 'fault' }, { status }),
    rateLimited: () => Response.json({ message: 'rate limited' }, { status: 429 }),
    internal: (_ctx, error) => Response.json({ message: String(error) }, { status: 500 }),
  },
})

export function createToyMock(options: ServiceMockOptions<ToySeed> = {}): UnderstudyMock {
  return createServiceMock(toyService, { partitionBy: 'credential', ...options }) as UnderstudyMock
}
