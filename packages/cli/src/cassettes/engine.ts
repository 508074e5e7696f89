/**
 * The cassette engine's API, as the CLI uses it. One module, so the CLI depends on the engine's
 * public names in one place.
 *
 * @module
 */

// TEMPORARY: @understudy/core's index does not re-export its cassette module yet; this reaches into
// its sources. Switch to `from '@understudy/core'` when it does (same names).
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
} from '../../../core/src/cassette/index'
