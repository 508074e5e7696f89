/** Partitions kept per mock by default; the least recently used idle ones go first beyond it. */
export const DEFAULT_MAX_PARTITIONS = 1000

/**
 * The partitions of one mock, by key, least recently used first. Beyond `limit`, the least
 * recently used partition that serves no request right now is dropped (the `default` partition
 * never is), so a stream of made-up credentials cannot grow memory without end. A dropped
 * credential that comes back starts again from the seed.
 */
export class PartitionMap<P> extends Map<string, P> {
  private readonly busy = new Map<string, number>()
  /** Partitions dropped so far to stay within the limit. */
  evicted = 0

  constructor(readonly limit: number = DEFAULT_MAX_PARTITIONS) {
    super()
  }

  /** The most recently used key: already at the end, it need not move. */
  private latest: string | undefined

  override get(key: string): P | undefined {
    const value = super.get(key)
    if (value !== undefined && key !== 'default' && key !== this.latest) {
      // Re-inserting moves the key to the end: Map order is the recency order. Skipped for the key
      // already there: a delete and set per request made the Map rebuild its table again and again.
      super.delete(key)
      super.set(key, value)
      this.latest = key
    }
    return value
  }

  override set(key: string, value: P): this {
    super.delete(key)
    super.set(key, value)
    this.latest = key
    if (this.size > this.limit) this.evict(key)
    return this
  }

  override delete(key: string): boolean {
    if (key === this.latest) this.latest = undefined
    this.busy.delete(key)
    return super.delete(key)
  }

  override clear(): void {
    this.latest = undefined
    this.busy.clear()
    super.clear()
  }

  /** Marks a partition as serving a request, until {@link release} with the same key. */
  hold(key: string): void {
    this.busy.set(key, (this.busy.get(key) ?? 0) + 1)
  }

  /** Ends one {@link hold}: call it once per hold. */
  release(key: string): void {
    const count = this.busy.get(key)
    // Left at 0, not deleted: the key is held again by its next request (evict drops the entry).
    if (count) this.busy.set(key, count - 1)
  }

  /** Drops idle partitions, oldest first, but never `added`: its request is about to use it. */
  private evict(added: string): void {
    for (const key of this.keys()) {
      if (this.size <= this.limit) return
      if (key === 'default' || key === added || (this.busy.get(key) ?? 0) > 0) continue
      this.delete(key)
      this.evicted++
    }
  }
}
