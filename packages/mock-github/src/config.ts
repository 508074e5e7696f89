import type { RateLimitOptions } from './rate-limit'

/**
 * The mock-wide config (`ctx.config`): `createGitHubMock`'s own options, checked once by the factory
 * and shared by every partition, and the installation tokens the mock issued.
 */
export interface GitHubConfig {
  /** `any`: unknown tokens act as `viewer`. `known`: only seeded and issued tokens work. */
  readonly tokens: 'any' | 'known'
  /** The login unknown tokens act as; it has admin rights on every seeded repository. */
  readonly viewer: string
  /** Primary rate limits (requests per window). */
  readonly rateLimits: RateLimitOptions
  /**
   * The partition each installation token was issued in (under `partitionBy: 'credential'` it acts
   * there). Mock-wide: the token's own requests name no partition.
   */
  readonly tokenPartitions: Map<string, string>
}
