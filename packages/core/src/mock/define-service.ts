import type { ServiceDefinition } from './types'

/**
 * Declares a service: routes, state, seed and error shapes. Identity at runtime; it exists for
 * type inference, like h3's `defineHandler`.
 *
 * @example
 * export const service = defineService<State, Seed>({ name: 'github', hosts: ['https://api.github.com'], routes, createState, errors })
 */
export function defineService<S, Seed = unknown>(
  definition: ServiceDefinition<S, Seed>,
): ServiceDefinition<S, Seed> {
  return definition
}
