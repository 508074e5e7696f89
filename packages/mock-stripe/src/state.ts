import type { Clock, IdGenerator, StateFactoryContext } from '@understudy/core'
import type { TestCard } from './cards'

/** A Stripe object as JSON: the mock stores and answers plain data. */
// biome-ignore lint/suspicious/noExplicitAny: Stripe objects are free-form JSON, typed by the SDK on the client side.
export type StripeObject = { [key: string]: any }

export const COLLECTIONS = [
  'customers',
  'payment_methods',
  'payment_intents',
  'charges',
  'refunds',
  'balance_transactions',
  'products',
  'prices',
  'subscriptions',
  'subscription_items',
  'invoices',
  'invoice_items',
  'checkout_sessions',
  'events',
  'webhook_endpoints',
  'test_clocks',
  'coupons',
  'payment_links',
  'disputes',
] as const
export type Collection = (typeof COLLECTIONS)[number]

/** Which collection an id belongs to, by Stripe's id prefix. */
const PREFIXES: Array<[string, Collection]> = [
  ['cus_', 'customers'],
  ['pm_', 'payment_methods'],
  ['pi_', 'payment_intents'],
  ['ch_', 'charges'],
  ['re_', 'refunds'],
  ['txn_', 'balance_transactions'],
  ['prod_', 'products'],
  ['price_', 'prices'],
  ['sub_', 'subscriptions'],
  ['si_', 'subscription_items'],
  ['in_', 'invoices'],
  ['ii_', 'invoice_items'],
  ['cs_', 'checkout_sessions'],
  ['evt_', 'events'],
  ['we_', 'webhook_endpoints'],
  ['clock_', 'test_clocks'],
  ['plink_', 'payment_links'],
  ['dp_', 'disputes'],
]

export interface SavedResponse {
  fingerprint: string
  status: number
  body: string
  headers: Record<string, string>
  requestId: string
  createdAt: number
}

/** A webhook waiting to be signed and sent once the request that caused it has its answer. */
export interface PendingDelivery {
  url: string
  secret: string
  type: string
  body: string
}

/**
 * Shared by every partition of one mock: pages a browser opens without an API key (hosted Checkout,
 * 3-D Secure) find their object's partition here.
 */
export interface HostedRegistry {
  readonly pages: Map<string, StripeState>
}

/** One credential partition's Stripe account: every object, plus what the API never shows. */
export interface StripeState {
  readonly clock: Clock
  readonly ids: IdGenerator
  readonly partition: string
  readonly collections: Record<Collection, Map<string, StripeObject>>
  /** Deleted objects (id → object type), so retrieving one answers `{ deleted: true }`. */
  readonly deleted: Map<string, string>
  /** Webhook endpoint secrets (`whsec_…`), shown only when the endpoint is created. */
  readonly secrets: Map<string, string>
  /** How each card PaymentMethod behaves (the test card it was made from). */
  readonly cards: Map<string, TestCard>
  readonly idempotency: Map<string, SavedResponse>
  readonly outbox: PendingDelivery[]
  /** What the mock tracks about an object but the API does not show (an invoice's PaymentIntents…). */
  readonly hidden: Map<string, StripeObject>
  /** The connected account this state is (`Stripe-Account`), or null for the platform account. */
  readonly account: string | null
  /** For a connected account, the platform's state: its webhook endpoints hear the account's events. */
  readonly platform: StripeState | null
  /** Connected accounts reached with `Stripe-Account`, each with objects of its own. */
  readonly connected: Map<string, StripeState>
}

export function createStripeState({
  clock,
  ids,
  partition,
}: Pick<StateFactoryContext, 'clock' | 'ids' | 'partition'>): StripeState {
  const collections = {} as Record<Collection, Map<string, StripeObject>>
  for (const name of COLLECTIONS) collections[name] = new Map()
  return {
    clock,
    ids,
    partition,
    collections,
    deleted: new Map(),
    secrets: new Map(),
    cards: new Map(),
    idempotency: new Map(),
    outbox: [],
    hidden: new Map(),
    account: null,
    platform: null,
    connected: new Map(),
  }
}

/**
 * The state of a connected account, made on first use: any `acct_…` id is an account the platform
 * may act on. It shares the platform's delivery queue and endpoint secrets.
 */
export function connectedState(platform: StripeState, account: string): StripeState {
  let state = platform.connected.get(account)
  if (!state) {
    const fresh = createStripeState(platform)
    state = { ...fresh, outbox: platform.outbox, secrets: platform.secrets, account, platform }
    platform.connected.set(account, state)
  }
  return state
}

/** The platform state and every connected account's, for work that spans them (time, helpers). */
export function allStates(state: StripeState): StripeState[] {
  return [state, ...state.connected.values()]
}

export function collectionOf(id: string): Collection | undefined {
  return PREFIXES.find(([prefix]) => id.startsWith(prefix))?.[1]
}

/** Any stored object by id, whatever its type. */
export function lookup(state: StripeState, id: string): StripeObject | undefined {
  const collection = collectionOf(id)
  return collection ? state.collections[collection].get(id) : undefined
}

/** The hidden record of an object, created on first use. */
export function hiddenOf(state: StripeState, id: string): StripeObject {
  let record = state.hidden.get(id)
  if (!record) {
    record = {}
    state.hidden.set(id, record)
  }
  return record
}

/**
 * A deep copy: answers and event payloads never share structure with the stored objects. Stored
 * objects are plain JSON data, copied here field by field: `structuredClone` serializes and
 * deserializes, several times slower on every answer and event. Anything else (a Date, a Map) still
 * goes through `structuredClone`.
 */
export function clone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(clone) as T
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return structuredClone(value)
  const out: Record<string, unknown> = {}
  for (const key in value) {
    const copy = clone((value as Record<string, unknown>)[key])
    // An own `__proto__` key (JSON.parse makes one) stays a key, as structuredClone keeps it.
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true })
    } else out[key] = copy
  }
  return out as T
}

/** A JSON-safe view of the state for the dashboard and `mock.snapshot()`. */
export function snapshotState(state: StripeState): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of COLLECTIONS) {
    const items = [...state.collections[name].values()]
    if (items.length) out[name] = clone(items)
  }
  if (state.connected.size) {
    out.connected_accounts = Object.fromEntries([...state.connected].map(([id, s]) => [id, snapshotState(s)]))
  }
  return out
}
