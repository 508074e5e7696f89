import { invoiceItemRoutes, invoiceRoutes, subscriptionRoutes, testClockRoutes } from './billing'
import { priceRoutes, productRoutes } from './catalog'
import { checkoutRoutes } from './checkout'
import { customerRoutes } from './customers'
import { eventRoutes, webhookEndpointRoutes } from './events'
import { hostedRoutes } from './hosted'
import { chargeRoutes, paymentIntentRoutes, paymentMethodRoutes, refundRoutes } from './payments'

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
  ...hostedRoutes,
]
