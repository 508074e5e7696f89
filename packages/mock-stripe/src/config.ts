import type { HostedRegistry } from './state'

/**
 * The mock-wide config (`ctx.config`), shared by every partition: the registry of pages Stripe hosts
 * (Checkout, 3-D Secure). A page URL carries no API key, so the registry finds the partition (and
 * connected account) whose object it shows.
 */
export interface StripeConfig {
  readonly hosted: HostedRegistry
}
