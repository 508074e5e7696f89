import { credentialFromAuthorization } from '@understudy/core'
import { handleMcpRequest, type McpService } from '@understudy/mcp'
import type { ServiceName, UnderstudyMock } from './services'

export const MCP_PREFIX = '/mcp'
const MCP_SERVICES: readonly McpService[] = ['github', 'slack', 'stripe']

function problem(status: number, error: string, headers?: Record<string, string>): Response {
  return Response.json({ error: `[understudy:cli] ${error}` }, { status, ...(headers ? { headers } : {}) })
}

/**
 * `/mcp/<service>`: the service's MCP stand-in over Streamable HTTP, acting on the partition the
 * `Authorization` bearer names (the same credential the service's REST clients use).
 */
export function handleMcp(
  request: Request,
  pathname: string,
  mocks: Partial<Record<ServiceName, UnderstudyMock>>,
): Promise<Response> | Response {
  const service = pathname.slice(MCP_PREFIX.length + 1).replace(/\/+$/, '')
  if (!(MCP_SERVICES as readonly string[]).includes(service)) {
    return problem(
      404,
      `No MCP server at ${pathname}. MCP servers: ${MCP_SERVICES.map((s) => `${MCP_PREFIX}/${s}`).join(', ')}.`,
    )
  }
  const mock = mocks[service as McpService]
  if (!mock)
    return problem(
      404,
      `The ${service} service is not mounted on this server, so ${pathname} has no MCP server.`,
    )
  const credential = credentialFromAuthorization(request.headers.get('authorization'))
  if (!credential) {
    return problem(
      401,
      `${pathname} needs an Authorization bearer: it names the partition, as for the REST API. For example: Authorization: Bearer ${service === 'github' ? 'ghp_test' : service === 'slack' ? 'xoxb-test' : 'sk_test_123'}.`,
      { 'www-authenticate': 'Bearer' },
    )
  }
  return handleMcpRequest(request, { [service]: mock }, { credential })
}
