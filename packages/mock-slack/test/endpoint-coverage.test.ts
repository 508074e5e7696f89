import { coverageTable, endpointCoverage } from '@understudy/core'
import { expectCoverageTable } from '@understudy/test-utils/readme-coverage'
import { describe, expect, test } from 'vitest'
import { specSource } from '../src/generated/methods'
import { slackService } from '../src/service'

const coverage = endpointCoverage(slackService)

// Routes the mock serves that are not Web API methods.
const NOT_IN_SPEC = [
  // The upload URL files.getUploadURLExternal hands out, and `url_private`: files.slack.com's, not methods.
  'POST /upload/v1/:key',
  'GET /files-pri/:key/:rest*',
  // `response_url`s of slash commands and interactions (hooks.slack.com).
  'POST /commands/:team/:id/:key',
  'POST /actions/:team/:id/:key',
]

describe('the route table against the Web API methods', () => {
  test('every route serves a Web API method, except the hosted endpoints', () => {
    expect(coverage.unlisted.map((r) => `${r.method} ${r.path}`)).toEqual(NOT_IN_SPEC)
  })

  test('the README coverage table is current (pnpm coverage:readme rewrites it)', () => {
    expectCoverageTable(
      new URL('../README.md', import.meta.url),
      coverageTable(coverage, { source: specSource }),
    )
  })
})
