import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { HandleOptions } from '@understudy/core'

/**
 * A JSON value from a tool's arguments or a mock's answer, read by path after validation against the
 * published schema; typing every official schema by hand would duplicate the generated data.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Json = any

/**
 * What an MCP stand-in needs from a mock: its name and its request handler. Every Understudy mock
 * (`createGitHubMock()`, `createSlackMock()`, `createStripeMock()`) is one.
 */
export interface McpTarget {
  readonly name: string
  handle(request: Request, options?: HandleOptions): Promise<Response>
}

/** A tool as the official server lists it in `tools/list` (extracted into `src/generated/`). */
export interface ToolDefinition {
  readonly name: string
  readonly description?: string
  readonly inputSchema: {
    type: 'object'
    properties?: Record<string, JsonSchema>
    required?: string[]
  } & Record<string, unknown>
  readonly annotations?: Record<string, unknown>
}

export interface JsonSchema extends Record<string, unknown> {
  type?: string | string[]
  enum?: unknown[]
  items?: JsonSchema
}

/** The mock's answer to one REST request a tool made. */
export interface RestReply {
  /** 0 when the connection was dropped (`fail({ drop: true })`). */
  readonly status: number
  readonly ok: boolean
  readonly method: string
  readonly url: string
  readonly headers: Headers
  /** Parsed JSON, or text. */
  readonly body: Json
}

export interface RestRequest {
  query?: Record<string, string | number | boolean | undefined>
  /** A JSON body (GitHub). */
  json?: unknown
  /** Form fields (Slack, Stripe); nested objects use Stripe's `a[b]` brackets. */
  form?: Record<string, unknown>
  /** The Accept header, when the call asks for a media type (GitHub's `text-match`). */
  accept?: string
}

/** What a tool implementation gets besides its arguments. */
export interface ToolContext {
  readonly tool: string
  /** Issues a REST request to the mock with the server's credential, logged as this tool call. */
  rest(method: string, path: string, request?: RestRequest): Promise<RestReply>
}

export type ToolHandler = (args: Record<string, Json>, ctx: ToolContext) => Promise<CallToolResult>

/** One service's stand-in: the official definitions plus an implementation per tool. */
export interface ServiceTools {
  readonly service: 'github' | 'slack' | 'stripe'
  readonly definitions: readonly ToolDefinition[]
  readonly handlers: Readonly<Record<string, ToolHandler>>
  /** Refuses arguments the way the official server does, or returns undefined when they are fine. */
  validate(tool: ToolDefinition, args: Record<string, unknown>): string | undefined
  /** Where the REST requests go and how the credential is carried. */
  readonly origin: string
  authorize(credential: string, headers: Headers, form: Record<string, unknown> | undefined): void
}
