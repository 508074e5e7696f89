import type { ConversationsInfoResponse, UsersListResponse } from '@slack/web-api'
import { expect, test } from 'vitest'
import { describeTransports, platformError, TOKEN } from './helpers'

describeTransports('conversations.*', (t) => {
  const state = () => t.slack.state(t.mode === 'http' ? TOKEN : undefined)
  const channelId = (name: string) => [...state().channels.values()].find((c) => c.name === name)!.id
  const userId = (name: string) => [...state().users.values()].find((u) => u.name === name)!.id

  test('conversations.info by id shows the channel as Slack does', async () => {
    const res: ConversationsInfoResponse = await t
      .client()
      .conversations.info({ channel: channelId('general'), include_num_members: true })
    expect(res.channel).toMatchObject({
      id: channelId('general'),
      name: 'general',
      is_channel: true,
      is_private: false,
      is_general: true,
      is_member: true,
      num_members: 3,
      topic: { value: '', creator: '', last_set: 0 },
    })
  })

  test('private channels need groups:read in types and are invisible to non-members', async () => {
    const client = t.client()
    const listed = await client.conversations.list({ types: 'public_channel,private_channel' })
    expect(listed.channels?.map((c) => c.name)).toEqual(['general', 'random', 'secret'])
    const publicOnly = await client.conversations.list()
    expect(publicOnly.channels?.map((c) => c.name)).toEqual(['general', 'random'])
    await expect(client.conversations.list({ types: 'nope' })).rejects.toMatchObject(
      platformError('invalid_types'),
    )
    await client.conversations.leave({ channel: channelId('secret') })
    await expect(client.conversations.info({ channel: channelId('secret') })).rejects.toMatchObject(
      platformError('channel_not_found'),
    )
  })

  test('create, invite, members, rename, archive', async () => {
    const client = t.client()
    const created = await client.conversations.create({ name: 'incidents' })
    const id = created.channel!.id!
    expect(created.channel).toMatchObject({
      name: 'incidents',
      is_member: true,
      creator: state().bot.user_id,
    })
    await expect(client.conversations.create({ name: 'incidents' })).rejects.toMatchObject(
      platformError('name_taken'),
    )
    await expect(client.conversations.create({ name: 'Bad Name' })).rejects.toMatchObject(
      platformError('invalid_name_specials'),
    )
    await client.conversations.invite({ channel: id, users: `${userId('alice')},${userId('bob')}` })
    await expect(client.conversations.invite({ channel: id, users: userId('alice') })).rejects.toMatchObject(
      platformError('already_in_channel'),
    )
    const members = await client.conversations.members({ channel: id })
    expect(members.members).toEqual([state().bot.user_id, userId('alice'), userId('bob')])
    const renamed = await client.conversations.rename({ channel: id, name: 'incidents-2026' })
    expect(renamed.channel).toMatchObject({ name: 'incidents-2026', previous_names: ['incidents'] })
    await client.conversations.archive({ channel: id })
    await expect(client.chat.postMessage({ channel: id, text: 'x' })).rejects.toMatchObject(
      platformError('is_archived'),
    )
    await expect(client.conversations.archive({ channel: id })).rejects.toMatchObject(
      platformError('already_archived'),
    )
    await expect(client.conversations.archive({ channel: channelId('general') })).rejects.toMatchObject(
      platformError('cant_archive_general'),
    )
  })

  test('a bot outside a channel: not_in_channel without chat:write.public, join fixes it', async () => {
    t.slack.seed(
      {
        channels: [{ name: 'ops', members: ['alice'] }],
        tokens: [{ token: 'xoxb-narrow', scopes: ['chat:write', 'channels:join', 'channels:history'] }],
      },
      t.mode === 'http' ? { partition: 'xoxb-narrow' } : {},
    )
    const client = t.client('xoxb-narrow')
    const ops = [...t.slack.state(t.mode === 'http' ? 'xoxb-narrow' : undefined).channels.values()].find(
      (c) => c.name === 'ops',
    )!.id
    await expect(client.chat.postMessage({ channel: '#ops', text: 'x' })).rejects.toMatchObject(
      platformError('not_in_channel'),
    )
    await expect(client.conversations.history({ channel: ops })).rejects.toMatchObject(
      platformError('not_in_channel'),
    )
    const joined = await client.conversations.join({ channel: ops })
    expect(joined.channel?.is_member).toBe(true)
    const again = await client.conversations.join({ channel: ops })
    expect(again).toMatchObject({
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    })
    await expect(client.chat.postMessage({ channel: '#ops', text: 'in' })).resolves.toMatchObject({
      ok: true,
    })
  })

  test('history filters by oldest/latest and pages with has_more', async () => {
    const client = t.client()
    const ts: string[] = []
    for (let i = 0; i < 5; i++)
      ts.push((await client.chat.postMessage({ channel: '#random', text: `m${i}` })).ts!)
    const page = await client.conversations.history({ channel: channelId('random'), limit: 2 })
    expect(page.messages?.map((m) => m.text)).toEqual(['m4', 'm3'])
    expect(page.has_more).toBe(true)
    const next = await client.conversations.history({
      channel: channelId('random'),
      limit: 2,
      cursor: page.response_metadata!.next_cursor!,
    })
    expect(next.messages?.map((m) => m.text)).toEqual(['m2', 'm1'])
    const window = await client.conversations.history({
      channel: channelId('random'),
      oldest: ts[1]!,
      latest: ts[3]!,
      inclusive: true,
    })
    expect(window.messages?.map((m) => m.text)).toEqual(['m3', 'm2', 'm1'])
    await expect(
      client.conversations.history({ channel: channelId('random'), cursor: 'bogus' }),
    ).rejects.toMatchObject(platformError('invalid_cursor'))
  })

  test('conversations.* take channel ids only; names are for chat.postMessage', async () => {
    const client = t.client()
    await expect(client.conversations.history({ channel: '#general' })).rejects.toMatchObject(
      platformError('channel_not_found'),
    )
    await expect(client.conversations.info({ channel: 'general' })).rejects.toMatchObject(
      platformError('channel_not_found'),
    )
  })

  test('a DM: posting to a user id opens the IM, conversations.open finds it again', async () => {
    const client = t.client()
    const posted = await client.chat.postMessage({ channel: userId('alice'), text: 'psst' })
    expect(posted.channel).toMatch(/^D/)
    const opened = await client.conversations.open({ users: userId('alice') })
    expect(opened).toMatchObject({ channel: { id: posted.channel }, already_open: true })
  })
})

describeTransports('users.*, chat extras, reactions, pins', (t) => {
  const state = () => t.slack.state(t.mode === 'http' ? TOKEN : undefined)
  const userId = (name: string) => [...state().users.values()].find((u) => u.name === name)!.id

  test('users.list, users.info and users.lookupByEmail', async () => {
    const client = t.client()
    const list: UsersListResponse = await client.users.list({})
    expect(list.members?.map((u) => u.name)).toEqual(['understudy', 'alice', 'bob'])
    expect(list.members?.[0]).toMatchObject({ is_bot: true, profile: { bot_id: state().bot.bot_id } })
    const info = await client.users.info({ user: userId('alice') })
    expect(info.user).toMatchObject({
      name: 'alice',
      real_name: 'Alice Smith',
      profile: { email: 'alice@example.com', first_name: 'Alice' },
    })
    const found = await client.users.lookupByEmail({ email: 'bob@example.com' })
    expect(found.user?.id).toBe(userId('bob'))
    await expect(client.users.lookupByEmail({ email: 'nobody@example.com' })).rejects.toMatchObject(
      platformError('users_not_found'),
    )
    await expect(client.users.info({ user: 'U000' })).rejects.toMatchObject(platformError('user_not_found'))
  })

  test('chat.postEphemeral, chat.getPermalink', async () => {
    const client = t.client()
    const eph = await client.chat.postEphemeral({
      channel: '#general',
      user: userId('alice'),
      text: 'only you',
    })
    expect(eph.message_ts).toMatch(/^\d+\.\d{6}$/)
    expect(state().ephemeral[0]).toMatchObject({ user: userId('alice'), message: { text: 'only you' } })
    const posted = await client.chat.postMessage({ channel: '#general', text: 'link me' })
    const link = await client.chat.getPermalink({ channel: posted.channel!, message_ts: posted.ts! })
    expect(link.permalink).toBe(
      `https://acme.slack.com/archives/${posted.channel}/p${posted.ts!.replace('.', '')}`,
    )
  })

  test('chat.scheduleMessage posts when the mock clock reaches post_at', async () => {
    const client = t.client()
    const postAt = t.slack.clock.nowSeconds() + 3600
    const scheduled = await client.chat.scheduleMessage({
      channel: '#general',
      text: 'later',
      post_at: postAt,
    })
    expect(scheduled).toMatchObject({ post_at: postAt, message: { type: 'delayed_message', text: 'later' } })
    expect(scheduled.scheduled_message_id).toMatch(/^Q/)
    const listed = await client.chat.scheduledMessages.list({})
    expect(listed.scheduled_messages?.map((s) => s.id)).toEqual([scheduled.scheduled_message_id])
    await expect(
      client.chat.scheduleMessage({ channel: '#general', text: 'x', post_at: 1 }),
    ).rejects.toMatchObject(platformError('time_in_past'))
    t.slack.clock.advance(3601_000)
    try {
      const history = await client.conversations.history({ channel: scheduled.channel! })
      expect(history.messages?.map((m) => m.text)).toEqual(['later'])
    } finally {
      t.slack.clock.advance(-3601_000)
    }
  })

  test('reactions add/get/remove and pins add/list/remove', async () => {
    const client = t.client()
    const posted = await client.chat.postMessage({ channel: '#general', text: 'react to me' })
    const at = { channel: posted.channel!, timestamp: posted.ts! }
    await client.reactions.add({ ...at, name: 'thumbsup' })
    await expect(client.reactions.add({ ...at, name: 'thumbsup' })).rejects.toMatchObject(
      platformError('already_reacted'),
    )
    const got = await client.reactions.get(at)
    expect(got).toMatchObject({
      type: 'message',
      channel: posted.channel,
      message: { reactions: [{ name: 'thumbsup', count: 1, users: [state().bot.user_id] }] },
    })
    await client.reactions.remove({ ...at, name: 'thumbsup' })
    await expect(client.reactions.remove({ ...at, name: 'thumbsup' })).rejects.toMatchObject(
      platformError('no_reaction'),
    )

    await client.pins.add(at)
    await expect(client.pins.add(at)).rejects.toMatchObject(platformError('already_pinned'))
    const pins = await client.pins.list({ channel: posted.channel! })
    expect(pins.items).toMatchObject([
      { type: 'message', channel: posted.channel, message: { ts: posted.ts, pinned_to: [posted.channel] } },
    ])
    const history = await client.conversations.history({ channel: posted.channel! })
    expect(history.pin_count).toBe(1)
    await client.pins.remove(at)
    expect((await client.pins.list({ channel: posted.channel! })).items).toEqual([])
  })

  test('files.uploadV2 runs end to end: upload URL on the mock, bytes stored, shared in the channel', async () => {
    const client = t.client()
    const result = (await client.filesUploadV2({
      channel_id: [...state().channels.values()].find((c) => c.name === 'general')!.id,
      content: 'hello file',
      filename: 'notes.txt',
      title: 'Notes',
      initial_comment: 'see attached',
    })) as {
      ok: boolean
      files: Array<{ files: Array<{ id: string; name: string; size: number; url_private: string }> }>
    }
    expect(result.ok).toBe(true)
    const [file] = result.files[0]!.files
    expect(file).toMatchObject({ name: 'notes.txt', title: 'Notes', size: 10, mimetype: 'text/plain' })
    const upload = t.slack.calls('/api/files.getUploadURLExternal')[0]!
    const uploadUrl = (upload.responseBody as { upload_url: string }).upload_url
    expect(uploadUrl.startsWith(t.apiUrl.replace(/\/api\/$/, ''))).toBe(true)
    expect(t.slack.calls('POST /upload/v1/:key')[0]!.status).toBe(200)
    const general = [...state().channels.values()].find((c) => c.name === 'general')!.id
    const history = await client.conversations.history({ channel: general })
    expect(history.messages?.[0]).toMatchObject({
      text: 'see attached',
      files: [{ id: file!.id }],
      upload: true,
    })
    const info = await client.files.info({ file: file!.id })
    expect(info.file).toMatchObject({
      id: file!.id,
      channels: [general],
      shares: { public: { [general]: [{ ts: history.messages![0]!.ts }] } },
    })
    // url_private is on the base the call came in on and serves the bytes to a request with a token.
    expect(file!.url_private.startsWith(t.apiUrl.replace(/\/api\/$/, ''))).toBe(true)
    // WebClient has no download method; Slack apps fetch url_private with the token, as here.
    const download = await fetch(file!.url_private, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(await download.text()).toBe('hello file')
  })

  test('views.publish and views.update keep the Home tab and check the hash', async () => {
    const client = t.client()
    const published = await client.views.publish({
      user_id: userId('alice'),
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome' } }] },
    })
    expect(published.view).toMatchObject({
      type: 'home',
      app_id: state().bot.app_id,
      team_id: state().team.id,
    })
    const updated = await client.views.update({
      view_id: published.view!.id!,
      hash: published.view!.hash!,
      view: { type: 'home', blocks: [] },
    })
    expect(updated.view?.id).toBe(published.view!.id)
    await expect(
      client.views.update({
        view_id: published.view!.id!,
        hash: published.view!.hash!,
        view: { type: 'home', blocks: [] },
      }),
    ).rejects.toMatchObject(platformError('hash_conflict'))
    await expect(
      client.views.open({
        trigger_id: '123.456.abc',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    ).rejects.toMatchObject(platformError('invalid_trigger_id'))
  })
})

describeTransports('search, group DMs, client messages', (t) => {
  const state = () => t.slack.state(t.mode === 'http' ? TOKEN : undefined)
  const userId = (name: string) => [...state().users.values()].find((u) => u.name === name)!.id

  test('search.messages finds words, in: and from:, for user tokens only', async () => {
    const partition = t.mode === 'http' ? { partition: 'xoxp-alice' } : {}
    t.slack.seed({ tokens: [{ token: 'xoxp-alice', user: 'alice' }] }, partition)
    // Over HTTP each token is its own workspace, so everything happens in alice's.
    const bob = t.slack.as('bob', t.mode === 'http' ? { partition: 'xoxp-alice' } : {})
    await bob.postMessage({ channel: '#general', text: 'Deploy failed on api' })
    await bob.postMessage({ channel: '#random', text: 'deploy done' })
    const alice = t.client('xoxp-alice')
    await alice.chat.postMessage({ channel: '#random', text: 'who broke the deploy?' })
    const all = await alice.search.messages({ query: 'deploy' })
    expect(all.messages?.total).toBe(3)
    expect(all.messages?.matches?.map((m) => m.text)).toEqual([
      'who broke the deploy?',
      'deploy done',
      'Deploy failed on api',
    ])
    const narrowed = await alice.search.messages({ query: 'deploy in:#random from:@alice' })
    expect(narrowed.messages?.matches).toMatchObject([
      {
        text: 'who broke the deploy?',
        username: 'alice',
        channel: { name: 'random' },
        permalink: expect.stringContaining('/archives/'),
      },
    ])
    await expect(t.client().search.messages({ query: 'deploy' })).rejects.toMatchObject(
      platformError('not_allowed_token_type'),
    )
  })

  test('conversations.open with several users makes one group DM', async () => {
    const client = t.client()
    const users = `${userId('alice')},${userId('bob')}`
    const opened = await client.conversations.open({ users, return_im: true })
    expect(opened.channel).toMatchObject({
      is_mpim: true,
      is_private: true,
      name: 'mpdm-understudy--alice--bob-1',
    })
    const again = await client.conversations.open({ users })
    expect(again).toMatchObject({ already_open: true, channel: { id: opened.channel!.id } })
    const listed = await client.conversations.list({ types: 'mpim' })
    expect(listed.channels?.map((c) => c.id)).toEqual([opened.channel!.id])
  })

  test('slack.as(user).postMessage arrives like a client message: rich_text block, client_msg_id', async () => {
    const bot = state().bot.user_id
    const posted = await t.slack.as('alice', t.mode === 'http' ? { partition: TOKEN } : {}).postMessage({
      channel: '#general',
      text: `<@${bot}> see <https://example.com|the doc> &amp; <!here>`,
    })
    const history = await t.client().conversations.history({ channel: posted.channel })
    expect(history.messages?.[0]).toMatchObject({
      user: userId('alice'),
      client_msg_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      blocks: [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'user', user_id: bot },
                { type: 'text', text: ' see ' },
                { type: 'link', url: 'https://example.com', text: 'the doc' },
                { type: 'text', text: ' & ' },
                { type: 'broadcast', range: 'here' },
              ],
            },
          ],
        },
      ],
    })
  })
})
