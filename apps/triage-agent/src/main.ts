// Runs the triage agent as a service: configuration from the environment (see config.ts).
import { createTriageAgent } from './agent'
import { createClients } from './clients'
import { ConfigError, loadConfig } from './config'
import { serve } from './serve'

try {
  const config = loadConfig()
  const agent = createTriageAgent(createClients(config), {
    webhookSecret: config.webhookSecret,
    model: config.openai.model,
    slackChannel: config.slack.channel,
    log: (line) => console.log(`[triage-agent] ${line}`),
  })
  const { url, close } = await serve(agent.fetch, {
    port: config.port,
    host: process.env.HOST ?? '127.0.0.1',
  })
  console.log(`[triage-agent] listening on ${url}/webhooks/github`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void close().then(() => process.exit(0)))
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`[triage-agent] ${error.message}`)
    process.exit(2)
  }
  throw error
}
