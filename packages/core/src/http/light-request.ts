import { standIn } from '../mock/delegate'
import type { HeaderMap } from '../mock/header-map'

/**
 * A bodiless request (GET, HEAD) as the node:http adapter hands it to a handler that opted in
 * (`toNodeListener(handler, { lightRequests: true })`). Its `method`, `url` and `headers` are plain
 * fields; every other member of `Request` (`signal`, `clone()`, `text()`...) is served by a real
 * undici `Request` built on first use. Building that `Request` (URL parsing, header validation, an
 * AbortSignal) for every request was ~3.5 µs of a GitHub read's ~15, and a mock reads only the
 * three fields.
 *
 * `instanceof Request` holds. What does not: undici's own functions look for their private slots,
 * so `fetch(request)` and `new Request(request)` refuse it; pass `request.url` and an init instead,
 * or `request.clone()`, which is a real `Request`.
 */
export class LightRequest {
  readonly method: string
  readonly url: string
  readonly headers: HeaderMap
  #real: Request | undefined

  constructor(method: 'GET' | 'HEAD', url: string, headers: HeaderMap) {
    this.method = method
    this.url = url
    this.headers = headers
  }

  get body(): null {
    return null
  }

  get bodyUsed(): boolean {
    return false
  }

  /** @internal The undici Request behind every other member. */
  static real(request: LightRequest): Request {
    request.#real ??= new Request(request.url, { method: request.method, headers: request.headers })
    return request.#real
  }

  /** As `console.log` shows a `Request`'s main fields. */
  [Symbol.for('nodejs.util.inspect.custom')](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    return `Request ${inspect({ method: this.method, url: this.url, headers: this.headers }, options)}`
  }
}

// Every other member of Request, read from the real one.
standIn(LightRequest, Request, (request) => LightRequest.real(request))

/** A light request as a `Request`: the type the handler chain takes. */
export function lightRequest(method: 'GET' | 'HEAD', url: string, headers: HeaderMap): Request {
  return new LightRequest(method, url, headers) as unknown as Request
}
