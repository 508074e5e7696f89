import type { LoggedRequest } from '@understudy/core'
import type { ServiceName } from './services'

/** Recorded interactions served before the mocks (`understudy serve --replay <cassette>`). */
export interface ReplayLayer {
  /** The cassette files being replayed. */
  readonly cassettes: readonly string[]
  /** The recorded response for `request`, or undefined to let the mocks answer. */
  handle(
    request: Request,
    route: { service: ServiceName; basePath: string } | undefined,
  ): Promise<{ response: Response; entry: LoggedRequest } | undefined>
}
