import type { ExtendedServiceDefinition, ServiceDefinition } from './types'

/**
 * Declares a service: routes, state, seed, error shapes and, with `extend`, the instance members of
 * its own. Identity at runtime; it exists for type inference, like h3's `defineHandler`.
 *
 * @example
 * export const service = defineService<State, Seed>({ name: 'github', hosts: ['https://api.github.com'], routes, createState, errors })
 */
export function defineService<S, Seed = unknown, X extends object = never>(
  definition: ExtendedServiceDefinition<S, Seed, X>,
): ExtendedServiceDefinition<S, Seed, X>
export function defineService<S, Seed = unknown>(
  definition: ServiceDefinition<S, Seed>,
): ServiceDefinition<S, Seed>
export function defineService<S, Seed>(definition: ServiceDefinition<S, Seed>): ServiceDefinition<S, Seed> {
  return definition
}
