import { balanceRoutes } from './balance'
import { chargeRoutes } from './charges'
import { checkoutRoutes } from './checkout'
import { couponRoutes } from './coupons'
import { customerRoutes } from './customers'
import { disputeRoutes } from './disputes'
import { eventRoutes } from './events'
import { hostedRoutes } from './hosted'
import { invoiceItemRoutes, invoiceRoutes } from './invoices'
import { paymentIntentRoutes } from './payment-intents'
import { paymentLinkRoutes } from './payment-links'
import { paymentMethodRoutes } from './payment-methods'
import { priceRoutes } from './prices'
import { productRoutes } from './products'
import { refundRoutes } from './refunds'
import { subscriptionRoutes } from './subscriptions'
import { testClockRoutes } from './test-clocks'
import { webhookEndpointRoutes } from './webhook-endpoints'

/** Every route the mock answers, Stripe's API first. */
export const stripeRoutes = [
  ...customerRoutes,
  ...paymentMethodRoutes,
  ...paymentIntentRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...productRoutes,
  ...priceRoutes,
  ...subscriptionRoutes,
  ...invoiceRoutes,
  ...invoiceItemRoutes,
  ...checkoutRoutes,
  ...eventRoutes,
  ...webhookEndpointRoutes,
  ...testClockRoutes,
  ...couponRoutes,
  ...paymentLinkRoutes,
  ...disputeRoutes,
  ...balanceRoutes,
  ...hostedRoutes,
]
