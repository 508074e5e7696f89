export * from './standard-webhooks'
