import type { JsonSchema, ToolDefinition } from './types'

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  if (value === null) return 'null'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function fits(schema: JsonSchema, value: unknown): boolean {
  if (schema.type === undefined) return true
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  const actual = typeOf(value)
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'))
}

/** What is wrong with the arguments, checked against the tool's published input schema. */
export interface ArgumentProblem {
  kind: 'missing' | 'type' | 'enum'
  name: string
  expected?: string
  actual?: string
}

/** The first problem with `args` for `tool` (required, top-level types and enums), if any. */
export function findProblem(
  tool: ToolDefinition,
  args: Record<string, unknown>,
): ArgumentProblem | undefined {
  for (const name of tool.inputSchema.required ?? []) {
    if (args[name] === undefined || args[name] === null) return { kind: 'missing', name }
  }
  for (const [name, value] of Object.entries(args)) {
    const schema = tool.inputSchema.properties?.[name]
    if (!schema || value === undefined) continue
    if (!fits(schema, value)) {
      return { kind: 'type', name, expected: String(schema.type), actual: typeOf(value) }
    }
    if (schema.enum && !schema.enum.includes(value)) {
      return { kind: 'enum', name, expected: schema.enum.map(String).join(', '), actual: String(value) }
    }
  }
  return undefined
}

/** The MCP TypeScript SDK's wording, which Stripe's and the reference Slack server (both on it) use. */
export function sdkValidationMessage(
  tool: ToolDefinition,
  args: Record<string, unknown>,
): string | undefined {
  const problem = findProblem(tool, args)
  if (!problem) return undefined
  const detail =
    problem.kind === 'missing'
      ? `${problem.name}: Required`
      : problem.kind === 'type'
        ? `${problem.name}: Expected ${problem.expected}, received ${problem.actual}`
        : `${problem.name}: Invalid enum value. Expected ${problem.expected}, received '${problem.actual}'`
  return `MCP error -32602: Input validation error: Invalid arguments for tool ${tool.name}: ${detail}`
}
