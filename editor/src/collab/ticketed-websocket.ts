/**
 * @module A WebSocket that fetches a fresh single-use ticket before each connection attempt, shaped like
 * the browser WebSocket so that the stock y-websocket `WebsocketProvider` can use it as its
 * `WebSocketPolyfill` (and reconnect with a new ticket every time, as tickets are single-use).
 *
 * It also watches the line. The server sends a heartbeat every second (`LIMITS.heartbeatIntervalMs`); a
 * socket that has heard nothing for `SILENCE_LIMIT_MS` is treated as dropped at once — a browser notices a
 * dead Wi-Fi link only after a long TCP time-out, and y-websocket's own watchdog waits 30 s.
 *
 * And it hands on together the messages that arrived while the page was busy (`deliverTogether`): with twenty
 * delegations typing into a 200-page text, drawing each remote keystroke on its own cost a frame of style and
 * layout each, more than a second's worth per second (issue 15). Messages are still handed on in order, each
 * as y-websocket expects; a quiet page gets each message at once.
 */

type Listener<E extends Event> = ((event: E) => void) | null

/** Silence after which the connection counts as dropped (the server's heartbeat comes every second). */
export const SILENCE_LIMIT_MS = 2_500

/**
 * Close codes this socket reports when it could not even open. `TICKET_UNREACHABLE` is transient (no
 * network, server restarting): y-websocket keeps retrying. `SIGNED_OUT` means the server refused to issue a
 * ticket to this session; retrying cannot help until the participant signs in again.
 */
export const CLOSE_TICKET_UNREACHABLE = 4000
export const CLOSE_SILENT = 4001
export const CLOSE_SIGNED_OUT = 4401

export class TicketRefused extends Error {}

export interface TicketedSocketOptions {
  /** Resolves to a ticket; rejects with `TicketRefused` when the session is no longer valid. */
  fetchTicket: () => Promise<string>
  /** Every message the server sends, before y-websocket handles it (to learn what the server has stored). */
  onServerMessage?: (message: Uint8Array) => void
  /**
   * Runs `deliver`, which hands on every message waiting, e.g. inside one Yjs transaction so that the editor
   * draws them as one change. Without it, messages are handed on one by one.
   */
  deliverTogether?: (deliver: () => void) => void
}

export function ticketedWebSocket(options: TicketedSocketOptions): typeof WebSocket {
  class TicketedWebSocket {
    static readonly CONNECTING = 0
    static readonly OPEN = 1
    static readonly CLOSING = 2
    static readonly CLOSED = 3
    readonly CONNECTING = 0
    readonly OPEN = 1
    readonly CLOSING = 2
    readonly CLOSED = 3

    binaryType: BinaryType = 'arraybuffer'
    onopen: Listener<Event> = null
    onmessage: Listener<MessageEvent> = null
    onerror: Listener<Event> = null
    onclose: Listener<CloseEvent> = null

    private socket: WebSocket | null = null
    private abandoned = false
    private lastHeard = Date.now()
    private watchdog: ReturnType<typeof setInterval> | null = null
    private waiting: MessageEvent[] = []
    private readonly wake = new MessageChannel()

    constructor(url: string | URL, protocols?: string | string[]) {
      this.wake.port1.onmessage = () => this.deliverWaiting()
      options.fetchTicket().then(
        (ticket) => {
          if (this.abandoned) return
          const target = new URL(url)
          target.searchParams.set('ticket', ticket)
          const socket = new WebSocket(target, protocols)
          socket.binaryType = this.binaryType
          socket.onopen = (event) => {
            this.lastHeard = Date.now()
            this.watch()
            this.onopen?.(event)
          }
          socket.onmessage = (event: MessageEvent) => {
            this.lastHeard = Date.now()
            // Handed on in a task of its own, after any other message already queued behind this one.
            if (this.waiting.push(event) === 1) this.wake.port2.postMessage(null)
          }
          socket.onerror = (event) => this.onerror?.(event)
          socket.onclose = (event) => this.finish(event)
          this.socket = socket
        },
        (error: unknown) =>
          error instanceof TicketRefused
            ? this.fail(CLOSE_SIGNED_OUT, 'signed out')
            : this.fail(CLOSE_TICKET_UNREACHABLE, 'server unreachable'),
      )
    }

    get readyState(): number {
      if (this.abandoned) return TicketedWebSocket.CLOSED
      if (this.socket) return this.socket.readyState
      return TicketedWebSocket.CONNECTING
    }

    send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(data)
    }

    close(code?: number, reason?: string): void {
      if (this.socket) {
        this.socket.close(code, reason)
        return this.finish(new CloseEvent('close', { code: code ?? 1000, reason: reason ?? '' }))
      }
      this.fail(code ?? 1000, reason ?? 'closed')
    }

    private watch(): void {
      this.watchdog = setInterval(() => {
        if (Date.now() - this.lastHeard <= SILENCE_LIMIT_MS) return
        // The line is dead (Wi-Fi gone, server frozen): let go of the socket now and report it closed.
        this.socket?.close()
        this.finish(new CloseEvent('close', { code: CLOSE_SILENT, reason: 'no heartbeat from the server' }))
      }, 250)
    }

    /** Hands on every message waiting, in order; one that throws does not keep the others back. */
    private deliverWaiting(): void {
      if (this.waiting.length === 0) return
      const deliver = () => {
        for (const event of this.waiting.splice(0)) {
          try {
            if (options.onServerMessage && event.data instanceof ArrayBuffer)
              options.onServerMessage(new Uint8Array(event.data))
            this.onmessage?.(event)
          } catch (error) {
            setTimeout(() => {
              throw error
            })
          }
        }
      }
      if (options.deliverTogether) options.deliverTogether(deliver)
      else deliver()
    }

    /** Reports the close once, whatever ended the socket first — after the messages that came before it. */
    private finish(event: CloseEvent): void {
      if (this.abandoned) return
      this.deliverWaiting()
      this.abandoned = true
      this.wake.port1.close()
      if (this.watchdog) clearInterval(this.watchdog)
      if (this.socket) {
        this.socket.onopen = this.socket.onmessage = this.socket.onclose = null
        this.socket.onerror = () => undefined
      }
      this.onclose?.(event)
    }

    private fail(code: number, reason: string): void {
      this.finish(new CloseEvent('close', { code, reason }))
    }
  }
  return TicketedWebSocket as unknown as typeof WebSocket
}
