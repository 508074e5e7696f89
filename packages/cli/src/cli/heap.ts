import { setFlagsFromString } from 'node:v8'

/** Flags that size V8's young generation: a process started with one of them keeps its choice. */
const YOUNG_GENERATION_FLAGS = /--(max|min)-semi-space-size|--semi-space-growth-factor/

/**
 * Whether `understudy serve` should size the young generation itself (see below): `UNDERSTUDY_V8_TUNING`
 * is `1` (or unset) or `0`; anything else throws a RangeError naming it (bin.ts makes it a usage error).
 * No other import: a test loads this module on its own in a child process.
 */
export function wantsHeapTuning(env: NodeJS.ProcessEnv, execArgv: readonly string[]): boolean {
  const setting = env.UNDERSTUDY_V8_TUNING
  if (setting !== undefined && setting !== '' && setting !== '0' && setting !== '1')
    throw new RangeError(
      `UNDERSTUDY_V8_TUNING must be 0 (leave V8's young generation to V8) or 1 (the default), got "${setting}".`,
    )
  if (setting === '0') return false
  return !YOUNG_GENERATION_FLAGS.test(`${execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''}`)
}

/**
 * Keeps the young generation of a long-running `understudy serve` at its starting size. Serving
 * allocates quickly and keeps little, and V8 answers fast allocation by doubling the young
 * generation up to 64 MB per semi-space: ~130 MB of RSS under a load test that bought no measurable
 * throughput (BENCHMARKS.md, item 1). A growth factor of 1 keeps it at its initial size.
 *
 * V8 reads this flag whenever it would grow the space, so setting it after start takes effect; on a
 * Node whose V8 does not, it does nothing. Skipped when the process was started with its own
 * young-generation flags (`NODE_OPTIONS=--max-semi-space-size=…`) or `UNDERSTUDY_V8_TUNING=0`.
 */
export function keepYoungGenerationSmall(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
): boolean {
  if (!wantsHeapTuning(env, execArgv)) return false
  try {
    setFlagsFromString('--semi-space-growth-factor=1')
    return true
  } catch {
    // A runtime without V8 flags (Bun's node:v8): nothing to tune.
    return false
  }
}
