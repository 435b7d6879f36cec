/**
 * @module A WebSocket that fetches a fresh single-use ticket before each connection attempt, shaped like
 * the browser WebSocket so that the stock y-websocket `WebsocketProvider` can use it as its
 * `WebSocketPolyfill` (and reconnect with a new ticket every time, as tickets are single-use).
 */

type Listener<E extends Event> = ((event: E) => void) | null

export function ticketedWebSocket(fetchTicket: () => Promise<string>): typeof WebSocket {
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

    constructor(url: string | URL, protocols?: string | string[]) {
      fetchTicket().then(
        (ticket) => {
          if (this.abandoned) return
          const target = new URL(url)
          target.searchParams.set('ticket', ticket)
          const socket = new WebSocket(target, protocols)
          socket.binaryType = this.binaryType
          socket.onopen = (event) => this.onopen?.(event)
          socket.onmessage = (event) => this.onmessage?.(event)
          socket.onerror = (event) => this.onerror?.(event)
          socket.onclose = (event) => this.onclose?.(event)
          this.socket = socket
        },
        () => this.fail(),
      )
    }

    get readyState(): number {
      if (this.socket) return this.socket.readyState
      return this.abandoned ? TicketedWebSocket.CLOSED : TicketedWebSocket.CONNECTING
    }

    send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
      this.socket?.send(data)
    }

    close(code?: number, reason?: string): void {
      if (this.socket) return this.socket.close(code, reason)
      this.fail()
    }

    private fail(): void {
      if (this.abandoned) return
      this.abandoned = true
      this.onclose?.(new CloseEvent('close', { code: 4401, reason: 'no ticket' }))
    }
  }
  return TicketedWebSocket as unknown as typeof WebSocket
}
