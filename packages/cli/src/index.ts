/**
 * @understudy/cli: the standalone Understudy server (all mocks on one port, admin API, dashboard),
 * the recording proxy, and the cassette tools behind the `understudy` command.
 *
 * @module
 */

export type { CliIO, OutputStream } from './cli/io'
export { runCli } from './cli/main'
/* Errors */
export { CliError, InputFileError, PortInUseError, SeedFileError, UsageError } from './errors'
export {
  CONFIG_SCHEMA_URL,
  ConfigFileError,
  configFileSchema,
  parseConfig,
  readConfigFile,
  type ServeConfig,
} from './server/config-file'
/* Standalone server */
export {
  createUnderstudyApp,
  type DeliveryView,
  type UnderstudyApp,
  type UnderstudyAppOptions,
} from './server/create-app'
export {
  createUnderstudyServer,
  type UnderstudyServer,
  type UnderstudyServerOptions,
} from './server/create-server'
export { jsonSchemaFiles } from './server/json-schemas'
export {
  readSeedFile,
  SEED_SCHEMA_URL,
  type SeedData,
  seedFileSchema,
  validateSeedData,
} from './server/seed-file'
export {
  SERVICE_NAMES,
  type ServiceName,
  type ServiceOptions,
  type UnderstudyMock,
  type UnderstudyMocks,
} from './server/services'
export type { SignatureScheme, SignatureStatus } from './server/signature'
/* Command line */
export { VERSION } from './version'
