import { createStripeMock } from '@understudy/mock-stripe'
import { setupServer } from 'msw/node'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, textOf } from './helpers'

const stripeMock = createStripeMock()
const server = setupServer(...stripeMock.handlers)
beforeAll(() => server.listen())
afterEach(() => stripeMock.reset())
afterAll(() => server.close())

const stripe = new Stripe('sk_test_123', { maxNetworkRetries: 0 })

async function tool(name: string, args: Record<string, unknown> = {}) {
  const client = await connect(createMcpServer({ stripe: stripeMock }))
  const result = await client.callTool({ name, arguments: args })
  return { result, text: textOf(result) }
}

test('Stripe: create_coupon and list_coupons act on mock-stripe, in the toolkit shapes', async () => {
  const { result, text } = await tool('create_coupon', {
    name: 'Five off',
    amount_off: 500,
    duration: 'forever',
  })
  expect(result.isError).toBeFalsy()
  const { id } = JSON.parse(text)
  // The toolkit's default currency (USD) is sent; Stripe stores it lower-case.
  expect(await stripe.coupons.retrieve(id)).toMatchObject({
    amount_off: 500,
    currency: 'usd',
    duration: 'forever',
  })
  const listed = JSON.parse((await tool('list_coupons', { limit: 5 })).text)
  expect(listed).toEqual([{ id, name: 'Five off', percent_off: null, amount_off: 500, duration: 'forever' }])
  expect(stripeMock.events({ type: 'coupon.created' })).toHaveLength(1)
  expect(stripeMock.calls({ path: 'mcp:tools/call create_coupon' })[0]).toMatchObject({
    service: 'stripe',
    via: { method: 'POST', path: '/v1/coupons' },
  })

  // The toolkit's schema requires amount_off, so a percentage coupon sends both, which Stripe refuses.
  const both = await tool('create_coupon', { name: 'Ten percent', amount_off: 100, percent_off: 10 })
  expect(both.result.isError).toBe(true)
  expect(both.text).toBe(
    'Failed to create coupon: You may only specify one of these parameters: amount_off, percent_off.',
  )
})

test('Stripe: create_payment_link sells a price; a missing price is an isError result', async () => {
  const price = await stripe.prices.create({
    unit_amount: 900,
    currency: 'usd',
    product_data: { name: 'Pro' },
  })
  const { text } = await tool('create_payment_link', {
    price: price.id,
    quantity: 2,
    redirect_url: 'https://example.com/thanks',
  })
  const link = JSON.parse(text)
  expect(link).toEqual({
    id: expect.stringMatching(/^plink_/),
    url: expect.stringMatching(/^https:\/\/buy\.stripe\.com\/test_/),
  })
  expect(await stripe.paymentLinks.retrieve(link.id)).toMatchObject({
    after_completion: { type: 'redirect', redirect: { url: 'https://example.com/thanks' } },
  })
  expect((await stripe.paymentLinks.listLineItems(link.id)).data[0]).toMatchObject({
    quantity: 2,
    amount_total: 1800,
  })

  const missing = await tool('create_payment_link', { price: 'price_missing', quantity: 1 })
  expect(missing.result.isError).toBe(true)
  expect(missing.text).toBe("Failed to create payment link: No such price: 'price_missing'")
})

test('Stripe: list_disputes and update_dispute on a dispute the test card opened; retrieve_balance', async () => {
  const pi = await stripe.paymentIntents.create({
    amount: 2000,
    currency: 'usd',
    payment_method: 'pm_card_createDispute',
    allowed_payment_method_types: ['card'],
    confirm: true,
  })
  const disputes = JSON.parse((await tool('list_disputes', { payment_intent: pi.id })).text)
  expect(disputes).toEqual([{ id: expect.stringMatching(/^dp_/) }])
  const updated = await tool('update_dispute', {
    dispute: disputes[0].id,
    evidence: { uncategorized_text: 'Delivered, signed for.' },
    submit: true,
  })
  expect(JSON.parse(updated.text)).toEqual({ id: disputes[0].id })
  expect(await stripe.disputes.retrieve(disputes[0].id)).toMatchObject({
    status: 'under_review',
    evidence: { uncategorized_text: 'Delivered, signed for.' },
  })
  expect(stripeMock.events({ type: 'charge.dispute.updated' })).toHaveLength(1)

  const again = await tool('update_dispute', { dispute: 'dp_missing', submit: true })
  expect(again.result.isError).toBe(true)
  expect(again.text).toBe("Failed to update dispute: No such dispute: 'dp_missing'")

  const balance = JSON.parse((await tool('retrieve_balance')).text)
  expect(balance).toMatchObject({ object: 'balance', livemode: false })
  expect(balance).toEqual(await stripe.balance.retrieve())
})

test('search_stripe_documentation is still not served', async () => {
  const client = await connect(createMcpServer({ stripe: stripeMock }))
  const { tools } = await client.listTools()
  const names = tools.map((t) => t.name)
  expect(names).toEqual(
    expect.arrayContaining([
      'create_coupon',
      'list_coupons',
      'create_payment_link',
      'list_disputes',
      'update_dispute',
      'retrieve_balance',
    ]),
  )
  expect(names).not.toContain('search_stripe_documentation')
})
