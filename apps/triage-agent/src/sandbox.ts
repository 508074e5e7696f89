// `npm start`: the sandbox. Starts `understudy serve` with a seeded demo and the triage agent, opens a
// demo issue, and leaves everything running so the flow can be explored on the dashboard.
import { DEMO, openDemoIssue, startDemo } from './demo'

const once = process.argv.includes('--once')
const port = Number(process.env.UNDERSTUDY_PORT ?? 4010)
const log = (line: string) => console.log(`[sandbox] ${line}`)

const demo = await startDemo({ port, log }).catch((error: Error) => {
  // A taken port is the usual failure: say how to pick another instead of printing a stack.
  console.error(`[sandbox] ${error.message}`)
  console.error('[sandbox] set UNDERSTUDY_PORT to another port (0 picks a free one) and run npm start again')
  process.exit(1)
})
log(
  `Understudy server on ${demo.server.url} (GitHub ${demo.server.url}/github, Slack ${demo.server.url}/slack/api/, OpenAI ${demo.server.url}/openai/v1, Stripe ${demo.server.url}/v1)`,
)
const issue = await openDemoIssue(demo)
const result = demo.agent.results.at(-1)
log(`opened ${DEMO.repo.owner}/${DEMO.repo.name}#${issue.number} "${issue.title}"`)
if (result) {
  log(
    `agent triaged it: ${result.priority} [${result.labels.join(', ')}], Slack notice: ${result.steps.slack}, paying customer: ${result.payingCustomer}`,
  )
} else {
  log('the agent has not triaged the issue: check the webhook deliveries on the dashboard')
}
log(`dashboard: ${demo.server.url}/`)
log(
  `try it: curl -H 'Authorization: Bearer ${DEMO.githubToken}' ${demo.server.url}/github/repos/${DEMO.repo.owner}/${DEMO.repo.name}/issues/1/labels`,
)

const stop = async () => {
  log('stopping')
  await demo.close()
  process.exit(0)
}
if (once) await stop()
else {
  log('press Ctrl-C to stop')
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}
