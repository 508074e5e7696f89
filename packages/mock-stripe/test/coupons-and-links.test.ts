import { expect, test } from 'vitest'
import { describeTransports, failure, typesOf } from './support'

describeTransports('coupons', (h) => {
  test('coupons.create: percent_off, once by default; list, retrieve, update, del', async () => {
    const stripe = h.stripe()
    const coupon = await stripe.coupons.create({
      percent_off: 12.5,
      name: 'Launch',
      metadata: { campaign: 'x' },
    })
    expect(coupon).toMatchObject({
      object: 'coupon',
      percent_off: 12.5,
      amount_off: null,
      currency: null,
      duration: 'once',
      duration_in_months: null,
      valid: true,
      times_redeemed: 0,
      name: 'Launch',
      livemode: false,
    })
    const custom = await stripe.coupons.create({
      id: 'FIVE_OFF',
      amount_off: 500,
      currency: 'USD',
      duration: 'repeating',
      duration_in_months: 3,
    })
    expect(custom).toMatchObject({ id: 'FIVE_OFF', amount_off: 500, currency: 'usd', duration_in_months: 3 })
    const listed = await stripe.coupons.list()
    expect(listed.data.map((c) => c.id)).toEqual(['FIVE_OFF', coupon.id])
    expect(listed.url).toBe('/v1/coupons')
    expect(await stripe.coupons.retrieve('FIVE_OFF')).toEqual(custom)
    const renamed = await stripe.coupons.update('FIVE_OFF', { name: 'Five off', metadata: { a: '1' } })
    expect(renamed).toMatchObject({ name: 'Five off', metadata: { a: '1' }, amount_off: 500 })
    expect(await stripe.coupons.del('FIVE_OFF')).toEqual({ id: 'FIVE_OFF', object: 'coupon', deleted: true })
    const gone = await failure(stripe.coupons.retrieve('FIVE_OFF'))
    expect(gone).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such coupon: 'FIVE_OFF'",
    })
    expect(typesOf(h.mock, 'coupon.')).toEqual([
      'coupon.created',
      'coupon.created',
      'coupon.updated',
      'coupon.deleted',
    ])
  })

  test('invalid combinations are refused as Stripe refuses them', async () => {
    const stripe = h.stripe()
    expect(await failure(stripe.coupons.create({ duration: 'forever' }))).toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'parameter_missing',
    })
    expect(
      await failure(stripe.coupons.create({ percent_off: 10, amount_off: 100, currency: 'usd' })),
    ).toMatchObject({
      statusCode: 400,
      param: 'amount_off',
    })
    expect(await failure(stripe.coupons.create({ amount_off: 100 }))).toMatchObject({
      code: 'parameter_missing',
      param: 'currency',
      message: 'Missing required param: currency.',
    })
    expect(await failure(stripe.coupons.create({ percent_off: 10, duration: 'repeating' }))).toMatchObject({
      code: 'parameter_missing',
      param: 'duration_in_months',
    })
    expect(
      await failure(stripe.coupons.create({ percent_off: 10, duration: 'once', duration_in_months: 2 })),
    ).toMatchObject({ param: 'duration_in_months' })
    expect(await failure(stripe.coupons.create({ percent_off: 150 }))).toMatchObject({ param: 'percent_off' })
    expect(
      await failure(stripe.coupons.create({ percent_off: 10, duration: 'weekly' as 'once' })),
    ).toMatchObject({
      param: 'duration',
      message: 'Invalid duration: must be one of forever, once, or repeating',
    })
    await stripe.coupons.create({ id: 'TAKEN', percent_off: 5 })
    expect(await failure(stripe.coupons.create({ id: 'TAKEN', percent_off: 5 }))).toMatchObject({
      code: 'resource_already_exists',
      message: 'Coupon already exists.',
    })
    expect(await failure(stripe.coupons.update('TAKEN', { percent_off: 6 } as never))).toMatchObject({
      code: 'parameter_unknown',
      param: 'percent_off',
    })
    expect(h.mock.events({ type: 'coupon.created' })).toHaveLength(1)
  })

  test('a coupon past redeem_by is no longer valid', async () => {
    const stripe = h.stripe()
    const redeemBy = Math.floor(Date.parse('2026-01-20T00:00:00Z') / 1000)
    const coupon = await stripe.coupons.create({ percent_off: 20, redeem_by: redeemBy })
    expect(coupon.valid).toBe(true)
    await h.mock.advanceTime({ days: 10 })
    expect((await stripe.coupons.retrieve(coupon.id)).valid).toBe(false)
    expect(await failure(stripe.coupons.create({ percent_off: 20, redeem_by: redeemBy }))).toMatchObject({
      param: 'redeem_by',
    })
  })
})

describeTransports('payment links', (h) => {
  test('paymentLinks.create sells prices at a buy.stripe.com url; line items listed and expandable', async () => {
    const stripe = h.stripe()
    const product = await stripe.products.create({
      name: 'T-shirt',
      default_price_data: { unit_amount: 2500, currency: 'eur' },
    })
    const link = await stripe.paymentLinks.create({
      line_items: [{ price: product.default_price as string, quantity: 2 }],
      after_completion: { type: 'redirect', redirect: { url: 'https://example.com/thanks' } },
      metadata: { order: '42' },
    })
    expect(link).toMatchObject({
      object: 'payment_link',
      active: true,
      currency: 'eur',
      metadata: { order: '42' },
      after_completion: { type: 'redirect', redirect: { url: 'https://example.com/thanks' } },
    })
    expect(link.id).toMatch(/^plink_/)
    expect(link.url).toMatch(/^https:\/\/buy\.stripe\.com\/test_\w+$/)
    expect(link).not.toHaveProperty('line_items')
    const items = await stripe.paymentLinks.listLineItems(link.id)
    expect(items.data).toHaveLength(1)
    expect(items.data[0]).toMatchObject({
      object: 'item',
      quantity: 2,
      amount_total: 5000,
      currency: 'eur',
      description: 'T-shirt',
      price: { id: product.default_price },
    })
    expect(items.url).toBe(`/v1/payment_links/${link.id}/line_items`)
    const expanded = await stripe.paymentLinks.retrieve(link.id, { expand: ['line_items'] })
    expect(expanded.line_items?.data.map((i) => i.id)).toEqual([items.data[0]!.id])
    expect(h.mock.events({ type: 'payment_link.created' })).toHaveLength(1)
  })

  test('update deactivates a link and changes quantities; list filters by active', async () => {
    const stripe = h.stripe()
    const price = await stripe.prices.create({
      unit_amount: 1000,
      currency: 'usd',
      product_data: { name: 'Pro' },
    })
    const link = await stripe.paymentLinks.create({ line_items: [{ price: price.id, quantity: 1 }] })
    const other = await stripe.paymentLinks.create({ line_items: [{ price: price.id, quantity: 3 }] })
    const [item] = (await stripe.paymentLinks.listLineItems(link.id)).data
    const updated = await stripe.paymentLinks.update(link.id, {
      active: false,
      inactive_message: 'Sold out',
      line_items: [{ id: item!.id, quantity: 4 }],
    })
    expect(updated).toMatchObject({ active: false, inactive_message: 'Sold out' })
    expect((await stripe.paymentLinks.listLineItems(link.id)).data[0]).toMatchObject({
      quantity: 4,
      amount_total: 4000,
    })
    expect((await stripe.paymentLinks.list({ active: true })).data.map((l) => l.id)).toEqual([other.id])
    expect((await stripe.paymentLinks.list()).data.map((l) => l.id)).toEqual([other.id, link.id])
    const [event] = h.mock.events({ type: 'payment_link.updated' })
    expect(event!.data.previous_attributes).toMatchObject({ active: true, inactive_message: null })
  })

  test('bad line items are refused', async () => {
    const stripe = h.stripe()
    expect(await failure(stripe.paymentLinks.create({} as never))).toMatchObject({
      code: 'parameter_missing',
      param: 'line_items',
    })
    expect(
      await failure(stripe.paymentLinks.create({ line_items: [{ price: 'price_nope', quantity: 1 }] })),
    ).toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'line_items[0][price]',
      message: "No such price: 'price_nope'",
    })
    const price = await stripe.prices.create({
      unit_amount: 1000,
      currency: 'usd',
      product_data: { name: 'Pro' },
    })
    expect(
      await failure(stripe.paymentLinks.create({ line_items: [{ price: price.id }] as never })),
    ).toMatchObject({
      code: 'parameter_missing',
      param: 'line_items[0][quantity]',
    })
    expect(await failure(stripe.paymentLinks.retrieve('plink_missing'))).toMatchObject({
      statusCode: 404,
      message: "No such payment link: 'plink_missing'",
    })
  })
})
