/** One message for the dashboard's live feed (`GET /_understudy/events`, server-sent events). */
export interface ServerEvent {
  /** `request`, `webhook`, `state`, `reset`, `replies`. */
  readonly type: string
  readonly data: unknown
}

export type EventListener = (event: ServerEvent) => void

/** Fans events out to every live subscriber; a throwing subscriber never hurts the others. */
export class EventHub {
  private readonly listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  publish(type: string, data: unknown): void {
    if (this.listeners.size === 0) return
    const event = { type, data }
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch {
        this.listeners.delete(listener)
      }
    }
  }

  get size(): number {
    return this.listeners.size
  }

  clear(): void {
    this.listeners.clear()
  }
}

const formatted = new WeakMap<ServerEvent, string>()

/**
 * An event in the SSE wire format. JSON has no raw newlines, so one `data:` line is enough. The hub
 * hands every subscriber the same event object, so it is serialized once however many listen.
 */
export function formatSse(event: ServerEvent): string {
  let text = formatted.get(event)
  if (text === undefined) {
    text = `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`
    formatted.set(event, text)
  }
  return text
}
