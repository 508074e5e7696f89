export { trimBaseUrl } from './base-url'
export {
  credentialFromAuthorization,
  headersToObject,
  parseBody,
  parseFormFields,
  queryToObject,
} from './body'
export {
  type BodyContent,
  BufferedResponse,
  bytesResponse,
  contentLength,
  responseBytes,
  responseContent,
} from './buffered'
export { type Clock, type ClockOptions, createClock } from './clock'
export { coverageTable, type EndpointCoverage, endpointCoverage } from './coverage'
export {
  createServiceMock,
  type HandleOptions,
  type ServiceMock,
  type ServiceMockOptions,
} from './create-mock'
export { defineService } from './define-service'
export { extendMock, requestLocals } from './extend'
export { HeaderMap } from './header-map'
export { createIds, type IdGenerator } from './ids'
export type { MswHandler } from './msw'
export type { RequestMatcher } from './request-log'
export { compilePattern, type Method, type Route, type RouteHandler, type RouteOptions, route } from './route'
export { type SplitUrl, splitUrl } from './split-url'
export type {
  ExtendedServiceDefinition,
  FaultHandle,
  FaultOptions,
  LoggedRequest,
  MockEvent,
  PathMatcher,
  ServiceConfig,
  ServiceContext,
  ServiceDefinition,
  ServiceErrors,
  StateFactoryContext,
} from './types'
export type { KnownEndpoint, OnUnimplemented, UnimplementedRequest } from './unimplemented'
export { type SignInput, signatureHeaders, verifyDelivery } from './webhook-signing'
export {
  createWebhookDispatcher,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDispatcher,
  type WebhookMessage,
  type WebhookOptions,
  type WebhookScheme,
  type WebhookSendOptions,
} from './webhooks'
