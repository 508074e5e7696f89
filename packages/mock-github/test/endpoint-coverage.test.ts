import { coverageTable, endpointCoverage } from '@understudy/core'
import { expectCoverageTable } from '@understudy/test-utils/readme-coverage'
import { describe, expect, test } from 'vitest'
import { specSource } from '../src/generated/endpoints'
import { githubService } from '../src/service'

const service = githubService
const coverage = endpointCoverage(service)

// Routes the mock serves that the REST description does not list, each for a reason.
const NOT_IN_SPEC = [
  // The repository root's listing: `contents/{path}` with an empty path, which the description cannot spell.
  'GET /repos/:owner/:repo/contents',
  // `/repositories/{id}/…`: the spelling of repository URLs in GitHub's Link headers (octokit.paginate follows them).
  '* /repositories/:repository_id',
  '* /repositories/:repository_id/:rest*',
]

describe('the route table against the REST API description', () => {
  test('every route serves an operation of the description, except the listed aliases', () => {
    expect(coverage.unlisted.map((r) => `${r.method} ${r.path}`)).toEqual(NOT_IN_SPEC)
  })

  test('the README coverage table is current (pnpm coverage:readme rewrites it)', () => {
    expectCoverageTable(
      new URL('../README.md', import.meta.url),
      coverageTable(coverage, { source: specSource }),
    )
  })
})
