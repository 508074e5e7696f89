import { accessTo, type Ctx, docsOf, json, pageUrl, rc } from '../context'
import { validationFailed } from '../errors'
import { renderIssue } from '../fixtures/issues'
import { renderRepo } from '../fixtures/repos'
import { renderSimpleUser } from '../fixtures/users'
import { paginate } from '../pagination'
import { toText } from '../resources/git'
import { type CommitRecord, fullName, type IssueRecord, type RepoRecord, type UserRecord } from '../state'
import { history } from './commits'
import { op } from './define'
import { commitRenderer } from './pulls'

interface Term {
  key: string | undefined
  value: string
  negated: boolean
}

/** Splits `repo:octo/hello is:open label:"help wanted" crash` into qualifiers (hyphenated ones too: `author-date:`) and words. */
export function parseQuery(q: string): Term[] {
  const terms: Term[] = []
  const re = /(-?)(?:(\w[\w-]*):)?(?:"([^"]*)"|(\S+))/g
  for (const m of q.matchAll(re)) {
    terms.push({ negated: m[1] === '-', key: m[2]?.toLowerCase(), value: m[3] ?? m[4] ?? '' })
  }
  return terms
}

function matches(term: Term, repo: RepoRecord, issue: IssueRecord): boolean | undefined {
  const v = term.value.toLowerCase()
  const labels = () => issue.labels.map((id) => repo.labels.get(id)?.name.toLowerCase())
  switch (term.key) {
    case 'repo':
      return fullName(repo).toLowerCase() === v
    case 'user':
    case 'org':
    case 'owner':
      return repo.owner.toLowerCase() === v
    case 'is':
      if (v === 'issue' || v === 'pr' || v === 'pull-request') return (v === 'issue') !== Boolean(issue.pull)
      if (v === 'open' || v === 'closed') return issue.state === v
      if (v === 'locked' || v === 'unlocked') return issue.locked === (v === 'locked')
      if (v === 'merged' || v === 'unmerged') return Boolean(issue.pull?.merged) === (v === 'merged')
      if (v === 'public' || v === 'private') return repo.private === (v === 'private')
      return true
    case 'type':
      return (v === 'issue') !== Boolean(issue.pull)
    case 'state':
      return issue.state === v
    case 'label':
      return v.split(',').some((l) => labels().includes(l))
    case 'author':
      return issue.user.toLowerCase() === v
    case 'assignee':
      return issue.assignees.some((a) => a.toLowerCase() === v)
    case 'mentions':
      return `${issue.title} ${issue.body ?? ''}`.toLowerCase().includes(`@${v}`)
    case 'no':
      if (v === 'label') return issue.labels.length === 0
      if (v === 'assignee') return issue.assignees.length === 0
      if (v === 'milestone') return true
      return true
    case 'in':
    case 'sort':
      return undefined
    case 'comments':
      return compare(issue.comments, v)
    case 'created':
    case 'updated':
    case 'closed': {
      const at =
        term.key === 'created'
          ? issue.created_at
          : term.key === 'updated'
            ? issue.updated_at
            : issue.closed_at
      if (!at) return false
      return compare(Date.parse(at), v, (x) => Date.parse(x))
    }
    default:
      return undefined
  }
}

export function compare(actual: number, expr: string, parse: (x: string) => number = Number): boolean {
  const range = /^(.+)\.\.(.+)$/.exec(expr)
  if (range) {
    const lo = range[1] === '*' ? Number.NEGATIVE_INFINITY : parse(range[1]!)
    const hi = range[2] === '*' ? Number.POSITIVE_INFINITY : parse(range[2]!)
    return actual >= lo && actual <= hi
  }
  const m = /^(>=|<=|>|<)?(.+)$/.exec(expr)!
  const n = parse(m[2]!)
  switch (m[1]) {
    case '>=':
      return actual >= n
    case '<=':
      return actual <= n
    case '>':
      return actual > n
    case '<':
      return actual < n
    default:
      return actual === n
  }
}

function search(ctx: Ctx) {
  const q = ctx.query.get('q')
  if (!q?.trim()) validationFailed([{ resource: 'Search', field: 'q', code: 'missing' }], docsOf(ctx))
  const terms = parseQuery(q)
  const where = terms.filter((t) => t.key === 'in').map((t) => t.value.toLowerCase())
  const words = terms.filter((t) => t.key === undefined).map((t) => ({ ...t, value: t.value.toLowerCase() }))
  const results: Array<{ repo: RepoRecord; issue: IssueRecord }> = []
  for (const repo of ctx.state.repos.values()) {
    if (accessTo(ctx, repo) === 'none') continue
    for (const issue of repo.issues.values()) {
      const ok = terms.every((t) => {
        if (t.key === undefined) return true
        const m = matches(t, repo, issue)
        return m === undefined ? true : m !== t.negated
      })
      if (!ok) continue
      const comments = where.includes('comments')
        ? [...repo.comments.values()]
            .filter((c) => c.issue === issue.number)
            .map((c) => c.body)
            .join(' ')
        : ''
      const haystack = (
        (where.length === 0 || where.includes('title') ? `${issue.title} ` : '') +
        (where.length === 0 || where.includes('body') ? `${issue.body ?? ''} ` : '') +
        comments
      ).toLowerCase()
      if (!words.every((w) => haystack.includes(w.value) !== w.negated)) continue
      results.push({ repo, issue })
    }
  }
  const sort = ctx.query.get('sort')
  const sign = (ctx.query.get('order') ?? 'desc') === 'asc' ? 1 : -1
  const key = (x: { issue: IssueRecord }) =>
    sort === 'comments'
      ? x.issue.comments
      : sort === 'updated'
        ? Date.parse(x.issue.updated_at)
        : Date.parse(x.issue.created_at)
  results.sort((a, b) => sign * (key(a) - key(b) || a.issue.id - b.issue.id))
  const r = rc(ctx)
  return answer(ctx, results, ({ repo, issue }) => renderIssue(r, repo, issue), { search_type: 'lexical' })
}

export const searchRoutes = [op('GET /search/issues', search, { resource: 'search' })]

// Repositories, code, commits and users: the other searches the official MCP server calls.

/** The `q` parameter split into qualifiers and lower-cased free words; 422 when absent, as GitHub answers. */
function queryOf(ctx: Ctx): { terms: Term[]; words: Term[]; where: string[] } {
  const q = ctx.query.get('q')
  if (!q?.trim()) validationFailed([{ resource: 'Search', field: 'q', code: 'missing' }], docsOf(ctx))
  const terms = parseQuery(q)
  return {
    terms: terms.filter((t) => t.key !== undefined),
    // `AND`/`OR`/`NOT` are operators, not words to find.
    words: terms
      .filter((t) => t.key === undefined && !/^(AND|OR|NOT)$/.test(t.value))
      .map((t) => ({ ...t, value: t.value.toLowerCase() })),
    where: terms.filter((t) => t.key === 'in').flatMap((t) => t.value.toLowerCase().split(',')),
  }
}

/** Every qualifier holds (unknown ones are ignored, as GitHub ignores what it cannot apply) and every word is found. */
function holds(
  terms: Term[],
  words: Term[],
  test: (t: Term, v: string) => boolean | undefined,
  haystack: string,
): boolean {
  for (const t of terms) {
    const m = test(t, t.value.toLowerCase())
    if (m !== undefined && m === t.negated) return false
  }
  return words.every((w) => haystack.includes(w.value) !== w.negated)
}

/** A page of search results; `after` fields follow `items` (octokit.paginate takes the first key it does not know as the list). */
function answer<T>(
  ctx: Ctx,
  results: T[],
  render: (item: T) => Record<string, unknown>,
  after: Record<string, unknown> = {},
) {
  // GitHub serves at most the first 1000 results of a search.
  const page = paginate(results, ctx.query, pageUrl(ctx), 1000)
  return json(
    {
      total_count: results.length,
      incomplete_results: false,
      items: page.items.map((item) => ({ ...render(item), score: 1 })),
      ...after,
    },
    page.link ? { headers: { link: page.link } } : {},
  )
}

function ordered<T>(ctx: Ctx, results: T[], key: (x: T) => number, tie: (x: T) => number): T[] {
  const sign = (ctx.query.get('order') ?? 'desc') === 'asc' ? 1 : -1
  return results.sort((a, b) => sign * (key(a) - key(b)) || tie(a) - tie(b))
}

function repoMatches(repo: RepoRecord, t: Term, v: string): boolean | undefined {
  switch (t.key) {
    case 'repo':
      return fullName(repo).toLowerCase() === v
    case 'user':
    case 'org':
    case 'owner':
      return repo.owner.toLowerCase() === v
    case 'is':
      if (v === 'public' || v === 'private') return repo.private === (v === 'private')
      if (v === 'archived') return repo.archived
      if (v === 'fork') return false
      return undefined
    case 'archived':
      return repo.archived === (v === 'true')
    case 'fork':
      return v === 'true' || v === 'only' ? false : undefined
    // mock-github keeps no languages, topics, stars or forks: repositories have none of them.
    case 'language':
    case 'topic':
      return false
    case 'stars':
    case 'forks':
      return compare(0, v)
    case 'created':
    case 'pushed':
      return compare(Date.parse(t.key === 'created' ? repo.created_at : repo.pushed_at), v, (x) =>
        Date.parse(x),
      )
    default:
      return undefined
  }
}

function searchRepositories(ctx: Ctx) {
  const { terms, words, where } = queryOf(ctx)
  const results: RepoRecord[] = []
  for (const repo of ctx.state.repos.values()) {
    if (accessTo(ctx, repo) === 'none') continue
    const readme = repo.commits.get(repo.branches.get(repo.default_branch) ?? '')?.files.get('README.md')
    const haystack = [
      where.length === 0 || where.includes('name') ? repo.name : '',
      where.length === 0 || where.includes('description') ? (repo.description ?? '') : '',
      where.includes('readme') && readme ? toText(readme.content) : '',
    ]
      .join(' ')
      .toLowerCase()
    if (holds(terms, words, (t, v) => repoMatches(repo, t, v), haystack)) results.push(repo)
  }
  const sort = ctx.query.get('sort')
  // Stars, forks and help-wanted issues are all zero here; `updated` is the only order that differs.
  const key = (r: RepoRecord) => (sort === 'updated' ? Date.parse(r.updated_at) : 0)
  const r = rc(ctx)
  return answer(
    ctx,
    ordered(ctx, results, key, (x) => x.id),
    (repo) => renderRepo(r, repo),
  )
}

interface CodeHit {
  repo: RepoRecord
  path: string
  sha: string
  text: string
}

function codeMatches(hit: CodeHit, t: Term, v: string): boolean | undefined {
  const name = hit.path.split('/').at(-1)!.toLowerCase()
  switch (t.key) {
    case 'path':
      return hit.path.toLowerCase().startsWith(v.replace(/^\/+/, ''))
    case 'filename':
      return name === v
    case 'extension':
      return name.endsWith(`.${v.replace(/^\./, '')}`)
    case 'size':
      return compare(new TextEncoder().encode(hit.text).length, v)
    case 'language':
      return languageOf(name) === v
    case 'in':
      return undefined
    default:
      return repoMatches(hit.repo, t, v)
  }
}

const EXTENSIONS: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  js: 'javascript',
  mjs: 'javascript',
  py: 'python',
  go: 'go',
  rb: 'ruby',
  rs: 'rust',
  java: 'java',
  md: 'markdown',
  json: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  sh: 'shell',
}

function languageOf(name: string): string | undefined {
  return EXTENSIONS[name.split('.').at(-1) ?? '']
}

function textMatches(ctx: Ctx, hit: CodeHit, words: Term[]) {
  const r = rc(ctx)
  const lower = hit.text.toLowerCase()
  const first = words.find((w) => !w.negated && lower.includes(w.value))
  const start = first ? Math.max(0, lower.indexOf(first.value) - 40) : 0
  const fragment = hit.text.slice(start, start + 200)
  const matches = words
    .filter((w) => !w.negated)
    .flatMap((w) => {
      const at = fragment.toLowerCase().indexOf(w.value)
      return at < 0
        ? []
        : [{ text: fragment.slice(at, at + w.value.length), indices: [at, at + w.value.length] }]
    })
  return [
    {
      object_url: `${r.api}/repositories/${hit.repo.id}/contents/${hit.path}?ref=${hit.sha}`,
      object_type: 'FileContent',
      property: 'content',
      fragment,
      matches,
    },
  ]
}

/** Code search: files on each repository's default branch, as GitHub indexes them. */
function searchCode(ctx: Ctx) {
  const { terms, words, where } = queryOf(ctx)
  if (words.every((w) => w.negated)) {
    validationFailed(
      // GitHub needs at least one search term besides qualifiers to search code.
      [{ resource: 'Search', field: 'q', code: 'invalid' }],
      docsOf(ctx),
    )
  }
  const results: CodeHit[] = []
  for (const repo of ctx.state.repos.values()) {
    if (accessTo(ctx, repo) === 'none') continue
    const head = repo.commits.get(repo.branches.get(repo.default_branch) ?? '')
    for (const [path, file] of head?.files ?? []) {
      const hit = { repo, path, sha: file.sha, text: toText(file.content) }
      const haystack = [
        where.length === 0 || where.includes('file') ? hit.text : '',
        where.includes('path') ? path : '',
      ]
        .join(' ')
        .toLowerCase()
      if (holds(terms, words, (t, v) => codeMatches(hit, t, v), haystack)) results.push(hit)
    }
  }
  results.sort((a, b) => a.repo.id - b.repo.id || a.path.localeCompare(b.path))
  const r = rc(ctx)
  const withMatches = /text-match/.test(ctx.headers.get('accept') ?? '')
  return answer(ctx, results, (hit) => {
    const repo = renderRepo(r, hit.repo)
    const url = `${r.api}/repos/${fullName(hit.repo)}`
    return {
      name: hit.path.split('/').at(-1),
      path: hit.path,
      sha: hit.sha,
      url: `${url}/contents/${hit.path}?ref=${hit.repo.branches.get(hit.repo.default_branch)}`,
      git_url: `${url}/git/blobs/${hit.sha}`,
      html_url: `${r.web}/${fullName(hit.repo)}/blob/${hit.repo.branches.get(hit.repo.default_branch)}/${hit.path}`,
      repository: repo,
      ...(withMatches ? { text_matches: textMatches(ctx, hit, words) } : {}),
    }
  })
}

function searchUsers(ctx: Ctx) {
  const { terms, words, where } = queryOf(ctx)
  const repoCount = (login: string) =>
    [...ctx.state.repos.values()].filter((r) => r.owner.toLowerCase() === login.toLowerCase()).length
  const results: UserRecord[] = []
  for (const user of ctx.state.users.values()) {
    const haystack = [
      where.length === 0 || where.includes('login') ? user.login : '',
      where.length === 0 || where.includes('name') ? (user.name ?? '') : '',
      where.length === 0 || where.includes('email') ? (user.email ?? '') : '',
    ]
      .join(' ')
      .toLowerCase()
    const test = (t: Term, v: string): boolean | undefined => {
      switch (t.key) {
        case 'type':
          return v === 'org'
            ? user.type === 'Organization'
            : v === 'user'
              ? user.type !== 'Organization'
              : undefined
        case 'user':
        case 'org':
          return user.login.toLowerCase() === v
        case 'fullname':
          return (user.name ?? '').toLowerCase().includes(v)
        case 'repos':
          return compare(repoCount(user.login), v)
        case 'followers':
          return compare(0, v)
        case 'created':
          return compare(Date.parse(user.created_at), v, (x) => Date.parse(x))
        case 'location':
        case 'language':
          return false
        default:
          return undefined
      }
    }
    if (holds(terms, words, test, haystack)) results.push(user)
  }
  const sort = ctx.query.get('sort')
  const key = (u: UserRecord) =>
    sort === 'repositories' ? repoCount(u.login) : sort === 'joined' ? Date.parse(u.created_at) : 0
  const r = rc(ctx)
  return answer(
    ctx,
    ordered(ctx, results, key, (u) => u.id),
    (user) => renderSimpleUser(r, user),
  )
}

interface CommitHit {
  repo: RepoRecord
  commit: CommitRecord
}

function commitMatches(hit: CommitHit, t: Term, v: string): boolean | undefined {
  const { repo, commit: c } = hit
  const login = c.author.toLowerCase()
  switch (t.key) {
    case 'repo':
    case 'user':
    case 'org':
    case 'owner':
    case 'is':
      return repoMatches(repo, t, v)
    // mock-github commits name one person, the author, who is also the committer.
    case 'author':
    case 'committer':
    case 'author-name':
    case 'committer-name':
      return login === v
    case 'author-email':
    case 'committer-email':
      return `${login}@users.noreply.github.com` === v
    case 'author-date':
    case 'committer-date':
      return compare(Date.parse(c.date), v, (x) => Date.parse(x))
    case 'hash':
      return c.sha.startsWith(v)
    case 'parent':
      return c.parents.some((p) => p.startsWith(v))
    case 'tree':
      return c.tree_sha.startsWith(v)
    case 'merge':
      return c.parents.length > 1 === (v === 'true')
    default:
      return undefined
  }
}

/** Commits on each readable repository's default branch, as GitHub indexes them. */
function searchCommits(ctx: Ctx) {
  const { terms, words } = queryOf(ctx)
  const results: CommitHit[] = []
  for (const repo of ctx.state.repos.values()) {
    if (accessTo(ctx, repo) === 'none') continue
    const head = repo.commits.get(repo.branches.get(repo.default_branch) ?? '')
    if (!head) continue
    for (const commit of history(repo, head)) {
      const hit = { repo, commit }
      if (holds(terms, words, (t, v) => commitMatches(hit, t, v), commit.message.toLowerCase()))
        results.push(hit)
    }
  }
  const sort = ctx.query.get('sort')
  const key = (h: CommitHit) =>
    sort === 'author-date' || sort === 'committer-date' ? Date.parse(h.commit.date) : 0
  const r = rc(ctx)
  // Ties keep history order (newest first within a repository).
  const walk = new Map(results.map((h, i) => [h, i]))
  return answer(
    ctx,
    ordered(ctx, results, key, (h) => walk.get(h)!),
    ({ repo, commit }) => ({
      ...commitRenderer(ctx, repo).renderCommit(commit),
      repository: renderRepo(r, repo),
    }),
  )
}

export const moreSearchRoutes = [
  op('GET /search/commits', searchCommits, { resource: 'search' }),
  op('GET /search/repositories', searchRepositories, { resource: 'search' }),
  op('GET /search/code', searchCode, { resource: 'search', auth: 'required' }),
  op('GET /search/users', searchUsers, { resource: 'search' }),
]
