import { DASHBOARD_JS } from './script'
import { DASHBOARD_CSS } from './styles'

const LOGO = `<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><rect x="1" y="1" width="22" height="22" rx="6" fill="#4f46e5"/><path d="M7 7.5v5.2a5 5 0 0 0 10 0V7.5" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/></svg>`

/**
 * The dashboard: one self-contained page (inline CSS and JS, no framework, nothing loaded from
 * elsewhere) that shows live requests, service state, webhook deliveries and cassettes.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Understudy</title>
<link rel="icon" href="data:,">
<style>${DASHBOARD_CSS}</style>
</head>
<body>
<header class="top">
  <div class="brand">${LOGO}<span>Understudy</span><span class="url" id="origin"></span></div>
  <span class="live" id="live"><i></i><span id="live-text">connecting…</span></span>
  <div class="services" id="services"></div>
  <button class="btn danger" id="reset" title="POST /_understudy/reset">Reset</button>
</header>
<nav class="tabs" role="tablist">
  <button role="tab" data-tab="requests" aria-selected="true">Requests <span class="count" id="count-requests">0</span></button>
  <button role="tab" data-tab="state" aria-selected="false">State</button>
  <button role="tab" data-tab="webhooks" aria-selected="false">Webhooks <span class="count" id="count-webhooks">0</span></button>
  <button role="tab" data-tab="cassettes" aria-selected="false">Cassettes <span class="count" id="count-cassettes">0</span></button>
</nav>
<main>
  <section class="view active" id="view-requests">
    <div class="toolbar">
      <select id="f-service" aria-label="Service"><option value="">All services</option></select>
      <select id="f-partition" aria-label="Partition"><option value="">All partitions</option></select>
      <input type="search" id="f-text" placeholder="Filter by method, path or status" aria-label="Filter">
      <span class="spacer"></span>
      <button class="btn" id="clear-view" title="Clear this view (the server keeps its log)">Clear view</button>
    </div>
    <div class="split">
      <div class="scroll">
        <div class="card">
          <table id="requests" hidden>
            <thead><tr><th>Time</th><th>Method</th><th>Path</th><th>Status</th><th style="text-align:right">Latency</th><th>Service</th><th>Partition</th></tr></thead>
            <tbody></tbody>
          </table>
          <div class="empty" id="requests-empty"><strong>Waiting for requests</strong>Point an SDK at this server; requests appear here as they arrive.
<pre class="json" id="quickstart"></pre></div>
        </div>
      </div>
    </div>
  </section>
  <section class="view" id="view-state">
    <div class="toolbar"><span class="hint">State per service and credential partition: each API key or token sees only its own. Pick a partition on a card.</span></div>
    <div class="scroll"><div class="state-grid" id="state-grid"></div></div>
  </section>
  <section class="view" id="view-webhooks">
    <div class="toolbar"><span class="hint">Deliveries the mocks sent, with the receiver's answer and the signature check.</span></div>
    <div class="scroll">
      <div class="card">
        <table id="webhooks" hidden>
          <thead><tr><th>Time</th><th>Service</th><th>Event</th><th>URL</th><th>Status</th><th style="text-align:right">Tries</th><th>Signature</th><th>Response</th></tr></thead>
          <tbody></tbody>
        </table>
        <div class="empty" id="webhooks-empty"><strong>No webhook deliveries yet</strong>Register a GitHub repo hook, a Stripe webhook endpoint or a Slack request URL; deliveries show up here.</div>
      </div>
    </div>
  </section>
  <section class="view" id="view-cassettes">
    <div class="toolbar"><span class="hint">Cassettes in <code id="cassettes-dir"></code></span></div>
    <div class="scroll">
      <div class="card">
        <table id="cassettes" hidden>
          <thead><tr><th>Cassette</th><th style="text-align:right">Interactions</th><th>Recorded</th><th>Expiry</th><th>Check</th></tr></thead>
          <tbody></tbody>
        </table>
        <div class="empty" id="cassettes-empty"><strong>No cassettes</strong>Record one with <code>understudy record --target https://api.github.com</code>.</div>
      </div>
    </div>
  </section>
  <aside class="detail" id="detail" aria-label="Details"></aside>
</main>
<div class="toast" id="toast" role="status"></div>
<script>${DASHBOARD_JS}</script>
</body>
</html>
`
