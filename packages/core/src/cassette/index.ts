/**
 * Cassettes: record real traffic once, replay it forever. The public surface; `src/index.ts`
 * re-exports all of it, with HAR/vcrpy interop (`interop/`, a layer above this one).
 *
 * @module
 */

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
export { type CassetteProblem, type CheckOptions, type CheckResult, checkCassettes } from './check'
export { type CassetteOptions, type CassetteStats, DEFAULT_CASSETTE_DIR } from './engine'
/* Errors */
export {
  CassetteExpiredError,
  CassetteFormatError,
  CassetteMissError,
  CassetteWriteError,
  type SecretFinding,
  SecretLeakError,
} from './errors'

/* Expiry and checks (the CLI's `cassettes check`) */
export {
  type ExpiredCassette,
  type ExpiryStrategy,
  type FindExpiredOptions,
  findExpiredCassettes,
  type Now,
  parseDuration,
} from './expiry'
export { readCassetteFile, writeCassetteFile } from './files'

/* Files and stores */
export {
  CASSETTE_FORMAT,
  CASSETTE_FORMAT_VERSION,
  type CassetteFile,
  createCassetteFile,
  type Interaction,
  MAX_JSON_DEPTH,
  parseCassette,
  type StoredBody,
  type StoredHeaders,
  type StoredRequest,
  type StoredResponse,
  serializeCassette,
} from './format'
/* Without interception (the CLI's `serve --replay` and record proxy) */
export { type ResponseToStoredOptions, requestToStored, responseToStored, storedToResponse } from './http'
export { RECORD_MODE_ENV, RECORD_MODES, type RecordMode, resolveRecordMode } from './modes'
export {
  createRecorder,
  createReplayHandler,
  type Recorder,
  type RecorderOptions,
  type ReplayHandler,
  type ReplayHandlerOptions,
} from './replay'
export {
  type CassetteStore,
  cassettePath,
  createFsStore,
  createMemoryStore,
  type FsStoreOptions,
  safeCassetteName,
} from './store'
/* Recording and replaying around code */
export { type Cassette, startCassette, withCassette } from './with-cassette'
