/**
 * `@understudy/core/cassette`: the record/replay engine with its matching, redaction, secret
 * scanner and HAR/vcrpy interop, without the service-mock framework.
 *
 * @module
 */

export * from '../cassette/index'
export { InvalidOptionError, isUnderstudyError, UnderstudyError } from '../errors'
export * from '../interop/index'
export { NetConnectNotAllowedError } from '../network/index'
