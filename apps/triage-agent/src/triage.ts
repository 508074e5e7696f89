import { classifyIssue, type Priority, raisePriority } from './classify'
import type { TriageClients } from './clients'

export interface IssueRef {
  owner: string
  repo: string
  number: number
  title: string
  body?: string | null
  author: string
  url?: string
}

export type StepStatus = 'ok' | 'failed' | 'skipped'

/** What the agent did for one issue: returned to the webhook caller and logged. */
export interface TriageResult {
  issue: { owner: string; repo: string; number: number }
  labels: string[]
  priority: Priority
  comment: string
  payingCustomer: boolean
  steps: {
    llm: 'model' | 'fallback'
    customer: 'paying' | 'not_paying' | 'not_found' | 'no_email' | 'unavailable'
    labels: StepStatus
    comment: StepStatus
    slack: StepStatus
  }
  errors: string[]
}

export interface TriageOptions {
  model: string
  slackChannel: string
}

function message(error: unknown): string {
  const e = error as { message?: string; data?: { error?: string }; status?: number }
  return e.data?.error ?? e.message ?? String(error)
}

/**
 * Looks the issue's author up as a Stripe customer by their public GitHub email; an active
 * subscription makes them a paying customer. Stripe being down must not stop triage.
 */
async function lookUpCustomer(
  clients: TriageClients,
  author: string,
  errors: string[],
): Promise<TriageResult['steps']['customer']> {
  let email: string | null | undefined
  try {
    email = (await clients.octokit.users.getByUsername({ username: author })).data.email
  } catch (error) {
    errors.push(`GitHub user lookup failed: ${message(error)}`)
    return 'no_email'
  }
  if (!email) return 'no_email'
  try {
    const customers = await clients.stripe.customers.list({ email, limit: 1 })
    const customer = customers.data[0]
    if (!customer) return 'not_found'
    const subscriptions = await clients.stripe.subscriptions.list({
      customer: customer.id,
      status: 'active',
      limit: 1,
    })
    return subscriptions.data.length > 0 ? 'paying' : 'not_paying'
  } catch (error) {
    errors.push(`Stripe unavailable: ${message(error)}`)
    return 'unavailable'
  }
}

/**
 * The agent's job for one opened issue: classify it with the LLM, raise the priority for paying
 * customers, apply labels, comment, and tell Slack about P0/P1. Each step degrades on its own: a
 * failure is recorded in `errors` and the remaining steps still run.
 */
export async function triageIssue(
  clients: TriageClients,
  issue: IssueRef,
  options: TriageOptions,
): Promise<TriageResult> {
  const errors: string[] = []
  const [outcome, customer] = await Promise.all([
    // The configured provider's client carries its own model; `options.model` names OpenAI's.
    classifyIssue(clients.llm.provider === 'openai' ? clients.openai : clients.llm, options.model, issue),
    lookUpCustomer(clients, issue.author, errors),
  ])
  if (outcome.error) errors.push(outcome.error)
  const { classification } = outcome
  const payingCustomer = customer === 'paying'
  const priority = payingCustomer ? raisePriority(classification.priority) : classification.priority
  const labels = [...new Set([...classification.labels, priority])]
  const comment = [
    classification.comment,
    '',
    `Priority: **${priority}**${payingCustomer && priority !== classification.priority ? ' (raised: paying customer)' : ''}`,
    `Labels: ${labels.join(', ')}`,
  ].join('\n')
  const ref = { owner: issue.owner, repo: issue.repo, issue_number: issue.number }

  const steps: TriageResult['steps'] = {
    llm: outcome.source,
    customer,
    labels: 'ok',
    comment: 'ok',
    slack: 'skipped',
  }
  try {
    await clients.octokit.issues.addLabels({ ...ref, labels })
  } catch (error) {
    steps.labels = 'failed'
    errors.push(`Labels not applied: ${message(error)}`)
  }
  try {
    await clients.octokit.issues.createComment({ ...ref, body: comment })
  } catch (error) {
    steps.comment = 'failed'
    errors.push(`Comment not posted: ${message(error)}`)
  }
  if (priority === 'P0' || priority === 'P1') {
    try {
      await clients.slack.chat.postMessage({
        channel: options.slackChannel,
        text: `${priority} issue in ${issue.owner}/${issue.repo}#${issue.number}: ${issue.title}${issue.url ? ` ${issue.url}` : ''}`,
      })
      steps.slack = 'ok'
    } catch (error) {
      steps.slack = 'failed'
      errors.push(`Slack notice not sent: ${message(error)}`)
    }
  }
  return {
    issue: { owner: issue.owner, repo: issue.repo, number: issue.number },
    labels,
    priority,
    comment,
    payingCustomer,
    steps,
    errors,
  }
}
