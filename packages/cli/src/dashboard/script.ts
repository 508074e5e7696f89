/**
 * The dashboard's script: plain browser JavaScript, no framework. It loads the admin API once, then
 * follows the live feed (`/_understudy/events`). Written without template literals so it can live in
 * a `String.raw` block; every value from the server is escaped before it reaches the DOM.
 */
export const DASHBOARD_JS = String.raw`
(function () {
  'use strict'
  var API = '/_understudy'
  var MAX_ROWS = 1000
  var state = {
    info: { services: [], baseUrls: {} },
    requests: [],
    deliveries: [],
    snapshot: {},
    cassettes: { dir: null, cassettes: [] },
    selected: null,
    statePartitions: {},
    tab: 'requests'
  }

  function $(sel, root) { return (root || document).querySelector(sel) }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)) }
  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]
    })
  }
  function mask(value) {
    value = String(value)
    if (value === 'default') return value
    if (value.length <= 4) return '\u2026'
    if (value.length <= 8) return value.slice(0, 2) + '\u2026' + value.slice(-2)
    return value.slice(0, 4) + '\u2026' + value.slice(-3)
  }
  var SECRET_HEADERS = /^(authorization|proxy-authorization|x-api-key|cookie|set-cookie|openai-api-key|stripe-signature)$/i
  function maskHeader(name, value) {
    if (!SECRET_HEADERS.test(name)) return value
    var parts = String(value).split(' ')
    return parts.length === 2 ? parts[0] + ' ' + mask(parts[1]) : mask(value)
  }
  function pad(n, w) { n = String(n); while (n.length < (w || 2)) n = '0' + n; return n }
  function clock(ms) {
    var d = new Date(ms)
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3)
  }
  function ago(iso) {
    var t = Date.parse(iso)
    if (!isFinite(t)) return ''
    var s = Math.round((Date.now() - t) / 1000), a = Math.abs(s), unit, n
    if (a < 90) { n = a; unit = 's' } else if (a < 5400) { n = Math.round(a / 60); unit = 'min' }
    else if (a < 129600) { n = Math.round(a / 3600); unit = 'h' } else { n = Math.round(a / 86400); unit = 'd' }
    return s >= 0 ? n + ' ' + unit + ' ago' : 'in ' + n + ' ' + unit
  }
  function json(value) {
    if (value === undefined) return '<span class="j-lit">(empty)</span>'
    var text = typeof value === 'string' ? value : JSON.stringify(value, null, 2)
    if (typeof value === 'string') {
      try { text = JSON.stringify(JSON.parse(value), null, 2) } catch (e) { return esc(value) }
    }
    var re = /"(?:\\.|[^"\\])*"(\s*:)?|\b(?:true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g
    var out = '', last = 0, m
    while ((m = re.exec(text))) {
      out += esc(text.slice(last, m.index))
      var cls = m[0].charAt(0) === '"' ? (m[1] ? 'j-key' : 'j-str') : /^(true|false|null)$/.test(m[0]) ? 'j-lit' : 'j-num'
      out += '<span class="' + cls + '">' + esc(m[0]) + '</span>'
      last = re.lastIndex
    }
    return out + esc(text.slice(last))
  }
  function statusTag(status) {
    var cls = status ? 's' + String(status).charAt(0) : 's0'
    return '<span class="status ' + cls + '">' + esc(status || 'ERR') + '</span>'
  }
  function svcPill(name) { return '<span class="pill"><span class="dot ' + esc(name) + '"></span>' + esc(name) + '</span>' }
  function toast(text) {
    var el = $('#toast')
    el.textContent = text
    el.classList.add('show')
    clearTimeout(toast.timer)
    toast.timer = setTimeout(function () { el.classList.remove('show') }, 1600)
  }
  function getJson(path) {
    return fetch(API + path, { headers: { accept: 'application/json' } }).then(function (res) {
      if (!res.ok) throw new Error(path + ': HTTP ' + res.status)
      return res.json()
    })
  }
  function displayPath(entry) {
    // An MCP tool call is logged as 'mcp:tools/call <tool>' with the REST request it made in 'via'.
    if (entry.via) return entry.path + ' \u2192 ' + entry.via.method + ' ' + entry.via.path
    try { return new URL(entry.url).pathname + (new URL(entry.url).search || '') } catch (e) { return entry.path }
  }

  // --- Requests ---

  function requestMatches(entry) {
    var service = $('#f-service').value, partition = $('#f-partition').value, text = $('#f-text').value.trim().toLowerCase()
    if (service && entry.service !== service) return false
    if (partition && entry.partition !== partition) return false
    if (text && (entry.method + ' ' + displayPath(entry) + ' ' + entry.status).toLowerCase().indexOf(text) < 0) return false
    return true
  }
  function requestRow(entry, fresh) {
    var tr = document.createElement('tr')
    tr.className = 'row' + (fresh ? ' fresh' : '') + (state.selected && state.selected.kind === 'request' && state.selected.id === entry.id ? ' selected' : '')
    tr.dataset.id = entry.id
    tr.dataset.method = entry.method
    tr.dataset.path = entry.path
    tr.innerHTML =
      '<td class="time">' + esc(clock(entry.startedAt)) + '</td>' +
      '<td><span class="method m-' + esc(entry.method) + '">' + esc(entry.method) + '</span></td>' +
      '<td class="path" title="' + esc(displayPath(entry)) + '">' + esc(displayPath(entry)) + '</td>' +
      '<td>' + statusTag(entry.status) + (entry.fault ? ' <span class="tag warn">' + esc(entry.fault) + '</span>' : '') + '</td>' +
      '<td class="num">' + esc(entry.durationMs.toFixed(1)) + ' ms</td>' +
      '<td>' + svcPill(entry.service) + '</td>' +
      '<td class="partition" title="credential partition">' + esc(mask(entry.partition)) + '</td>'
    tr.addEventListener('click', function () { showRequest(entry.id) })
    return tr
  }
  function renderRequests() {
    var body = $('#requests tbody')
    body.textContent = ''
    var rows = state.requests.filter(requestMatches)
    var frag = document.createDocumentFragment()
    for (var i = rows.length - 1, n = 0; i >= 0 && n < MAX_ROWS; i--, n++) frag.appendChild(requestRow(rows[i], false))
    body.appendChild(frag)
    $('#requests-empty').hidden = state.requests.length > 0
    $('#requests').hidden = state.requests.length === 0
    $('#count-requests').textContent = state.requests.length
    refreshPartitionFilter()
  }
  function addRequest(entry) {
    state.requests.push(entry)
    if (state.requests.length > 5000) state.requests.splice(0, state.requests.length - 5000)
    $('#count-requests').textContent = state.requests.length
    $('#requests-empty').hidden = true
    $('#requests').hidden = false
    refreshPartitionFilter()
    if (!requestMatches(entry)) return
    var body = $('#requests tbody')
    body.insertBefore(requestRow(entry, true), body.firstChild)
    while (body.children.length > MAX_ROWS) body.removeChild(body.lastChild)
  }
  function partitions() {
    var seen = {}
    state.requests.forEach(function (r) { seen[r.partition] = true })
    Object.keys(state.snapshot).forEach(function (svc) { Object.keys(state.snapshot[svc] || {}).forEach(function (p) { seen[p] = true }) })
    return Object.keys(seen).sort(function (a, b) { return a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : 1 })
  }
  function fillSelect(select, values, label, keepEmpty) {
    var current = select.value
    var html = keepEmpty ? '<option value="">' + esc(label) + '</option>' : ''
    values.forEach(function (v) { html += '<option value="' + esc(v) + '">' + esc(mask(v)) + '</option>' })
    if (select.dataset.html === html) return
    select.dataset.html = html
    select.innerHTML = html
    if (values.indexOf(current) >= 0 || (keepEmpty && current === '')) select.value = current
  }
  function refreshPartitionFilter() { fillSelect($('#f-partition'), partitions(), 'All partitions', true) }

  function kv(obj, masker) {
    var keys = Object.keys(obj || {})
    if (!keys.length) return '<div class="none">none</div>'
    return '<dl class="kv">' + keys.map(function (k) {
      return '<dt>' + esc(k) + '</dt><dd>' + esc(masker ? masker(k, obj[k]) : obj[k]) + '</dd>'
    }).join('') + '</dl>'
  }
  function openDetail(html) {
    var aside = $('#detail')
    aside.innerHTML = html
    aside.classList.add('open')
    $('#detail .close').addEventListener('click', closeDetail)
  }
  function closeDetail() {
    state.selected = null
    $('#detail').classList.remove('open')
    $$('tr.selected').forEach(function (tr) { tr.classList.remove('selected') })
  }
  function select(kind, id) {
    state.selected = { kind: kind, id: id }
    $$('tr.selected').forEach(function (tr) { tr.classList.remove('selected') })
    $$('tr[data-id="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]').forEach(function (tr) { tr.classList.add('selected') })
  }
  function showRequest(id) {
    var entry = state.requests.filter(function (r) { return r.id === id })[0]
    if (!entry) return
    select('request', id)
    var query = Object.keys(entry.query || {}).length ? '<h3>Query</h3>' + kv(entry.query) : ''
    openDetail(
      '<div class="detail-head"><div class="title"><span class="method m-' + esc(entry.method) + '">' + esc(entry.method) + '</span> ' +
        esc(displayPath(entry)) + '<div class="sub">' + svcPill(entry.service) + ' \u00b7 partition <span class="partition">' +
        esc(mask(entry.partition)) + '</span> \u00b7 ' + statusTag(entry.status) + ' \u00b7 ' + esc(entry.durationMs.toFixed(1)) + ' ms' +
        '</div>' + (entry.route ? '<div class="sub">route <code>' + esc(entry.route) + '</code></div>' : '') + '</div>' +
        '<button class="close" title="Close (Esc)" aria-label="Close">\u00d7</button></div>' +
      '<div class="detail-body">' + query +
        '<h3>Request body</h3><pre class="json" id="detail-request-body">' + json(entry.body) + '</pre>' +
        '<h3>Response body</h3><pre class="json" id="detail-response-body">' + json(entry.responseBody) + '</pre>' +
        '<h3>Request headers</h3>' + kv(entry.headers, maskHeader) +
        '<h3>Response headers</h3>' + kv(entry.responseHeaders, maskHeader) +
      '</div>'
    )
  }

  // --- Webhooks ---

  function signatureTag(sig) {
    if (!sig || !sig.scheme) return '<span class="tag">unsigned</span>'
    if (sig.verified === true) return '<span class="tag ok" title="verified with the secret the mock knows">\u2713 ' + esc(sig.scheme) + '</span>'
    if (sig.verified === false) return '<span class="tag bad" title="does not verify with any secret the mock knows">\u2717 ' + esc(sig.scheme) + '</span>'
    return '<span class="tag info" title="signed; no known secret to check it with">signed \u00b7 ' + esc(sig.scheme) + '</span>'
  }
  function deliveryTag(status) {
    var cls = status === 'delivered' ? 'ok' : status === 'failed' ? 'bad' : 'warn'
    return '<span class="tag ' + cls + '">' + esc(status) + '</span>'
  }
  function renderWebhooks() {
    var body = $('#webhooks tbody')
    body.textContent = ''
    var list = state.deliveries.slice().reverse()
    list.forEach(function (d) {
      var tr = document.createElement('tr')
      tr.className = 'row'
      tr.dataset.id = d.id
      var first = d.attempts[0]
      tr.innerHTML =
        '<td class="time">' + esc(first ? clock(first.at) : '\u2026') + '</td>' +
        '<td>' + svcPill(d.service) + '</td>' +
        '<td class="mono">' + esc(d.event) + '</td>' +
        '<td class="path" title="' + esc(d.url) + '">' + esc(d.url) + '</td>' +
        '<td>' + deliveryTag(d.status) + '</td>' +
        '<td class="num">' + esc(d.attempts.length) + '</td>' +
        '<td>' + signatureTag(d.signature) + '</td>' +
        '<td>' + (d.response ? (d.response.status ? statusTag(d.response.status) : '<span class="tag bad" title="' + esc(d.response.error || '') + '">error</span>') : '') + '</td>'
      tr.addEventListener('click', function () { showDelivery(d.id) })
      body.appendChild(tr)
    })
    $('#webhooks-empty').hidden = list.length > 0
    $('#webhooks').hidden = list.length === 0
    $('#count-webhooks').textContent = list.length
  }
  function upsertDelivery(d) {
    for (var i = 0; i < state.deliveries.length; i++) {
      if (state.deliveries[i].id === d.id) { state.deliveries[i] = d; renderWebhooks(); return }
    }
    state.deliveries.push(d)
    renderWebhooks()
  }
  function showDelivery(id) {
    var d = state.deliveries.filter(function (x) { return x.id === id })[0]
    if (!d) return
    select('delivery', id)
    var attempts = d.attempts.map(function (a, i) {
      return '<tr><td>#' + (i + 1) + '</td><td class="time">' + esc(clock(a.at)) + '</td><td>' +
        (a.status ? statusTag(a.status) : '<span class="tag bad">' + esc(a.error || 'error') + '</span>') +
        '</td><td class="num">' + esc(a.durationMs.toFixed(1)) + ' ms</td></tr>'
    }).join('')
    openDetail(
      '<div class="detail-head"><div class="title">' + esc(d.event) + ' \u2192 ' + esc(d.url) +
        '<div class="sub">' + svcPill(d.service) + ' \u00b7 partition <span class="partition">' + esc(mask(d.partition)) + '</span> \u00b7 ' +
        deliveryTag(d.status) + ' \u00b7 ' + signatureTag(d.signature) + '</div></div>' +
        '<button class="close" title="Close (Esc)" aria-label="Close">\u00d7</button></div>' +
      '<div class="detail-body">' +
        '<h3>Attempts</h3>' + (attempts ? '<table>' + attempts + '</table>' : '<div class="none">in flight</div>') +
        '<h3>Receiver response</h3><pre class="json">' + json(d.response ? d.response.body || d.response.error : undefined) + '</pre>' +
        '<h3>Payload</h3><pre class="json">' + json(d.body) + '</pre>' +
        '<h3>Headers</h3>' + kv(d.headers) +
      '</div>'
    )
  }

  // --- State ---

  var COLUMN_PRIORITY = ['number', 'full_name', 'login', 'name', 'title', 'type', 'text', 'id', 'email', 'description', 'content',
    'state', 'status', 'amount', 'currency', 'customer', 'channel', 'user', 'model', 'private', 'is_private', 'labels', 'created']
  function asList(value) {
    if (Array.isArray(value)) return value
    if (value && typeof value === 'object') return Object.keys(value).map(function (k) { return value[k] })
    return []
  }
  function isRecordList(value) {
    var list = asList(value)
    return list.length > 0 && list.every(function (x) { return x && typeof x === 'object' && !Array.isArray(x) })
  }
  function columnsFor(items) {
    var present = {}
    items.slice(0, 20).forEach(function (item) { Object.keys(item).forEach(function (k) { if (!Array.isArray(item[k]) || !isRecordList(item[k])) present[k] = true }) })
    var cols = COLUMN_PRIORITY.filter(function (k) { return present[k] })
    if (cols.indexOf('number') >= 0 && cols.indexOf('id') >= 0) cols.splice(cols.indexOf('id'), 1)
    if (cols.indexOf('full_name') >= 0 && cols.indexOf('name') >= 0) cols.splice(cols.indexOf('name'), 1)
    if (cols.length === 0) cols = Object.keys(present)
    return cols.slice(0, 5)
  }
  function cell(value, key) {
    if (value === null || value === undefined) return '<span class="none">\u2013</span>'
    if (typeof value === 'boolean') return value ? 'yes' : 'no'
    if (key === 'amount' && typeof value === 'number') return esc((value / 100).toFixed(2))
    if ((key === 'created' || key === 'created_at') && typeof value === 'number') return '<span class="nowrap">' + esc(new Date(value * 1000).toISOString().slice(0, 16).replace('T', ' ')) + '</span>'
    if (Array.isArray(value)) {
      return value.map(function (v) {
        var label = v && typeof v === 'object' ? v.name || v.id || JSON.stringify(v) : v
        var color = v && typeof v === 'object' && v.color ? ' style="border-color:#' + esc(String(v.color).replace(/[^0-9a-f]/gi, '')) + '"' : ''
        return '<span class="label"' + color + '>' + esc(label) + '</span>'
      }).join('')
    }
    if (typeof value === 'object') value = JSON.stringify(value)
    value = String(value)
    if (key === 'state' || key === 'status') {
      var cls = /open|active|succeeded|paid|delivered/.test(value) ? 'ok' : /closed|canceled|failed/.test(value) ? 'bad' : ''
      return '<span class="tag ' + cls + '">' + esc(value) + '</span>'
    }
    return esc(value.length > 90 ? value.slice(0, 89) + '\u2026' : value)
  }
  function titleCase(key) { return key.replace(/_/g, ' ') }
  function tableFor(items) {
    var cols = columnsFor(items)
    var html = '<table><thead><tr>' + cols.map(function (c) { return '<th>' + esc(titleCase(c)) + '</th>' }).join('') + '</tr></thead><tbody>'
    items.forEach(function (item) {
      html += '<tr>' + cols.map(function (c) { return '<td>' + cell(item[c], c) + '</td>' }).join('') + '</tr>'
      Object.keys(item).forEach(function (k) {
        if (!Array.isArray(item[k]) || !isRecordList(item[k])) return
        var nested = asList(item[k])
        var nestedCols = columnsFor(nested)
        nested.slice(0, 50).forEach(function (child) {
          html += '<tr class="nested"><td colspan="' + cols.length + '">\u21b3 <span class="tag">' + esc(titleCase(k).replace(/s$/, '')) + '</span> ' +
            nestedCols.map(function (c) { return cell(child[c], c) }).join(' \u00b7 ') + '</td></tr>'
        })
      })
    })
    return html + '</tbody></table>'
  }
  function section(title, count, body) {
    return '<h4>' + esc(title) + (count === undefined ? '' : ' <span class="count">' + count + '</span>') + '</h4>' + body
  }
  function rows(items, cols, render) {
    if (!items.length) return '<div class="none">none yet</div>'
    return '<table><thead><tr>' + cols.map(function (c) { return '<th>' + esc(c) + '</th>' }).join('') + '</tr></thead><tbody>' +
      items.map(function (item) { return '<tr>' + render(item).map(function (c) { return '<td>' + c + '</td>' }).join('') + '</tr>' }).join('') +
      '</tbody></table>'
  }
  function labels(list) {
    return (list || []).map(function (l) { return '<span class="label">' + esc(typeof l === 'string' ? l : l.name) + '</span>' }).join('')
  }
  function clip(text, n) {
    text = String(text === undefined || text === null ? '' : text)
    return esc(text.length > n ? text.slice(0, n - 1) + '\u2026' : text)
  }
  var RENDERERS = {
    github: function (snap) {
      var repos = asList(snap.repos)
      if (!repos.length) return section('Repositories', 0, '<div class="none">none yet</div>')
      return repos.map(function (repo) {
        var issues = asList(repo.issues)
        var hooks = asList(repo.hooks)
        return '<h4 class="repo"><span class="mono">' + esc(repo.full_name) + '</span>' + (repo.private ? ' <span class="tag">private</span>' : '') + '</h4>' +
          rows(issues, ['#', 'Title', 'State', 'Labels', 'Comments'], function (i) {
            return ['<span class="mono">' + esc(i.number) + '</span>' + (i.pull_request ? ' <span class="tag">PR</span>' : ''), clip(i.title, 70),
              cell(i.state, 'state'), labels(i.labels), '<span class="num">' + asList(i.comments).length + '</span>']
          }) +
          (hooks.length ? '<div style="margin-top:8px">' + hooks.map(function (h) {
            var code = h.last_response && h.last_response.code
            return '<div class="hook"><span class="tag">hook</span> <code>' + clip(h.url, 60) + '</code> ' +
              (h.events || []).map(function (e) { return '<span class="label">' + esc(e) + '</span>' }).join('') +
              (code ? ' ' + statusTag(code) : '') + '</div>'
          }).join('') + '</div>' : '')
      }).join('')
    },
    slack: function (snap) {
      var users = {}
      asList(snap.users).forEach(function (u) { users[u.id] = u.name })
      if (snap.bot && snap.bot.user_id) users[snap.bot.user_id] = snap.bot.name || 'bot'
      var channels = asList(snap.channels)
      var html = rows(channels, ['Channel', 'Kind', 'Members', 'Messages'], function (c) {
        return ['<span class="mono">#' + esc(c.name || c.id) + '</span>' + (c.is_archived ? ' <span class="tag">archived</span>' : ''),
          esc(c.kind || ''), '<span class="num">' + asList(c.members).length + '</span>', '<span class="num">' + asList(c.messages).length + '</span>']
      })
      var messages = []
      channels.forEach(function (c) {
        asList(c.messages).forEach(function (m) { messages.push({ channel: c.name || c.id, m: m }) })
      })
      messages.sort(function (a, b) { return Number(a.m.ts) - Number(b.m.ts) })
      var recent = messages.slice(-12).reverse()
      return section('Channels', channels.length, html) + section('Messages', messages.length, rows(recent, ['Channel', 'From', 'Text'], function (x) {
        var who = x.m.user ? users[x.m.user] || x.m.user : x.m.username || (x.m.bot_profile && x.m.bot_profile.name) || 'bot'
        return ['<span class="mono">#' + esc(x.channel) + '</span>', esc(who), clip(x.m.text, 80) + (x.m.thread_ts && x.m.thread_ts !== x.m.ts ? ' <span class="tag">reply</span>' : '')]
      })) + section('Users', asList(snap.users).length, '<div>' + asList(snap.users).map(function (u) { return '<span class="label">@' + esc(u.name) + '</span>' }).join('') + '</div>')
    },
    stripe: function (snap) {
      function money(o) {
        return typeof o.amount === 'number' ? esc((o.amount / 100).toFixed(2) + ' ' + String(o.currency || '').toUpperCase()) : '\u2013'
      }
      var customers = asList(snap.customers)
      var html = section('Customers', customers.length, rows(customers.slice(-20).reverse(), ['Id', 'Email', 'Name'], function (c) {
        return ['<span class="mono">' + clip(c.id, 22) + '</span>', esc(c.email || '\u2013'), esc(c.name || '\u2013')]
      }))
      var payments = asList(snap.payment_intents).concat(asList(snap.charges))
      html += section('Payments', payments.length, rows(payments.slice(-20).reverse(), ['Id', 'Amount', 'Status'], function (p) {
        return ['<span class="mono" title="' + esc(p.id) + '">' + clip(p.id, 20) + '</span>', '<span class="nowrap">' + money(p) + '</span>', cell(p.status, 'status')]
      }))
      var events = asList(snap.events)
      if (events.length) html += section('Events', events.length, rows(events.slice(-10).reverse(), ['Type', 'Object', 'Created'], function (e) {
        var object = e.data && e.data.object ? e.data.object.id : ''
        return ['<span class="mono">' + esc(e.type) + '</span>', '<span class="mono">' + clip(object, 20) + '</span>', cell(e.created, 'created')]
      }))
      var rest = {}
      Object.keys(snap).forEach(function (k) { if (['customers', 'payment_intents', 'charges', 'events'].indexOf(k) < 0) rest[k] = snap[k] })
      return html + genericState(rest)
    },
    openai: function (snap) {
      var queued = asList(snap.queuedReplies)
      var html = section('Scripted replies queue', queued.length, rows(queued, ['#', 'Reply', 'When', 'Left'], function (q, i) {
        var r = q.reply
        var text = typeof r === 'string' ? r : r && r.content !== undefined ? r.content
          : r && r.toolCalls ? 'tool calls: ' + asList(r.toolCalls).map(function (t) { return t.name }).join(', ')
          : r && r.error ? 'error ' + (r.error.status || '') + ' ' + (r.error.message || r.error.type || '') : JSON.stringify(r)
        return ['<span class="mono">' + (queued.indexOf(q) + 1) + '</span>', clip(text, 80), '<span class="mono">' + clip(q.when, 40) + '</span>', esc(q.remaining)]
      }))
      var responses = asList(snap.responses)
      if (responses.length) html += section('Responses', responses.length, rows(responses.slice(-10).reverse(), ['Id', 'Model', 'Status', 'Output'], function (r) {
        return ['<span class="mono">' + clip(r.id, 18) + '</span>', esc(r.model || ''), cell(r.status, 'status'), clip(r.output_text, 60)]
      }))
      return html
    }
  }
  function genericState(snap) {
    var body = ''
    Object.keys(snap || {}).forEach(function (key) {
      var value = snap[key]
      if (isRecordList(value)) {
        var items = asList(value)
        body += section(titleCase(key), items.length, tableFor(items.slice(0, 200)))
      } else if (Array.isArray(value) || (value && typeof value === 'object' && !Object.keys(value).length)) {
        body += section(titleCase(key), 0, '<div class="none">none yet</div>')
      }
    })
    return body
  }
  function servicePartitions(svc) {
    var seen = {}
    Object.keys(state.snapshot[svc] || {}).forEach(function (p) { seen[p] = true })
    return Object.keys(seen).sort(function (a, b) { return a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : 1 })
  }
  function defaultPartition(svc) {
    for (var i = state.requests.length - 1; i >= 0; i--) {
      if (state.requests[i].service === svc) return state.requests[i].partition
    }
    return 'default'
  }
  function renderServiceState(name) {
    var options = servicePartitions(name)
    var chosen = state.statePartitions[name]
    if (!chosen || options.indexOf(chosen) < 0) chosen = defaultPartition(name)
    if (options.indexOf(chosen) < 0) chosen = options[0] || 'default'
    state.statePartitions[name] = chosen
    var snap = (state.snapshot[name] || {})[chosen]
    var body = ''
    try { body = (RENDERERS[name] || genericState)(snap || {}) } catch (e) { body = '' }
    if (!body) body = '<div class="none">No state yet.</div>'
    body += '<details class="raw"><summary>Raw snapshot</summary><pre class="json">' + json(snap) + '</pre></details>'
    var select = '<select class="partition-select" data-service="' + esc(name) + '" aria-label="' + esc(name) + ' partition">' +
      options.map(function (p) { return '<option value="' + esc(p) + '"' + (p === chosen ? ' selected' : '') + '>' + esc(mask(p)) + '</option>' }).join('') + '</select>'
    return '<div class="card svc-card" data-service="' + esc(name) + '"><header>' + svcPill(name) +
      '<span class="muted">' + esc((state.info.baseUrls[name] || '').replace(location.origin, '')) + '</span>' + select + '</header><div class="body">' + body + '</div></div>'
  }
  function renderState() {
    var grid = $('#state-grid')
    grid.innerHTML = state.info.services.map(renderServiceState).join('') || '<div class="empty"><strong>No services mounted</strong></div>'
    $$('.partition-select', grid).forEach(function (el) {
      el.addEventListener('change', function () { state.statePartitions[el.dataset.service] = el.value; renderState() })
    })
  }

  // --- Cassettes ---

  function renderCassettes() {
    var list = state.cassettes.cassettes || []
    $('#cassettes-dir').textContent = state.cassettes.dir ? state.cassettes.dir : ''
    var body = $('#cassettes tbody')
    body.innerHTML = list.map(function (c) {
      var expiry = c.expired ? '<span class="tag bad">expired ' + esc(ago(c.expiresAt)) + '</span>'
        : c.expiresAt ? '<span class="tag ok">expires ' + esc(ago(c.expiresAt)) + '</span>' : '<span class="tag">never expires</span>'
      var problems = (c.problems || []).map(function (p) { return '<span class="tag bad" title="' + esc(p.message || '') + '">' + esc(p.kind) + '</span>' }).join(' ')
      return '<tr><td class="mono">' + esc(c.name) + (c.replaying ? ' <span class="tag info">replaying</span>' : '') + '</td>' +
        '<td class="num">' + esc(c.interactions === undefined ? '\u2013' : c.interactions) + '</td>' +
        '<td class="time">' + esc(c.recordedAt ? ago(c.recordedAt) : '\u2013') + '</td>' +
        '<td>' + expiry + '</td><td>' + (problems || '<span class="tag ok">ok</span>') + '</td></tr>'
    }).join('')
    $('#cassettes-empty').hidden = list.length > 0
    $('#cassettes').hidden = list.length === 0
    $('#count-cassettes').textContent = list.length
  }

  // --- Shell ---

  function renderHeader() {
    var html = state.info.services.map(function (svc) {
      return '<span class="svc" data-url="' + esc(state.info.baseUrls[svc]) + '" title="Copy base URL">' + svcPill(svc) +
        ' <code>' + esc(state.info.baseUrls[svc].replace(location.origin, '')) + '</code></span>'
    }).join('')
    $('#services').innerHTML = html
    $$('#services .svc').forEach(function (el) {
      el.addEventListener('click', function () {
        var url = el.dataset.url
        if (navigator.clipboard) navigator.clipboard.writeText(url).then(function () { toast('Copied ' + url) }, function () { toast(url) })
        else toast(url)
      })
    })
    $('#origin').textContent = location.host
    var lines = []
    if (state.info.baseUrls.github) lines.push("new Octokit({ auth: 'ghp_test', baseUrl: '" + state.info.baseUrls.github + "' })")
    if (state.info.baseUrls.openai) lines.push("new OpenAI({ apiKey: 'sk-test', baseURL: '" + state.info.baseUrls.openai + "' })")
    if (state.info.baseUrls.stripe) lines.push("curl " + state.info.baseUrls.stripe + "/customers -u sk_test_123:")
    lines.push('curl ' + location.origin + '/_understudy/requests')
    $('#quickstart').textContent = lines.join('\n')
    fillSelect($('#f-service'), state.info.services.concat(state.info.replay && state.info.replay.length ? ['cassette'] : []), 'All services', true)
  }
  function showTab(name) {
    state.tab = name
    $$('nav.tabs button').forEach(function (b) { b.setAttribute('aria-selected', String(b.dataset.tab === name)) })
    $$('section.view').forEach(function (s) { s.classList.toggle('active', s.id === 'view-' + name) })
    closeDetail()
    if (name === 'state') loadState()
    if (name === 'cassettes') loadCassettes()
  }
  function loadState() {
    return getJson('/state').then(function (r) { state.snapshot = r.state; if (state.tab === 'state') renderState() })
  }
  function loadCassettes() {
    return getJson('/cassettes').then(function (r) { state.cassettes = r; renderCassettes() })
  }
  function loadAll() {
    return Promise.all([
      getJson('/info').then(function (r) { state.info = r; renderHeader() }),
      getJson('/requests?limit=' + MAX_ROWS).then(function (r) { state.requests = r.requests; renderRequests() }),
      getJson('/webhooks').then(function (r) { state.deliveries = r.deliveries; renderWebhooks() }),
      loadCassettes()
    ]).then(loadState)
  }
  var stateTimer = null
  function scheduleState() {
    clearTimeout(stateTimer)
    stateTimer = setTimeout(loadState, 150)
  }
  function connect() {
    var source = new EventSource(API + '/events')
    source.onopen = function () { $('#live').classList.add('on'); $('#live-text').textContent = 'live' }
    source.onerror = function () { $('#live').classList.remove('on'); $('#live-text').textContent = 'reconnecting\u2026' }
    source.addEventListener('request', function (e) {
      addRequest(JSON.parse(e.data))
      scheduleState()
    })
    source.addEventListener('webhook', function (e) { upsertDelivery(JSON.parse(e.data)) })
    source.addEventListener('state', scheduleState)
    source.addEventListener('reset', function () {
      clearTimeout(connect.resetTimer)
      connect.resetTimer = setTimeout(function () { closeDetail(); loadAll() }, 100)
    })
  }

  document.addEventListener('DOMContentLoaded', function () {
    $$('nav.tabs button').forEach(function (b) { b.addEventListener('click', function () { showTab(b.dataset.tab) }) })
    ;['#f-service', '#f-partition'].forEach(function (sel) { $(sel).addEventListener('change', renderRequests) })
    $('#f-text').addEventListener('input', renderRequests)
    $('#clear-view').addEventListener('click', function () { state.requests = []; renderRequests(); closeDetail() })
    $('#reset').addEventListener('click', function () {
      if (!confirm('Reset every service to its seed state and clear the log?')) return
      fetch(API + '/reset', { method: 'POST' }).then(function () { toast('Reset') })
    })
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape') closeDetail() })
    loadAll().catch(function (err) { toast(String(err)) })
    connect()
  })
})()
`
