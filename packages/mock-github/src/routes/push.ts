import { type Ctx, rc } from '../context'
import { type CommitRecord, fullName, type RepoRecord } from '../state'
import { emitRepoEvent } from '../webhooks/deliver'
import { webhookUser } from '../webhooks/payloads'

const ZERO = '0000000000000000000000000000000000000000'

/** `push` for commits that moved `branch` from `before`; repository timestamps are Unix seconds here. */
export async function emitPush(
  ctx: Ctx,
  repo: RepoRecord,
  branch: string,
  before: string | undefined,
  commits: CommitRecord[],
  forced = false,
): Promise<void> {
  const head = commits.at(-1)
  const r = rc(ctx)
  const name = fullName(repo)
  const render = (c: CommitRecord) => {
    const parent = c.parents[0] ? repo.commits.get(c.parents[0]) : undefined
    const added: string[] = []
    const modified: string[] = []
    const removed: string[] = []
    for (const [path, blob] of c.files) {
      const old = parent?.files.get(path)
      if (!old) added.push(path)
      else if (old.sha !== blob.sha) modified.push(path)
    }
    for (const path of parent?.files.keys() ?? []) if (!c.files.has(path)) removed.push(path)
    const person = { name: c.author, email: `${c.author}@users.noreply.github.com`, username: c.author }
    return {
      id: c.sha,
      tree_id: c.tree_sha,
      distinct: true,
      message: c.message,
      timestamp: c.date,
      url: `${r.web}/${name}/commit/${c.sha}`,
      author: person,
      committer: person,
      added,
      removed,
      modified,
    }
  }
  const sender = webhookUser(r, head?.author ?? repo.owner)
  await emitRepoEvent(
    ctx,
    repo,
    'push',
    {
      ref: `refs/heads/${branch}`,
      before: before ?? ZERO,
      after: head?.sha ?? ZERO,
      repository: undefined,
      pusher: { name: String(sender.login), email: `${String(sender.login)}@users.noreply.github.com` },
      created: before === undefined,
      deleted: false,
      forced,
      base_ref: null,
      compare: before
        ? `${r.web}/${name}/compare/${before.slice(0, 12)}...${head?.sha.slice(0, 12)}`
        : `${r.web}/${name}/commit/${head?.sha}`,
      commits: commits.map(render),
      head_commit: head ? render(head) : null,
    },
    { unixTimes: true },
  )
}
