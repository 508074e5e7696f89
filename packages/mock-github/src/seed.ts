/**
 * Seed data: plain objects in the shape DESIGN.md fixes for repos, plus optional users, apps and
 * hooks. Bad shapes throw a SeedError that says which entry is wrong and shows a valid one.
 *
 * @module
 */

import { assertSeed } from '@understudy/core'
import { looksLikePem } from './auth/keys'
import { PREFIX, seedError } from './errors'
import { commit, toBytes } from './resources/git'
import { githubSeedSchema } from './seed-schema'
import {
  createLabel,
  createRepo,
  ensureLabel,
  ensureUser,
  findLabel,
  findRepo,
  type GitHubState,
  type IssueRecord,
  nextId,
  nodeId,
  now,
  type RepoRecord,
} from './state'

export interface GitHubSeedIssue {
  number?: number
  title: string
  body?: string | null
  labels?: string[]
  state?: 'open' | 'closed'
  /** The author's login. Default: the repository owner. */
  user?: string
  assignees?: string[]
  locked?: boolean
  comments?: Array<{ body: string; user?: string }>
}

export interface GitHubSeedRepo {
  /** `owner/name`. */
  full_name: string
  private?: boolean
  description?: string | null
  default_branch?: string
  /** `false` turns issues off: the issues endpoints answer 410. */
  has_issues?: boolean
  /** Archived repositories are read-only: writes answer 403. */
  archived?: boolean
  /** The repository's labels. Default: GitHub's nine default labels. */
  labels?: Array<{ name: string; color?: string; description?: string | null }>
  issues?: GitHubSeedIssue[]
  /** Logins with push access. */
  collaborators?: string[]
  /** Files on the default branch (path → text), committed as the initial commit. */
  files?: Record<string, string>
  /** Other branches: name → files (path → text) committed on top of the default branch. */
  branches?: Record<string, Record<string, string>>
  /** Repository webhooks. */
  hooks?: Array<{
    url: string
    secret?: string
    events?: string[]
    content_type?: 'json' | 'form'
    active?: boolean
  }>
}

export interface GitHubSeedUser {
  login: string
  name?: string | null
  email?: string | null
  type?: 'User' | 'Organization'
  /** Personal access tokens that authenticate as this user. */
  tokens?: string[]
}

export interface GitHubSeedApp {
  id: number
  slug?: string
  name?: string
  /** The login that owns the app. Default: the first installation's account. */
  owner?: string
  /** PEM, PKCS#1 or PKCS#8: the key the app signs JWTs with (only its public half is kept). */
  privateKey?: string
  /** PEM, SPKI or PKCS#1: the key JWTs are verified with. */
  publicKey?: string
  /** Where the app's webhook deliveries go (events on repositories it is installed on). */
  webhook?: { url: string; secret?: string }
  permissions?: Record<string, string>
  events?: string[]
  installations?: Array<{ id?: number; account: string; repositories?: 'all' | string[] }>
}

/** What `seed` and the `seed` option take. */
export interface GitHubSeed {
  repos?: GitHubSeedRepo[]
  users?: GitHubSeedUser[]
  apps?: GitHubSeedApp[]
  /** Repository webhooks, as an alternative to `repos[].hooks`: `{ repo: 'octo/hello', url, secret? }`. */
  hooks?: Array<{
    repo: string
    url: string
    secret?: string
    events?: string[]
    content_type?: 'json' | 'form'
    active?: boolean
  }>
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function arrayOf(value: unknown, where: string, example: string): unknown[] {
  if (value === undefined) return []
  if (!Array.isArray(value))
    throw seedError(`${where} must be an array, got ${typeof value}. For example: ${example}.`)
  return value
}

function splitFullName(value: unknown, where: string): [string, string] {
  if (typeof value !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(value)) {
    throw seedError(
      `${where}.full_name must be "owner/name", got ${JSON.stringify(value)}. For example: { full_name: 'octo/hello' }.`,
    )
  }
  return value.split('/') as [string, string]
}

/**
 * Checks seed data (its shape, then what it refers to in the state) without changing anything:
 * `applySeed` runs it first, so a bad seed leaves no half-applied state behind.
 */
export function checkSeed(state: GitHubState, data: unknown): asserts data is GitHubSeed {
  assertSeed(githubSeedSchema, data, { prefix: PREFIX, service: 'GitHub' })
  const seeded = new Set((data.repos ?? []).map((r) => r.full_name))
  // Issue numbers as applySeed hands them out, per repository, to find clashes before any is made.
  const numbering = new Map<string, { used: Set<number>; next: number }>()
  data.repos?.forEach((r, i) => {
    let numbers = numbering.get(r.full_name)
    if (!numbers) {
      const existing = findRepo(state, ...(r.full_name.split('/') as [string, string]))
      numbers = { used: new Set(existing?.issues.keys()), next: existing?.nextNumber ?? 1 }
      numbering.set(r.full_name, numbers)
    }
    r.issues?.forEach((issue, j) => {
      const number = issue.number ?? numbers.next
      if (numbers.used.has(number))
        throw seedError(
          `repos[${i}].issues[${j}]: ${r.full_name} already has an issue #${number}. Leave number out to take the next free one. Nothing was seeded.`,
        )
      numbers.used.add(number)
      numbers.next = Math.max(numbers.next, number + 1)
    })
  })
  data.hooks?.forEach((h, i) => {
    if (!seeded.has(h.repo) && !findRepo(state, ...(h.repo.split('/') as [string, string])))
      throw seedError(
        `hooks[${i}].repo "${h.repo}" is not a seeded repository. Seed it in repos first. Nothing was seeded.`,
      )
  })
  data.apps?.forEach((a, i) => {
    if (a.privateKey === undefined && a.publicKey === undefined)
      throw seedError(
        `apps[${i}] needs privateKey or publicKey as a PEM string (BEGIN RSA PRIVATE KEY, BEGIN PRIVATE KEY or BEGIN PUBLIC KEY), to verify the app's JWTs. Nothing was seeded.`,
      )
  })
}

export function applySeed(state: GitHubState, data: GitHubSeed): void {
  checkSeed(state, data)
  if (!isObject(data))
    throw seedError(
      `expected an object like { repos: [{ full_name: 'octo/hello' }] }, got ${JSON.stringify(data)}.`,
    )
  arrayOf(data.users, 'users', "[{ login: 'octocat', tokens: ['ghp_test'] }]").forEach((u, i) => {
    seedUser(state, u, `users[${i}]`)
  })
  arrayOf(data.repos, 'repos', "[{ full_name: 'octo/hello' }]").forEach((r, i) => {
    seedRepo(state, r, `repos[${i}]`)
  })
  arrayOf(
    data.hooks,
    'hooks',
    "[{ repo: 'octo/hello', url: 'http://localhost:3000/webhooks', secret: 'whsec_test' }]",
  ).forEach((h, i) => {
    if (!isObject(h) || typeof h.repo !== 'string')
      throw seedError(`hooks[${i}].repo must name a seeded repository ("owner/name").`)
    const repo = findRepo(state, ...(h.repo.split('/') as [string, string]))
    if (!repo)
      throw seedError(`hooks[${i}].repo "${h.repo}" is not a seeded repository. Seed it in repos first.`)
    seedHook(state, repo, h, `hooks[${i}]`)
  })
  arrayOf(
    data.apps,
    'apps',
    "[{ id: 1, privateKey: pem, installations: [{ id: 1, account: 'octo' }] }]",
  ).forEach((a, i) => {
    seedApp(state, a, `apps[${i}]`)
  })
}

function seedUser(state: GitHubState, value: unknown, where: string): void {
  if (!isObject(value) || typeof value.login !== 'string' || value.login === '') {
    throw seedError(`${where} needs a login. For example: { login: 'octocat', tokens: ['ghp_test'] }.`)
  }
  const type = value.type === 'Organization' ? 'Organization' : 'User'
  const user = ensureUser(state, value.login, type)
  user.type = type
  if (typeof value.name === 'string' || value.name === null) user.name = value.name
  if (typeof value.email === 'string' || value.email === null) user.email = value.email
  const tokens = arrayOf(value.tokens, `${where}.tokens`, "['ghp_test']")
  for (const token of tokens) {
    if (typeof token !== 'string' || token === '')
      throw seedError(`${where}.tokens must hold non-empty strings.`)
    state.tokens.set(token, user.login)
  }
}

function seedRepo(state: GitHubState, value: unknown, where: string): void {
  if (!isObject(value)) throw seedError(`${where} must be an object like { full_name: 'octo/hello' }.`)
  const [owner, name] = splitFullName(value.full_name, where)
  ensureUser(state, owner)
  const labels = arrayOf(value.labels, `${where}.labels`, "[{ name: 'bug', color: 'd73a4a' }]").map(
    (l, i) => {
      if (!isObject(l) || typeof l.name !== 'string')
        throw seedError(`${where}.labels[${i}] needs a name, like { name: 'bug' }.`)
      if (l.color !== undefined && (typeof l.color !== 'string' || !/^#?[0-9a-fA-F]{6}$/.test(l.color))) {
        throw seedError(
          `${where}.labels[${i}].color must be 6 hex digits like "d73a4a", got ${JSON.stringify(l.color)}.`,
        )
      }
      return {
        name: l.name,
        color: l.color as string | undefined,
        description: (l.description as string | undefined) ?? null,
      }
    },
  )
  let repo = findRepo(state, owner, name)
  if (repo) {
    for (const label of labels) if (!findLabel(repo, label.name)) createLabel(state, repo, label)
  } else {
    repo = createRepo(state, {
      owner,
      name,
      private: value.private === true,
      description: typeof value.description === 'string' ? value.description : null,
      ...(typeof value.default_branch === 'string' ? { default_branch: value.default_branch } : {}),
      ...(value.has_issues === false ? { has_issues: false } : {}),
      ...(value.labels !== undefined ? { labels } : {}),
    })
  }
  if (value.private !== undefined) repo.private = value.private === true
  if (value.archived !== undefined) repo.archived = value.archived === true
  for (const login of arrayOf(value.collaborators, `${where}.collaborators`, "['hubot']")) {
    if (typeof login !== 'string') throw seedError(`${where}.collaborators must hold logins.`)
    ensureUser(state, login)
    repo.collaborators.add(login)
  }
  seedFiles(state, repo, value, where)
  arrayOf(value.issues, `${where}.issues`, "[{ title: 'Found a bug' }]").forEach((issue, i) => {
    seedIssue(state, repo, issue, `${where}.issues[${i}]`)
  })
  arrayOf(
    value.hooks,
    `${where}.hooks`,
    "[{ url: 'http://localhost:3000/webhooks', secret: 'whsec_test' }]",
  ).forEach((h, i) => {
    seedHook(state, repo, h, `${where}.hooks[${i}]`)
  })
}

function textFiles(value: unknown, where: string): Record<string, Uint8Array> {
  if (!isObject(value)) throw seedError(`${where} must map paths to text, like { 'README.md': '# hello' }.`)
  const out: Record<string, Uint8Array> = {}
  for (const [path, text] of Object.entries(value)) {
    if (typeof text !== 'string') throw seedError(`${where}["${path}"] must be a string.`)
    out[path.replace(/^\/+/, '')] = toBytes(text)
  }
  return out
}

function seedFiles(
  state: GitHubState,
  repo: RepoRecord,
  value: Record<string, unknown>,
  where: string,
): void {
  if (value.files !== undefined) {
    commit(state, repo, {
      branch: repo.default_branch,
      changes: textFiles(value.files, `${where}.files`),
      message: 'Initial commit',
      author: repo.owner,
    })
  }
  if (value.branches === undefined) return
  if (!isObject(value.branches))
    throw seedError(`${where}.branches must map branch names to files, like { feature: { 'a.txt': 'x' } }.`)
  for (const [branch, files] of Object.entries(value.branches)) {
    commit(state, repo, {
      branch,
      changes: textFiles(files, `${where}.branches.${branch}`),
      message: `Update ${branch}`,
      author: repo.owner,
      ...(repo.branches.get(repo.default_branch) ? { from: repo.branches.get(repo.default_branch)! } : {}),
    })
  }
}

function seedIssue(state: GitHubState, repo: RepoRecord, value: unknown, where: string): void {
  if (!isObject(value) || typeof value.title !== 'string') {
    throw seedError(`${where} needs a title, like { title: 'Found a bug', labels: ['bug'] }.`)
  }
  let number = repo.nextNumber
  if (value.number !== undefined) {
    if (typeof value.number !== 'number' || !Number.isInteger(value.number) || value.number < 1) {
      throw seedError(`${where}.number must be a positive integer, got ${JSON.stringify(value.number)}.`)
    }
    number = value.number
  }
  if (repo.issues.has(number)) {
    throw seedError(
      `${where}: ${repo.owner}/${repo.name} already has an issue #${number}. Leave number out to take the next free one.`,
    )
  }
  if (value.state !== undefined && value.state !== 'open' && value.state !== 'closed') {
    throw seedError(`${where}.state must be "open" or "closed", got ${JSON.stringify(value.state)}.`)
  }
  const at = now(state)
  const user = typeof value.user === 'string' ? value.user : repo.owner
  ensureUser(state, user)
  const closed = value.state === 'closed'
  const issue: IssueRecord = {
    id: nextId(state, 'issue'),
    node_id: nodeId(state, 'Issue'),
    number,
    title: value.title,
    body: typeof value.body === 'string' ? value.body : null,
    user,
    labels: arrayOf(value.labels, `${where}.labels`, "['bug']").map((name) => {
      if (typeof name !== 'string') throw seedError(`${where}.labels must hold label names (strings).`)
      return ensureLabel(state, repo, name).id
    }),
    assignees: arrayOf(value.assignees, `${where}.assignees`, "['octocat']").map((login) => {
      if (typeof login !== 'string') throw seedError(`${where}.assignees must hold logins.`)
      return ensureUser(state, login).login
    }),
    state: closed ? 'closed' : 'open',
    state_reason: closed ? 'completed' : null,
    locked: value.locked === true,
    active_lock_reason: null,
    comments: 0,
    created_at: at,
    updated_at: at,
    closed_at: closed ? at : null,
    closed_by: closed ? user : null,
    reactions: [],
  }
  repo.issues.set(number, issue)
  repo.nextNumber = Math.max(repo.nextNumber, number + 1)
  arrayOf(value.comments, `${where}.comments`, "[{ body: 'Same here' }]").forEach((c, i) => {
    if (!isObject(c) || typeof c.body !== 'string') throw seedError(`${where}.comments[${i}] needs a body.`)
    const author = typeof c.user === 'string' ? c.user : repo.owner
    ensureUser(state, author)
    const id = nextId(state, 'comment')
    repo.comments.set(id, {
      id,
      node_id: nodeId(state, 'IssueComment'),
      issue: number,
      body: c.body,
      user: author,
      created_at: at,
      updated_at: at,
      reactions: [],
    })
    issue.comments++
  })
}

function seedHook(state: GitHubState, repo: RepoRecord, value: unknown, where: string): void {
  if (!isObject(value) || typeof value.url !== 'string' || !/^https?:\/\//.test(value.url)) {
    throw seedError(
      `${where} needs an http(s) url, like { url: 'http://localhost:3000/webhooks', secret: 'whsec_test' }.`,
    )
  }
  const at = now(state)
  const id = nextId(state, 'hook')
  repo.hooks.set(id, {
    id,
    name: 'web',
    active: value.active !== false,
    events: Array.isArray(value.events) ? (value.events as string[]) : ['*'],
    config: {
      url: value.url,
      content_type: value.content_type === 'form' ? 'form' : 'json',
      insecure_ssl: '0',
      ...(typeof value.secret === 'string' ? { secret: value.secret } : {}),
    },
    created_at: at,
    updated_at: at,
    last_response: { code: null, status: 'unused', message: null },
  })
}

function seedApp(state: GitHubState, value: unknown, where: string): void {
  const example = "{ id: 1, privateKey: pem, installations: [{ id: 1, account: 'octo' }] }"
  if (!isObject(value) || typeof value.id !== 'number' || !Number.isInteger(value.id)) {
    throw seedError(`${where} needs a numeric id, like ${example}.`)
  }
  const key = value.publicKey ?? value.privateKey
  if (!looksLikePem(key)) {
    throw seedError(
      `${where} needs privateKey or publicKey as a PEM string (BEGIN RSA PRIVATE KEY, BEGIN PRIVATE KEY or BEGIN PUBLIC KEY), to verify the app's JWTs.`,
    )
  }
  const installations = arrayOf(value.installations, `${where}.installations`, "[{ id: 1, account: 'octo' }]")
  const firstAccount =
    isObject(installations[0]) && typeof installations[0].account === 'string'
      ? installations[0].account
      : undefined
  const owner = typeof value.owner === 'string' ? value.owner : (firstAccount ?? state.viewer)
  ensureUser(state, owner)
  const slug = typeof value.slug === 'string' ? value.slug : `app-${value.id}`
  const at = now(state)
  state.apps.set(value.id, {
    id: value.id,
    slug,
    name: typeof value.name === 'string' ? value.name : slug,
    owner,
    publicKey: key,
    ...(isObject(value.webhook) && typeof value.webhook.url === 'string'
      ? {
          webhook: {
            url: value.webhook.url,
            ...(typeof value.webhook.secret === 'string' ? { secret: value.webhook.secret } : {}),
          },
        }
      : {}),
    permissions: isObject(value.permissions)
      ? (value.permissions as Record<string, string>)
      : { issues: 'write', metadata: 'read', pull_requests: 'write', contents: 'write' },
    events: Array.isArray(value.events)
      ? (value.events as string[])
      : ['issues', 'issue_comment', 'pull_request', 'push'],
    created_at: at,
  })
  const bot = ensureUser(state, `${slug}[bot]`, 'Bot')
  bot.type = 'Bot'
  installations.forEach((inst, i) => {
    if (!isObject(inst) || typeof inst.account !== 'string')
      throw seedError(`${where}.installations[${i}] needs an account login, like { id: 1, account: 'octo' }.`)
    ensureUser(state, inst.account)
    const id = typeof inst.id === 'number' ? inst.id : nextId(state, 'installation')
    const repositories = Array.isArray(inst.repositories) ? (inst.repositories as string[]) : 'all'
    state.installations.set(id, {
      id,
      app: value.id as number,
      account: inst.account,
      repositories,
      permissions: state.apps.get(value.id as number)!.permissions,
      created_at: at,
    })
  })
}
