import type {
  ChatPostMessageResponse,
  ConversationsHistoryResponse,
  ConversationsInfoResponse,
  ConversationsListResponse,
  FilesInfoResponse,
  UsersInfoResponse,
  ViewsOpenResponse,
} from '@slack/web-api'
import { expectTypeOf, test } from 'vitest'
import type { ConversationView } from '../src/fixtures/channel'
import type { FileRecord, MessageRecord, UserProfile, UserRecord, ViewRecord } from '../src/state'

/** Keys the mock sends that the SDK's response type (generated from live Slack responses) does not know. */
type Extra<Ours, Theirs> = Exclude<keyof Ours, keyof NonNullable<Theirs>>

// These are checked by `pnpm typecheck`; the test only keeps vitest from reporting an empty file.
test('the mock’s wire objects use only fields the SDK’s response types declare', () => {
  expectTypeOf<
    Extra<MessageRecord, NonNullable<ConversationsHistoryResponse['messages']>[number]>
  >().toEqualTypeOf<'pinned_to'>()
  // A fresh post has no thread counters, reactions, edits, pins or files yet: only history shows those.
  expectTypeOf<Extra<MessageRecord, ChatPostMessageResponse['message']>>().toEqualTypeOf<
    | 'reply_count'
    | 'reply_users_count'
    | 'latest_reply'
    | 'reply_users'
    | 'is_locked'
    | 'subscribed'
    | 'reactions'
    | 'edited'
    | 'files'
    | 'upload'
    | 'display_as_bot'
    | 'pinned_to'
    | 'client_msg_id'
  >()
  expectTypeOf<
    Extra<ConversationView, NonNullable<ConversationsListResponse['channels']>[number]>
  >().toEqualTypeOf<'parent_conversation' | 'last_read'>()
  // parent_conversation (null) is in Slack's documented examples for both methods though not in the SDK types;
  // the DM-only fields are declared on the list type.
  expectTypeOf<Extra<ConversationView, ConversationsInfoResponse['channel']>>().toEqualTypeOf<
    'user' | 'priority' | 'is_user_deleted' | 'parent_conversation'
  >()
  expectTypeOf<Extra<UserRecord, UsersInfoResponse['user']>>().toEqualTypeOf<never>()
  expectTypeOf<Extra<UserProfile, NonNullable<UsersInfoResponse['user']>['profile']>>().toEqualTypeOf<never>()
  expectTypeOf<Extra<FileRecord, FilesInfoResponse['file']>>().toEqualTypeOf<never>()
  expectTypeOf<Extra<Omit<ViewRecord, 'user'>, ViewsOpenResponse['view']>>().toEqualTypeOf<never>()
})
