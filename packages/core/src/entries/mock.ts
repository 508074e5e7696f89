/**
 * `@understudy/core/mock`: the web-standard service-mock framework alone (routes, state, faults,
 * webhooks, msw handlers), without the cassette engine or any Node-only module, for mocks and for
 * code that runs outside Node.
 *
 * @module
 */

export { InvalidOptionError, isUnderstudyError, SeedError, UnderstudyError } from '../errors'
export * from '../mock/index'
