import type { IncomingMessage, ServerResponse } from 'node:http'
import { type EventHub, formatSse } from './events'

export interface EventStreamsOptions {
  /** Subscribers at most; one more is answered 503. */
  maxStreams: number
  /** Bytes a subscriber may leave unread before it is disconnected. Default 1 MiB. */
  maxBufferedBytes?: number
}

/**
 * The live feed (`GET /_understudy/events`) over node:http: each event is serialized once for all
 * subscribers, and a subscriber that does not read (its socket buffer past `maxBufferedBytes`) is
 * disconnected rather than buffered without end; the dashboard reconnects by itself.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>()
  private off: (() => void) | undefined
  private keepAlive: ReturnType<typeof setInterval> | undefined
  private readonly maxBuffered: number
  /** Subscribers disconnected for not reading. */
  dropped = 0

  constructor(
    private readonly hub: EventHub,
    private readonly options: EventStreamsOptions,
  ) {
    this.maxBuffered = options.maxBufferedBytes ?? 1024 * 1024
  }

  get size(): number {
    return this.open.size
  }

  serve(req: IncomingMessage, res: ServerResponse): void {
    if (this.open.size >= this.options.maxStreams) {
      const body = JSON.stringify({
        error: `[understudy:cli] Too many live-event subscribers (${this.options.maxStreams}). Close a dashboard tab and retry.`,
      })
      res.writeHead(503, {
        'content-type': 'application/json',
        'retry-after': '5',
        'cache-control': 'no-store',
      })
      res.end(body)
      return
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    res.write(': connected\n\n')
    this.open.add(res)
    if (this.open.size === 1) this.start()
    req.on('close', () => this.remove(res))
  }

  private start(): void {
    this.off = this.hub.subscribe((event) => this.broadcast(formatSse(event)))
    this.keepAlive = setInterval(() => this.broadcast(': ping\n\n'), 15_000)
    this.keepAlive.unref()
  }

  private broadcast(chunk: string): void {
    const bytes = Buffer.from(chunk)
    for (const res of this.open) {
      if (res.writableLength + bytes.length > this.maxBuffered) {
        this.dropped++
        this.remove(res)
        res.destroy()
        continue
      }
      res.write(bytes)
    }
  }

  private remove(res: ServerResponse): void {
    if (!this.open.delete(res)) return
    if (this.open.size === 0) {
      this.off?.()
      this.off = undefined
      clearInterval(this.keepAlive)
    }
  }

  closeAll(): void {
    for (const res of [...this.open]) {
      this.remove(res)
      res.end()
    }
  }
}
