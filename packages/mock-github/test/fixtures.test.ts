import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Octokit } from '@octokit/rest'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createGitHubMock, type GitHubSeed } from '../src/index'

// Recorded real traffic (@octokit/fixtures) replayed against the mock: same status, same response
// shape (every key the recording has, with the same JSON type), same content type and Link form.
const require = createRequire(import.meta.url)
const root = join(dirname(require.resolve('@octokit/fixtures/package.json')), 'scenarios', 'api.github.com')

interface Recorded {
  method: string
  path: string
  body?: unknown
  status: number
  reqheaders?: Record<string, string>
  response: unknown
  headers: Record<string, string>
}

const org = 'octokit-fixture-org'
const scenarios: Record<string, GitHubSeed> = {
  'get-root': {},
  'get-repository': { repos: [{ full_name: `${org}/hello-world`, files: { 'README.md': '# hello-world' } }] },
  'get-content': { repos: [{ full_name: `${org}/hello-world`, files: { 'README.md': '# hello-world' } }] },
  'create-file': { repos: [{ full_name: `${org}/create-file` }] },
  'add-labels-to-issue': { repos: [{ full_name: `${org}/add-labels-to-issue` }] },
  labels: { repos: [{ full_name: `${org}/labels` }] },
  'lock-issue': { repos: [{ full_name: `${org}/lock-issue`, issues: [{ title: 'Issue' }] }] },
  errors: { repos: [{ full_name: `${org}/errors` }] },
  'search-issues': {
    repos: [
      {
        full_name: `${org}/search-issues`,
        issues: [{ title: 'Sesame Street' }, { title: 'Open sesame' }, { title: 'Nothing here' }],
      },
    ],
  },
  'paginate-issues': {
    repos: [
      {
        full_name: `${org}/paginate-issues`,
        issues: Array.from({ length: 13 }, (_, i) => ({ title: `Test issue ${i + 1}` })),
      },
    ],
  },
}

// Fields of the 2017-2020 recordings that GitHub has since dropped from its responses.
const retired = new Set(['$.organization_repositories_url', '$.repository.permissions'])

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}

function shapeDiff(recorded: unknown, actual: unknown, path = '$'): string[] {
  if (retired.has(path)) return []
  const a = typeOf(recorded)
  const b = typeOf(actual)
  // null in one and a value in the other is a state difference, not a shape one.
  if (a === 'null' || b === 'null') return []
  if (a !== b) return [`${path}: ${a} in the recording, ${b} from the mock`]
  if (a === 'array') {
    const [x] = recorded as unknown[]
    const [y] = actual as unknown[]
    return x === undefined || y === undefined ? [] : shapeDiff(x, y, `${path}[0]`)
  }
  if (a !== 'object') return []
  const out: string[] = []
  for (const [key, value] of Object.entries(recorded as Record<string, unknown>)) {
    const next = `${path}.${key}`
    if (retired.has(next)) continue
    if (!(key in (actual as Record<string, unknown>))) out.push(`${next}: missing`)
    else out.push(...shapeDiff(value, (actual as Record<string, unknown>)[key], next))
  }
  return out
}

const github = createGitHubMock()
const server = setupServer(...github.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' } as never))
afterAll(() => server.close())

for (const [name, seed] of Object.entries(scenarios)) {
  test(`@octokit/fixtures ${name}: status, shape and headers match the recording`, async () => {
    github.reset()
    // The recordings were made in an organization: seed it as one.
    github.seed({ users: [{ login: org, type: 'Organization' }], ...seed })
    const octokit = new Octokit({ auth: 'ghp_test', log: { debug() {}, info() {}, warn() {}, error() {} } })
    const recorded: Recorded[] = JSON.parse(readFileSync(join(root, name, 'normalized-fixture.json'), 'utf8'))
    const problems: string[] = []
    for (const entry of recorded) {
      const repo = /^\/repos\/([^/]+)\/([^/]+)/.exec(entry.path)
      const id = repo
        ? (await octokit.repos.get({ owner: repo[1]!, repo: repo[2]! }).catch(() => undefined))?.data.id
        : undefined
      const path = entry.path.replace(
        /^\/repositories\/1000\//,
        `/repositories/${github.state().repos.get(`${org}/paginate-issues`)?.id ?? id}/`,
      )
      const response = await octokit
        .request(`${entry.method.toUpperCase()} ${path}`, {
          headers: { accept: entry.reqheaders?.accept ?? 'application/vnd.github.v3+json' },
          ...(entry.body && typeof entry.body === 'object' ? { data: entry.body } : {}),
        })
        .catch((error: { status: number; response: { data: unknown; headers: Record<string, string> } }) => ({
          status: error.status,
          data: error.response.data,
          headers: error.response.headers,
        }))
      const where = `${entry.method.toUpperCase()} ${entry.path}`
      if (response.status !== entry.status)
        problems.push(`${where}: status ${response.status}, recorded ${entry.status}`)
      problems.push(...shapeDiff(entry.response, response.data).map((p) => `${where} ${p}`))
      const recordedType = entry.headers['content-type']
      const actualType = (response.headers as Record<string, string | undefined>)['content-type']
      if (recordedType && recordedType !== actualType)
        problems.push(`${where}: content-type ${actualType}, recorded ${recordedType}`)
      const link = entry.headers.link
      const actualLink = (response.headers as Record<string, string | undefined>).link
      const rels = (l: string | undefined) => [...(l ?? '').matchAll(/rel="(\w+)"/g)].map((m) => m[1])
      if (link && JSON.stringify(rels(link)) !== JSON.stringify(rels(actualLink))) {
        problems.push(`${where}: link rels ${rels(actualLink)}, recorded ${rels(link)}`)
      }
      for (const h of [
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
        'x-github-request-id',
        'x-github-media-type',
      ]) {
        if (entry.headers[h] !== undefined && (response.headers as Record<string, unknown>)[h] === undefined)
          problems.push(`${where}: no ${h}`)
      }
    }
    expect(problems).toEqual([])
  })
}
