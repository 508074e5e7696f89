/**
 * The Git data API's objects on top of the commit model in git.ts: a commit's tree is its files, so a
 * tree sha resolves to a commit's files or to a tree made with `POST git/trees` and not yet committed;
 * blobs resolve to any commit's file or to a blob made with `POST git/blobs`. Uncommitted trees and
 * blobs live beside the repository record (they are not part of snapshots, as GitHub would garbage
 * collect them too).
 *
 * @module
 */

import type { FileBlob, RepoRecord } from '../state'

export type Tree = Map<string, FileBlob>

interface Loose {
  trees: Map<string, Tree>
  blobs: Map<string, FileBlob>
  /** `<tree sha>:<dir>` → the sha given to that subtree when it was first listed. */
  subtrees: Map<string, string>
}

const loose = new WeakMap<RepoRecord, Loose>()

function looseOf(repo: RepoRecord): Loose {
  let objects = loose.get(repo)
  if (!objects) {
    objects = { trees: new Map(), blobs: new Map(), subtrees: new Map() }
    loose.set(repo, objects)
  }
  return objects
}

export function findTree(repo: RepoRecord, sha: string): Tree | undefined {
  const made = looseOf(repo).trees.get(sha)
  if (made) return made
  for (const c of repo.commits.values()) if (c.tree_sha === sha) return c.files
  return undefined
}

export function saveTree(repo: RepoRecord, sha: string, tree: Tree): void {
  looseOf(repo).trees.set(sha, tree)
}

export function findBlob(repo: RepoRecord, sha: string): FileBlob | undefined {
  const made = looseOf(repo).blobs.get(sha)
  if (made) return made
  for (const c of repo.commits.values()) {
    for (const file of c.files.values()) if (file.sha === sha) return file
  }
  return undefined
}

export function saveBlob(repo: RepoRecord, blob: FileBlob): void {
  looseOf(repo).blobs.set(blob.sha, blob)
}

/** The sha of directory `dir` inside tree `sha`, given once and kept so the subtree can be fetched by it. */
export function subtreeSha(
  repo: RepoRecord,
  sha: string,
  dir: string,
  tree: Tree,
  fresh: () => string,
): string {
  const objects = looseOf(repo)
  const key = `${sha}:${dir}`
  let sub = objects.subtrees.get(key)
  if (!sub) {
    sub = fresh()
    objects.subtrees.set(key, sub)
    const files: Tree = new Map()
    for (const [path, blob] of tree)
      if (path.startsWith(`${dir}/`)) files.set(path.slice(dir.length + 1), blob)
    objects.trees.set(sub, files)
  }
  return sub
}

/** Whether `ancestor` is `sha` or reachable from it through parents (a fast-forward from `ancestor`). */
export function descendsFrom(repo: RepoRecord, sha: string, ancestor: string): boolean {
  const seen = new Set<string>()
  const queue = [sha]
  while (queue.length > 0) {
    const next = queue.pop()!
    if (next === ancestor) return true
    if (seen.has(next)) continue
    seen.add(next)
    queue.push(...(repo.commits.get(next)?.parents ?? []))
  }
  return false
}
