export const placeholder = 'standard-webhooks'
