/**
 * The connection guard: the last line below every HTTP client. `@mswjs/interceptors` sees the
 * clients it patches (global `fetch`, `node:http`/`node:https` as imported after it applied), but not
 * a `fetch` or `http.request` captured before, undici's own dispatcher, `node:http2` or a raw
 * `net`/`tls` socket. All of them open their connection through `net.Socket.prototype.connect`, so
 * that is where a policy can refuse one: the socket is destroyed with the policy's error before any
 * byte leaves the process, and the client's call rejects with it (fetch wraps it as `cause`).
 *
 * Policies are registered by whoever needs one (a cassette in mode `none`, `disableNetConnect()`).
 * The patch itself is put in place when this module loads and never removed (with no policy it only
 * passes the call on): msw 3 intercepts at the same method, and the guard must sit *below* it so
 * msw answers first and only msw's real (passthrough) connections reach the guard. Sockets an
 * interceptor emulates carry their own `connect` (msw's socket controller) and are left alone.
 * Unix sockets and named pipes are never refused: they are not the network.
 *
 * @module
 */

import { channel } from 'node:diagnostics_channel'
import http from 'node:http'
import net from 'node:net'

/** Where a connection goes, and what the client was sending there when we know it. */
export interface ConnectTarget {
  /** As the client gave it: a hostname or an IP, without brackets. */
  host: string
  port: number
  /** `GET https://api.github.com/user` when a client told us which request opened it. */
  request?: string
}

/** Returns the error to refuse the connection with, or nothing to let it through. */
export type ConnectPolicy = (target: ConnectTarget) => Error | undefined

interface Allowance {
  owner: object
  key: string
}

const policies: ConnectPolicy[] = []
const allowances: Allowance[] = []
/** The latest request seen per `host:port`, to name it in errors (best effort). */
const recent = new Map<string, string>()
let uninstall: (() => void) | undefined

/**
 * Add a policy; returns the function that removes it.
 *
 * @example
 * const remove = addConnectPolicy((t) => (t.host === 'example.com' ? new Error('no') : undefined))
 */
export function addConnectPolicy(policy: ConnectPolicy): () => void {
  policies.push(policy)
  uninstall ??= installNaming()
  return () => {
    const i = policies.indexOf(policy)
    if (i >= 0) policies.splice(i, 1)
    if (policies.length === 0 && uninstall) {
      uninstall()
      uninstall = undefined
      recent.clear()
    }
  }
}

/**
 * Let the next connection to `url`'s host and port through whatever the policies say: something
 * that answers for the request (a cassette recording it, a passthrough it decided on) sends it on.
 */
export function allowNextConnection(url: string, owner: object): void {
  const key = keyOfUrl(url)
  if (key && policies.length) allowances.push({ owner, key })
}

/** Forget `owner`'s unused allowances (a keep-alive socket may have made them unnecessary). */
export function dropAllowances(owner: object): void {
  for (let i = allowances.length - 1; i >= 0; i--) if (allowances[i]!.owner === owner) allowances.splice(i, 1)
}

/** Remember which request is about to go to a host, for error messages. */
export function noteRequest(method: string, url: string): void {
  const key = keyOfUrl(url)
  if (key && policies.length) remember(key, `${method} ${url}`)
}

/** `localhost`, `*.localhost`, 127.0.0.0/8, `::1` and their IPv4-mapped forms. */
export function isLoopback(host: string): boolean {
  const h = unbracket(host).toLowerCase()
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0:0:0:0:0:0:0:1') return true
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)
}

/** `host:port` for messages; IPv6 in brackets. */
export function formatTarget(target: ConnectTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host
  return `${host}:${target.port}`
}

// --- Internal helpers ---

function installGuard(): void {
  type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket
  const proto = net.Socket.prototype as unknown as { connect: Connect }
  const originalConnect = proto.connect
  proto.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    if (policies.length === 0 || Object.hasOwn(this, 'connect')) return originalConnect.apply(this, args)
    const target = targetOf(args)
    const error = target && check(target)
    if (!error)
      return originalConnect.apply(this, args)
      // Fail asynchronously, as a refused connect does: the client attaches its error listeners first,
      // and what it writes meanwhile is buffered as on a socket still connecting.
    ;(this as { connecting: boolean }).connecting = true
    setImmediate(() => this.destroy(error))
    return this
  }
}

// Every copy of this module (ESM and CJS, or re-evaluated per test file) keeps its own policies, so
// each installs its own layer; a layer with no policy passes straight through.
installGuard()

/** Name the request in errors: node:http tells its agent, undici publishes on a channel. */
function installNaming(): () => void {
  const agentProto = http.Agent.prototype as http.Agent & {
    addRequest: (req: http.ClientRequest, options: unknown) => void
  }
  const originalAddRequest = agentProto.addRequest
  agentProto.addRequest = function addRequest(this: http.Agent, req, options) {
    try {
      const host = req.getHeader('host') ?? req.host
      noteRequest(req.method, `${req.protocol}//${String(host)}${req.path}`)
    } catch {}
    return originalAddRequest.call(this, req, options)
  }
  const undiciCreate = channel('undici:request:create')
  const onUndici = (message: unknown) => {
    const request = (message as { request?: { origin?: unknown; method?: string; path?: string } }).request
    if (request?.origin && request.method)
      noteRequest(request.method, `${String(request.origin)}${request.path ?? ''}`)
  }
  undiciCreate.subscribe(onUndici)

  return () => {
    agentProto.addRequest = originalAddRequest
    undiciCreate.unsubscribe(onUndici)
    allowances.length = 0
  }
}

function check(target: ConnectTarget): Error | undefined {
  const key = `${unbracket(target.host).toLowerCase()}:${target.port}`
  const allowed = allowances.findIndex((a) => a.key === key)
  if (allowed >= 0) {
    allowances.splice(allowed, 1)
    return undefined
  }
  const described = { ...target, request: recent.get(key) }
  for (const policy of [...policies]) {
    const error = policy(described)
    if (error) return error
  }
  return undefined
}

/** What `socket.connect(...)` was asked for; `undefined` for a Unix socket or pipe. */
function targetOf(args: unknown[]): ConnectTarget | undefined {
  // net.connect() hands over its arguments already normalized, as one array.
  const list = Array.isArray(args[0]) ? (args[0] as unknown[]) : args
  const first = list[0]
  if (first !== null && typeof first === 'object') {
    const options = first as { host?: unknown; port?: unknown; path?: unknown }
    if (options.path !== undefined && options.port === undefined) return undefined
    const port = Number(options.port)
    if (!Number.isFinite(port)) return undefined
    return { host: unbracket(typeof options.host === 'string' ? options.host : 'localhost'), port }
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return { host: unbracket(typeof list[1] === 'string' ? list[1] : 'localhost'), port: Number(first) }
  }
  return undefined
}

function keyOfUrl(url: string): string | undefined {
  try {
    const u = new URL(url)
    const port = u.port ? Number(u.port) : u.protocol === 'https:' || u.protocol === 'wss:' ? 443 : 80
    return `${unbracket(u.hostname).toLowerCase()}:${port}`
  } catch {
    return undefined
  }
}

function remember(key: string, request: string): void {
  recent.delete(key)
  recent.set(key, request)
  // Bounded: only the latest few hosts matter for a message.
  if (recent.size > 256) recent.delete(recent.keys().next().value!)
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
}
