import { afterEach } from 'vitest'
import { createUnderstudyServer, type UnderstudyServer } from '../../src/index'
import { createToyMock } from './toy-mock'

/** Headers of a JSON request in the partition of `token`. */
export const auth = (token: string) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
})

/**
 * A server with the toy service mounted where GitHub goes, closed after each test of the file that
 * calls this at its top level.
 */
export function useToyServer() {
  let server: UnderstudyServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })
  return {
    async start(options: Parameters<typeof createUnderstudyServer>[0] = {}): Promise<UnderstudyServer> {
      server = await createUnderstudyServer({
        port: 0,
        services: ['github'],
        mocks: { github: createToyMock() },
        ...options,
      })
      return server
    },
    /** The server `start` made last. */
    get current(): UnderstudyServer | undefined {
      return server
    },
    /** For a test that closed the server itself. */
    closed(): void {
      server = undefined
    },
  }
}
