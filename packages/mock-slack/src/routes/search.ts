import { fail } from '../errors'
import { canSee } from '../resources/channels'
import type { ChannelRecord, MessageRecord, SlackState } from '../state'
import { findUser } from '../state'
import { permalink } from './chat'
import { method } from './define'

interface Query {
  words: string[]
  channel?: string
  from?: string
}

function parseQuery(state: SlackState, query: string): Query {
  const parsed: Query = { words: [] }
  for (const term of query.trim().split(/\s+/)) {
    const inMatch = /^in:<?#?([^>|]+)(?:\|[^>]*)?>?$/i.exec(term)
    const fromMatch = /^from:<?@?([^>|]+)>?$/i.exec(term)
    if (inMatch) {
      const ref = inMatch[1]!.toLowerCase()
      const channel =
        state.channels.get(inMatch[1]!) ?? [...state.channels.values()].find((c) => c.name === ref)
      parsed.channel = channel?.id ?? '\u0000none'
    } else if (fromMatch) parsed.from = findUser(state, fromMatch[1]!) ?? '\u0000none'
    else parsed.words.push(term.toLowerCase().replace(/^"|"$/g, ''))
  }
  return parsed
}

function matches(query: Query, channel: ChannelRecord, message: MessageRecord): boolean {
  if (query.channel && query.channel !== channel.id) return false
  if (query.from && message.user !== query.from) return false
  const text = message.text.toLowerCase()
  return query.words.every((word) => text.includes(word))
}

/**
 * search.messages over the messages the token's user can see: words (all must appear), `in:#channel`
 * and `from:@user`. User tokens only, as on Slack.
 *
 * @see https://docs.slack.dev/reference/methods/search.messages
 */
export const searchRoutes = [
  method('search.messages', ({ state, args, token, actor }) => {
    if (token.type === 'bot') fail('not_allowed_token_type')
    const text = args.string('query') ?? fail('no_query')
    const query = parseQuery(state, text)
    const count = Math.min(Math.max(args.int('count') ?? 20, 1), 100)
    const page = Math.max(args.int('page') ?? 1, 1)
    const ascending = args.string('sort_dir') === 'asc'
    const found: Array<{ channel: ChannelRecord; message: MessageRecord }> = []
    for (const channel of state.channels.values()) {
      if (!canSee(channel, actor)) continue
      for (const message of state.messages.get(channel.id) ?? []) {
        if (matches(query, channel, message)) found.push({ channel, message })
      }
    }
    // Without a relevance model, "score" order is newest first, like "timestamp".
    found.sort((a, b) => (a.message.ts < b.message.ts ? 1 : -1) * (ascending ? -1 : 1))
    const pages = Math.max(1, Math.ceil(found.length / count))
    const slice = found.slice((page - 1) * count, page * count)
    return {
      query: text,
      messages: {
        total: found.length,
        pagination: {
          total_count: found.length,
          page,
          per_page: count,
          page_count: pages,
          first: found.length ? (page - 1) * count + 1 : 0,
          last: (page - 1) * count + slice.length,
        },
        paging: { count, total: found.length, page, pages },
        matches: slice.map(({ channel, message }) => ({
          iid: state.ids.uuid(),
          team: state.team.id,
          score: 0,
          channel: {
            id: channel.id,
            is_channel: channel.kind === 'channel',
            is_group: channel.kind === 'group',
            is_im: channel.kind === 'im',
            is_mpim: channel.kind === 'mpim',
            is_shared: false,
            is_org_shared: false,
            is_ext_shared: false,
            is_private: channel.kind !== 'channel',
            is_pending_ext_shared: false,
            pending_shared: [],
            name: channel.name,
          },
          type: 'message',
          user: message.user ?? '',
          username: state.users.get(message.user ?? '')?.name ?? '',
          ts: message.ts,
          ...(message.blocks ? { blocks: message.blocks } : {}),
          text: message.text,
          permalink: permalink(state, channel.id, message),
          no_reactions: !message.reactions?.length,
        })),
      },
    }
  }),
]
