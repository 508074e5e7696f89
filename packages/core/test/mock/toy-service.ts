import { defineService, route, SeedError } from '../../src/index'

// A tiny service, shaped like the real mocks, to drive the framework in tests.
export interface ToyState {
  notes: Map<string, { id: string; text: string; created: number }>
  hooks: string[]
}
export interface ToySeed {
  notes?: Array<{ text: string }>
}

class ToyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
  toResponse() {
    return Response.json({ error: { message: this.message } }, { status: this.status })
  }
}

export const toyService = defineService<ToyState, ToySeed>({
  name: 'toy',
  hosts: ['https://api.toy.test'],
  createState: () => ({ notes: new Map(), hooks: [] }),
  seed(state, data, { ids, clock }) {
    if (data.notes !== undefined && !Array.isArray(data.notes))
      throw new SeedError('toy seed: notes must be an array')
    for (const note of data.notes ?? []) {
      const id = ids.next('note_', 8)
      state.notes.set(id, { id, text: note.text, created: clock.nowSeconds() })
    }
  },
  snapshot: (state) => ({ notes: [...state.notes.values()] }),
  routes: [
    route.get('/health', () => Response.json({ ok: true }), { auth: false }),
    route.get('/v1/notes', ({ state, baseUrl }) =>
      Response.json({ data: [...state.notes.values()], url: `${baseUrl}/v1/notes` }),
    ),
    route.post('/v1/notes', ({ state, body, ids, clock, webhooks, partition, emit }) => {
      const text = (body as { text?: string } | undefined)?.text
      if (!text) throw new ToyError(400, 'text is required')
      const id = ids.next('note_', 8)
      const note = { id, text, created: clock.nowSeconds() }
      state.notes.set(id, note)
      emit('note.created', note)
      for (const url of state.hooks) {
        void webhooks.send({
          url,
          event: 'note.created',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(note),
          partition,
        })
      }
      return Response.json(note, { status: 201 })
    }),
    route.get('/v1/notes/:id', ({ state, params }) => {
      const note = state.notes.get(params.id!)
      if (!note) throw new ToyError(404, `No note ${params.id}`)
      return Response.json(note)
    }),
    route.post('/v1/hooks', ({ state, body }) => {
      state.hooks.push((body as { url: string }).url)
      return Response.json({ ok: true }, { status: 201 })
    }),
    route.get('/v1/files/:path*', ({ params }) => Response.json({ path: params.path })),
  ],
  authenticate: ({ credential }) =>
    credential ? undefined : Response.json({ error: { message: 'No API key' } }, { status: 401 }),
  finalize: (_ctx, response) => {
    response.headers.set('x-request-id', 'req_toy')
    return response
  },
  errors: {
    notFound: ({ method, path }) =>
      Response.json({ error: { message: `Unrecognized request URL (${method}: ${path})` } }, { status: 404 }),
    fault: (_ctx, { status, message }) =>
      Response.json({ error: { message: message ?? `Injected ${status}` } }, { status }),
    rateLimited: (_ctx, { retryAfter }) =>
      Response.json(
        { error: { message: 'Too many requests' } },
        { status: 429, headers: { 'retry-after': String(retryAfter) } },
      ),
    internal: (_ctx, error) => Response.json({ error: { message: String(error) } }, { status: 500 }),
  },
})
