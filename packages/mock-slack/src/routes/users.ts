import { fail } from '../errors'
import { teamUrl } from '../fixtures/team'
import { paginate } from '../pagination'
import { hasScope } from '../scopes'
import type { TokenRecord, UserRecord } from '../state'
import { method } from './define'

/** Emails show only to tokens with users:read.email, as on Slack. */
function userView(user: UserRecord, token: TokenRecord): UserRecord {
  if (hasScope(token, 'users:read.email') || user.profile.email === undefined) return user
  const { email: _, ...profile } = user.profile
  return { ...user, profile }
}

/** @see https://docs.slack.dev/reference/methods/users.list (and users.info, users.lookupByEmail, auth.test) */
export const userRoutes = [
  method('users.list', ({ state, args, token }) => {
    const users = [...state.users.values()]
    // limit 0 (the default) means "everything", as the method documents.
    const limit = args.int('limit', 'invalid_limit') ?? 0
    const page = paginate(users, {
      kind: 'user',
      key: (u) => u.id,
      cursor: args.string('cursor'),
      limit: limit === 0 ? users.length || 1 : limit,
      defaultLimit: users.length || 1,
      maxLimit: limit === 0 ? Number.POSITIVE_INFINITY : 1000,
    })
    return {
      members: page.items.map((u) => userView(u, token)),
      cache_ts: state.clock.nowSeconds(),
      response_metadata: { next_cursor: page.nextCursor },
    }
  }),

  method('users.info', ({ state, args, token }) => {
    const id = args.string('user') ?? fail('user_not_found')
    const user = state.users.get(id) ?? fail('user_not_found')
    return { user: userView(user, token) }
  }),

  method('users.lookupByEmail', ({ state, args, token }) => {
    const email = args.string('email')?.toLowerCase() ?? fail('users_not_found')
    const user =
      [...state.users.values()].find((u) => u.profile.email?.toLowerCase() === email && !u.deleted) ??
      fail('users_not_found')
    return { user: userView(user, token) }
  }),

  method('auth.test', ({ state, actor }) => {
    const user = state.users.get(actor.user_id)
    return {
      url: teamUrl(state.team),
      team: state.team.name,
      user: user?.name ?? '',
      team_id: state.team.id,
      user_id: actor.user_id,
      ...(actor.type === 'bot' ? { bot_id: state.bot.bot_id } : {}),
      is_enterprise_install: false,
    }
  }),

  method('auth.revoke', ({ state, args, token }) => {
    if (args.bool('test')) return { revoked: false }
    state.tokens.set(token.token, { ...token, revoked: true })
    return { revoked: true }
  }),

  method('team.info', ({ state }) => ({
    team: {
      id: state.team.id,
      name: state.team.name,
      url: teamUrl(state.team),
      domain: state.team.domain,
      email_domain: '',
      icon: {
        image_default: true,
        image_34: '',
        image_44: '',
        image_68: '',
        image_88: '',
        image_102: '',
        image_132: '',
        image_230: '',
      },
      avatar_base_url: 'https://ca.slack-edge.com/',
      is_verified: false,
    },
  })),

  method('bots.info', ({ state, args }) => {
    const { bot } = state
    if (args.string('bot') !== bot.bot_id) fail('bot_not_found')
    const user = state.users.get(bot.user_id)
    return {
      bot: {
        id: bot.bot_id,
        deleted: false,
        name: bot.name,
        updated: user?.updated ?? state.clock.nowSeconds(),
        app_id: bot.app_id,
        user_id: bot.user_id,
        icons: {
          image_36: user?.profile.image_32 ?? '',
          image_48: user?.profile.image_48 ?? '',
          image_72: user?.profile.image_72 ?? '',
        },
      },
    }
  }),
]
