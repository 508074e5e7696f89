/**
 * The error a refused connection fails with.
 *
 * @module
 */

import { UnderstudyError } from '../errors'

/**
 * A connection was refused before anything was sent: by `disableNetConnect()`, or by a cassette in
 * mode `none` for a client its interception cannot see. The client's call rejects with it (fetch
 * as the `cause` of its `TypeError: fetch failed`), and `withCassette` too.
 */
export class NetConnectNotAllowedError extends UnderstudyError {
  override name = 'NetConnectNotAllowedError'
  constructor(
    message: string,
    readonly details: {
      host: string
      port: number
      /** `GET https://api.github.com/user`, when the client said which request opened the connection. */
      request?: string
      /** The cassette that refused it, if one did. */
      cassette?: string
    },
  ) {
    super(message)
  }
}
