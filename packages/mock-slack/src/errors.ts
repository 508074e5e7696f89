/**
 * Errors of @understudy/mock-slack. `SlackApiError` is what a route throws: it renders as Slack's own
 * answer (HTTP 200 with `{ ok: false, error }`), which WebClient turns into a `slack_webapi_platform_error`.
 * `SlackMockError` is for bad use of the mock itself (bad options, unknown user in a helper).
 *
 * @module
 */
import { UnderstudyError } from '@understudy/core'

const PREFIX = '[understudy:mock-slack]'

/** Extra fields Slack puts next to `error`: `needed`/`provided` for missing_scope, `errors` for invalid_blocks... */
export interface SlackErrorFields {
  needed?: string
  provided?: string
  errors?: Array<string | Record<string, unknown>>
  warning?: string
  response_metadata?: { messages?: string[]; warnings?: string[] }
  [key: string]: unknown
}

/**
 * An error as Slack's Web API answers it: HTTP 200 (429 for rate limits) with `ok: false` and the code.
 *
 * @example
 * throw new SlackApiError('channel_not_found')
 */
export class SlackApiError extends Error {
  override name = 'SlackApiError'
  constructor(
    readonly code: string,
    readonly fields: SlackErrorFields = {},
    readonly status = 200,
    readonly headers: Record<string, string> = {},
  ) {
    super(code)
  }

  toResponse(): Response {
    return Response.json(
      { ok: false, error: this.code, ...this.fields },
      { status: this.status, headers: this.headers },
    )
  }
}

/** Throws `SlackApiError(code)`; reads well after `??`. */
export function fail(code: string, fields?: SlackErrorFields): never {
  throw new SlackApiError(code, fields)
}

/**
 * The mock was used wrongly (an option, a seed or a helper argument): the message says what and how to fix it.
 *
 * @example
 * throw new SlackMockError('slack.as("bob"): no user "bob". Seed it: createSlackMock({ seed: { users: [{ name: "bob" }] } }).')
 */
export class SlackMockError extends UnderstudyError {
  override name = 'SlackMockError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(`${PREFIX} ${message}`, options)
  }
}
