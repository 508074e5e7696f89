export { type AgentOptions, createTriageAgent, type TriageAgent } from './agent'
export {
  type Classification,
  classificationSchema,
  classifyIssue,
  FALLBACK,
  type Priority,
  raisePriority,
} from './classify'
export { createClients, type LlmClient, type TriageClients } from './clients'
export { ConfigError, LLM_PROVIDERS, type LlmProvider, loadConfig, type TriageConfig } from './config'
export { serve } from './serve'
export { type IssueRef, type TriageResult, triageIssue } from './triage'
