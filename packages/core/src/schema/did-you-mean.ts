// Optimal string alignment distance: a swapped pair of letters (`isues`/`issues`, `titel`/`title`) counts as one edit.
function distance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0)
    row[0] = i
    return row
  })
  for (let j = 0; j < cols; j++) d[0]![j] = j
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

/**
 * The candidate closest to `word`, when it is close enough to be a likely typo (case differences,
 * a letter or two off, `_`/`-` swapped); undefined otherwise.
 *
 * @example
 * didYouMean('isues', ['title', 'issues', 'labels']) // 'issues'
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const folded = word.toLowerCase().replace(/[-_]/g, '')
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const score = distance(folded, candidate.toLowerCase().replace(/[-_]/g, ''))
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  const allowed = Math.max(1, Math.floor(word.length / 3))
  return best !== undefined && bestScore <= allowed ? best : undefined
}
