/**
 * The dashboard's script, bundled into the page at build: it loads the admin API once, then follows
 * the live feed (`/_understudy/events`). Every value from the server is escaped before the DOM.
 */
import { $, $$, ago, clock, esc, json, mask, maskHeader, statusTag, svcPill, toast } from './dom'
import { genericState, RENDERERS } from './state-views'
import type { CassetteList, Delivery, Entry, Info, Rec, Signature } from './types'

const API = '/_understudy'
const MAX_ROWS = 1000

const state = {
  info: { services: [], baseUrls: {} } as Info,
  requests: [] as Entry[],
  deliveries: [] as Delivery[],
  snapshot: {} as Record<string, Record<string, unknown>>,
  cassettes: { dir: null, cassettes: [] } as CassetteList,
  selected: null as { kind: string; id: string } | null,
  statePartitions: {} as Record<string, string>,
  tab: 'requests',
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(API + path, { headers: { accept: 'application/json' } })
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`)
  return (await res.json()) as T
}

function displayPath(entry: Entry): string {
  // An MCP tool call is logged as 'mcp:tools/call <tool>' with the REST request it made in `via`.
  if (entry.via) return `${entry.path} \u2192 ${entry.via.method} ${entry.via.path}`
  try {
    const url = new URL(entry.url)
    return url.pathname + (url.search || '')
  } catch {
    return entry.path
  }
}

// Slack answers errors as HTTP 200 with ok: false: shown as the failure it is, not a green 200.
function slackError(entry: Entry): string | null {
  const body = entry.responseBody as Rec | undefined
  return entry.service === 'slack' && body && typeof body === 'object' && body.ok === false
    ? String(body.error || 'error')
    : null
}

function entryStatus(entry: Entry): string {
  const failed = slackError(entry)
  let html =
    failed === null
      ? statusTag(entry.status)
      : `<span class="status s5 slack-failed" title="Slack answered ok: false">${esc(entry.status)} ok:false</span> <span class="tag bad">${esc(failed)}</span>`
  if (entry.unimplemented)
    html +=
      ' <span class="tag warn unimplemented" title="The real service has this endpoint; the mock does not implement it">unimplemented</span>'
  if (entry.fault) html += ` <span class="tag warn">${esc(entry.fault)}</span>`
  return html
}

// --- Requests ---

function requestMatches(entry: Entry): boolean {
  const service = $<HTMLSelectElement>('#f-service').value
  const partition = $<HTMLSelectElement>('#f-partition').value
  const text = $<HTMLInputElement>('#f-text').value.trim().toLowerCase()
  if (service && entry.service !== service) return false
  if (partition && entry.partition !== partition) return false
  if (text && !`${entry.method} ${displayPath(entry)} ${entry.status}`.toLowerCase().includes(text))
    return false
  return true
}

function requestRow(entry: Entry, fresh: boolean): HTMLTableRowElement {
  const tr = document.createElement('tr')
  const selected = state.selected?.kind === 'request' && state.selected.id === entry.id
  tr.className = `row${fresh ? ' fresh' : ''}${selected ? ' selected' : ''}`
  tr.dataset.id = entry.id
  tr.dataset.method = entry.method
  tr.dataset.path = entry.path
  tr.innerHTML =
    `<td class="time">${esc(clock(entry.startedAt))}</td>` +
    `<td><span class="method m-${esc(entry.method)}">${esc(entry.method)}</span></td>` +
    `<td class="path" title="${esc(displayPath(entry))}">${esc(displayPath(entry))}</td>` +
    `<td>${entryStatus(entry)}</td>` +
    `<td class="num">${esc(entry.durationMs.toFixed(1))} ms</td>` +
    `<td>${svcPill(entry.service)}</td>` +
    `<td class="partition" title="credential partition">${esc(mask(entry.partition))}</td>`
  tr.addEventListener('click', () => showRequest(entry.id))
  return tr
}

function renderRequests(): void {
  const body = $('#requests tbody')
  body.textContent = ''
  const rows = state.requests.filter(requestMatches)
  const frag = document.createDocumentFragment()
  for (let i = rows.length - 1, n = 0; i >= 0 && n < MAX_ROWS; i--, n++)
    frag.appendChild(requestRow(rows[i]!, false))
  body.appendChild(frag)
  $('#requests-empty').hidden = state.requests.length > 0
  $('#requests').hidden = state.requests.length === 0
  $('#count-requests').textContent = String(state.requests.length)
  refreshPartitionFilter()
}

function addRequest(entry: Entry): void {
  state.requests.push(entry)
  if (state.requests.length > 5000) state.requests.splice(0, state.requests.length - 5000)
  $('#count-requests').textContent = String(state.requests.length)
  $('#requests-empty').hidden = true
  $('#requests').hidden = false
  refreshPartitionFilter()
  if (!requestMatches(entry)) return
  const body = $('#requests tbody')
  body.insertBefore(requestRow(entry, true), body.firstChild)
  while (body.children.length > MAX_ROWS && body.lastChild) body.removeChild(body.lastChild)
}

const byPartition = (a: string, b: string) => (a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : 1)

function partitions(): string[] {
  const seen = new Set<string>()
  for (const r of state.requests) seen.add(r.partition)
  for (const svc of Object.keys(state.snapshot))
    for (const p of Object.keys(state.snapshot[svc] ?? {})) seen.add(p)
  return [...seen].sort(byPartition)
}

function fillSelect(select: HTMLSelectElement, values: string[], label: string, keepEmpty: boolean): void {
  const current = select.value
  let html = keepEmpty ? `<option value="">${esc(label)}</option>` : ''
  for (const v of values) html += `<option value="${esc(v)}">${esc(mask(v))}</option>`
  if (select.dataset.html === html) return
  select.dataset.html = html
  select.innerHTML = html
  if (values.includes(current) || (keepEmpty && current === '')) select.value = current
}

function refreshPartitionFilter(): void {
  fillSelect($<HTMLSelectElement>('#f-partition'), partitions(), 'All partitions', true)
}

function kv(
  obj: Record<string, unknown> | undefined,
  masker?: (name: string, value: unknown) => string,
): string {
  const keys = Object.keys(obj ?? {})
  if (!keys.length) return '<div class="none">none</div>'
  return `<dl class="kv">${keys
    .map((k) => `<dt>${esc(k)}</dt><dd>${esc(masker ? masker(k, obj![k]) : obj![k])}</dd>`)
    .join('')}</dl>`
}

function openDetail(html: string): void {
  const aside = $('#detail')
  aside.innerHTML = html
  aside.classList.add('open')
  $('#detail .close').addEventListener('click', closeDetail)
}

function closeDetail(): void {
  state.selected = null
  $('#detail').classList.remove('open')
  for (const tr of $$('tr.selected')) tr.classList.remove('selected')
}

function select(kind: string, id: string): void {
  state.selected = { kind, id }
  for (const tr of $$('tr.selected')) tr.classList.remove('selected')
  for (const tr of $$(`tr[data-id="${CSS.escape(id)}"]`)) tr.classList.add('selected')
}

const CLOSE = '<button class="close" title="Close (Esc)" aria-label="Close">\u00d7</button>'

function showRequest(id: string): void {
  const entry = state.requests.find((r) => r.id === id)
  if (!entry) return
  select('request', id)
  const query = Object.keys(entry.query ?? {}).length ? `<h3>Query</h3>${kv(entry.query)}` : ''
  openDetail(
    `<div class="detail-head"><div class="title"><span class="method m-${esc(entry.method)}">${esc(entry.method)}</span> ` +
      `${esc(displayPath(entry))}<div class="sub">${svcPill(entry.service)} \u00b7 partition <span class="partition">` +
      `${esc(mask(entry.partition))}</span> \u00b7 ${entryStatus(entry)} \u00b7 ${esc(entry.durationMs.toFixed(1))} ms` +
      `</div>${entry.route ? `<div class="sub">route <code>${esc(entry.route)}</code></div>` : ''}</div>${CLOSE}</div>` +
      `<div class="detail-body">${query}` +
      `<h3>Request body</h3><pre class="json" id="detail-request-body">${json(entry.body)}</pre>` +
      `<h3>Response body</h3><pre class="json" id="detail-response-body">${json(entry.responseBody)}</pre>` +
      `<h3>Request headers</h3>${kv(entry.headers, maskHeader)}` +
      `<h3>Response headers</h3>${kv(entry.responseHeaders, maskHeader)}</div>`,
  )
}

// --- Webhooks ---

function signatureTag(sig: Signature | undefined): string {
  if (!sig?.scheme) return '<span class="tag">unsigned</span>'
  if (sig.verified === true)
    return `<span class="tag ok" title="verified with the secret the mock knows">\u2713 ${esc(sig.scheme)}</span>`
  if (sig.verified === false)
    return `<span class="tag bad" title="does not verify with any secret the mock knows">\u2717 ${esc(sig.scheme)}</span>`
  return `<span class="tag info" title="signed; no known secret to check it with">signed \u00b7 ${esc(sig.scheme)}</span>`
}

function deliveryTag(status: string): string {
  const cls = status === 'delivered' ? 'ok' : status === 'failed' ? 'bad' : 'warn'
  return `<span class="tag ${cls}">${esc(status)}</span>`
}

function renderWebhooks(): void {
  const body = $('#webhooks tbody')
  body.textContent = ''
  const list = state.deliveries.slice().reverse()
  for (const d of list) {
    const tr = document.createElement('tr')
    tr.className = 'row'
    tr.dataset.id = d.id
    const first = d.attempts[0]
    const answer = d.response
      ? d.response.status
        ? statusTag(d.response.status)
        : `<span class="tag bad" title="${esc(d.response.error || '')}">error</span>`
      : ''
    tr.innerHTML =
      `<td class="time">${esc(first ? clock(first.at) : '\u2026')}</td>` +
      `<td>${svcPill(d.service)}</td>` +
      `<td class="mono">${esc(d.event)}</td>` +
      `<td class="path" title="${esc(d.url)}">${esc(d.url)}</td>` +
      `<td>${deliveryTag(d.status)}</td>` +
      `<td class="num">${esc(d.attempts.length)}</td>` +
      `<td>${signatureTag(d.signature)}</td>` +
      `<td>${answer}</td>`
    tr.addEventListener('click', () => showDelivery(d.id))
    body.appendChild(tr)
  }
  $('#webhooks-empty').hidden = list.length > 0
  $('#webhooks').hidden = list.length === 0
  $('#count-webhooks').textContent = String(list.length)
}

function upsertDelivery(d: Delivery): void {
  const at = state.deliveries.findIndex((x) => x.id === d.id)
  if (at >= 0) state.deliveries[at] = d
  else state.deliveries.push(d)
  renderWebhooks()
}

function showDelivery(id: string): void {
  const d = state.deliveries.find((x) => x.id === id)
  if (!d) return
  select('delivery', id)
  const attempts = d.attempts
    .map(
      (a, i) =>
        `<tr><td>#${i + 1}</td><td class="time">${esc(clock(a.at))}</td><td>${
          a.status ? statusTag(a.status) : `<span class="tag bad">${esc(a.error || 'error')}</span>`
        }</td><td class="num">${esc(a.durationMs.toFixed(1))} ms</td></tr>`,
    )
    .join('')
  openDetail(
    `<div class="detail-head"><div class="title">${esc(d.event)} \u2192 ${esc(d.url)}` +
      `<div class="sub">${svcPill(d.service)} \u00b7 partition <span class="partition">${esc(mask(d.partition))}</span> \u00b7 ` +
      `${deliveryTag(d.status)} \u00b7 ${signatureTag(d.signature)}</div></div>${CLOSE}</div>` +
      '<div class="detail-body">' +
      `<h3>Attempts</h3>${attempts ? `<table>${attempts}</table>` : '<div class="none">in flight</div>'}` +
      `<h3>Receiver response</h3><pre class="json">${json(d.response ? d.response.body || d.response.error : undefined)}</pre>` +
      `<h3>Payload</h3><pre class="json">${json(d.body)}</pre>` +
      `<h3>Headers</h3>${kv(d.headers)}</div>`,
  )
}

// --- State ---

function servicePartitions(svc: string): string[] {
  return Object.keys(state.snapshot[svc] ?? {}).sort(byPartition)
}

function defaultPartition(svc: string): string {
  for (let i = state.requests.length - 1; i >= 0; i--)
    if (state.requests[i]!.service === svc) return state.requests[i]!.partition
  return 'default'
}

function renderServiceState(name: string): string {
  const options = servicePartitions(name)
  let chosen = state.statePartitions[name]
  if (!chosen || !options.includes(chosen)) chosen = defaultPartition(name)
  if (!options.includes(chosen)) chosen = options[0] ?? 'default'
  state.statePartitions[name] = chosen
  const snap = state.snapshot[name]?.[chosen]
  let body = ''
  try {
    body = (RENDERERS[name] ?? genericState)((snap ?? {}) as Rec)
  } catch {
    body = ''
  }
  if (!body) body = '<div class="none">No state yet.</div>'
  body += `<details class="raw"><summary>Raw snapshot</summary><pre class="json">${json(snap)}</pre></details>`
  const selectHtml =
    `<select class="partition-select" data-service="${esc(name)}" aria-label="${esc(name)} partition">` +
    options
      .map((p) => `<option value="${esc(p)}"${p === chosen ? ' selected' : ''}>${esc(mask(p))}</option>`)
      .join('') +
    '</select>'
  return (
    `<div class="card svc-card" data-service="${esc(name)}"><header>${svcPill(name)}` +
    `<span class="muted">${esc((state.info.baseUrls[name] ?? '').replace(location.origin, ''))}</span>${selectHtml}</header>` +
    `<div class="body">${body}</div></div>`
  )
}

function renderState(): void {
  const grid = $('#state-grid')
  grid.innerHTML =
    state.info.services.map(renderServiceState).join('') ||
    '<div class="empty"><strong>No services mounted</strong></div>'
  for (const el of $$<HTMLSelectElement>('.partition-select', grid)) {
    el.addEventListener('change', () => {
      state.statePartitions[el.dataset.service ?? ''] = el.value
      renderState()
    })
  }
}

// --- Cassettes ---

function renderCassettes(): void {
  const list = state.cassettes.cassettes ?? []
  $('#cassettes-dir').textContent = state.cassettes.dir ?? ''
  $('#cassettes tbody').innerHTML = list
    .map((c) => {
      const expiry = c.expired
        ? `<span class="tag bad">expired ${esc(ago(c.expiresAt))}</span>`
        : c.expiresAt
          ? `<span class="tag ok">expires ${esc(ago(c.expiresAt))}</span>`
          : '<span class="tag">never expires</span>'
      const problems = (c.problems ?? [])
        .map((p) => `<span class="tag bad" title="${esc(p.message || '')}">${esc(p.kind)}</span>`)
        .join(' ')
      return (
        `<tr><td class="mono">${esc(c.name)}${c.replaying ? ' <span class="tag info">replaying</span>' : ''}</td>` +
        `<td class="num">${esc(c.interactions === undefined ? '\u2013' : c.interactions)}</td>` +
        `<td class="time">${esc(c.recordedAt ? ago(c.recordedAt) : '\u2013')}</td>` +
        `<td>${expiry}</td><td>${problems || '<span class="tag ok">ok</span>'}</td></tr>`
      )
    })
    .join('')
  $('#cassettes-empty').hidden = list.length > 0
  $('#cassettes').hidden = list.length === 0
  $('#count-cassettes').textContent = String(list.length)
}

// --- Shell ---

function renderHeader(): void {
  const { services, baseUrls, replay } = state.info
  $('#services').innerHTML = services
    .map(
      (svc) =>
        `<span class="svc" data-url="${esc(baseUrls[svc])}" title="Copy base URL">${svcPill(svc)} <code>${esc(
          (baseUrls[svc] ?? '').replace(location.origin, ''),
        )}</code></span>`,
    )
    .join('')
  for (const el of $$('#services .svc')) {
    el.addEventListener('click', () => {
      const url = el.dataset.url ?? ''
      if (navigator.clipboard)
        navigator.clipboard.writeText(url).then(
          () => toast(`Copied ${url}`),
          () => toast(url),
        )
      else toast(url)
    })
  }
  $('#origin').textContent = location.host
  const lines: string[] = []
  if (baseUrls.github) lines.push(`new Octokit({ auth: 'ghp_test', baseUrl: '${baseUrls.github}' })`)
  if (baseUrls.openai) lines.push(`new OpenAI({ apiKey: 'sk-test', baseURL: '${baseUrls.openai}' })`)
  if (baseUrls.anthropic)
    lines.push(`new Anthropic({ apiKey: 'sk-ant-test', baseURL: '${baseUrls.anthropic}' })`)
  if (baseUrls.gemini)
    lines.push(`new GoogleGenAI({ apiKey: 'gemini-test', httpOptions: { baseUrl: '${baseUrls.gemini}' } })`)
  if (baseUrls.stripe) lines.push(`curl ${baseUrls.stripe}/customers -u sk_test_123:`)
  lines.push(`curl ${location.origin}/_understudy/requests`)
  $('#quickstart').textContent = lines.join('\n')
  fillSelect(
    $<HTMLSelectElement>('#f-service'),
    services.concat(replay?.length ? ['cassette'] : []),
    'All services',
    true,
  )
}

function showTab(name: string): void {
  state.tab = name
  for (const b of $$('nav.tabs button')) b.setAttribute('aria-selected', String(b.dataset.tab === name))
  for (const s of $$('section.view')) s.classList.toggle('active', s.id === `view-${name}`)
  closeDetail()
  if (name === 'state') void loadState()
  if (name === 'cassettes') void loadCassettes()
}

async function loadState(): Promise<void> {
  const r = await getJson<{ state: typeof state.snapshot }>('/state')
  state.snapshot = r.state
  if (state.tab === 'state') renderState()
}

async function loadCassettes(): Promise<void> {
  state.cassettes = await getJson<CassetteList>('/cassettes')
  renderCassettes()
}

async function loadAll(): Promise<void> {
  await Promise.all([
    getJson<Info>('/info').then((r) => {
      state.info = r
      renderHeader()
    }),
    getJson<{ requests: Entry[] }>(`/requests?limit=${MAX_ROWS}`).then((r) => {
      state.requests = r.requests
      renderRequests()
    }),
    getJson<{ deliveries: Delivery[] }>('/webhooks').then((r) => {
      state.deliveries = r.deliveries
      renderWebhooks()
    }),
    loadCassettes(),
  ])
  await loadState()
}

let stateTimer: ReturnType<typeof setTimeout> | undefined
function scheduleState(): void {
  clearTimeout(stateTimer)
  stateTimer = setTimeout(() => void loadState(), 150)
}

let resetTimer: ReturnType<typeof setTimeout> | undefined
function connect(): void {
  const source = new EventSource(`${API}/events`)
  source.onopen = () => {
    $('#live').classList.add('on')
    $('#live-text').textContent = 'live'
  }
  source.onerror = () => {
    $('#live').classList.remove('on')
    $('#live-text').textContent = 'reconnecting\u2026'
  }
  source.addEventListener('request', (e) => {
    addRequest(JSON.parse((e as MessageEvent<string>).data) as Entry)
    scheduleState()
  })
  source.addEventListener('webhook', (e) =>
    upsertDelivery(JSON.parse((e as MessageEvent<string>).data) as Delivery),
  )
  source.addEventListener('state', scheduleState)
  source.addEventListener('reset', () => {
    clearTimeout(resetTimer)
    resetTimer = setTimeout(() => {
      closeDetail()
      void loadAll()
    }, 100)
  })
}

document.addEventListener('DOMContentLoaded', () => {
  for (const b of $$('nav.tabs button'))
    b.addEventListener('click', () => showTab(b.dataset.tab ?? 'requests'))
  for (const sel of ['#f-service', '#f-partition']) $(sel).addEventListener('change', renderRequests)
  $('#f-text').addEventListener('input', renderRequests)
  $('#clear-view').addEventListener('click', () => {
    state.requests = []
    renderRequests()
    closeDetail()
  })
  $('#reset').addEventListener('click', () => {
    if (!confirm('Reset every service to its seed state and clear the log?')) return
    void fetch(`${API}/reset`, { method: 'POST' }).then(() => toast('Reset'))
  })
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDetail()
  })
  loadAll().catch((err: unknown) => toast(String(err)))
  connect()
})
