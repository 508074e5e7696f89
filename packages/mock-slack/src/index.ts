/**
 * @understudy/mock-slack: a stateful Slack Web API and Events API mock that `@slack/web-api`'s
 * WebClient and Bolt talk to unchanged.
 *
 * @module
 */

export type { EventsOptions, SlackConfig } from './config'
export { SlackApiError, SlackMockError } from './errors'
export { slackOptionsSchema, slackOptionsShape } from './options-schema'
export type {
  SlackSeed,
  SlackSeedChannel,
  SlackSeedMessage,
  SlackSeedToken,
  SlackSeedUser,
} from './seed'
export { slackSeedSchema } from './seed-schema'
export {
  createSlackMock,
  type SlackEvents,
  type SlackMock,
  type SlackMockOptions,
  type SlackUserActions,
} from './slack-mock'
export type { MessageRecord, SlackState } from './state'
export type { SlackEvent } from './webhooks/events'
export type {
  AppResponse,
  BlockAction,
  BlockActionsOptions,
  CommandOptions,
  InteractionOptions,
  ViewSubmissionOptions,
  ViewSubmissionResult,
} from './webhooks/interactivity'
