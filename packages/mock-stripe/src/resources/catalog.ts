import { invalidRequest } from '../errors'
import { priceDefaults, productDefaults } from '../fixtures/product'
import type { Params } from '../params'
import { now, type Runtime } from '../runtime'
import { clone, type StripeObject } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { assignStrings, find, readCurrency } from './shared'

const PRODUCT_FIELDS = [
  'name',
  'active',
  'description',
  'metadata',
  'images',
  'url',
  'unit_label',
  'statement_descriptor',
  'tax_code',
  'shippable',
  'package_dimensions',
  'marketing_features',
  'default_price',
]

function applyProduct(product: StripeObject, p: Params): void {
  const name = p.string('name')
  if (name !== undefined) {
    if (name === '') throw invalidRequest('You must provide a name for the product.', { param: 'name' })
    product.name = name
  }
  assignStrings(product, p, ['description', 'url', 'unit_label', 'statement_descriptor', 'tax_code'])
  const active = p.bool('active')
  if (active !== undefined) product.active = active
  const shippable = p.bool('shippable')
  if (shippable !== undefined) product.shippable = shippable
  const images = p.strings('images')
  if (images) product.images = images
  const features = p.objects('marketing_features')
  if (features)
    product.marketing_features = features.map((f) => ({ name: f.string('name', { required: true }) }))
  const metadata = p.metadata(product.metadata)
  if (metadata) product.metadata = metadata
}

/** `POST /v1/products`, with `default_price_data` making its default price. */
export function createProduct(rt: Runtime, p: Params, options: { inline?: boolean } = {}): StripeObject {
  p.allow(...PRODUCT_FIELDS, 'id', 'default_price_data', 'type')
  p.string('name', { required: true })
  const id = p.string('id')
  if (id && rt.state.collections.products.has(id)) {
    throw invalidRequest(`Product already exists.`, { param: 'id', code: 'resource_already_exists' })
  }
  const product = productDefaults(id ?? rt.state.ids.next('prod_', 14), now(rt))
  applyProduct(product, p)
  rt.state.collections.products.set(product.id, product)
  if (!options.inline) emitEvent(rt, 'product.created', product)
  const priceData = p.object('default_price_data')
  if (priceData) {
    priceData.raw.product = product.id
    const price = createPrice(rt, priceData, {})
    product.default_price = price.id
  }
  return product
}

export function updateProduct(rt: Runtime, product: StripeObject, p: Params): StripeObject {
  p.allow(...PRODUCT_FIELDS)
  const before = clone(product)
  applyProduct(product, p)
  const defaultPrice = p.nullable('default_price')
  if (defaultPrice === null) product.default_price = null
  else if (defaultPrice) {
    const price = find(rt, 'prices', defaultPrice, 'price', 'default_price')
    if (price.product !== product.id) {
      throw invalidRequest(`The price \`${price.id}\` does not belong to product \`${product.id}\`.`, {
        param: 'default_price',
      })
    }
    product.default_price = price.id
  }
  product.updated = now(rt)
  const previous = previousAttributes(before, product)
  if (previous) emitEvent(rt, 'product.updated', product, previous)
  return product
}

export function deleteProduct(rt: Runtime, product: StripeObject): StripeObject {
  const hasPrices = [...rt.state.collections.prices.values()].some((price) => price.product === product.id)
  if (hasPrices) {
    throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.')
  }
  rt.state.collections.products.delete(product.id)
  rt.state.deleted.set(product.id, 'product')
  emitEvent(rt, 'product.deleted', product)
  return { id: product.id, object: 'product', deleted: true }
}

const PRICE_FIELDS = [
  'currency',
  'product',
  'product_data',
  'unit_amount',
  'unit_amount_decimal',
  'recurring',
  'nickname',
  'lookup_key',
  'transfer_lookup_key',
  'metadata',
  'active',
  'tax_behavior',
  'billing_scheme',
  'custom_unit_amount',
  'tiers',
  'tiers_mode',
  'transform_quantity',
  'currency_options',
]

/**
 * `POST /v1/prices`: one-time or recurring (`recurring[interval]`), on `product` or a new
 * `product_data`. `inline` is for `price_data` on subscriptions and Checkout: no event, inactive.
 */
export function createPrice(rt: Runtime, p: Params, options: { inline?: boolean } = {}): StripeObject {
  p.allow(...PRICE_FIELDS)
  const currency = readCurrency(p)!
  let productId = p.string('product')
  const productData = p.object('product_data')
  if (!productId && !productData) {
    throw invalidRequest('Missing required param: product.', {
      param: p.name('product'),
      code: 'parameter_missing',
    })
  }
  if (productId) find(rt, 'products', productId, 'product', p.name('product'))
  else productId = createProduct(rt, productData!).id
  const price = priceDefaults(rt.state.ids.next('price_', 24), now(rt))
  const amount = p.int('unit_amount', { min: 0 })
  const decimal = p.string('unit_amount_decimal')
  const custom = p.object('custom_unit_amount')
  if (amount === undefined && decimal === undefined && !custom) {
    throw invalidRequest('Missing required param: unit_amount.', {
      param: p.name('unit_amount'),
      code: 'parameter_missing',
    })
  }
  const unit = amount ?? (decimal !== undefined ? Math.round(Number(decimal)) : null)
  Object.assign(price, {
    currency,
    product: productId,
    unit_amount: unit,
    unit_amount_decimal: decimal ?? (unit === null ? null : String(unit)),
    nickname: p.nullable('nickname') ?? null,
    lookup_key: p.nullable('lookup_key') ?? null,
    metadata: p.metadata() ?? {},
    active: options.inline ? false : (p.bool('active') ?? true),
    tax_behavior: p.enum('tax_behavior', ['exclusive', 'inclusive', 'unspecified'] as const) ?? 'unspecified',
  })
  if (custom) {
    custom.allow('enabled', 'maximum', 'minimum', 'preset')
    price.custom_unit_amount = {
      maximum: custom.int('maximum') ?? null,
      minimum: custom.int('minimum') ?? null,
      preset: custom.int('preset') ?? null,
    }
  }
  const recurring = p.object('recurring')
  if (recurring) {
    recurring.allow(
      'interval',
      'interval_count',
      'usage_type',
      'meter',
      'trial_period_days',
      'aggregate_usage',
    )
    price.type = 'recurring'
    price.recurring = {
      interval: recurring.enum('interval', ['day', 'month', 'week', 'year'] as const, { required: true }),
      interval_count: recurring.int('interval_count', { min: 1 }) ?? 1,
      meter: recurring.string('meter') ?? null,
      trial_period_days: recurring.int('trial_period_days') ?? null,
      usage_type: recurring.enum('usage_type', ['licensed', 'metered'] as const) ?? 'licensed',
    }
  }
  if (price.lookup_key) {
    for (const other of rt.state.collections.prices.values()) {
      if (other.lookup_key !== price.lookup_key) continue
      if (!p.bool('transfer_lookup_key')) {
        throw invalidRequest(`A price (\`${other.id}\`) already uses that lookup key.`, {
          param: 'lookup_key',
        })
      }
      other.lookup_key = null
    }
  }
  rt.state.collections.prices.set(price.id, price)
  if (!options.inline) emitEvent(rt, 'price.created', price)
  return price
}

export function updatePrice(rt: Runtime, price: StripeObject, p: Params): StripeObject {
  p.allow(
    'active',
    'metadata',
    'nickname',
    'lookup_key',
    'tax_behavior',
    'transfer_lookup_key',
    'currency_options',
  )
  const before = clone(price)
  const active = p.bool('active')
  if (active !== undefined) price.active = active
  assignStrings(price, p, ['nickname', 'lookup_key'])
  const metadata = p.metadata(price.metadata)
  if (metadata) price.metadata = metadata
  const tax = p.enum('tax_behavior', ['exclusive', 'inclusive', 'unspecified'] as const)
  if (tax) price.tax_behavior = tax
  const previous = previousAttributes(before, price)
  if (previous) emitEvent(rt, 'price.updated', price, previous)
  return price
}
