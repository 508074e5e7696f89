/**
 * Errors of the stored-request model, below the cassette engine: a file that does not parse, and
 * what the secret scanner reports. `cassette/errors.ts` re-exports them.
 *
 * @module
 */

import { UnderstudyError } from '../errors'

/** One secret found by `scanForSecrets`. `preview` never holds the whole secret. */
export interface SecretFinding {
  /** Where it is, as a JSONPath into the scanned value: `$.interactions[0].request.headers.authorization`. */
  path: string
  /** Machine-readable kind: `github-token`, `slack-token`, `stripe-live-key`, `openai-key`, `jwt`... */
  kind: string
  /** What it looks like, for people: "GitHub token (ghp_)". */
  label: string
  /** The first characters and the length, e.g. `ghp_Ab12… (40 chars)`. */
  preview: string
}

/** A cassette file is not valid JSON, is not an Understudy cassette, or has a field of the wrong shape. */
export class CassetteFormatError extends UnderstudyError {
  override name = 'CassetteFormatError'
  constructor(
    message: string,
    readonly path: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
