/**
 * Response headers as a mock builds them: the `Headers` interface over a plain Map. undici's
 * `Headers` validates and re-sorts on every `set`, and building one with twenty headers cost a
 * GitHub response ~10 µs, more than the rest of the request; these headers are written by the
 * mock itself, so each name is lower-cased and nothing else is checked.
 *
 * Iteration is in insertion order, not sorted as `Headers` does; `new Headers(map)` gives the
 * sorted view when a caller needs it. Each Set-Cookie is its own pair, as with `Headers`.
 * `instanceof Headers` holds (its prototype chain goes through `Headers.prototype`, every member
 * overridden), so code that checks for a `Headers` takes it as one.
 */
export class HeaderMap implements Headers {
  private readonly map = new Map<string, string>()
  private cookies: string[] | undefined

  constructor(init?: HeadersInit | HeaderMap) {
    if (init === undefined) return
    if (init instanceof HeaderMap) {
      for (const [name, value] of init.map) this.map.set(name, value)
      if (init.cookies) this.cookies = [...init.cookies]
    } else if (Array.isArray(init) || Symbol.iterator in Object(init)) {
      // A Headers yields each Set-Cookie as its own pair: append keeps them apart.
      for (const [name, value] of init as Iterable<[string, string]>) this.append(name, value)
    } else {
      for (const name of Object.keys(init)) {
        const value = (init as Record<string, string | undefined>)[name]
        if (value !== undefined) this.append(name, value)
      }
    }
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase()
    const text = String(value).trim()
    if (key === 'set-cookie') {
      if (this.cookies) this.cookies.push(text)
      else this.cookies = [text]
      return
    }
    const existing = this.map.get(key)
    this.map.set(key, existing === undefined ? text : `${existing}, ${text}`)
  }

  set(name: string, value: string): void {
    const key = name.toLowerCase()
    if (key === 'set-cookie') {
      this.cookies = [String(value).trim()]
      return
    }
    this.map.set(key, String(value).trim())
  }

  get(name: string): string | null {
    const key = name.toLowerCase()
    if (key === 'set-cookie') return this.cookies?.length ? this.cookies.join(', ') : null
    return this.map.get(key) ?? null
  }

  has(name: string): boolean {
    const key = name.toLowerCase()
    return key === 'set-cookie' ? Boolean(this.cookies?.length) : this.map.has(key)
  }

  delete(name: string): void {
    const key = name.toLowerCase()
    if (key === 'set-cookie') this.cookies = undefined
    else this.map.delete(key)
  }

  getSetCookie(): string[] {
    return this.cookies ? [...this.cookies] : []
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this) callback.call(thisArg, value, name, this)
  }

  // Declared as generators, not `HeadersIterator`: that name is missing from older TypeScript libs
  // and @types/node, and the declarations must compile there too (the compat check).
  *entries(): Generator<[string, string], undefined, unknown> {
    yield* this.map
    // As the Fetch standard iterates them: a joined Set-Cookie cannot be split back (dates have commas).
    if (this.cookies) for (const cookie of this.cookies) yield ['set-cookie', cookie]
  }

  *keys(): Generator<string, undefined, unknown> {
    for (const [name] of this.entries()) yield name
  }

  *values(): Generator<string, undefined, unknown> {
    for (const [, value] of this.entries()) yield value
  }

  [Symbol.iterator](): Generator<[string, string], undefined, unknown> {
    return this.entries()
  }

  /** As `console.log` shows a `Headers`: the names and values, not the Map behind them. */
  [Symbol.for('nodejs.util.inspect.custom')](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    const shown: Record<string, string | string[]> = Object.fromEntries(this.map)
    if (this.cookies) shown['set-cookie'] = this.cookies.length === 1 ? this.cookies[0]! : [...this.cookies]
    return `HeaderMap ${inspect(shown, options)}`
  }

  /**
   * The headers as node:http's `writeHead` takes them, names and values in one flat list, each
   * Set-Cookie on its own line; names in `skip` left out.
   */
  toFlatList(skip?: ReadonlySet<string>): string[] {
    const out: string[] = []
    for (const [name, value] of this.map) if (!skip?.has(name)) out.push(name, value)
    if (this.cookies) for (const cookie of this.cookies) out.push('set-cookie', cookie)
    return out
  }
}

// Not `extends Headers`: that would build undici's header list for every map.
if (typeof Headers === 'function') Object.setPrototypeOf(HeaderMap.prototype, Headers.prototype)
