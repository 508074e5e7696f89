/**
 * Response headers as a mock builds them: the `Headers` interface over a plain list. undici's
 * `Headers` validates and re-sorts on every `set`, and building one with twenty headers cost a
 * GitHub response ~10 µs, more than the rest of the request; these headers are written by the
 * mock itself, so each name is lower-cased and nothing else is checked.
 *
 * Iteration is in insertion order, not sorted as `Headers` does (headers given by `setShared`
 * come after the others); `new Headers(map)` gives the sorted view when a caller needs it. Each
 * Set-Cookie is its own pair, as with `Headers`.
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
  /**
   * Headers every answer of a mock carries, the same list for all of them: see `setShared`. Copied
   * into `list` before any of them changes.
   */
  private shared: readonly string[] | undefined
  private cookies: string[] | undefined

  constructor(init?: HeadersInit | HeaderMap) {
    if (init instanceof HeaderMap) {
      this.list = init.list.slice()
      this.shared = init.shared
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

  /**
   * The headers in node:http's `rawHeaders` (name, value, name, value...) as `append` would add them,
   * leaving out the names `skip` picks (it sees them as sent). Made for a request log, which keeps
   * every request's headers: the list is sized once, and a common name, or a value equal to the last
   * one seen under it, is the one string kept for all requests rather than each request's own copy.
   */
  static fromRawHeaders(raw: readonly string[], skip?: (name: string) => boolean): HeaderMap {
    const map = new HeaderMap()
    const list = new Array<string>(raw.length)
    let n = 0
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!
      if (skip?.(name)) continue
      let key = name.toLowerCase()
      let value = String(raw[i + 1]).trim()
      const common = COMMON_NAMES.get(key)
      if (common) {
        key = common.name
        if (common.last === value) value = common.last
        else common.last = value
      }
      if (key === 'set-cookie') {
        if (map.cookies) map.cookies.push(value)
        else map.cookies = [value]
        continue
      }
      let at = -1
      for (let j = 0; j < n; j += 2) if (list[j] === key) at = j
      if (at === -1) {
        list[n++] = key
        list[n++] = value
      } else list[at + 1] = joined(key, list[at + 1]!, value)
    }
    list.length = n
    map.list = list
    return map
  }

  /** Where a lower-case name is in the list, or -1. */
  private find(key: string): number {
    const list = this.list
    for (let i = 0; i < list.length; i += 2) if (list[i] === key) return i
    return -1
  }

  /** Where a lower-case name is in the shared list, or -1. */
  private findShared(key: string): number {
    const shared = this.shared
    if (shared) for (let i = 0; i < shared.length; i += 2) if (shared[i] === key) return i
    return -1
  }

  /** Before a shared header changes: the shared ones become this map's own. */
  private unshareFor(key: string): void {
    if (this.findShared(key) === -1) return
    this.list = this.list.concat(this.shared!)
    this.shared = undefined
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase()
    const text = String(value).trim()
    if (key === 'set-cookie') {
      if (this.cookies) this.cookies.push(text)
      else this.cookies = [text]
      return
    }
    this.unshareFor(key)
    const at = this.find(key)
    if (at === -1) this.list.push(key, text)
    else this.list[at + 1] = joined(key, this.list[at + 1]!, text)
  }

  set(name: string, value: string): void {
    const key = name.toLowerCase()
    const text = String(value).trim()
    if (key === 'set-cookie') {
      this.cookies = [text]
      return
    }
    this.unshareFor(key)
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
      if (pairs[i] === 'set-cookie' || this.find(pairs[i]!) !== -1 || this.findShared(pairs[i]!) !== -1) {
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

  /**
   * Adds headers every answer of a mock carries by reference, not copied: `pairs` is a flat list
   * (name, value...) of lower-case names, each once, and must never change afterwards. A request
   * log keeps every answer's headers; these are kept once for all of them. Names already here (or a
   * second shared list) are set one by one instead, as `setAll` does.
   */
  setShared(pairs: readonly string[]): void {
    let clash = this.shared !== undefined
    for (let i = 0; i < pairs.length && !clash; i += 2)
      clash = pairs[i] === 'set-cookie' || this.find(pairs[i]!) !== -1
    if (clash) this.setAll(pairs)
    else this.shared = pairs
  }

  get(name: string): string | null {
    const key = name.toLowerCase()
    if (key === 'set-cookie') return this.cookies?.length ? this.cookies.join(', ') : null
    const at = this.find(key)
    if (at !== -1) return this.list[at + 1]!
    const shared = this.findShared(key)
    return shared === -1 ? null : this.shared![shared + 1]!
  }

  has(name: string): boolean {
    const key = name.toLowerCase()
    if (key === 'set-cookie') return Boolean(this.cookies?.length)
    return this.find(key) !== -1 || this.findShared(key) !== -1
  }

  delete(name: string): void {
    const key = name.toLowerCase()
    if (key === 'set-cookie') {
      this.cookies = undefined
      return
    }
    this.unshareFor(key)
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
    const shared = this.shared
    if (shared) for (let i = 0; i < shared.length; i += 2) yield [shared[i]!, shared[i + 1]!]
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
    for (const [name, value] of this.entries()) if (name !== 'set-cookie') shown[name] = value
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
    const shared = this.shared ?? NONE
    const cookies = this.cookies
    // Sized once: pushed one pair at a time, a GitHub answer's list was reallocated three times.
    const out = new Array<string>(list.length + shared.length + (cookies ? cookies.length * 2 : 0) + extra)
    let n = 0
    for (let i = 0; i < list.length; i += 2) {
      if (skip?.has(list[i]!)) continue
      out[n++] = list[i]!
      out[n++] = list[i + 1]!
    }
    for (let i = 0; i < shared.length; i += 2) {
      if (skip?.has(shared[i]!)) continue
      out[n++] = shared[i]!
      out[n++] = shared[i + 1]!
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

const NONE: readonly string[] = []

/** A repeated header's values as one: Cookie with `; ` (one cookie string), as undici's Headers join them; others with `, `. */
function joined(key: string, first: string, next: string): string {
  return `${first}${key === 'cookie' ? '; ' : ', '}${next}`
}

/** Request header names most clients send, each with the last value seen under it. */
const COMMON_NAMES = new Map<string, { readonly name: string; last: string | undefined }>(
  [
    'host',
    'authorization',
    'user-agent',
    'accept',
    'accept-encoding',
    'accept-language',
    'content-type',
    'content-length',
    'cookie',
    'origin',
    'referer',
    'if-none-match',
    'x-github-api-version',
    'stripe-version',
    'anthropic-version',
    'openai-organization',
    'openai-project',
    'x-api-key',
    'x-goog-api-key',
  ].map((name) => [name, { name, last: undefined }]),
)

// Not `extends Headers`: that would build undici's header list for every map.
if (typeof Headers === 'function') Object.setPrototypeOf(HeaderMap.prototype, Headers.prototype)
