import { coverageTable, endpointCoverage } from '@understudy/core'
import { expectCoverageTable } from '@understudy/test-utils/readme-coverage'
import { describe, expect, test } from 'vitest'
import { specSource } from '../src/generated/endpoints'
import { openAIService } from '../src/service'

const coverage = endpointCoverage(openAIService)

// Routes the mock serves that the description does not list.
const NOT_IN_SPEC: string[] = []

describe('the route table against the OpenAI API description', () => {
  test('every route serves an operation of the description', () => {
    expect(coverage.unlisted.map((r) => `${r.method} ${r.path}`)).toEqual(NOT_IN_SPEC)
  })

  test('the README coverage table is current (pnpm coverage:readme rewrites it)', () => {
    expectCoverageTable(
      new URL('../README.md', import.meta.url),
      coverageTable(coverage, { source: specSource }),
    )
  })
})
