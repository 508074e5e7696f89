import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import Stripe from 'stripe'
import { expect, test } from 'vitest'
import { describeTransports, KEY } from './support'

describeTransports('customers', (h) => {
  test('customers.create / retrieve / update / del keep state like test mode', async () => {
    const stripe = h.stripe()
    const created = await stripe.customers.create({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      metadata: { plan: 'pro', github: 'ada' },
      address: { city: 'London', country: 'GB' },
    })
    expect(created).toMatchObject({
      object: 'customer',
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      metadata: { plan: 'pro', github: 'ada' },
      address: { city: 'London', country: 'GB', line1: null },
      livemode: false,
      created: Date.parse('2026-01-15T12:00:00Z') / 1000,
    })
    expect(created.id).toMatch(/^cus_[A-Za-z0-9]{14}$/)
    expect(created.lastResponse.requestId).toMatch(/^req_[A-Za-z0-9]{14}$/)
    expect(created.lastResponse.headers['stripe-version']).toBe('2026-10-28.endive')

    // '' unsets: a metadata key, and a nullable field.
    const updated = await stripe.customers.update(created.id, { metadata: { plan: '' }, name: '' })
    expect(updated.metadata).toEqual({ github: 'ada' })
    expect(updated.name).toBeNull()

    const fetched = await stripe.customers.retrieve(created.id)
    expect(fetched).toMatchObject({ id: created.id, name: null, metadata: { github: 'ada' } })

    const deleted = await stripe.customers.del(created.id)
    expect(deleted).toEqual(expect.objectContaining({ id: created.id, object: 'customer', deleted: true }))
    expect(await stripe.customers.retrieve(created.id)).toMatchObject({ id: created.id, deleted: true })
  })

  test('answers carry Content-Length, so stripe-node keeps one connection for successive calls', async () => {
    let opened = 0
    const Base = h.transport === 'http' ? http.Agent : https.Agent
    const agent = new Base({ keepAlive: true })
    const open = agent.createConnection.bind(agent) as (...args: unknown[]) => Duplex
    agent.createConnection = (...args: unknown[]) => {
      opened++
      return open(...args)
    }
    const stripe = h.stripe({ httpAgent: agent })
    const created = await stripe.customers.create({ email: 'ada@example.com' }, { idempotencyKey: 'ada' })
    const replayed = await stripe.customers.create({ email: 'ada@example.com' }, { idempotencyKey: 'ada' })
    const missing = await stripe.customers.retrieve('cus_missing').catch((e: unknown) => e)
    agent.destroy()
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(replayed.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(replayed.lastResponse.headers['content-length']).toBe(
      created.lastResponse.headers['content-length'],
    )
    // Without a length, each answer ended only with its connection: a new one (and TLS handshake) per call.
    expect(opened).toBe(1)

    for (const path of [`/v1/customers/${created.id}`, '/v1/customers/cus_missing']) {
      const raw = await h.mock.fetch(`https://api.stripe.com${path}`, {
        headers: { authorization: `Bearer ${KEY}` },
      })
      const bytes = new Uint8Array(await raw.arrayBuffer())
      expect(bytes.length).toBeGreaterThan(0)
      expect(raw.headers.get('content-length')).toBe(String(bytes.length))
    }
  })

  test('customers.list({ email }) finds by exact email, as the triage agent looks customers up', async () => {
    const stripe = h.stripe()
    await stripe.customers.create({ email: 'ada@example.com' })
    const grace = await stripe.customers.create({ email: 'grace@example.com' })
    const found = await stripe.customers.list({ email: 'grace@example.com', limit: 1 })
    expect(found.data.map((c) => c.id)).toEqual([grace.id])
    expect(found).toMatchObject({ object: 'list', has_more: false, url: '/v1/customers' })
    expect((await stripe.customers.list({ email: 'nobody@example.com' })).data).toEqual([])
  })

  test('for await walks every page newest first (limit, starting_after, has_more)', async () => {
    const stripe = h.stripe()
    const ids: string[] = []
    for (let i = 0; i < 25; i++) ids.push((await stripe.customers.create({ email: `c${i}@example.com` })).id)
    const first = await stripe.customers.list({ limit: 10 })
    expect(first.has_more).toBe(true)
    expect(first.data.map((c) => c.id)).toEqual(ids.slice(-10).reverse())
    const seen: string[] = []
    for await (const customer of stripe.customers.list({ limit: 10 })) seen.push(customer.id)
    expect(seen).toEqual([...ids].reverse())
    const listCalls = h.mock.calls('GET /v1/customers')
    expect(listCalls.at(-1)!.query).toMatchObject({ limit: '10', starting_after: ids[5] })

    // ending_before pages backwards: the 10 customers just newer than the cursor.
    const before = await stripe.customers.list({ limit: 3, ending_before: ids[5] })
    expect(before.data.map((c) => c.id)).toEqual([ids[8], ids[7], ids[6]])
    expect(before.has_more).toBe(true)
    const back: string[] = []
    for await (const c of stripe.customers.list({ limit: 4, ending_before: ids[20] })) back.push(c.id)
    expect(back).toEqual(ids.slice(21))
  })

  test('customers.search understands email, name, metadata, ~, AND / OR, and pages', async () => {
    const stripe = h.stripe()
    const ada = await stripe.customers.create({
      email: 'Ada@Example.com',
      name: 'Ada Lovelace',
      metadata: { tier: 'gold' },
    })
    const grace = await stripe.customers.create({
      email: 'grace@navy.mil',
      name: 'Grace Hopper',
      metadata: { tier: 'gold' },
    })
    await stripe.customers.create({ email: 'alan@example.com', name: 'Alan Turing' })
    const ids = async (query: string) => (await stripe.customers.search({ query })).data.map((c) => c.id)
    expect(await ids("email:'ada@example.com'")).toEqual([ada.id])
    expect(await ids("name~'hop'")).toEqual([grace.id])
    expect(await ids("metadata['tier']:'gold'")).toEqual([grace.id, ada.id])
    expect(await ids("metadata['tier']:'gold' AND email:'grace@navy.mil'")).toEqual([grace.id])
    expect(await ids("name:'Ada Lovelace' OR name:'Alan Turing'")).toHaveLength(2)
    expect(await ids("-metadata['tier']:'gold'")).toHaveLength(1)

    const page = await stripe.customers.search({ query: "email~'example'", limit: 1 })
    expect(page).toMatchObject({ object: 'search_result', has_more: true, url: '/v1/customers/search' })
    expect(page.next_page).toEqual(expect.any(String))
    const all: string[] = []
    for await (const c of stripe.customers.search({ query: "email~'example'", limit: 1 })) all.push(c.id)
    expect(all).toHaveLength(2)

    const error = await stripe.customers.search({ query: "colour:'red'" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect((error as Stripe.errors.StripeError).message).toMatch(/unsupported search field/)
  })

  test('expand[] replaces ids with objects, nested and on lists', async () => {
    const stripe = h.stripe()
    const pm = await stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } })
    const customer = await stripe.customers.create({
      payment_method: pm.id,
      invoice_settings: { default_payment_method: pm.id },
    })
    const expanded = await stripe.customers.retrieve(customer.id, {
      expand: ['invoice_settings.default_payment_method'],
    })
    expect((expanded as Stripe.Customer).invoice_settings.default_payment_method).toMatchObject({
      id: pm.id,
      object: 'payment_method',
      customer: customer.id,
    })
    const pi = await stripe.paymentIntents.create({ amount: 500, currency: 'usd', customer: customer.id })
    const listed = await stripe.paymentIntents.list({ expand: ['data.customer'] })
    expect(listed.data[0]!.customer).toMatchObject({ id: customer.id, object: 'customer' })
    expect(pi.customer).toBe(customer.id)

    const wrong = await stripe.paymentIntents.list({ expand: ['customer'] }).catch((e: unknown) => e)
    expect((wrong as Error).message).toBe(
      "This property cannot be expanded (customer). You may want to try expanding 'data.customer' instead.",
    )
    const metadata = await stripe.customers
      .retrieve(customer.id, { expand: ['metadata'] })
      .catch((e: unknown) => e)
    expect((metadata as Error).message).toBe('This property cannot be expanded (metadata).')
  })

  test("errors carry Stripe's shape: resource_missing, parameter_unknown, parameter_missing", async () => {
    const stripe = h.stripe()
    const missing = (await stripe.customers
      .retrieve('cus_nope')
      .catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(missing).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
      message: "No such customer: 'cus_nope'",
      doc_url: 'https://docs.stripe.com/error-codes/resource-missing',
    })
    expect(missing.requestId).toMatch(/^req_/)
    expect(missing.raw).toMatchObject({ request_log_url: expect.stringContaining(missing.requestId!) })

    const unknown = (await stripe.customers
      .create({ emial: 'typo@example.com' } as Stripe.CustomerCreateParams)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(unknown).toMatchObject({
      code: 'parameter_unknown',
      param: 'emial',
      message: 'Received unknown parameter: emial',
    })

    const noAmount = (await stripe.paymentIntents
      .create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(noAmount).toMatchObject({
      code: 'parameter_missing',
      param: 'amount',
      message: 'Missing required param: amount.',
    })
  })

  test('a key that is not a test secret key is refused with 401, before the route is looked at', async () => {
    const live = h.stripe({}, 'sk_live_abcdefghijklmnop1234')
    const error = (await live.customers.list().catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
    expect(error.message).toBe('Invalid API Key provided: sk_live_****************1234')
    expect(error.statusCode).toBe(401)
  })
})
