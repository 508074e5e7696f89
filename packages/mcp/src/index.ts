/**
 * @understudy/mcp: stand-ins for the official GitHub, Slack and Stripe MCP servers, built on
 * `@modelcontextprotocol/sdk`, whose tools act on the Understudy mocks' state.
 *
 * @module
 */

export { githubSource } from './github/tools'
export { handleMcpRequest } from './http'
export { createMcpServer, type McpServerOptions, type McpService, type McpServices } from './server'
export { slackSource } from './slack/tools'
export { stripeSource, unsupportedStripeTools } from './stripe/tools'
export type { McpTarget, ToolDefinition } from './types'
