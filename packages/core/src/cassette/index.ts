/**
 * Cassettes: record real traffic once, replay it forever. The public surface; `src/index.ts`
 * re-exports all of it.
 *
 * @module
 */

/* Recording and replaying around code */
export { type Cassette, startCassette, withCassette } from './with-cassette'
export { type CassetteOptions, type CassetteStats, DEFAULT_CASSETTE_DIR } from './engine'
export { RECORD_MODE_ENV, RECORD_MODES, type RecordMode, resolveRecordMode } from './modes'

/* Errors */
export {
  CassetteExpiredError,
  CassetteFormatError,
  CassetteMissError,
  CassetteWriteError,
  type SecretFinding,
  SecretLeakError,
} from './errors'

/* Matching */
export {
  DEFAULT_MATCH_ON,
  type MatchFunction,
  type MatchKey,
  type MatchOn,
} from '../matching/normalize'

/* Redaction and the secret scanner */
export {
  type BeforeRecordHook,
  type BeforeRecordRequestHook,
  type BodyFilter,
  type BodyFilterContext,
  DEFAULT_FILTER_HEADERS,
  DEFAULT_FILTER_QUERY_PARAMETERS,
  FILTERED,
  type FilterSpec,
  type RedactionOptions,
} from '../redaction/filters'
export { SECRET_SHAPES, scanForSecrets } from '../redaction/secrets'

/* Expiry and checks (the CLI's `cassettes check`) */
export {
  type ExpiredCassette,
  type ExpiryStrategy,
  type FindExpiredOptions,
  findExpiredCassettes,
  parseDuration,
} from './expiry'
export { type CassetteProblem, type CheckOptions, type CheckResult, checkCassettes } from './check'

/* Files and stores */
export {
  CASSETTE_FORMAT,
  CASSETTE_FORMAT_VERSION,
  type CassetteFile,
  createCassetteFile,
  type Interaction,
  parseCassette,
  serializeCassette,
  type StoredBody,
  type StoredHeaders,
  type StoredRequest,
  type StoredResponse,
} from './format'
export { readCassetteFile, writeCassetteFile } from './files'
export {
  type CassetteStore,
  cassettePath,
  createFsStore,
  createMemoryStore,
  type FsStoreOptions,
  safeCassetteName,
} from './store'

/* Without interception (the CLI's `serve --replay` and record proxy) */
export { requestToStored, type ResponseToStoredOptions, responseToStored, storedToResponse } from './http'
export {
  createRecorder,
  createReplayHandler,
  type Recorder,
  type RecorderOptions,
  type ReplayHandler,
  type ReplayHandlerOptions,
} from './replay'

/* HAR 1.2 and vcrpy */
export * from '../interop/index'
