import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { coverageTable, endpointCoverage } from '@understudy/core'
import { describe, expect, test } from 'vitest'
import { specSource } from '../src/generated/methods'
import { createSlackService } from '../src/service'

const service = // Only the routes' methods and paths are read: the runtime their handlers use is never needed.
  createSlackService({} as never)
const coverage = endpointCoverage(service)

// Biome aligns the README's tables: compare cells, not padding.
const cells = (markdown: string) =>
  markdown
    .trim()
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^(:?)-+(:?)$/, '$1-$2'))
            .join('|')
        : line,
    )
    .join('\n')

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
    const readme = new URL('../README.md', import.meta.url)
    const text = readFileSync(readme, 'utf8')
    const start = '<!-- endpoint-coverage:start -->\n'
    const end = '<!-- endpoint-coverage:end -->'
    const from = text.indexOf(start) + start.length
    const to = text.indexOf(end)
    expect(from, 'README.md has the coverage markers').toBeGreaterThan(start.length - 1)
    const table = `${coverageTable(coverage, { source: specSource })}\n`
    if (process.env.UNDERSTUDY_WRITE_COVERAGE) {
      const next = new URL('../README.md.tmp', import.meta.url)
      writeFileSync(next, text.slice(0, from) + table + text.slice(to))
      renameSync(next, readme)
    } else expect(cells(text.slice(from, to))).toBe(cells(table))
  })
})
