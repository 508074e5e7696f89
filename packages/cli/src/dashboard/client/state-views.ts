import { clip, esc, statusTag } from './dom'
import type { Rec } from './types'

/** The State tab's per-service views of a snapshot, and a generic table for anything else. */

const COLUMN_PRIORITY = [
  'number',
  'full_name',
  'login',
  'name',
  'title',
  'type',
  'text',
  'id',
  'email',
  'description',
  'content',
  'state',
  'status',
  'amount',
  'currency',
  'customer',
  'channel',
  'user',
  'model',
  'private',
  'is_private',
  'labels',
  'created',
]

/** A value as a record: snapshots are JSON, so anything not an object reads as empty. */
export function rec(value: unknown): Rec {
  return value && typeof value === 'object' ? (value as Rec) : {}
}

/** A list from an array, or the values of an object (maps serialized as objects). */
export function asList(value: unknown): Rec[] {
  if (Array.isArray(value)) return value as Rec[]
  if (value && typeof value === 'object') return Object.values(value) as Rec[]
  return []
}

function isRecordList(value: unknown): boolean {
  const list = asList(value)
  return list.length > 0 && list.every((x) => x && typeof x === 'object' && !Array.isArray(x))
}

function columnsFor(items: Rec[]): string[] {
  const present = new Set<string>()
  for (const item of items.slice(0, 20))
    for (const k of Object.keys(item)) if (!Array.isArray(item[k]) || !isRecordList(item[k])) present.add(k)
  let cols = COLUMN_PRIORITY.filter((k) => present.has(k))
  if (cols.includes('number') && cols.includes('id')) cols.splice(cols.indexOf('id'), 1)
  if (cols.includes('full_name') && cols.includes('name')) cols.splice(cols.indexOf('name'), 1)
  if (cols.length === 0) cols = [...present]
  return cols.slice(0, 5)
}

export function cell(value: unknown, key: string): string {
  if (value === null || value === undefined) return '<span class="none">\u2013</span>'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (key === 'amount' && typeof value === 'number') return esc((value / 100).toFixed(2))
  if ((key === 'created' || key === 'created_at') && typeof value === 'number')
    return `<span class="nowrap">${esc(new Date(value * 1000).toISOString().slice(0, 16).replace('T', ' '))}</span>`
  if (Array.isArray(value)) {
    return value
      .map((v: unknown) => {
        const r = rec(v)
        const label = v && typeof v === 'object' ? (r.name ?? r.id ?? JSON.stringify(v)) : v
        const color = r.color
          ? ` style="border-color:#${esc(String(r.color).replace(/[^0-9a-f]/gi, ''))}"`
          : ''
        return `<span class="label"${color}>${esc(label)}</span>`
      })
      .join('')
  }
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (key === 'state' || key === 'status') {
    const cls = /open|active|succeeded|paid|delivered/.test(text)
      ? 'ok'
      : /closed|canceled|failed/.test(text)
        ? 'bad'
        : ''
    return `<span class="tag ${cls}">${esc(text)}</span>`
  }
  return esc(text.length > 90 ? `${text.slice(0, 89)}\u2026` : text)
}

export function titleCase(key: string): string {
  return key.replace(/_/g, ' ')
}

function tableFor(items: Rec[]): string {
  const cols = columnsFor(items)
  let html = `<table><thead><tr>${cols.map((c) => `<th>${esc(titleCase(c))}</th>`).join('')}</tr></thead><tbody>`
  for (const item of items) {
    html += `<tr>${cols.map((c) => `<td>${cell(item[c], c)}</td>`).join('')}</tr>`
    for (const k of Object.keys(item)) {
      if (!Array.isArray(item[k]) || !isRecordList(item[k])) continue
      const nested = asList(item[k])
      const nestedCols = columnsFor(nested)
      for (const child of nested.slice(0, 50))
        html += `<tr class="nested"><td colspan="${cols.length}">\u21b3 <span class="tag">${esc(titleCase(k).replace(/s$/, ''))}</span> ${nestedCols.map((c) => cell(child[c], c)).join(' \u00b7 ')}</td></tr>`
    }
  }
  return `${html}</tbody></table>`
}

function section(title: string, count: number | undefined, body: string): string {
  return `<h4>${esc(title)}${count === undefined ? '' : ` <span class="count">${count}</span>`}</h4>${body}`
}

function rows<T>(items: T[], cols: string[], render: (item: T) => string[]): string {
  if (!items.length) return '<div class="none">none yet</div>'
  return `<table><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${items
    .map(
      (item) =>
        `<tr>${render(item)
          .map((c) => `<td>${c}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>`
}

function labels(list: unknown): string {
  return asList(list)
    .map((l) => `<span class="label">${esc(typeof l === 'string' ? l : l.name)}</span>`)
    .join('')
}

function github(snap: Rec): string {
  const repos = asList(snap.repos)
  if (!repos.length) return section('Repositories', 0, '<div class="none">none yet</div>')
  return repos
    .map((repo) => {
      const issues = asList(repo.issues)
      const hooks = asList(repo.hooks)
      const hookList = hooks.length
        ? `<div style="margin-top:8px">${hooks
            .map((h) => {
              const code = rec(h.last_response).code
              return `<div class="hook"><span class="tag">hook</span> <code>${clip(h.url, 60)}</code> ${asList(
                h.events,
              )
                .map((e) => `<span class="label">${esc(e)}</span>`)
                .join('')}${code ? ` ${statusTag(code)}` : ''}</div>`
            })
            .join('')}</div>`
        : ''
      return `<h4 class="repo"><span class="mono">${esc(repo.full_name)}</span>${repo.private ? ' <span class="tag">private</span>' : ''}</h4>${rows(
        issues,
        ['#', 'Title', 'State', 'Labels', 'Comments'],
        (i) => [
          `<span class="mono">${esc(i.number)}</span>${i.pull_request ? ' <span class="tag">PR</span>' : ''}`,
          clip(i.title, 70),
          cell(i.state, 'state'),
          labels(i.labels),
          `<span class="num">${asList(i.comments).length}</span>`,
        ],
      )}${hookList}`
    })
    .join('')
}

function slack(snap: Rec): string {
  const users: Record<string, string> = {}
  for (const u of asList(snap.users)) users[String(u.id)] = String(u.name)
  const bot = rec(snap.bot)
  if (bot.user_id) users[String(bot.user_id)] = String(bot.name || 'bot')
  const channels = asList(snap.channels)
  const html = rows(channels, ['Channel', 'Kind', 'Members', 'Messages'], (c) => [
    `<span class="mono">#${esc(c.name || c.id)}</span>${c.is_archived ? ' <span class="tag">archived</span>' : ''}`,
    esc(c.kind || ''),
    `<span class="num">${asList(c.members).length}</span>`,
    `<span class="num">${asList(c.messages).length}</span>`,
  ])
  const messages: Array<{ channel: unknown; m: Rec }> = []
  for (const c of channels) for (const m of asList(c.messages)) messages.push({ channel: c.name || c.id, m })
  messages.sort((a, b) => Number(a.m.ts) - Number(b.m.ts))
  const recent = messages.slice(-12).reverse()
  return (
    section('Channels', channels.length, html) +
    section(
      'Messages',
      messages.length,
      rows(recent, ['Channel', 'From', 'Text'], (x) => {
        const who = x.m.user
          ? (users[String(x.m.user)] ?? x.m.user)
          : x.m.username || rec(x.m.bot_profile).name || 'bot'
        return [
          `<span class="mono">#${esc(x.channel)}</span>`,
          esc(who),
          clip(x.m.text, 80) +
            (x.m.thread_ts && x.m.thread_ts !== x.m.ts ? ' <span class="tag">reply</span>' : ''),
        ]
      }),
    ) +
    section(
      'Users',
      asList(snap.users).length,
      `<div>${asList(snap.users)
        .map((u) => `<span class="label">@${esc(u.name)}</span>`)
        .join('')}</div>`,
    )
  )
}

function stripe(snap: Rec): string {
  const money = (o: Rec) =>
    typeof o.amount === 'number'
      ? esc(`${(o.amount / 100).toFixed(2)} ${String(o.currency || '').toUpperCase()}`)
      : '\u2013'
  const customers = asList(snap.customers)
  let html = section(
    'Customers',
    customers.length,
    rows(customers.slice(-20).reverse(), ['Id', 'Email', 'Name'], (c) => [
      `<span class="mono">${clip(c.id, 22)}</span>`,
      esc(c.email || '\u2013'),
      esc(c.name || '\u2013'),
    ]),
  )
  const payments = asList(snap.payment_intents).concat(asList(snap.charges))
  html += section(
    'Payments',
    payments.length,
    rows(payments.slice(-20).reverse(), ['Id', 'Amount', 'Status'], (p) => [
      `<span class="mono" title="${esc(p.id)}">${clip(p.id, 20)}</span>`,
      `<span class="nowrap">${money(p)}</span>`,
      cell(p.status, 'status'),
    ]),
  )
  const events = asList(snap.events)
  if (events.length)
    html += section(
      'Events',
      events.length,
      rows(events.slice(-10).reverse(), ['Type', 'Object', 'Created'], (e) => [
        `<span class="mono">${esc(e.type)}</span>`,
        `<span class="mono">${clip(rec(rec(e.data).object).id ?? '', 20)}</span>`,
        cell(e.created, 'created'),
      ]),
    )
  const rest: Rec = {}
  for (const k of Object.keys(snap))
    if (!['customers', 'payment_intents', 'charges', 'events'].includes(k)) rest[k] = snap[k]
  return html + genericState(rest)
}

function replyText(reply: unknown): unknown {
  if (typeof reply === 'string') return reply
  const r = rec(reply)
  if (r.content !== undefined) return r.content
  if (r.toolCalls)
    return `tool calls: ${asList(r.toolCalls)
      .map((t) => t.name)
      .join(', ')}`
  if (r.error) {
    const error = rec(r.error)
    return `error ${error.status || ''} ${error.message || error.type || ''}`
  }
  return JSON.stringify(reply)
}

function openai(snap: Rec): string {
  const queued = asList(snap.queuedReplies)
  let html = section(
    'Scripted replies queue',
    queued.length,
    rows(queued, ['#', 'Reply', 'When', 'Left'], (q) => [
      `<span class="mono">${queued.indexOf(q) + 1}</span>`,
      clip(replyText(q.reply), 80),
      `<span class="mono">${clip(q.when, 40)}</span>`,
      esc(q.remaining),
    ]),
  )
  const responses = asList(snap.responses)
  if (responses.length)
    html += section(
      'Responses',
      responses.length,
      rows(responses.slice(-10).reverse(), ['Id', 'Model', 'Status', 'Output'], (r) => [
        `<span class="mono">${clip(r.id, 18)}</span>`,
        esc(r.model || ''),
        cell(r.status, 'status'),
        clip(r.output_text, 60),
      ]),
    )
  return html
}

/** Lists of records in a snapshot, as tables. */
export function genericState(snap: Rec): string {
  let body = ''
  for (const [key, value] of Object.entries(snap)) {
    if (isRecordList(value)) {
      const items = asList(value)
      body += section(titleCase(key), items.length, tableFor(items.slice(0, 200)))
    } else if (Array.isArray(value) || (value && typeof value === 'object' && !Object.keys(value).length)) {
      body += section(titleCase(key), 0, '<div class="none">none yet</div>')
    }
  }
  return body
}

// Anthropic and Gemini share OpenAI's scripting engine, so their state reads the same.
export const RENDERERS: Record<string, (snap: Rec) => string> = {
  github,
  slack,
  stripe,
  openai,
  anthropic: openai,
  gemini: openai,
}
