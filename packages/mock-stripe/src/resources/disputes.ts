import type { TestCard } from '../cards'
import { invalidRequest } from '../errors'
import { disputeDefaults, EVIDENCE_FIELDS } from '../fixtures/dispute'
import type { Params } from '../params'
import { now, type Runtime } from '../runtime'
import { clone, type StripeObject } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { DISPUTE_FEE, recordTransaction } from './balance'
import { find } from './shared'

/** What the cardholder's bank still waits on; anything else is closed or with the bank. */
const AWAITING_RESPONSE = new Set(['needs_response', 'warning_needs_response'])
const CLOSED = new Set(['won', 'lost', 'warning_closed', 'prevented'])

// Visa's reason codes for the reasons the test cards raise.
const NETWORK_REASON: Record<string, string> = { fraudulent: '10.4', product_not_received: '13.1' }

function withdraw(rt: Runtime, dispute: StripeObject): void {
  const txn = recordTransaction(rt, {
    source: dispute.id,
    amount: -dispute.amount,
    currency: dispute.currency,
    fee: DISPUTE_FEE,
    feeDescription: 'Dispute fee',
    type: 'adjustment',
    reportingCategory: 'dispute',
    description: `Chargeback withdrawal for ${dispute.charge}`,
    availableOn: now(rt),
  })
  dispute.balance_transactions.push(clone(txn))
}

/**
 * Opens a dispute on a succeeded charge, as the dispute test cards do in test mode: a chargeback
 * withdraws the amount and the dispute fee (`charge.dispute.created`, `charge.dispute.funds_withdrawn`);
 * an inquiry only asks for a response.
 *
 * @see https://docs.stripe.com/testing#disputes
 */
export function openDispute(
  rt: Runtime,
  charge: StripeObject,
  options: { reason: string; inquiry?: boolean; metadata?: Record<string, string> },
): StripeObject {
  const dispute = disputeDefaults(rt.state.ids.next('dp_', 24), now(rt))
  const method = charge.payment_method_details?.card
  Object.assign(dispute, {
    amount: charge.amount_captured,
    charge: charge.id,
    currency: charge.currency,
    is_charge_refundable: Boolean(options.inquiry),
    metadata: options.metadata ?? {},
    payment_intent: charge.payment_intent,
    payment_method_details: {
      card: {
        brand: method?.brand ?? 'visa',
        case_type: options.inquiry ? 'inquiry' : 'chargeback',
        network: method?.network ?? method?.brand ?? 'visa',
        network_reason_code: NETWORK_REASON[options.reason] ?? null,
      },
      type: 'card',
    },
    reason: options.reason,
    status: options.inquiry ? 'warning_needs_response' : 'needs_response',
  })
  charge.disputed = true
  rt.state.collections.disputes.set(dispute.id, dispute)
  emitEvent(rt, 'charge.dispute.created', dispute)
  if (!options.inquiry) {
    withdraw(rt, dispute)
    emitEvent(rt, 'charge.dispute.funds_withdrawn', dispute)
  }
  return dispute
}

/** Called when a charge succeeds: a dispute test card disputes it at once. */
export function disputeIfTestCard(rt: Runtime, charge: StripeObject, card: TestCard): void {
  if (card.dispute && charge.captured) openDispute(rt, charge, card.dispute)
}

function close(rt: Runtime, dispute: StripeObject, outcome: 'won' | 'lost'): void {
  const inquiry = String(dispute.status).startsWith('warning_')
  dispute.status = inquiry ? 'warning_closed' : outcome
  if (!inquiry && outcome === 'won') {
    // Winning returns the disputed amount and the dispute fee.
    const txn = recordTransaction(rt, {
      source: dispute.id,
      amount: dispute.amount,
      currency: dispute.currency,
      fee: -DISPUTE_FEE,
      feeDescription: 'Dispute fee refund',
      type: 'adjustment',
      reportingCategory: 'dispute_reversal',
      description: `Chargeback reversal for ${dispute.charge}`,
      availableOn: now(rt),
    })
    dispute.balance_transactions.push(clone(txn))
    emitEvent(rt, 'charge.dispute.funds_reinstated', dispute)
  }
  dispute.is_charge_refundable = false
  emitEvent(rt, 'charge.dispute.closed', dispute)
}

/**
 * `POST /v1/disputes/:id`: stages or submits evidence (`submit` defaults to true) and sets metadata.
 * Submitting moves the dispute to review; in test mode, evidence whose `uncategorized_text` is
 * `winning_evidence` or `losing_evidence` decides it at once (Stripe takes a few minutes).
 *
 * @see https://docs.stripe.com/api/disputes/update
 */
export function updateDispute(rt: Runtime, dispute: StripeObject, p: Params): StripeObject {
  p.allow('evidence', 'metadata', 'submit', 'intended_submission_method')
  const evidence = p.object('evidence')
  const submit = p.bool('submit') ?? true
  const method = p.enum('intended_submission_method', [
    'manual',
    'prefer_manual',
    'prefer_smart_disputes',
    'smart_disputes',
  ] as const)
  if ((evidence || p.has('submit')) && !AWAITING_RESPONSE.has(dispute.status)) {
    throw invalidRequest(
      `This dispute is in status ${dispute.status} and can no longer be updated with evidence.`,
      { param: 'evidence' },
    )
  }
  const before = clone(dispute)
  if (evidence) {
    evidence.allow(...EVIDENCE_FIELDS, 'enhanced_evidence')
    for (const field of EVIDENCE_FIELDS) {
      const value = evidence.string(field, { maxLength: 150_000 })
      if (value !== undefined) dispute.evidence[field] = value === '' ? null : value
    }
    dispute.evidence_details.has_evidence = EVIDENCE_FIELDS.some((f) => dispute.evidence[f] !== null)
  }
  const metadata = p.metadata(dispute.metadata)
  if (metadata) dispute.metadata = metadata
  if (method) dispute.intended_submission_method = method
  const submitting = (evidence !== undefined || p.has('submit')) && submit
  if (submitting) {
    dispute.status = dispute.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review'
    dispute.evidence_details.submission_count += 1
    dispute.evidence_details.submission_method = 'manual'
  }
  const previous = previousAttributes(before, dispute)
  if (previous) emitEvent(rt, 'charge.dispute.updated', dispute, previous)
  const verdict = dispute.evidence.uncategorized_text
  if (submitting && (verdict === 'winning_evidence' || verdict === 'losing_evidence')) {
    close(rt, dispute, verdict === 'winning_evidence' ? 'won' : 'lost')
  }
  return dispute
}

/**
 * `POST /v1/disputes/:id/close`: accepting the dispute. A chargeback is `lost`; an inquiry is
 * `warning_closed`.
 */
export function closeDispute(rt: Runtime, dispute: StripeObject): StripeObject {
  if (CLOSED.has(dispute.status)) {
    throw invalidRequest('This dispute is already closed.')
  }
  if (!AWAITING_RESPONSE.has(dispute.status)) {
    throw invalidRequest(
      `This dispute is in status ${dispute.status} and cannot be closed while the bank reviews it.`,
    )
  }
  close(rt, dispute, 'lost')
  return dispute
}

export function findDispute(rt: Runtime, id: string): StripeObject {
  return find(rt, 'disputes', id, 'dispute')
}
