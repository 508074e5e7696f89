// Replaced at build time (tsup `define`) with the package's version.
declare const __UNDERSTUDY_CLI_VERSION__: string | undefined

/** The version of @understudy/cli. */
export const VERSION: string =
  typeof __UNDERSTUDY_CLI_VERSION__ === 'string' ? __UNDERSTUDY_CLI_VERSION__ : '0.0.0-dev'
