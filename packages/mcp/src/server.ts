import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import { InvalidOptionError } from '@understudy/core'
import { githubTools } from './github/tools'
import { restCall } from './rest'
import { errorResult } from './results'
import { slackTools } from './slack/tools'
import { stripeTools } from './stripe/tools'
import type { McpTarget, ServiceTools, ToolDefinition } from './types'
import { version } from './version'

export type McpService = 'github' | 'slack' | 'stripe'

/** The mocks whose state the tools act on; any subset. */
export interface McpServices {
  github?: McpTarget
  slack?: McpTarget
  stripe?: McpTarget
}

export interface McpServerOptions {
  /**
   * The credential each service's REST requests carry, which names the partition on a mock with
   * `partitionBy: 'credential'` (as behind `understudy serve`). One string for all, or per service.
   * Default: `ghp_test`, `xoxb-test`, `sk_test_123`.
   */
  credential?: string | Partial<Record<McpService, string>>
}

const DEFAULT_CREDENTIALS: Record<McpService, string> = {
  github: 'ghp_test',
  slack: 'xoxb-test',
  stripe: 'sk_test_123',
}

const SERVICES: Record<McpService, ServiceTools> = {
  github: githubTools,
  slack: slackTools,
  stripe: stripeTools,
}

function credentialFor(options: McpServerOptions, service: McpService): string {
  const { credential } = options
  if (typeof credential === 'string') return credential
  return credential?.[service] ?? DEFAULT_CREDENTIALS[service]
}

/**
 * An MCP server (`McpServer` from `@modelcontextprotocol/sdk`) whose tools are the official GitHub,
 * Slack and Stripe MCP servers' tools (same names, descriptions and input schemas), each acting on the
 * given mock through its REST API, so tool calls and REST calls share state, webhooks and the log.
 *
 * @example
 * const github = createGitHubMock({ seed: { repos: [{ full_name: 'octo/hello' }] } })
 * const mcp = createMcpServer({ github })
 * const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
 * await mcp.connect(serverSide)
 * await client.connect(clientSide)
 * await client.callTool({ name: 'issue_write', arguments: { method: 'create', owner: 'octo', repo: 'hello', title: 'Bug' } })
 */
export function createMcpServer(services: McpServices, options: McpServerOptions = {}): McpServer {
  if (typeof services !== 'object' || services === null) {
    throw new InvalidOptionError(
      'services',
      'pass the mocks to serve. For example: createMcpServer({ github }).',
    )
  }
  const bound = new Map<
    string,
    { tools: ServiceTools; target: McpTarget; definition: ToolDefinition; credential: string }
  >()
  for (const [service, target] of Object.entries(services) as [McpService, McpTarget | undefined][]) {
    if (target === undefined) continue
    const tools = SERVICES[service]
    if (!tools) {
      throw new InvalidOptionError(
        `services.${service}`,
        `is not a service with an MCP stand-in (github, slack, stripe). For example: createMcpServer({ github }).`,
      )
    }
    if (typeof target?.handle !== 'function') {
      throw new InvalidOptionError(
        `services.${service}`,
        `must be an Understudy mock. For example: createMcpServer({ ${service}: create${service[0]!.toUpperCase()}${service.slice(1)}Mock() }).`,
      )
    }
    const credential = credentialFor(options, service)
    for (const definition of tools.definitions) {
      if (bound.has(definition.name)) {
        throw new InvalidOptionError(
          'services',
          `two services define the tool "${definition.name}"; serve them from separate servers.`,
        )
      }
      bound.set(definition.name, { tools, target, definition, credential })
    }
  }
  if (bound.size === 0) {
    throw new InvalidOptionError(
      'services',
      'names no mock. For example: createMcpServer({ github, slack }).',
    )
  }

  const names = Object.keys(services)
    .filter((s) => services[s as McpService])
    .join('-')
  const mcp = new McpServer({ name: `understudy-mcp-${names}`, version }, { capabilities: { tools: {} } })
  // The official definitions are JSON Schema as published; registering them raw (not as zod) keeps
  // tools/list byte-for-byte the official servers'.
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [...bound.values()].map(({ definition }) => ({ ...definition }) as never),
  }))
  mcp.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const entry = bound.get(request.params.name)
    if (!entry) return errorResult(`MCP error -32602: Tool ${request.params.name} not found`)
    const { tools, target, definition, credential } = entry
    const args = (request.params.arguments ?? {}) as Record<string, unknown>
    const problem = tools.validate(definition, args)
    if (problem) return errorResult(problem)
    const handler = tools.handlers[definition.name]!
    try {
      return await handler(args, {
        tool: definition.name,
        rest: (method, path, req) => restCall(target, tools, credential, definition.name, method, path, req),
      })
    } catch (error) {
      return errorResult(error instanceof Error ? error.message : String(error))
    }
  })
  return mcp
}
