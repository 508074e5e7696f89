import Stripe from 'stripe'
import { beforeEach, expect, test } from 'vitest'
import { describeTransports } from './support'

const delivered: Array<{ url: string; body: string }> = []
beforeEach(() => {
  delivered.length = 0
})

describeTransports(
  'Stripe-Account (Connect)',
  (h) => {
    test('each connected account has its own objects and events; Connect endpoints hear them', async () => {
      const stripe = h.stripe()
      await stripe.webhookEndpoints.create({
        url: 'https://platform.example/account',
        enabled_events: ['customer.created'],
      })
      const connect = await stripe.webhookEndpoints.create({
        url: 'https://platform.example/connect',
        enabled_events: ['customer.created'],
        connect: true,
      })
      const onAccount = await stripe.customers.create(
        { email: 'seller@example.com' },
        { stripeAccount: 'acct_1Seller' },
      )
      expect(onAccount.lastResponse.stripeAccount).toBe('acct_1Seller')
      await stripe.customers.create({ email: 'platform@example.com' })

      const emails = async (options?: Stripe.RequestOptions) =>
        (await stripe.customers.list({}, options)).data.map((c) => c.email)
      expect(await emails()).toEqual(['platform@example.com'])
      expect(await emails({ stripeAccount: 'acct_1Seller' })).toEqual(['seller@example.com'])
      expect(await emails({ stripeAccount: 'acct_2Other' })).toEqual([])

      const [event] = (await stripe.events.list({}, { stripeAccount: 'acct_1Seller' })).data
      expect(event).toMatchObject({ type: 'customer.created', account: 'acct_1Seller' })

      await h.mock.settled()
      expect(delivered.map((d) => d.url).sort()).toEqual([
        'https://platform.example/account',
        'https://platform.example/connect',
      ])
      const connectBody = delivered.find((d) => d.url.endsWith('/connect'))!.body
      expect(JSON.parse(connectBody)).toMatchObject({
        account: 'acct_1Seller',
        data: { object: { id: onAccount.id } },
      })
      expect(connect.secret).toMatch(/^whsec_/)
    })

    test('a Stripe-Account that is not an account id is refused with 403 (StripePermissionError)', async () => {
      const stripe = h.stripe()
      const error = await stripe.customers
        .list({}, { stripeAccount: 'not-an-account' })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError)
      expect((error as Error).message).toMatch(/does not have access to account 'not-an-account'/)
    })
  },
  {
    mock: () => ({
      webhooks: {
        transport: async (request) => {
          delivered.push({ url: request.url, body: await request.text() })
          return new Response('ok')
        },
      },
    }),
  },
)
