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

function validate(options: FaultOptions): void {
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
    (!Number.isInteger(options.status) || options.status < 400 || options.status > 599)
  ) {
    throw new InvalidOptionError(
      'fail.status',
      `expected an HTTP error status from 400 to 599, got ${String(options.status)}.`,
    )
  }
  const times = options.times ?? 1
  if (times !== 'always' && (!Number.isInteger(times) || times < 1)) {
    throw new InvalidOptionError(
      'fail.times',
      `expected a whole number >= 1 or 'always', got ${String(times)}.`,
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
