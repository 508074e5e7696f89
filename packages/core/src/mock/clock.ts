/**
 * A controllable clock. Mocks read time only through it, so tests can freeze time, jump over a
 * subscription period or a rate-limit window, and never sleep.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
  /** Whole seconds since the Unix epoch, as the services put in their payloads. */
  nowSeconds(): number
  /** Stops time at `at` (default: now). */
  freeze(at?: Date | number | string): void
  /** Lets time run again from where it stands. */
  unfreeze(): void
  /** Moves time forward by `ms` (frozen or not). */
  advance(ms: number): void
  readonly frozen: boolean
}

export interface ClockOptions {
  /** Start frozen at this time. */
  now?: Date | number | string
}

function toMillis(value: Date | number | string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : value
  if (!Number.isFinite(ms))
    throw new TypeError(
      `[understudy:core] Invalid time ${String(value)}: pass a Date, epoch milliseconds or an ISO string.`,
    )
  return ms
}

/**
 * @example
 * const clock = createClock({ now: '2026-01-01T00:00:00Z' })
 * clock.advance(30 * 86_400_000) // a month later
 */
export function createClock(options: ClockOptions = {}): Clock {
  let frozenAt: number | undefined = options.now === undefined ? undefined : toMillis(options.now)
  let offset = 0
  const now = () => frozenAt ?? Date.now() + offset
  return {
    now,
    nowSeconds: () => Math.floor(now() / 1000),
    freeze(at) {
      frozenAt = at === undefined ? now() : toMillis(at)
    },
    unfreeze() {
      if (frozenAt === undefined) return
      offset = frozenAt - Date.now()
      frozenAt = undefined
    },
    advance(ms) {
      if (frozenAt === undefined) offset += ms
      else frozenAt += ms
    },
    get frozen() {
      return frozenAt !== undefined
    },
  }
}
