export { type AgentRun, type McpAgentOptions, runAgent, type ToolCallRecord } from './agent'
