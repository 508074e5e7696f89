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

  override get(key: string): P | undefined {
    const value = super.get(key)
    if (value !== undefined && key !== 'default') {
      // Re-inserting moves the key to the end: Map order is the recency order.
      super.delete(key)
      super.set(key, value)
    }
    return value
  }

  override set(key: string, value: P): this {
    super.delete(key)
    super.set(key, value)
    if (this.size > this.limit) this.evict(key)
    return this
  }

  /** Marks a partition as serving a request until the returned function is called. */
  hold(key: string): () => void {
    this.busy.set(key, (this.busy.get(key) ?? 0) + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.busy.get(key) ?? 1) - 1
      if (left > 0) this.busy.set(key, left)
      else this.busy.delete(key)
    }
  }

  /** Drops idle partitions, oldest first, but never `added`: its request is about to use it. */
  private evict(added: string): void {
    for (const key of this.keys()) {
      if (this.size <= this.limit) return
      if (key === 'default' || key === added || this.busy.has(key)) continue
      super.delete(key)
      this.evicted++
    }
  }
}
