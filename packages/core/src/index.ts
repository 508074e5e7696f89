/**
 * @understudy/core: the record/replay cassette engine and the framework the service mocks share.
 *
 * @module
 */

/* Errors */
export { InvalidOptionError, isUnderstudyError, SeedError, UnderstudyError } from './errors'
