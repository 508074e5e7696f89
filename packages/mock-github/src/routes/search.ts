import { accessTo, type Ctx, docsOf, json, pageUrl, rc } from '../context'
import { validationFailed } from '../errors'
import { renderIssue } from '../fixtures/issues'
import { paginate } from '../pagination'
import { fullName, type IssueRecord, type RepoRecord } from '../state'
import { op } from './define'

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
  // GitHub serves at most the first 1000 results of a search.
  const page = paginate(results, ctx.query, pageUrl(ctx), 1000)
  const r = rc(ctx)
  return json(
    {
      total_count: results.length,
      incomplete_results: false,
      items: page.items.map(({ repo, issue }) => ({ ...renderIssue(r, repo, issue), score: 1 })),
      // After `items`: octokit.paginate takes the first key it does not know as the list.
      search_type: 'lexical',
    },
    page.link ? { headers: { link: page.link } } : {},
  )
}

export const searchRoutes = [op('GET /search/issues', search, { resource: 'search' })]
