import { WebClient } from '@slack/web-api'
import { createSlackMock } from '@understudy/mock-slack'
import { createStripeMock } from '@understudy/mock-stripe'
import { setupServer } from 'msw/node'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, textOf } from './helpers'

const slack = createSlackMock({
  seed: {
    team: { name: 'Acme', domain: 'acme' },
    users: [{ name: 'alice', real_name: 'Alice Smith' }],
    channels: [{ name: 'general' }, { name: 'random' }],
    tokens: [{ token: 'xoxb-test' }, { token: 'xoxb-readonly', scopes: ['channels:read'] }],
  },
})
const stripeMock = createStripeMock()
const server = setupServer(...slack.handlers, ...stripeMock.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterAll(() => server.close())
beforeEach(() => {
  slack.reset()
  stripeMock.reset()
})

const webClient = () =>
  new WebClient('xoxb-test', { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true })
const stripe = new Stripe('sk_test_123', { maxNetworkRetries: 0 })

test('Slack: a message posted through MCP is in the history WebClient reads, replies thread, reactions land', async () => {
  const client = await connect(createMcpServer({ slack }))
  const channels = JSON.parse(textOf(await client.callTool({ name: 'slack_list_channels', arguments: {} })))
  const general = channels.channels.find((c: { name: string }) => c.name === 'general')
  const posted = await client.callTool({
    name: 'slack_post_message',
    arguments: { channel_id: general.id, text: 'Deploy done' },
  })
  expect(posted.isError).toBeFalsy()
  const { ts } = JSON.parse(textOf(posted))
  await client.callTool({
    name: 'slack_reply_to_thread',
    arguments: { channel_id: general.id, thread_ts: ts, text: 'thanks' },
  })
  await client.callTool({
    name: 'slack_add_reaction',
    arguments: { channel_id: general.id, timestamp: ts, reaction: 'tada' },
  })

  const history = await webClient().conversations.history({ channel: general.id })
  expect(history.messages?.map((m) => m.text)).toEqual(['Deploy done'])
  expect(history.messages?.[0]).toMatchObject({ reply_count: 1, reactions: [{ name: 'tada' }] })
  const replies = JSON.parse(
    textOf(
      await client.callTool({
        name: 'slack_get_thread_replies',
        arguments: { channel_id: general.id, thread_ts: ts },
      }),
    ),
  )
  expect(replies.messages.map((m: { text: string }) => m.text)).toEqual(['Deploy done', 'thanks'])

  const users = JSON.parse(textOf(await client.callTool({ name: 'slack_get_users', arguments: {} })))
  const alice = users.members.find((u: { name: string }) => u.name === 'alice')
  const profile = JSON.parse(
    textOf(await client.callTool({ name: 'slack_get_user_profile', arguments: { user_id: alice.id } })),
  )
  expect(profile).toMatchObject({ ok: true, profile: { real_name: 'Alice Smith' } })
  expect(slack.calls({ path: 'mcp:tools/call slack_post_message' })[0]).toMatchObject({
    service: 'slack',
    via: { method: 'POST', path: '/api/chat.postMessage' },
  })
})

test('Slack: errors are isError results carrying Slack’s own error (channel_not_found, missing_scope, rate limits)', async () => {
  const client = await connect(createMcpServer({ slack }))
  const missing = await client.callTool({
    name: 'slack_post_message',
    arguments: { channel_id: 'C404', text: 'x' },
  })
  expect(missing.isError).toBe(true)
  expect(JSON.parse(textOf(missing))).toMatchObject({ ok: false, error: 'channel_not_found' })

  const readonly = await connect(createMcpServer({ slack }, { credential: 'xoxb-readonly' }))
  const refused = await readonly.callTool({
    name: 'slack_post_message',
    arguments: { channel_id: 'general', text: 'x' },
  })
  expect(refused.isError).toBe(true)
  expect(JSON.parse(textOf(refused))).toMatchObject({
    ok: false,
    error: 'missing_scope',
    needed: 'chat:write',
  })

  slack.fail({ path: '/api/conversations.list', rateLimit: { retryAfter: 30 } })
  const limited = await client.callTool({ name: 'slack_list_channels', arguments: {} })
  expect(limited.isError).toBe(true)
  expect(textOf(limited)).toMatch(/ratelimited|429/)

  const invalid = await client.callTool({ name: 'slack_post_message', arguments: { channel_id: 'C1' } })
  expect(textOf(invalid)).toBe(
    'MCP error -32602: Input validation error: Invalid arguments for tool slack_post_message: text: Required',
  )
})

test('Stripe: customers, products, prices, invoices and subscriptions through MCP are what the Stripe SDK reads', async () => {
  const client = await connect(createMcpServer({ stripe: stripeMock }))
  const customer = JSON.parse(
    textOf(
      await client.callTool({
        name: 'create_customer',
        arguments: { name: 'Ada', email: 'ada@example.com' },
      }),
    ),
  )
  expect(customer).toEqual({ id: expect.stringMatching(/^cus_/) })
  expect(await stripe.customers.retrieve(customer.id)).toMatchObject({
    name: 'Ada',
    email: 'ada@example.com',
  })

  const product = JSON.parse(
    textOf(await client.callTool({ name: 'create_product', arguments: { name: 'Pro' } })),
  )
  const price = JSON.parse(
    textOf(
      await client.callTool({
        name: 'create_price',
        arguments: { product: product.id, unit_amount: 1200, currency: 'usd' },
      }),
    ),
  )
  expect(price).toMatchObject({ object: 'price', unit_amount: 1200, product: product.id })
  const invoice = JSON.parse(
    textOf(
      await client.callTool({
        name: 'create_invoice',
        arguments: { customer: customer.id, days_until_due: 7 },
      }),
    ),
  )
  expect(invoice).toMatchObject({ customer: customer.id, status: 'draft' })
  const item = await client.callTool({
    name: 'create_invoice_item',
    arguments: { customer: customer.id, price: price.id, invoice: invoice.id },
  })
  expect(item.isError, textOf(item)).toBeFalsy()
  const finalized = JSON.parse(
    textOf(await client.callTool({ name: 'finalize_invoice', arguments: { invoice: invoice.id } })),
  )
  expect(finalized.status).toBe('open')
  expect((await stripe.invoices.retrieve(invoice.id)).amount_due).toBe(1200)

  const listed = JSON.parse(
    textOf(await client.callTool({ name: 'list_customers', arguments: { email: 'ada@example.com' } })),
  )
  expect(listed).toEqual([{ id: customer.id }])
  expect(stripeMock.calls({ path: 'mcp:tools/call create_customer' })[0]).toMatchObject({
    service: 'stripe',
    via: { method: 'POST', path: '/v1/customers' },
  })
})

test('Stripe: failures keep the toolkit’s sentence and add Stripe’s message, as isError results', async () => {
  const client = await connect(createMcpServer({ stripe: stripeMock }))
  const refund = await client.callTool({ name: 'create_refund', arguments: { payment_intent: 'pi_missing' } })
  expect(refund.isError).toBe(true)
  expect(textOf(refund)).toBe("Failed to create refund: No such payment_intent: 'pi_missing'")

  stripeMock.fail({ path: '/v1/customers', status: 500 })
  const failed = await client.callTool({ name: 'create_customer', arguments: { name: 'Ada' } })
  expect(failed.isError).toBe(true)
  expect(textOf(failed)).toMatch(/^Failed to create customer/)

  const invalid = await client.callTool({
    name: 'create_price',
    arguments: { product: 'prod_1', currency: 'usd' },
  })
  expect(textOf(invalid)).toMatch(/Invalid arguments for tool create_price: unit_amount: Required/)
})
