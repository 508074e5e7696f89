/**
 * Response headers as a mock builds them: the `Headers` interface over a plain list. undici's
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
  /**
   * Lower-case names and values, alternating, in insertion order. A Map rehashed its table three
   * times on the way to a GitHub answer's twenty-odd headers (~1.3 KB of garbage per answer); a
   * scan of a short list costs less than that.
   */
  private list: string[]
  private cookies: string[] | undefined

  constructor(init?: HeadersInit | HeaderMap) {
    if (init instanceof HeaderMap) {
      this.list = init.list.slice()
      if (init.cookies) this.cookies = [...init.cookies]
      return
    }
    this.list = []
    if (init === undefined) return
    if (Array.isArray(init) || Symbol.iterator in Object(init)) {
      // A Headers yields each Set-Cookie as its own pair: append keeps them apart.
      for (const [name, value] of init as Iterable<[string, string]>) this.append(name, value)
    } else {
      for (const name of Object.keys(init)) {
        const value = (init as Record<string, string | undefined>)[name]
        if (value !== undefined) this.append(name, value)
      }
    }
  }

  /** Where a lower-case name is in the list, or -1. */
  private find(key: string): number {
    const list = this.list
    for (let i = 0; i < list.length; i += 2) if (list[i] === key) return i
    return -1
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase()
    const text = String(value).trim()
    if (key === 'set-cookie') {
      if (this.cookies) this.cookies.push(text)
      else this.cookies = [text]
      return
    }
    const at = this.find(key)
    if (at === -1) this.list.push(key, text)
    // Repeated Cookie headers join with `; ` (one cookie string), as undici's Headers join them.
    else this.list[at + 1] = `${this.list[at + 1]}${key === 'cookie' ? '; ' : ', '}${text}`
  }

  set(name: string, value: string): void {
    const key = name.toLowerCase()
    const text = String(value).trim()
    if (key === 'set-cookie') {
      this.cookies = [text]
      return
    }
    const at = this.find(key)
    if (at === -1) this.list.push(key, text)
    else this.list[at + 1] = text
  }

  /**
   * `set` for each name and value in the first `length` entries of `pairs` (a flat list: name,
   * value, name, value...), for headers a mock writes on every answer. Each name must be lower-case
   * and appear once in `pairs`; values are taken as given. The names not yet present are added in
   * one step, so the list holding them is allocated at its final size: pushed one by one, twenty-odd
   * headers left it a third empty, and a request log keeps every answer's headers.
   */
  setAll(pairs: readonly string[], length = pairs.length): void {
    const list = this.list
    for (let i = 0; i < length; i += 2) {
      if (pairs[i] === 'set-cookie' || this.find(pairs[i]!) !== -1) {
        // Some replace or are cookies: one at a time, as `set` does them.
        for (let j = 0; j < length; j += 2) this.set(pairs[j]!, pairs[j + 1]!)
        return
      }
    }
    const next = new Array<string>(list.length + length)
    for (let i = 0; i < list.length; i++) next[i] = list[i]!
    for (let i = 0; i < length; i++) next[list.length + i] = pairs[i]!
    this.list = next
  }

  get(name: string): string | null {
    const key = name.toLowerCase()
    if (key === 'set-cookie') return this.cookies?.length ? this.cookies.join(', ') : null
    const at = this.find(key)
    return at === -1 ? null : this.list[at + 1]!
  }

  has(name: string): boolean {
    const key = name.toLowerCase()
    return key === 'set-cookie' ? Boolean(this.cookies?.length) : this.find(key) !== -1
  }

  delete(name: string): void {
    const key = name.toLowerCase()
    if (key === 'set-cookie') {
      this.cookies = undefined
      return
    }
    const at = this.find(key)
    if (at !== -1) this.list.splice(at, 2)
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
    const list = this.list
    for (let i = 0; i < list.length; i += 2) yield [list[i]!, list[i + 1]!]
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
    const shown: Record<string, string | string[]> = {}
    for (let i = 0; i < this.list.length; i += 2) shown[this.list[i]!] = this.list[i + 1]!
    if (this.cookies) shown['set-cookie'] = this.cookies.length === 1 ? this.cookies[0]! : [...this.cookies]
    return `HeaderMap ${inspect(shown, options)}`
  }

  /**
   * The headers as node:http's `writeHead` takes them, names and values in one flat list, each
   * Set-Cookie on its own line; names in `skip` left out. Room for `extra` more entries is made
   * up front, so the pairs a caller adds go in without growing the list.
   */
  toFlatList(skip?: ReadonlySet<string>, extra = 0): string[] {
    const list = this.list
    const cookies = this.cookies
    // Sized once: pushed one pair at a time, a GitHub answer's list was reallocated three times.
    const out = new Array<string>(list.length + (cookies ? cookies.length * 2 : 0) + extra)
    let n = 0
    for (let i = 0; i < list.length; i += 2) {
      if (skip?.has(list[i]!)) continue
      out[n++] = list[i]!
      out[n++] = list[i + 1]!
    }
    if (cookies)
      for (const cookie of cookies) {
        out[n++] = 'set-cookie'
        out[n++] = cookie
      }
    out.length = n
    return out
  }
}

// Not `extends Headers`: that would build undici's header list for every map.
if (typeof Headers === 'function') Object.setPrototypeOf(HeaderMap.prototype, Headers.prototype)
