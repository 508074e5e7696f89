export const placeholder = 'stripe'
