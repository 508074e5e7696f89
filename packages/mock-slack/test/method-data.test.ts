import { describe, expect, test } from 'vitest'
import { type MethodInfo, methods } from '../src/generated/methods'
import { tiers } from '../src/generated/tiers'
import { granularScopes } from '../src/method-scopes'
import type { MethodMeta } from '../src/routes/define'
import { slackService } from '../src/service'

// Every Web API method a route implements, with the scopes and tier it answers with.
const implemented = slackService.routes
  .filter((route) => route.options.meta !== undefined)
  .map((route) => ({ name: route.options.name!, meta: route.options.meta as MethodMeta }))
const published = methods as Record<string, MethodInfo>

describe("a method's scopes and tier are Slack's published data", () => {
  test('routes name only methods Slack has', () => {
    expect(implemented.length).toBeGreaterThan(40)
    for (const { name } of implemented) expect(published[name], name).toBeDefined()
  })

  test("scopes are the published description's, or the granular ones where it is out of date", () => {
    for (const { name, meta } of implemented)
      expect(meta.scopes, name).toEqual(
        granularScopes[name as keyof typeof granularScopes] ?? published[name]?.scopes,
      )
  })

  test('each hand-written granular entry is for an implemented method the description gets wrong', () => {
    const names = new Set(implemented.map((m) => m.name))
    for (const [name, scopes] of Object.entries(granularScopes)) {
      expect(names.has(name), `${name} is implemented`).toBe(true)
      expect(scopes, `${name} differs from the description`).not.toEqual(published[name]?.scopes)
    }
  })

  test("tiers are the official SDK's for every method", () => {
    for (const { name, meta } of implemented) expect(meta.rate, name).toEqual(tiers[name])
    // Spot checks against Slack's rate-limit docs (https://docs.slack.dev/apis/web-api/rate-limits).
    expect(tiers['chat.postMessage']).toEqual({ tier: 'special', perMinute: 60, perChannel: true })
    expect(tiers['conversations.list']).toEqual({ tier: 2 })
    expect(tiers['conversations.history']).toEqual({ tier: 3 })
    expect(tiers['users.info']).toEqual({ tier: 4 })
  })
})
