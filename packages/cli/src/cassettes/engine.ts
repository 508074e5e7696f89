/**
 * The cassette engine's API, as the CLI uses it. One module, so the CLI depends on the engine's
 * public names in one place.
 *
 * @module
 */

export {
  type CassetteFile,
  type CassetteProblem,
  checkCassettes,
  createFsStore,
  createRecorder,
  createReplayHandler,
  DEFAULT_CASSETTE_DIR,
  fromHar,
  fromVcr,
  type Interaction,
  parseDuration,
  readCassetteFile,
  scanForSecrets,
  toHar,
  writeCassetteFile,
  cassettePath,
} from '@understudy/core'
