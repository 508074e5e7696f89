import { describe, expect, test } from 'vitest'
import { DEMO, openDemoIssue, startDemo } from '../src/demo'

describe('end to end over real HTTP', () => {
  test('opening an issue through Octokit: the repo hook delivers a signed webhook to the running agent, and the labels, comment and Slack message land in the server', async () => {
    const demo = await startDemo({ port: 0 })
    try {
      const issue = await openDemoIssue(demo)
      const { octokit, slack } = demo.clients
      const ref = { owner: DEMO.repo.owner, repo: DEMO.repo.name, issue_number: issue.number }

      const { data: labels } = await octokit.issues.listLabelsOnIssue(ref)
      expect(labels.map((l) => l.name)).toEqual(['bug', 'P1'])
      const { data: comments } = await octokit.issues.listComments(ref)
      expect(comments).toHaveLength(1)
      expect(comments[0]?.body).toContain('Priority: **P1** (raised: paying customer)')

      const { channels } = await slack.conversations.list()
      const triage = channels?.find((c) => c.name === 'triage')
      const history = await slack.conversations.history({ channel: triage!.id! })
      expect(history.messages?.[0]?.text).toMatch(
        /^P1 issue in octocat\/hello-world#1: Login button does nothing on Safari/,
      )

      // The delivery went over HTTP, signed with the hook's secret, and the agent accepted it.
      const admin = await fetch(`${demo.server.url}/_understudy/webhooks`)
      const { deliveries } = (await admin.json()) as {
        deliveries: Array<{
          event: string
          status: string
          url: string
          signature: { scheme: string | null; verified: boolean | null }
          response: { status?: number }
        }>
      }
      const delivery = deliveries.find((d) => d.event === 'issues')
      expect(delivery).toMatchObject({ status: 'delivered', url: demo.agentUrl, response: { status: 200 } })
      expect(delivery?.signature).toMatchObject({ scheme: 'github', verified: true })
    } finally {
      await demo.close()
    }
  })
})
