import { describe, expect, it } from 'vitest'
import { createServiceMock, defineService, route } from '../../src/index'

interface GreeterConfig {
  greeting: string
  strict: boolean
}

const seenByState: Array<Readonly<GreeterConfig>> = []

// A service whose routes, state factory and hooks read one mock-wide config.
const greeter = defineService<{ greeted: string[]; startedWith: string }, unknown, GreeterConfig>({
  name: 'greeter',
  hosts: ['https://greeter.test'],
  config: {
    defaults: { greeting: 'hello', strict: false },
  },
  createState: ({ config }) => {
    seenByState.push(config)
    return { greeted: [], startedWith: config.greeting }
  },
  routes: [
    route.get('/greet/:name', ({ config, params, state }) => {
      state.greeted.push(params.name!)
      return Response.json({ text: `${config.greeting}, ${params.name}`, strict: config.strict })
    }),
  ],
  authenticate: ({ config, credential }) =>
    config.strict && !credential ? Response.json({ error: 'no key' }, { status: 401 }) : undefined,
  beforeRoute: ({ path, state }) => {
    state.greeted.push(`before ${path}`)
    return undefined
  },
  errors: {
    notFound: () => Response.json({ error: 'not found' }, { status: 404 }),
    fault: (_, { status }) => Response.json({ error: 'fault' }, { status }),
    rateLimited: () => Response.json({ error: 'slow down' }, { status: 429 }),
    internal: () => Response.json({ error: 'internal' }, { status: 500 }),
  },
})

describe('mock-wide config', () => {
  it('is the defaults when the factory passes nothing', async () => {
    const mock = createServiceMock(greeter)
    const response = await mock.fetch('https://greeter.test/greet/ada')
    expect(await response.json()).toEqual({ text: 'hello, ada', strict: false })
    expect(mock.config).toEqual({ greeting: 'hello', strict: false })
  })

  it('takes what the factory passes over the defaults, ignoring undefined settings', async () => {
    const mock = createServiceMock(greeter, {}, { greeting: 'hi', strict: undefined })
    expect(mock.config).toEqual({ greeting: 'hi', strict: false })
    expect(await (await mock.fetch('https://greeter.test/greet/ada')).json()).toEqual({
      text: 'hi, ada',
      strict: false,
    })
  })

  it('is one frozen object, shared by every partition, the hooks and the instance', async () => {
    seenByState.length = 0
    const mock = createServiceMock(greeter, { partitionBy: 'credential' }, { strict: true })
    expect(Object.isFrozen(mock.config)).toBe(true)
    expect((await mock.fetch('https://greeter.test/greet/ada')).status).toBe(401)
    await mock.fetch('https://greeter.test/greet/ada', { headers: { authorization: 'Bearer a' } })
    await mock.fetch('https://greeter.test/greet/bob', { headers: { authorization: 'Bearer b' } })
    expect(seenByState.length).toBeGreaterThanOrEqual(2)
    for (const config of seenByState) expect(config).toBe(mock.config)
    expect(mock.state('a').startedWith).toBe('hello')
  })

  it('runs beforeRoute after authentication and before the route, for matched routes only', async () => {
    const mock = createServiceMock(greeter)
    await mock.fetch('https://greeter.test/greet/ada')
    await mock.fetch('https://greeter.test/nowhere')
    expect(mock.state().greeted).toEqual(['before /greet/ada', 'ada'])
  })
})
