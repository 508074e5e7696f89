import type { IdGenerator } from '@understudy/core'

/**
 * Slack-shaped ids: a type letter then upper-case letters and digits (`C0123ABCD45`, `U…`, `T…`,
 * `B…`, `A…`, `F…`, `V…`, `Q…`). Drawn from the partition's deterministic generator, so runs repeat.
 */
export function slackId(ids: IdGenerator, prefix: string, length = 10): string {
  return prefix + ids.next('', length).toUpperCase()
}

/**
 * Message timestamps: `"<seconds>.<microseconds>"`, unique and increasing within a workspace even
 * when the clock stands still (a frozen clock gives `.000001`, `.000002`, ...), as Slack's are unique
 * per channel.
 */
export class TsClock {
  private last = 0
  constructor(private readonly now: () => number) {}

  next(): string {
    const micros = Math.max(this.now() * 1000, this.last + 1)
    this.last = micros
    return formatTs(micros)
  }

  /** Keeps later stamps after a seeded one. */
  observe(ts: string): void {
    const micros = parseTs(ts)
    if (micros !== undefined && micros > this.last) this.last = micros
  }
}

export function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000)
  return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`
}

/** `"1700000000.000100"` → microseconds; undefined when it is not a Slack timestamp. */
export function parseTs(ts: unknown): number | undefined {
  if (typeof ts === 'number' && Number.isFinite(ts)) return Math.round(ts * 1_000_000)
  if (typeof ts !== 'string') return undefined
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts.trim())
  if (!match) return undefined
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'))
}
