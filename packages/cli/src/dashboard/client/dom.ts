/** Small DOM and formatting helpers; every value from the server goes through `esc` before the DOM. */

export function $<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`dashboard: no element matches ${selector}`)
  return found
}

export function $$<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T[] {
  return Array.from(root.querySelectorAll<T>(selector))
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

/** A credential shortened for display, as the server's `maskCredential`. */
export function mask(input: unknown): string {
  const value = String(input)
  if (value === 'default') return value
  if (value.length <= 4) return '\u2026'
  if (value.length <= 8) return `${value.slice(0, 2)}\u2026${value.slice(-2)}`
  return `${value.slice(0, 4)}\u2026${value.slice(-3)}`
}

const SECRET_HEADERS =
  /^(authorization|proxy-authorization|x-api-key|x-goog-api-key|cookie|set-cookie|openai-api-key|stripe-signature)$/i

export function maskHeader(name: string, value: unknown): string {
  const text = String(value)
  // The server masks already; masking a masked value again would hide what is left of it.
  if (!SECRET_HEADERS.test(name) || text.includes('\u2026')) return text
  const parts = text.split(' ')
  return parts.length === 2 ? `${parts[0]} ${mask(parts[1])}` : mask(text)
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

export function clock(ms: number): string {
  const d = new Date(ms)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

export function ago(iso: string | undefined): string {
  const t = Date.parse(iso ?? '')
  if (!Number.isFinite(t)) return ''
  const s = Math.round((Date.now() - t) / 1000)
  const a = Math.abs(s)
  let n: number
  let unit: string
  if (a < 90) {
    n = a
    unit = 's'
  } else if (a < 5400) {
    n = Math.round(a / 60)
    unit = 'min'
  } else if (a < 129600) {
    n = Math.round(a / 3600)
    unit = 'h'
  } else {
    n = Math.round(a / 86400)
    unit = 'd'
  }
  return s >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`
}

/** JSON (or text that holds JSON) pretty-printed and highlighted, escaped. */
export function json(value: unknown): string {
  if (value === undefined) return '<span class="j-lit">(empty)</span>'
  let text: string
  if (typeof value === 'string') {
    try {
      text = JSON.stringify(JSON.parse(value), null, 2)
    } catch {
      return esc(value)
    }
  } else text = JSON.stringify(value, null, 2)
  const re = /"(?:\\.|[^"\\])*"(\s*:)?|\b(?:true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g
  let out = ''
  let last = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += esc(text.slice(last, m.index))
    const cls = m[0].startsWith('"')
      ? m[1]
        ? 'j-key'
        : 'j-str'
      : /^(true|false|null)$/.test(m[0])
        ? 'j-lit'
        : 'j-num'
    out += `<span class="${cls}">${esc(m[0])}</span>`
    last = re.lastIndex
  }
  return out + esc(text.slice(last))
}

export function statusTag(status: unknown): string {
  const cls = status ? `s${String(status).charAt(0)}` : 's0'
  return `<span class="status ${cls}">${esc(status || 'ERR')}</span>`
}

export function svcPill(name: string): string {
  return `<span class="pill"><span class="dot ${esc(name)}"></span>${esc(name)}</span>`
}

export function clip(input: unknown, n: number): string {
  const text = input === undefined || input === null ? '' : String(input)
  return esc(text.length > n ? `${text.slice(0, n - 1)}\u2026` : text)
}

let toastTimer: ReturnType<typeof setTimeout> | undefined
export function toast(text: string): void {
  const el = $('#toast')
  el.textContent = text
  el.classList.add('show')
  clearTimeout(toastTimer)
  toastTimer = setTimeout(() => el.classList.remove('show'), 1600)
}
