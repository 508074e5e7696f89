/** Values kept per partition at most; past it the memo starts over (a bound, not an LRU). */
const MEMO_LIMIT = 1000

/**
 * What a partition's routes computed from its state, kept until the state may have changed: any
 * request other than GET, HEAD or OPTIONS, a seed, `mock.state()` (the caller may change what it
 * gets) or `ctx.changed()`. Rendering and serialising the same resource again for every read was
 * most of what a GET cost under load.
 */
export class StateMemo {
  private values = new Map<string, unknown>()
  /** Bumped at every change; a value computed across a change is not kept. */
  version = 0

  get<T>(key: string, compute: () => T): T {
    const known = this.values.get(key)
    if (known !== undefined || this.values.has(key)) return known as T
    const version = this.version
    const value = compute()
    if (version === this.version) {
      if (this.values.size >= MEMO_LIMIT) this.values.clear()
      this.values.set(key, value)
    }
    return value
  }

  changed(): void {
    this.version++
    if (this.values.size) this.values = new Map()
  }
}

/** Methods that leave a service's state as it was: their requests keep the memo. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
