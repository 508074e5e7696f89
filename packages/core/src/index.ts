/**
 * @understudy/core: the record/replay cassette engine and the framework the service mocks share.
 *
 * @module
 */

/* Cassettes: record once, replay forever */
export * from './cassette/index'
/* Errors */
export { InvalidOptionError, isUnderstudyError, SeedError, UnderstudyError } from './errors'
/* HTTP server adapter */
export {
  BodyTooLargeError,
  type FetchHandler,
  type Mount,
  type Mountable,
  mount,
  type NodeListenerOptions,
  requestOrigin,
  type StartedServer,
  startServer,
  toNodeListener,
} from './http/node'
/* HAR 1.2 and vcrpy */
export * from './interop/index'
/* Service-mock framework */
export * from './mock/index'
/* Network guard */
export * from './network/index'
/* Schemas: validation with paths, and JSON Schema from the same definition */
export * from './schema/index'
