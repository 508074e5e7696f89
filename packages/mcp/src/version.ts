import pkg from '../package.json' with { type: 'json' }

/** This package's version, announced in the MCP `initialize` handshake. */
export const version: string = pkg.version
