/**
 * The state of one partition: users, repositories and everything in them, as plain records. Routes
 * read and change it; `fixtures/` renders records as GitHub's JSON on the base a request came in on.
 *
 * @module
 */

import type { Clock, IdGenerator } from '@understudy/core'

export type UserType = 'User' | 'Organization' | 'Bot'

export interface UserRecord {
  id: number
  login: string
  type: UserType
  name: string | null
  email: string | null
  company: string | null
  bio: string | null
  created_at: string
  updated_at: string
}

export interface LabelRecord {
  id: number
  node_id: string
  name: string
  color: string
  description: string | null
  default: boolean
}

export interface ReactionRecord {
  id: number
  node_id: string
  user: string
  content: ReactionContent
  created_at: string
}

export const REACTION_CONTENTS = [
  '+1',
  '-1',
  'laugh',
  'confused',
  'heart',
  'hooray',
  'rocket',
  'eyes',
] as const
export type ReactionContent = (typeof REACTION_CONTENTS)[number]

export interface PullRecord {
  id: number
  node_id: string
  head: string
  base: string
  /** Where the head branch pointed when the PR was last synchronized. */
  head_sha: string
  base_sha: string
  draft: boolean
  merged: boolean
  merged_at: string | null
  merged_by: string | null
  merge_commit_sha: string | null
  maintainer_can_modify: boolean
}

export interface IssueRecord {
  id: number
  node_id: string
  number: number
  title: string
  body: string | null
  user: string
  /** Label ids, in the order they were added. */
  labels: number[]
  assignees: string[]
  state: 'open' | 'closed'
  state_reason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null
  locked: boolean
  active_lock_reason: string | null
  comments: number
  created_at: string
  updated_at: string
  closed_at: string | null
  closed_by: string | null
  reactions: ReactionRecord[]
  /** Set for pull requests, which are issues too. */
  pull?: PullRecord
  /** The app the issue was created through, if an installation token made it. */
  via_app?: number
  /** Ids of its sub-issues, in priority order. */
  sub_issues?: number[]
  /** The id of its parent issue. */
  parent?: number
}

export interface CommentRecord {
  id: number
  node_id: string
  issue: number
  body: string
  user: string
  created_at: string
  updated_at: string
  reactions: ReactionRecord[]
  via_app?: number
}

export interface ReviewRecord {
  id: number
  node_id: string
  pull: number
  user: string
  body: string
  state: 'PENDING' | 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED'
  commit_id: string
  submitted_at: string | null
}

export interface ReviewCommentRecord {
  id: number
  node_id: string
  pull: number
  review: number
  user: string
  body: string
  path: string
  line: number | null
  side: 'LEFT' | 'RIGHT'
  commit_id: string
  in_reply_to?: number
  created_at: string
  updated_at: string
  reactions: ReactionRecord[]
}

export interface HookRecord {
  id: number
  name: string
  active: boolean
  events: string[]
  config: { url: string; content_type: 'json' | 'form'; secret?: string; insecure_ssl: string }
  created_at: string
  updated_at: string
  last_response: { code: number | null; status: string; message: string | null }
}

/** A commit: the whole tree as path → content, which is all the contents and pulls APIs need. */
export interface CommitRecord {
  sha: string
  tree_sha: string
  message: string
  author: string
  parents: string[]
  files: Map<string, FileBlob>
  date: string
}

export interface FileBlob {
  sha: string
  content: Uint8Array
}

export interface RepoRecord {
  id: number
  node_id: string
  owner: string
  name: string
  description: string | null
  homepage: string | null
  private: boolean
  has_issues: boolean
  has_projects: boolean
  has_wiki: boolean
  archived: boolean
  default_branch: string
  created_at: string
  updated_at: string
  pushed_at: string
  /** Logins with push access besides the owner. */
  collaborators: Set<string>
  labels: Map<number, LabelRecord>
  issues: Map<number, IssueRecord>
  comments: Map<number, CommentRecord>
  reviews: Map<number, ReviewRecord>
  reviewComments: Map<number, ReviewCommentRecord>
  hooks: Map<number, HookRecord>
  /** Branch name → head commit sha. */
  branches: Map<string, string>
  commits: Map<string, CommitRecord>
  /** Lightweight tag name → commit sha. */
  tags: Map<string, string>
  releases: Map<number, ReleaseRecord>
  /** The id of the repository this one was forked from. */
  parent?: number
  nextNumber: number
}

export interface ReleaseRecord {
  id: number
  node_id: string
  tag_name: string
  target_commitish: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  author: string
  created_at: string
  published_at: string | null
  updated_at: string
}

export interface AppRecord {
  id: number
  slug: string
  name: string
  owner: string
  /** SPKI PEM of the key app JWTs are verified with. */
  publicKey: string
  webhook?: { url: string; secret?: string }
  permissions: Record<string, string>
  events: string[]
  created_at: string
}

export interface InstallationRecord {
  id: number
  app: number
  account: string
  /** `all`, or the full names of the selected repositories. */
  repositories: 'all' | string[]
  permissions: Record<string, string>
  created_at: string
}

export interface InstallationToken {
  token: string
  installation: number
  expires_at: number
  repositories: 'all' | string[]
  permissions: Record<string, string>
}

export interface RateWindow {
  used: number
  reset: number
}

export interface GitHubState {
  users: Map<string, UserRecord>
  /** Lower-case `owner/name` → repo. */
  repos: Map<string, RepoRecord>
  reposById: Map<number, RepoRecord>
  /** Personal tokens seeded for users: token → login. */
  tokens: Map<string, string>
  apps: Map<number, AppRecord>
  installations: Map<number, InstallationRecord>
  installationTokens: Map<string, InstallationToken>
  /** Per credential and resource (`core`, `search`): requests used in the current window. */
  rate: Map<string, RateWindow>
  /** The login of the user unknown tokens act as (the default viewer). */
  viewer: string
  clock: Clock
  ids: IdGenerator
}

/** GitHub's timestamps: ISO 8601, seconds precision, UTC. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function now(state: GitHubState): string {
  return isoTime(state.clock.now())
}

const NODE_PREFIX: Record<string, string> = {
  User: 'U_kgDO',
  Organization: 'O_kgDO',
  Bot: 'BOT_kgDO',
  Repository: 'R_kgDO',
  Issue: 'I_kwDO',
  PullRequest: 'PR_kwDO',
  IssueComment: 'IC_kwDO',
  Label: 'LA_kwDO',
  Reaction: 'REA_lADO',
  Review: 'PRR_kwDO',
  ReviewComment: 'PRRC_kwDO',
  Release: 'RE_kwDO',
  Installation: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u',
  Integration: 'A_kwDO',
}

/** A global node id in GitHub's current (`I_kwDO...`) shape, deterministic per partition. */
export function nodeId(state: GitHubState, type: keyof typeof NODE_PREFIX | string): string {
  return (NODE_PREFIX[type] ?? 'MDQ6') + state.ids.next('', 12)
}

/** Numeric ids, one sequence per kind, starting where GitHub's fixtures do. */
export function nextId(state: GitHubState, kind: string): number {
  const starts: Record<string, number> = {
    user: 1000,
    repo: 100_000,
    issue: 1_000_000,
    label: 2_000_000,
    comment: 3_000_000,
    hook: 400_000,
    reaction: 5_000_000,
    pull: 6_000_000,
    review: 7_000_000,
    review_comment: 8_000_000,
    release: 11_000_000,
    app: 900,
    installation: 10_000,
  }
  return state.ids.counter(kind, starts[kind] ?? 1)
}

export function createState(clock: Clock, ids: IdGenerator, viewer: string): GitHubState {
  return {
    users: new Map(),
    repos: new Map(),
    reposById: new Map(),
    tokens: new Map(),
    apps: new Map(),
    installations: new Map(),
    installationTokens: new Map(),
    rate: new Map(),
    viewer,
    clock,
    ids,
  }
}

/** Finds or creates a user (seeded repos name owners that need not be seeded themselves). */
export function ensureUser(state: GitHubState, login: string, type: UserType = 'User'): UserRecord {
  const key = login.toLowerCase()
  let user = state.users.get(key)
  if (!user) {
    const at = now(state)
    user = {
      id: nextId(state, 'user'),
      login,
      type,
      name: null,
      email: null,
      company: null,
      bio: null,
      created_at: at,
      updated_at: at,
    }
    state.users.set(key, user)
  }
  return user
}

export function getUser(state: GitHubState, login: string): UserRecord | undefined {
  return state.users.get(login.toLowerCase())
}

export function findRepo(state: GitHubState, owner: string, name: string): RepoRecord | undefined {
  return state.repos.get(`${owner}/${name}`.toLowerCase())
}

export function fullName(repo: RepoRecord): string {
  return `${repo.owner}/${repo.name}`
}

export function findLabel(repo: RepoRecord, name: string): LabelRecord | undefined {
  const wanted = name.toLowerCase()
  for (const label of repo.labels.values()) if (label.name.toLowerCase() === wanted) return label
  return undefined
}

/** GitHub's defaults for a new repository's labels. */
export const DEFAULT_LABELS: ReadonlyArray<{ name: string; color: string; description: string }> = [
  { name: 'bug', color: 'd73a4a', description: "Something isn't working" },
  { name: 'documentation', color: '0075ca', description: 'Improvements or additions to documentation' },
  { name: 'duplicate', color: 'cfd3d7', description: 'This issue or pull request already exists' },
  { name: 'enhancement', color: 'a2eeef', description: 'New feature or request' },
  { name: 'good first issue', color: '7057ff', description: 'Good for newcomers' },
  { name: 'help wanted', color: '008672', description: 'Extra attention is needed' },
  { name: 'invalid', color: 'e4e669', description: "This doesn't seem right" },
  { name: 'question', color: 'd876e3', description: 'Further information is requested' },
  { name: 'wontfix', color: 'ffffff', description: 'This will not be worked on' },
]

export function createLabel(
  state: GitHubState,
  repo: RepoRecord,
  input: {
    name: string
    color?: string | undefined
    description?: string | null | undefined
    default?: boolean
  },
): LabelRecord {
  const label: LabelRecord = {
    id: nextId(state, 'label'),
    node_id: nodeId(state, 'Label'),
    name: input.name,
    // GitHub gives labels created implicitly (by adding them to an issue) this grey.
    color: (input.color ?? 'ededed').replace(/^#/, ''),
    description: input.description ?? null,
    default: input.default ?? false,
  }
  repo.labels.set(label.id, label)
  return label
}

/** The label with that name, created (grey, like GitHub does) when the repository has none. */
export function ensureLabel(state: GitHubState, repo: RepoRecord, name: string): LabelRecord {
  return findLabel(repo, name) ?? createLabel(state, repo, { name })
}

/** Everything under a repository, for a new repository (seeded or created through the API). */
export function createRepo(
  state: GitHubState,
  input: {
    owner: string
    name: string
    private?: boolean
    description?: string | null
    homepage?: string | null
    has_issues?: boolean
    default_branch?: string
    labels?: ReadonlyArray<{ name: string; color?: string; description?: string | null }>
    autoInit?: boolean
  },
): RepoRecord {
  const at = now(state)
  const repo: RepoRecord = {
    id: nextId(state, 'repo'),
    node_id: nodeId(state, 'Repository'),
    owner: input.owner,
    name: input.name,
    description: input.description ?? null,
    homepage: input.homepage ?? null,
    private: input.private ?? false,
    has_issues: input.has_issues ?? true,
    has_projects: true,
    has_wiki: true,
    archived: false,
    default_branch: input.default_branch ?? 'main',
    created_at: at,
    updated_at: at,
    pushed_at: at,
    collaborators: new Set(),
    labels: new Map(),
    issues: new Map(),
    comments: new Map(),
    reviews: new Map(),
    reviewComments: new Map(),
    hooks: new Map(),
    branches: new Map(),
    commits: new Map(),
    tags: new Map(),
    releases: new Map(),
    nextNumber: 1,
  }
  for (const label of input.labels ?? DEFAULT_LABELS.map((l) => ({ ...l, default: true }))) {
    createLabel(state, repo, label)
  }
  state.repos.set(fullName(repo).toLowerCase(), repo)
  state.reposById.set(repo.id, repo)
  return repo
}

export function openIssueCount(repo: RepoRecord): number {
  let count = 0
  for (const issue of repo.issues.values()) if (issue.state === 'open') count++
  return count
}

/** Whether an installation (all of the account's repositories, or a selection) covers a repository. */
export function installationCovers(
  installation: InstallationRecord,
  repo: RepoRecord,
  only?: 'all' | string[],
): boolean {
  const name = fullName(repo).toLowerCase()
  const selected = (list: 'all' | string[]) => list === 'all' || list.some((n) => n.toLowerCase() === name)
  if (installation.repositories === 'all') {
    if (repo.owner.toLowerCase() !== installation.account.toLowerCase()) return false
  } else if (!selected(installation.repositories)) return false
  return only === undefined || selected(only)
}

export function installationsFor(state: GitHubState, repo: RepoRecord): InstallationRecord[] {
  return [...state.installations.values()].filter((i) => installationCovers(i, repo))
}
