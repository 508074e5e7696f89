/** The dashboard's stylesheet: light and dark, system fonts, no external assets. */
export const DASHBOARD_CSS = `
:root {
  --bg: #f6f7f9; --panel: #ffffff; --text: #1c2230; --muted: #667085; --faint: #98a2b3;
  --line: #e4e7ec; --line-strong: #d0d5dd; --hover: #f2f4f7; --selected: #eef4ff;
  --accent: #4f46e5; --accent-soft: #eef2ff;
  --ok: #067647; --ok-soft: #ecfdf3; --warn: #b54708; --warn-soft: #fffaeb;
  --bad: #b42318; --bad-soft: #fef3f2; --info: #175cd3; --info-soft: #eff8ff;
  --code: #f9fafb; --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1217; --panel: #161a22; --text: #e6e9ef; --muted: #98a2b3; --faint: #667085;
    --line: #242a35; --line-strong: #323a48; --hover: #1d222c; --selected: #1e2540;
    --accent: #8b8cf8; --accent-soft: #23264a;
    --ok: #47cd89; --ok-soft: #0f2a1e; --warn: #fdb022; --warn-soft: #2e2210;
    --bad: #f97066; --bad-soft: #341716; --info: #84caff; --info-soft: #10243b;
    --code: #11151c; --shadow: none;
  }
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  background: var(--bg); color: var(--text); display: flex; flex-direction: column;
}
button { font: inherit; color: inherit; }
code, .mono { font-family: var(--mono); font-size: 12.5px; }

header.top {
  display: flex; align-items: center; gap: 16px; padding: 10px 20px;
  background: var(--panel); border-bottom: 1px solid var(--line);
}
.brand { display: flex; align-items: center; gap: 9px; font-weight: 650; font-size: 15px; letter-spacing: -.01em; }
.brand svg { display: block; }
.brand .url { font-weight: 400; color: var(--muted); font-family: var(--mono); font-size: 12.5px; }
.live { display: inline-flex; align-items: center; gap: 6px; color: var(--muted); font-size: 12.5px; }
.live i { width: 8px; height: 8px; border-radius: 50%; background: var(--faint); display: inline-block; }
.live.on i { background: #12b76a; box-shadow: 0 0 0 3px rgba(18, 183, 106, .18); }
.services { display: flex; gap: 6px; flex-wrap: wrap; margin-left: auto; }
.svc {
  display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--line); border-radius: 999px;
  padding: 2px 10px 2px 8px; font-size: 12.5px; background: var(--panel); cursor: copy; white-space: nowrap;
}
.svc:hover { border-color: var(--line-strong); background: var(--hover); }
.svc code { color: var(--muted); font-size: 11.5px; }
.dot { width: 8px; height: 8px; border-radius: 50%; display: inline-block; flex: none; }
.dot.github { background: #6e7781; } .dot.slack { background: #e01e5a; }
.dot.stripe { background: #635bff; } .dot.openai { background: #10a37f; } .dot.anthropic { background: #d97757; } .dot.gemini { background: #4285f4; } .dot.cassette { background: #f79009; }
.btn {
  border: 1px solid var(--line-strong); background: var(--panel); border-radius: 8px; padding: 5px 12px;
  cursor: pointer; font-size: 13px; box-shadow: var(--shadow);
}
.btn:hover { background: var(--hover); }
.btn.danger { color: var(--bad); }

nav.tabs { display: flex; gap: 2px; padding: 0 20px; background: var(--panel); border-bottom: 1px solid var(--line); }
nav.tabs button {
  border: 0; background: none; padding: 10px 12px; cursor: pointer; color: var(--muted); font-weight: 550;
  border-bottom: 2px solid transparent; margin-bottom: -1px; display: inline-flex; gap: 7px; align-items: center;
}
nav.tabs button:hover { color: var(--text); }
nav.tabs button[aria-selected="true"] { color: var(--text); border-bottom-color: var(--accent); }
.count {
  background: var(--hover); color: var(--muted); border-radius: 999px; padding: 0 7px; font-size: 11.5px;
  font-weight: 600; min-width: 20px; text-align: center;
}

main { flex: 1; min-height: 0; display: flex; }
section.view { flex: 1; min-width: 0; display: none; flex-direction: column; }
section.view.active { display: flex; }
.toolbar { display: flex; gap: 8px; align-items: center; padding: 10px 20px; flex-wrap: wrap; }
.toolbar input, .toolbar select {
  font: inherit; font-size: 13px; border: 1px solid var(--line-strong); border-radius: 8px; padding: 5px 9px;
  background: var(--panel); color: var(--text);
}
.toolbar input[type="search"] { width: 260px; }
.toolbar .spacer { flex: 1; }
.toolbar .hint { color: var(--muted); font-size: 12.5px; }

.split { flex: 1; min-height: 0; display: flex; }
.scroll { flex: 1; min-width: 0; overflow: auto; padding: 0 20px 20px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; box-shadow: var(--shadow); }
table { width: 100%; border-collapse: collapse; }
th {
  position: sticky; top: 0; background: var(--panel); text-align: left; font-size: 11.5px; font-weight: 600;
  text-transform: uppercase; letter-spacing: .04em; color: var(--muted); padding: 8px 12px;
  border-bottom: 1px solid var(--line); z-index: 1;
}
td { padding: 7px 12px; border-bottom: 1px solid var(--line); vertical-align: middle; }
tbody tr:last-child td { border-bottom: 0; }
tbody tr.row { cursor: pointer; }
tbody tr.row:hover { background: var(--hover); }
tbody tr.row.selected { background: var(--selected); }
tbody tr.fresh { animation: fresh 1.2s ease-out; }
@keyframes fresh { from { background: var(--accent-soft); } to { background: transparent; } }
td.path { font-family: var(--mono); font-size: 12.5px; max-width: 0; width: 46%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); white-space: nowrap; }
td.time { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; font-size: 12.5px; }
.method { font-family: var(--mono); font-size: 11.5px; font-weight: 700; letter-spacing: .02em; }
.m-GET { color: var(--info); } .m-POST { color: var(--ok); } .m-PATCH, .m-PUT { color: var(--warn); } .m-DELETE { color: var(--bad); }
.status { display: inline-block; font-family: var(--mono); font-size: 12px; font-weight: 600; padding: 1px 7px; border-radius: 6px; }
.s2 { color: var(--ok); background: var(--ok-soft); } .s3 { color: var(--info); background: var(--info-soft); }
.s4 { color: var(--warn); background: var(--warn-soft); } .s5, .s0 { color: var(--bad); background: var(--bad-soft); }
.pill { display: inline-flex; align-items: center; gap: 6px; font-size: 12.5px; white-space: nowrap; }
.partition { font-family: var(--mono); font-size: 12px; color: var(--muted); }
.tag { display: inline-block; font-size: 11.5px; padding: 1px 7px; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); white-space: nowrap; }
.tag.ok { color: var(--ok); background: var(--ok-soft); border-color: transparent; }
.tag.bad { color: var(--bad); background: var(--bad-soft); border-color: transparent; }
.tag.warn { color: var(--warn); background: var(--warn-soft); border-color: transparent; }
.tag.info { color: var(--info); background: var(--info-soft); border-color: transparent; }

.empty { padding: 48px 20px; text-align: center; color: var(--muted); }
.empty strong { display: block; color: var(--text); font-size: 15px; margin-bottom: 6px; }
.empty pre { display: inline-block; text-align: left; margin: 14px auto 0; }

aside.detail {
  width: min(560px, 46vw); border-left: 1px solid var(--line); background: var(--panel); overflow: auto;
  display: none; flex-direction: column;
}
aside.detail.open { display: flex; }
.detail-head { display: flex; align-items: flex-start; gap: 10px; padding: 14px 16px; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: var(--panel); }
.detail-head .title { font-family: var(--mono); font-size: 13px; word-break: break-all; flex: 1; }
.detail-head .sub { color: var(--muted); font-size: 12.5px; margin-top: 6px; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.close { border: 0; background: none; cursor: pointer; font-size: 18px; line-height: 1; color: var(--muted); padding: 2px 6px; border-radius: 6px; }
.close:hover { background: var(--hover); color: var(--text); }
.detail-body { padding: 6px 16px 20px; }
.detail h3 { font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 18px 0 8px; font-weight: 600; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; font-size: 12.5px; }
dl.kv dt { color: var(--muted); font-family: var(--mono); }
dl.kv dd { margin: 0; font-family: var(--mono); word-break: break-all; }
pre.json {
  margin: 0; background: var(--code); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px;
  font: 12px/1.5 var(--mono); overflow: auto; max-height: 420px; white-space: pre-wrap; word-break: break-word;
}
.j-key { color: var(--accent); } .j-str { color: var(--ok); } .j-num { color: var(--warn); } .j-lit { color: var(--info); }

.state-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 16px; align-items: start; }
.svc-card header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; border-bottom: 1px solid var(--line); font-weight: 600; }
.svc-card header .muted { font-weight: 400; color: var(--muted); font-size: 12px; font-family: var(--mono); }
.svc-card header select { margin-left: auto; font: inherit; font-size: 12px; font-family: var(--mono); border: 1px solid var(--line-strong); border-radius: 6px; padding: 2px 6px; background: var(--panel); color: var(--text); }
.svc-card .body { padding: 4px 14px 12px; overflow-x: auto; }
.nowrap { white-space: nowrap; }
.svc-card h4 { margin: 12px 0 6px; font-size: 12px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; display: flex; gap: 8px; align-items: center; }
.svc-card table td, .svc-card table th { padding: 5px 8px; font-size: 12.5px; }
.svc-card table th { position: static; }
.svc-card h4.repo { text-transform: none; letter-spacing: 0; color: var(--text); font-size: 13px; }
.svc-card .hook { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 8px 0 2px; font-size: 12.5px; }
.svc-card .hook code { word-break: break-all; }
.svc-card .nested td { padding-left: 26px; color: var(--muted); }
.svc-card .none { color: var(--faint); font-size: 12.5px; padding: 4px 0; }
details.raw summary { cursor: pointer; color: var(--muted); font-size: 12.5px; margin-top: 10px; }
details.raw pre { margin-top: 6px; }
.label { display: inline-block; border-radius: 999px; padding: 0 7px; font-size: 11px; margin-right: 3px; border: 1px solid var(--line-strong); }
.toast {
  position: fixed; bottom: 18px; left: 50%; transform: translateX(-50%); background: var(--text); color: var(--bg);
  padding: 7px 14px; border-radius: 8px; font-size: 13px; opacity: 0; transition: opacity .2s; pointer-events: none;
}
.toast.show { opacity: .92; }
`
