/**
 * The LLM mocks' benchmark scaffolding: one call through the mock against the same call answered by a
 * bare msw handler returning the very bytes the mock sent, printed as calls/s and the ratio
 * bare / mock, measured in the same run (the machine is shared: only ratios compare).
 *
 * @module
 */

export const BARE_NAME = 'bare msw handler (same bytes)'
export const MOCK_NAME = 'understudy mock (unscripted)'
export const SCRIPTED_NAME = 'understudy mock (scripted reply)'

/** What vitest's `bench.compare` returns, as far as the report reads it. */
export interface BenchResults {
  get(name: string): { throughput: { mean: number } }
}

/** Prints `name  N calls/s = bare / this R x` for each of `names`, against `bareName` ({@link BARE_NAME}). */
export function reportRatios(
  label: string,
  results: BenchResults,
  names: readonly string[],
  bareName: string = BARE_NAME,
): void {
  const bare = results.get(bareName).throughput.mean
  const lines = [`ratios, ${label}:`]
  for (const name of names) {
    const ops = results.get(name).throughput.mean
    lines.push(
      `  ${name.padEnd(34)} ${Math.round(ops).toLocaleString('en-US')} calls/s = bare / this ${(bare / ops).toFixed(2)}x`,
    )
  }
  console.log(lines.join('\n'))
}
