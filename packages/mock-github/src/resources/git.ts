/**
 * Just enough git for the contents and pulls APIs: commits hold whole trees (path → blob), branches
 * point at commits, and diffs compare two trees.
 *
 * @module
 */

import { type CommitRecord, type FileBlob, type GitHubState, now, type RepoRecord } from '../state'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function toBytes(text: string): Uint8Array {
  return encoder.encode(text)
}

export function toText(bytes: Uint8Array): string {
  return decoder.decode(bytes)
}

export function blob(state: GitHubState, content: Uint8Array): FileBlob {
  return { sha: state.ids.hex(40), content }
}

export function headCommit(repo: RepoRecord, branch: string): CommitRecord | undefined {
  const sha = repo.branches.get(branch)
  return sha ? repo.commits.get(sha) : undefined
}

/** Commits `changes` (path → content, or null to delete) on top of `branch`, creating it if needed. */
export function commit(
  state: GitHubState,
  repo: RepoRecord,
  input: {
    branch: string
    changes: Record<string, Uint8Array | null>
    message: string
    author: string
    from?: string
  },
): CommitRecord {
  const parent = headCommit(repo, input.branch) ?? (input.from ? repo.commits.get(input.from) : undefined)
  const files = new Map(parent?.files ?? [])
  for (const [path, content] of Object.entries(input.changes)) {
    if (content === null) files.delete(path)
    else files.set(path, blob(state, content))
  }
  const record: CommitRecord = {
    sha: state.ids.hex(40),
    tree_sha: state.ids.hex(40),
    message: input.message,
    author: input.author,
    parents: parent ? [parent.sha] : [],
    files,
    date: now(state),
  }
  repo.commits.set(record.sha, record)
  repo.branches.set(input.branch, record.sha)
  repo.pushed_at = record.date
  return record
}

export interface FileChange {
  filename: string
  status: 'added' | 'removed' | 'modified'
  before: string
  after: string
  sha: string
  beforeSha: string | undefined
}

/** What changed from `base` to `head`, sorted by path like GitHub's file lists. */
export function diffTrees(base: CommitRecord | undefined, head: CommitRecord | undefined): FileChange[] {
  const a = base?.files ?? new Map<string, FileBlob>()
  const b = head?.files ?? new Map<string, FileBlob>()
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort()
  const out: FileChange[] = []
  for (const path of paths) {
    const x = a.get(path)
    const y = b.get(path)
    if (x && y && x.sha === y.sha) continue
    out.push({
      filename: path,
      status: !x ? 'added' : !y ? 'removed' : 'modified',
      before: x ? toText(x.content) : '',
      after: y ? toText(y.content) : '',
      sha: (y ?? x)!.sha,
      beforeSha: x?.sha,
    })
  }
  return out
}

function lines(text: string): string[] {
  if (text === '') return []
  const parts = text.split('\n')
  if (parts.at(-1) === '') parts.pop()
  return parts
}

/** A unified-diff hunk for a whole-file change (one hunk with the full context, like `git diff -U<inf>`). */
export function patchOf(change: FileChange): { patch: string; additions: number; deletions: number } {
  const before = lines(change.before)
  const after = lines(change.after)
  // Longest common subsequence keeps unchanged lines as context.
  const m = before.length
  const n = after.length
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0))
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      lcs[i]![j] =
        before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const body: string[] = []
  let additions = 0
  let deletions = 0
  let i = 0
  let j = 0
  while (i < m || j < n) {
    if (i < m && j < n && before[i] === after[j]) {
      body.push(` ${before[i]}`)
      i++
      j++
    } else if (i < m && (j >= n || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Deletions before additions, as git prints them.
      body.push(`-${before[i]}`)
      deletions++
      i++
    } else {
      body.push(`+${after[j]}`)
      additions++
      j++
    }
  }
  const header = `@@ -${m ? 1 : 0},${m} +${n ? 1 : 0},${n} @@`
  return { patch: [header, ...body].join('\n'), additions, deletions }
}

/** `git diff` output for a set of changes, as `application/vnd.github.diff` returns it. */
export function unifiedDiff(changes: readonly FileChange[]): string {
  const out: string[] = []
  for (const change of changes) {
    const { patch } = patchOf(change)
    out.push(`diff --git a/${change.filename} b/${change.filename}`)
    if (change.status === 'added') out.push('new file mode 100644')
    if (change.status === 'removed') out.push('deleted file mode 100644')
    out.push(
      `index ${change.status === 'added' ? '0000000' : 'abcdef0'}..${change.status === 'removed' ? '0000000' : change.sha.slice(0, 7)}${change.status === 'modified' ? ' 100644' : ''}`,
    )
    out.push(change.status === 'added' ? '--- /dev/null' : `--- a/${change.filename}`)
    out.push(change.status === 'removed' ? '+++ /dev/null' : `+++ b/${change.filename}`)
    out.push(patch)
  }
  return out.length ? `${out.join('\n')}\n` : ''
}
