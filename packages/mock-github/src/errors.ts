/**
 * Errors in GitHub's own shape. A route throws one; the framework turns it into the response GitHub
 * would send (`{ message, documentation_url, status }`, which Octokit's `RequestError` parses).
 *
 * @module
 */

import { InvalidOptionError, SeedError } from '@understudy/core'

export const PREFIX = '[understudy:github]'

/** The docs root GitHub links from errors that have no page of their own. */
export const DOCS_ROOT = 'https://docs.github.com/rest'

/** One entry of a 422 `errors[]`, as GitHub sends it. */
export interface ValidationErrorDetail {
  resource?: string
  field?: string
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom'
  value?: unknown
  message?: string
}

/**
 * An error response from the mock, shaped as GitHub's.
 *
 * @example
 * throw new GitHubApiError(404, 'Not Found', { documentationUrl: 'https://docs.github.com/rest/issues/issues#get-an-issue' })
 */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError'
  readonly documentationUrl: string
  /** Field errors; some endpoints (reviews) send plain strings instead. */
  readonly errors: Array<ValidationErrorDetail | string> | undefined
  readonly headers: Record<string, string>

  constructor(
    readonly status: number,
    message: string,
    options: {
      documentationUrl?: string
      errors?: Array<ValidationErrorDetail | string>
      headers?: Record<string, string>
    } = {},
  ) {
    super(message)
    this.documentationUrl = options.documentationUrl ?? DOCS_ROOT
    this.errors = options.errors
    this.headers = options.headers ?? {}
  }

  toResponse(): Response {
    const body: Record<string, unknown> = { message: this.message }
    if (this.errors) body.errors = this.errors
    body.documentation_url = this.documentationUrl
    body.status = String(this.status)
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...this.headers },
    })
  }
}

export function notFound(documentationUrl?: string): never {
  throw new GitHubApiError(404, 'Not Found', documentationUrl ? { documentationUrl } : {})
}

export function validationFailed(errors: ValidationErrorDetail[], documentationUrl?: string): never {
  throw new GitHubApiError(422, 'Validation Failed', {
    errors,
    ...(documentationUrl ? { documentationUrl } : {}),
  })
}

/** GitHub's answer to a body that fails its JSON schema (a missing required field, a wrong type). */
export function invalidRequest(detail: string, documentationUrl?: string): never {
  throw new GitHubApiError(422, `Invalid request.\n\n${detail}`, documentationUrl ? { documentationUrl } : {})
}

export function seedError(message: string): SeedError {
  return new SeedError(`${PREFIX} Invalid seed: ${message}`)
}

export function optionError(option: string, message: string): InvalidOptionError {
  return new InvalidOptionError(option, `${PREFIX} ${message}`)
}
