import type { ExtendedServiceDefinition, ServiceDefinition } from './types'

/**
 * Declares a service: routes, state, seed, mock-wide `config`, error shapes and, with `extend`, the
 * instance members of its own. Identity at runtime; it exists for type inference, like h3's
 * `defineHandler`.
 *
 * @example
 * export const service = defineService<State, Seed, Config>({
 *   name: 'github', hosts: ['https://api.github.com'], routes, createState, errors,
 *   config: { defaults: { tokens: 'any' } },
 * })
 */
export function defineService<S, Seed = unknown, C = unknown, X extends object = never>(
  definition: ExtendedServiceDefinition<S, Seed, X, C>,
): ExtendedServiceDefinition<S, Seed, X, C>
export function defineService<S, Seed = unknown, C = unknown>(
  definition: ServiceDefinition<S, Seed, C>,
): ServiceDefinition<S, Seed, C>
export function defineService<S, Seed, C>(
  definition: ServiceDefinition<S, Seed, C>,
): ServiceDefinition<S, Seed, C> {
  return definition
}
