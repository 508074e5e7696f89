import type { ReplayLayer } from './replay'

export async function createReplayLayer(_paths: readonly string[]): Promise<ReplayLayer> {
  throw new Error('not yet')
}
