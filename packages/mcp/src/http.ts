import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { createMcpServer, type McpService, type McpServices } from './server'

/**
 * Serves one Streamable HTTP request (POST of JSON-RPC messages) with a server bound to `services`,
 * statelessly: every request gets its own server and transport, so any number of clients and
 * partitions share nothing but the mocks. Answers are JSON, not SSE streams (tools never notify).
 *
 * @example
 * // behind `understudy serve`: POST /mcp/github with `Authorization: Bearer ghp_x` → partition ghp_x
 * const response = await handleMcpRequest(request, { github }, { credential: 'ghp_x' })
 */
export async function handleMcpRequest(
  request: Request,
  services: McpServices,
  options: { credential?: string | Partial<Record<McpService, string>> } = {},
): Promise<Response> {
  const server = createMcpServer(services, options)
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  })
  await server.connect(transport)
  try {
    return await transport.handleRequest(request)
  } finally {
    await server.close()
  }
}
