/**
 * `disableNetConnect()`: nock's switch for a whole test run. Afterwards a request that neither a mock
 * (an msw handler answers in-process, so it never opens a connection) nor a cassette (replaying, or
 * recording on purpose) answers fails with its method and URL instead of reaching the network.
 *
 * @module
 */

import { InvalidOptionError } from '../errors'
import { NetConnectNotAllowedError } from './errors'
import { addConnectPolicy, type ConnectTarget, formatTarget, isLoopback } from './guard'

export interface NetConnectOptions {
  /** Let connections to `localhost`, 127.0.0.0/8 and `::1` through (a local `understudy serve`, a database). Default `false`. */
  allowLoopback?: boolean
  /**
   * Hosts that may still be reached. A string matches the hostname or `host:port`
   * (`*.example.com` matches subdomains); a RegExp is tested against `host:port`.
   */
  allow?: readonly (string | RegExp)[]
}

let remove: (() => void) | undefined

/**
 * Refuse every connection that no mock or cassette answers, until `enableNetConnect()`. Calling it
 * again replaces the options.
 *
 * @example
 * import { disableNetConnect } from '@understudy/core'
 * disableNetConnect({ allowLoopback: true, allow: ['*.internal.example'] })
 * await fetch('https://api.github.com/user') // rejects: fetch failed, cause NetConnectNotAllowedError
 */
export function disableNetConnect(options: NetConnectOptions = {}): void {
  const { allowLoopback, allow } = validate(options)
  remove?.()
  remove = addConnectPolicy((target) => {
    if (allowLoopback && isLoopback(target.host)) return undefined
    if (allow.some((entry) => matches(entry, target))) return undefined
    return refusal(target, allowLoopback)
  })
}

/**
 * Undo `disableNetConnect()`.
 *
 * @example
 * afterAll(() => enableNetConnect())
 */
export function enableNetConnect(): void {
  remove?.()
  remove = undefined
}

/**
 * Whether `disableNetConnect()` is in force.
 *
 * @example
 * if (isNetConnectDisabled()) console.log('offline test run')
 */
export function isNetConnectDisabled(): boolean {
  return remove !== undefined
}

// --- Internal helpers ---

function validate(options: unknown): { allowLoopback: boolean; allow: readonly (string | RegExp)[] } {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidOptionError(
      'options',
      'disableNetConnect takes an options object. For example disableNetConnect({ allowLoopback: true }).',
    )
  }
  const { allowLoopback = false, allow = [], ...rest } = options as NetConnectOptions
  const unknown = Object.keys(rest)[0]
  if (unknown !== undefined) {
    throw new InvalidOptionError(
      unknown,
      'disableNetConnect knows allowLoopback and allow. For example disableNetConnect({ allow: ["localhost:4010"] }).',
    )
  }
  if (typeof allowLoopback !== 'boolean') {
    throw new InvalidOptionError(
      'allowLoopback',
      'must be true or false. For example { allowLoopback: true }.',
    )
  }
  if (
    !Array.isArray(allow) ||
    !allow.every((e) => (typeof e === 'string' && e !== '') || e instanceof RegExp)
  ) {
    throw new InvalidOptionError(
      'allow',
      'must be an array of host names (strings) or RegExps. For example { allow: ["localhost:4010", /\\.internal$/] }.',
    )
  }
  return { allowLoopback, allow }
}

function matches(entry: string | RegExp, target: ConnectTarget): boolean {
  const hostPort = formatTarget(target)
  if (entry instanceof RegExp) {
    entry.lastIndex = 0
    return entry.test(hostPort)
  }
  const e = entry.toLowerCase()
  const host = target.host.toLowerCase()
  if (e.startsWith('*.')) return host.endsWith(e.slice(1))
  return e === host || e === hostPort.toLowerCase()
}

function refusal(target: ConnectTarget, allowLoopback: boolean): NetConnectNotAllowedError {
  const where = formatTarget(target)
  const what = target.request ?? `a connection to ${where}`
  const loopback =
    isLoopback(target.host) && !allowLoopback ? ' or disableNetConnect({ allowLoopback: true })' : ''
  return new NetConnectNotAllowedError(
    `Failed to send ${what}: network connections are disabled (disableNetConnect()) and no mock or cassette answered it. ` +
      `Nothing was sent. Add an msw handler or a cassette for it, or allow the host with disableNetConnect({ allow: ['${target.host}'] })${loopback}.`,
    { host: target.host, port: target.port, request: target.request },
  )
}
