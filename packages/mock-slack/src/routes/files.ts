import { route } from '@understudy/core'
import { validateBlocks } from '../blocks'
import { fail } from '../errors'
import { buildFile } from '../fixtures/file'
import { slackId } from '../ids'
import { parseMultipart } from '../multipart'
import { resolveChannel } from '../resources/channels'
import { postMessage } from '../resources/messages'
import type { Json, SlackState } from '../state'
import { method } from './define'
import { readThreadTs } from './message-input'

const MAX_FILE_BYTES = 1024 * 1024 * 1024

/** Upload URLs remember the base the request came in on, so the client posts back to the mock. */
const uploadBases = new WeakMap<SlackState, Map<string, string>>()

function shareFile(state: SlackState, fileId: string, channelId: string, ts: string): void {
  const file = state.files.get(fileId)
  const channel = state.channels.get(channelId)
  if (!file || !channel) return
  const list = channel.kind === 'channel' ? file.channels : channel.kind === 'im' ? file.ims : file.groups
  if (!list.includes(channelId)) list.push(channelId)
  const visibility = channel.kind === 'channel' ? 'public' : 'private'
  const shares = file.shares[visibility] ?? {}
  file.shares[visibility] = shares
  const list2 = shares[channelId] ?? []
  shares[channelId] = list2
  list2.push({
    ts,
    channel_name: channel.name,
    team_id: state.team.id,
    share_user_id: file.user,
    reply_users: [],
    reply_users_count: 0,
    reply_count: 0,
  })
  file.is_public = file.is_public || channel.kind === 'channel'
}

/**
 * The files API of today: getUploadURLExternal → POST the bytes → completeUploadExternal, which is
 * what `WebClient.filesUploadV2` does. Files are served back at `url_private` with the token.
 *
 * @see https://docs.slack.dev/messaging/working-with-files#upload
 */
export const fileRoutes = [
  method('files.getUploadURLExternal', ({ state, actor, args, ctx }) => {
    const filename = args.string('filename') ?? fail('invalid_arguments')
    const length = args.int('length', 'invalid_arguments') ?? fail('invalid_arguments')
    if (length <= 0) fail('invalid_arguments')
    if (length > MAX_FILE_BYTES) fail('file_size_exceeded')
    const fileId = slackId(state.ids, 'F')
    state.uploads.set(fileId, {
      file_id: fileId,
      filename,
      length,
      user: actor.user_id,
      completed: false,
      ...(args.string('alt_text') ? { alt_text: args.string('alt_text')! } : {}),
      ...(args.string('snippet_type') ? { snippet_type: args.string('snippet_type')! } : {}),
    })
    const bases = uploadBases.get(state) ?? new Map<string, string>()
    bases.set(fileId, ctx.baseUrl)
    uploadBases.set(state, bases)
    const key = state.ids.next('', 22)
    return { upload_url: `${ctx.baseUrl}/upload/v1/${key}${fileId}`, file_id: fileId }
  }),

  // The upload URL is pre-signed: no token needed, raw bytes or a multipart form accepted.
  route.post<SlackState>(
    '/upload/v1/:key',
    ({ state, params, rawBody, headers }) => {
      const fileId = /(F[A-Z0-9]+)$/.exec(params.key!)?.[1]
      const upload = fileId ? state.uploads.get(fileId) : undefined
      if (!upload || upload.completed) return new Response('upload_url_invalid', { status: 404 })
      const type = headers.get('content-type') ?? ''
      let bytes = rawBody
      if (type.toLowerCase().includes('multipart/form-data')) {
        const part =
          parseMultipart(type, rawBody).find((p) => p.filename !== undefined) ??
          parseMultipart(type, rawBody)[0]
        bytes = part?.data ?? new Uint8Array()
      }
      upload.bytes = bytes
      return new Response(`OK - ${bytes.length}`, { status: 200, headers: { 'content-type': 'text/plain' } })
    },
    { auth: false, name: 'files.upload (upload_url)' },
  ),

  method('files.completeUploadExternal', async (m) => {
    const { state, actor, args, ctx } = m
    const entries = args.json('files', 'invalid_arguments')
    if (!Array.isArray(entries) || entries.length === 0) fail('invalid_arguments')
    const uploads = entries.map((entry: { id?: string; title?: string }) => {
      const upload = (entry?.id && state.uploads.get(entry.id)) || fail('file_not_found')
      if (upload.completed) fail('file_not_found')
      // Slack does not know a file whose bytes never arrived.
      if (!upload.bytes) fail('file_not_found')
      return { upload, title: entry.title }
    })
    const channelRef = args.string('channel_id') ?? args.string('channels')
    const channel = channelRef ? resolveChannel(state, channelRef, actor) : undefined
    if (channel?.is_archived) fail('is_archived')
    const threadTs = readThreadTs(m)
    const blocks = args.has('blocks')
      ? validateBlocks(args.json('blocks', 'invalid_blocks_format'))
      : undefined
    const bases = uploadBases.get(state)
    const files = uploads.map(({ upload, title }) => {
      upload.completed = true
      const file = buildFile(state, upload, {
        ...(title ? { title } : {}),
        baseUrl: bases?.get(upload.file_id) ?? ctx.baseUrl,
      })
      state.files.set(file.id, file)
      return file
    })
    if (channel) {
      const message = await postMessage(ctx, actor, channel, {
        text: args.string('initial_comment') ?? '',
        ...(blocks ? { blocks } : {}),
        files: files.map((f) => ({ ...f }) as unknown as Json),
        upload: true,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      })
      for (const file of files) shareFile(state, file.id, channel.id, message.ts)
    }
    return { files: files.map((f) => ({ ...f })) }
  }),

  method('files.info', ({ state, args }) => {
    const file = state.files.get(args.string('file') ?? '') ?? fail('file_not_found')
    return { file, comments: [], response_metadata: { next_cursor: '' } }
  }),

  method('files.list', ({ state, args }) => {
    const channel = args.string('channel')
    const user = args.string('user')
    const files = [...state.files.values()]
      .filter(
        (f) =>
          (!channel || [...f.channels, ...f.groups, ...f.ims].includes(channel)) &&
          (!user || f.user === user),
      )
      .reverse()
    const count = args.int('count') ?? 100
    const pageNumber = Math.max(1, args.int('page') ?? 1)
    const pages = Math.max(1, Math.ceil(files.length / count))
    return {
      files: files.slice((pageNumber - 1) * count, pageNumber * count),
      paging: { count, total: files.length, page: pageNumber, pages },
    }
  }),

  method('files.delete', ({ state, args, actor }) => {
    const file = state.files.get(args.string('file') ?? '') ?? fail('file_not_found')
    if (file.user !== actor.user_id) fail('cant_delete_file')
    state.files.delete(file.id)
    return {}
  }),

  // url_private: Slack serves file bytes to requests carrying a token.
  route.get<SlackState>(
    '/files-pri/:key/:rest*',
    ({ state, params, credential }) => {
      if (!credential)
        return new Response('Unauthorized', {
          status: 302,
          headers: { location: 'https://slack.com/signin' },
        })
      const fileId = /-(F[A-Z0-9]+)$/.exec(params.key!)?.[1]
      const file = fileId ? state.files.get(fileId) : undefined
      const upload = fileId ? state.uploads.get(fileId) : undefined
      if (!file || !upload?.bytes) return new Response('Not Found', { status: 404 })
      return new Response(upload.bytes as Uint8Array<ArrayBuffer>, {
        headers: {
          'content-type': file.mimetype,
          'content-length': String(upload.bytes.length),
          ...(params.rest!.startsWith('download/')
            ? { 'content-disposition': `attachment; filename="${file.name}"` }
            : {}),
        },
      })
    },
    { auth: false, name: 'files (url_private)' },
  ),
]
