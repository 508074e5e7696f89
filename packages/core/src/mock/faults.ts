import { InvalidOptionError } from '../errors'
import { compilePattern } from './route'
import type { FaultHandle, FaultOptions } from './types'

interface ActiveFault {
  options: FaultOptions
  remaining: number
  matches(method: string, path: string, partition: string): boolean
}

function pathMatcher(path: FaultOptions['path']): (path: string) => boolean {
  if (path === undefined) return () => true
  if (typeof path === 'function') return path
  if (path instanceof RegExp) return (p) => path.test(p)
  const pattern = compilePattern(path)
  return (p) => pattern.match(p) !== undefined
}

/** The longest latency a fault may inject: ten minutes, in ms. Longer would outlive any test. */
export const MAX_FAULT_LATENCY_MS = 600_000

const FAULT_KEYS = new Set([
  'method',
  'path',
  'partition',
  'times',
  'status',
  'message',
  'rateLimit',
  'latency',
  'drop',
  'response',
])

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || typeof value !== 'object') return String(value)
  return Array.isArray(value) ? 'an array' : 'an object'
}

function invalid(option: string, expected: string, value: unknown): never {
  throw new InvalidOptionError(
    `fail.${option}`,
    `expected ${expected}, got ${describe(value)}. For example: mock.fail({ path: "/v1/customers", status: 500 }).`,
  )
}

/** Checks every option of `fail()` before anything is armed: each bad one is named with what it takes. */
function validate(options: FaultOptions): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new InvalidOptionError(
      'fail',
      `expected an options object, got ${describe(options)}. For example: mock.fail({ path: "/v1/customers", status: 500 }).`,
    )
  for (const key of Object.keys(options))
    if (!FAULT_KEYS.has(key))
      throw new InvalidOptionError(
        `fail.${key}`,
        `is not an option of fail(). Use some of: ${[...FAULT_KEYS].join(', ')}.`,
      )
  const { method, path, partition, message, rateLimit, latency, drop, response } = options
  if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)))
    invalid('method', 'an HTTP method such as "POST"', method)
  if (
    path !== undefined &&
    typeof path !== 'string' &&
    typeof path !== 'function' &&
    !(path instanceof RegExp)
  )
    invalid('path', 'a path pattern such as "/repos/:owner/:repo/issues", a RegExp or a predicate', path)
  if (partition !== undefined && typeof partition !== 'string') invalid('partition', 'a string', partition)
  if (message !== undefined && typeof message !== 'string') invalid('message', 'a string', message)
  if (drop !== undefined && typeof drop !== 'boolean') invalid('drop', 'true or false', drop)
  if (response !== undefined && typeof response !== 'function')
    invalid(
      'response',
      'a function returning a Response, e.g. () => Response.json({}, { status: 418 })',
      response,
    )
  if (rateLimit !== undefined && typeof rateLimit !== 'boolean') {
    const retryAfter = (rateLimit as { retryAfter?: unknown } | null)?.retryAfter
    if (
      rateLimit === null ||
      typeof rateLimit !== 'object' ||
      Array.isArray(rateLimit) ||
      (retryAfter !== undefined &&
        (typeof retryAfter !== 'number' || !Number.isInteger(retryAfter) || retryAfter < 0))
    )
      // Other keys are the service's own kinds of limit (GitHub's `type`, `status`), passed to its hook.
      invalid('rateLimit', 'true or { retryAfter: seconds } with a whole number of seconds >= 0', rateLimit)
  }
  if (
    latency !== undefined &&
    (typeof latency !== 'number' ||
      !Number.isFinite(latency) ||
      latency < 0 ||
      latency > MAX_FAULT_LATENCY_MS)
  )
    invalid('latency', `a number of milliseconds from 0 to ${MAX_FAULT_LATENCY_MS}`, latency)
  const kinds = [options.status, options.rateLimit, options.drop, options.response].filter(
    (k) => k !== undefined && k !== false,
  )
  if (kinds.length === 0 && options.latency === undefined) {
    throw new InvalidOptionError(
      'fail',
      'a fault needs one of status, rateLimit, drop, response or latency. For example: mock.fail({ path: "/v1/customers", status: 500 }).',
    )
  }
  if (kinds.length > 1)
    throw new InvalidOptionError('fail', 'give only one of status, rateLimit, drop and response.')
  if (
    options.status !== undefined &&
    (typeof options.status !== 'number' ||
      !Number.isInteger(options.status) ||
      options.status < 400 ||
      options.status > 599)
  ) {
    throw new InvalidOptionError(
      'fail.status',
      `expected an HTTP error status from 400 to 599, got ${describe(options.status)}.`,
    )
  }
  const times = options.times ?? 1
  if (times !== 'always' && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) {
    throw new InvalidOptionError(
      'fail.times',
      `expected a whole number >= 1 or 'always', got ${describe(times)}.`,
    )
  }
}

/** Injected faults, matched in the order they were added; each answers `times` requests. */
export class FaultList {
  private faults: ActiveFault[] = []

  add(options: FaultOptions): FaultHandle {
    validate(options)
    const matchPath = pathMatcher(options.path)
    const method = options.method?.toUpperCase()
    const fault: ActiveFault = {
      options,
      remaining: options.times === 'always' ? Number.POSITIVE_INFINITY : (options.times ?? 1),
      matches: (m, p, partition) =>
        (!method || method === m) && (!options.partition || options.partition === partition) && matchPath(p),
    }
    this.faults.push(fault)
    return {
      get remaining() {
        return fault.remaining
      },
      cancel: () => {
        this.faults = this.faults.filter((f) => f !== fault)
      },
    }
  }

  /** Takes the first fault that matches and counts the use. */
  take(method: string, path: string, partition: string): FaultOptions | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && f.matches(method, path, partition))
    if (!fault) return undefined
    fault.remaining--
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault)
    return fault.options
  }

  clear(): void {
    this.faults = []
  }
}
