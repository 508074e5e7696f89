import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * What Stripe publishes about each object, from two artifacts generated from its OpenAPI spec:
 *  - fixtures3.json (github.com/stripe/openapi, openapi/fixtures3.json; the subset in
 *    test/fixtures/openapi-fixtures3.json, commit noted inside): one canonical object per resource,
 *    listing the fields the API always returns, with example values;
 *  - stripe-node's type declarations ("File generated from our OpenAPI spec"), for the same API
 *    version the mock answers as: every field, whether it is optional (expand-only) and nullable.
 */

export interface Field {
  optional: boolean
  nullable: boolean | undefined
  /** The declared type, as written (`Charge.Outcome | null`). */
  type: string
}

type Interfaces = Map<string, Map<string, Field>>

const here = dirname(fileURLToPath(import.meta.url))
// stripe's exports map hides package.json; its CommonJS entry sits in cjs/.
const stripeDir = join(dirname(createRequire(import.meta.url).resolve('stripe')), '..')

export const fixtures = JSON.parse(readFileSync(join(here, 'fixtures/openapi-fixtures3.json'), 'utf8'))
  .resources as Record<string, Record<string, unknown>>

const parsed = new Map<string, Interfaces>()

/**
 * Every interface of a stripe-node declaration file by qualified name (`Charge`, `Charge.Outcome`,
 * `Charge.PaymentMethodDetails.Card`), with its fields.
 */
export function interfacesOf(file: string): Interfaces {
  const cached = parsed.get(file)
  if (cached) return cached
  const text = readFileSync(join(stripeDir, 'cjs/resources', file), 'utf8')
  const out: Interfaces = new Map()
  const stack: Array<{ indent: number; name: string; fields?: Map<string, Field> }> = []
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length
    const opener = /^\s*(?:export )?(?:declare )?(namespace|interface) (\w+)(?: extends [^{]+)? \{\s*$/.exec(
      line,
    )
    if (opener) {
      const name = [...stack.map((s) => s.name), opener[2]!].join('.')
      const entry = {
        indent,
        name: opener[2]!,
        ...(opener[1] === 'interface' ? { fields: new Map<string, Field>() } : {}),
      }
      stack.push(entry)
      if (entry.fields) out.set(name, entry.fields)
      continue
    }
    const top = stack.at(-1)
    if (top && /^\s*\}\s*$/.test(line) && indent === top.indent) {
      stack.pop()
      continue
    }
    const field = /^\s*(\w+)(\?)?: (.*)$/.exec(line)
    if (top?.fields && field && indent === top.indent + 4) {
      const type = field[3]!.replace(/;$/, '')
      // A multi-line type (`{` … `} | null`) leaves nullability unknown.
      top.fields.set(field[1]!, {
        optional: field[2] === '?',
        nullable: type.endsWith('{') ? undefined : /\bnull\b/.test(type),
        type,
      })
    }
  }
  parsed.set(file, out)
  return out
}

/** The top-level fields of `export interface <name>` in a stripe-node declaration file. */
export function declaredFields(file: string, name: string): Map<string, Field> {
  const fields = interfacesOf(file).get(name)
  if (!fields) throw new Error(`interface ${name} not found in ${file}`)
  return fields
}

/** The interface a field's type names, looked up from the namespace it is declared in. */
function resolve(interfaces: Interfaces, from: string, type: string): string | undefined {
  const ref = /^(?:Array<)?([A-Z][\w.]*)/.exec(type.replace(/^\(/, ''))?.[1]
  if (!ref) return undefined
  const scope = from.split('.')
  for (let i = scope.length; i >= 0; i--) {
    const candidate = [...scope.slice(0, i), ref].join('.')
    if (interfaces.has(candidate)) return candidate
  }
  return undefined
}

/** stripe-node's `Event.Type` union: every event type Stripe sends. */
export function eventTypes(): Set<string> {
  const text = readFileSync(join(stripeDir, 'cjs/resources/Events.d.ts'), 'utf8')
  const line = /type Type = (.*);/.exec(text)![1]!
  return new Set([...line.matchAll(/'([^']+)'/g)].map((m) => m[1]!))
}

export const RESOURCES: Record<string, { file: string; name: string }> = {
  customer: { file: 'Customers.d.ts', name: 'Customer' },
  payment_method: { file: 'PaymentMethods.d.ts', name: 'PaymentMethod' },
  payment_intent: { file: 'PaymentIntents.d.ts', name: 'PaymentIntent' },
  charge: { file: 'Charges.d.ts', name: 'Charge' },
  refund: { file: 'Refunds.d.ts', name: 'Refund' },
  balance_transaction: { file: 'BalanceTransactions.d.ts', name: 'BalanceTransaction' },
  product: { file: 'Products.d.ts', name: 'Product' },
  price: { file: 'Prices.d.ts', name: 'Price' },
  subscription: { file: 'Subscriptions.d.ts', name: 'Subscription' },
  subscription_item: { file: 'SubscriptionItems.d.ts', name: 'SubscriptionItem' },
  invoice: { file: 'Invoices.d.ts', name: 'Invoice' },
  line_item: { file: 'InvoiceLineItems.d.ts', name: 'InvoiceLineItem' },
  'checkout.session': { file: 'Checkout/Sessions.d.ts', name: 'Session' },
  item: { file: 'LineItems.d.ts', name: 'LineItem' },
  event: { file: 'Events.d.ts', name: 'EventBase' },
  webhook_endpoint: { file: 'WebhookEndpoints.d.ts', name: 'WebhookEndpoint' },
  'test_helpers.test_clock': { file: 'TestHelpers/TestClocks.d.ts', name: 'TestClock' },
  coupon: { file: 'Coupons.d.ts', name: 'Coupon' },
  payment_link: { file: 'PaymentLinks.d.ts', name: 'PaymentLink' },
  dispute: { file: 'Disputes.d.ts', name: 'Dispute' },
  balance: { file: 'Balance.d.ts', name: 'Balance' },
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}

function nested(
  interfaces: Interfaces,
  name: string,
  value: Record<string, unknown>,
  where: string,
  problems: string[],
): void {
  const fields = interfaces.get(name)
  if (!fields) return
  for (const [key, v] of Object.entries(value)) {
    const field = fields.get(key)
    if (!field) {
      problems.push(`${where}.${key}: not a field of ${name}`)
      continue
    }
    if (v === null && field.nullable === false) problems.push(`${where}.${key}: null but not nullable`)
    check(interfaces, name, field, v, `${where}.${key}`, problems)
  }
  for (const [key, field] of fields) {
    if (!field.optional && !(key in value)) problems.push(`${where}.${key}: missing (required in ${name})`)
  }
}

function check(
  interfaces: Interfaces,
  from: string,
  field: Field,
  value: unknown,
  where: string,
  problems: string[],
): void {
  if (typeof value !== 'object' || value === null) return
  const target = resolve(interfaces, from, field.type)
  if (!target) return
  const items = Array.isArray(value) ? value : [value]
  for (const item of items) {
    // Expanded Stripe objects are checked on their own.
    if (typeof item === 'object' && item !== null && !('object' in item)) {
      nested(interfaces, target, item as Record<string, unknown>, where, problems)
    }
  }
}

/**
 * The ways `object` differs from what Stripe publishes for its type: fields Stripe does not have,
 * fields it always returns that are missing, nulls where the field is not nullable, values of another
 * JSON type than the published example, and the same for every nested hash the declarations type.
 */
export function conformance(object: Record<string, unknown>): string[] {
  const type = String(object.object)
  const where = `${type} ${String(object.id)}`
  const declared = RESOURCES[type]
  if (!declared) return []
  if (object.deleted === true) return []
  const interfaces = interfacesOf(declared.file)
  const fields = declaredFields(declared.file, declared.name)
  const fixture = fixtures[type] ?? {}
  const problems: string[] = []
  for (const [key, value] of Object.entries(object)) {
    const field = fields.get(key)
    if (!field) {
      problems.push(`${where}: "${key}" is not a field of ${declared.name}`)
      continue
    }
    if (value === null && field.nullable === false)
      problems.push(`${where}: "${key}" is null but not nullable`)
    const example = fixture[key]
    if (value !== null && example !== undefined && example !== null) {
      const mine = kind(value)
      const theirs = kind(example)
      // An expanded id (string → object) is the one allowed difference.
      if (mine !== theirs && !(theirs === 'string' && mine === 'object')) {
        problems.push(`${where}: "${key}" is ${mine}, Stripe's is ${theirs}`)
      }
    }
    check(interfaces, declared.name, field, value, `${where}: ${key}`, problems)
  }
  // Required: every field the declarations do not mark optional (the spec's `required` list).
  for (const [key, field] of fields) {
    if (!field.optional && !(key in object)) problems.push(`${where}: "${key}" is missing`)
  }
  return problems
}

/** Every Stripe object inside a response body: lists, expansions, event payloads. */
export function objectsIn(
  value: unknown,
  out: Array<Record<string, unknown>> = [],
): Array<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) objectsIn(v, out)
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    if (typeof record.object === 'string' && record.object !== 'list' && record.object !== 'search_result')
      out.push(record)
    for (const v of Object.values(record)) objectsIn(v, out)
  }
  return out
}
