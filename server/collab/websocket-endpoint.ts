/**
 * @module The `/collab/:document` WebSocket endpoint. It only admits sockets — origin checked, ticket
 * redeemed — and hands each to the registry; what a socket may do is the document's business.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { parseNotesDocumentId } from '../../workflows/document/format.js'
import type { Logger } from '../logger.js'
import type { TicketBook } from '../auth/tickets.js'
import { Connection, type Identity } from './connection.js'
import { CLOSE, LIMITS } from './limits.js'
import { HEARTBEAT } from './protocol.js'
import type { DocumentRegistry } from './registry.js'
import type { Budget } from '../budgets.js'

export interface WebSocketEndpointOptions {
  registry: DocumentRegistry
  tickets: TicketBook
  log: Logger
  /** Resolves a participant id to the identity stamped on its connection. */
  identify(participant: string): Promise<Identity | undefined>
  /** Whether an upgrade's Origin header is acceptable (absent Origin: a non-browser client). */
  originAllowed(origin: string | undefined, host: string | undefined): boolean
  /** Refused updates per participant: one that has spent its budget waits before it may connect again. */
  refusedUpdates: Budget
}

// Ids of conferences set up after the demo carry their conference: "da-nang-2026.closing-statement".
const PATH = /^\/collab\/([A-Za-z0-9_.-]{1,256})$/

export class WebSocketEndpoint {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes })
  private readonly sockets = new Set<WebSocket>()
  private readonly perAddress = new Map<string, number>()
  private readonly perDocument = new Map<string, number>()
  private readonly idleSweep: NodeJS.Timeout
  private readonly heartbeat: NodeJS.Timeout

  constructor(private readonly options: WebSocketEndpointOptions) {
    // Ping everyone every half idle period; a socket that answered nothing since the last round is closed.
    this.idleSweep = setInterval(() => this.sweepIdle(), LIMITS.idleTimeoutMs / 2)
    this.idleSweep.unref()
    // Tell every client, every second, that the connection is alive: silence then means it is not.
    this.heartbeat = setInterval(() => this.beat(), LIMITS.heartbeatIntervalMs)
    this.heartbeat.unref()
  }

  /** Handler for the HTTP server's `upgrade` event. */
  readonly handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy())
    void this.admit(request, socket, head).catch((error: unknown) => {
      this.options.log.error('upgrade failed', { error: String(error) })
      refuse(socket, 500, 'Internal Server Error')
    })
  }

  private async admit(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const match = PATH.exec(url.pathname)
    if (!match) return refuse(socket, 404, 'Not Found')
    if (!this.options.originAllowed(request.headers.origin, request.headers.host)) {
      return refuse(socket, 403, 'Forbidden')
    }
    const document = match[1]!
    const address = request.socket.remoteAddress ?? 'unknown'
    if ((this.perAddress.get(address) ?? 0) >= LIMITS.maxConnectionsPerAddress) {
      return refuse(socket, 429, 'Too Many Requests')
    }
    if ((this.perDocument.get(document) ?? 0) >= LIMITS.maxConnectionsPerDocument) {
      return refuse(socket, 503, 'Service Unavailable')
    }
    const participant = await this.options.tickets.redeem(url.searchParams.get('ticket') ?? '', document)
    const identity = participant && (await this.options.identify(participant))
    if (!identity) return refuse(socket, 401, 'Unauthorized')
    if (this.options.refusedUpdates.retryAfterMs(identity.participant, Date.now()) > 0)
      return refuse(socket, 429, 'Too Many Requests')
    // Defence in depth: a delegation's notes only ever open for that delegation (tickets are issued so too).
    const notes = parseNotesDocumentId(document)
    if (notes && notes.delegation !== identity.delegation) return refuse(socket, 403, 'Forbidden')
    this.wss.handleUpgrade(request, socket, head, (ws) => this.open(ws, document, identity, address))
  }

  private open(ws: WebSocket, document: string, identity: Identity, address: string): void {
    this.sockets.add(ws)
    count(this.perAddress, address, +1)
    count(this.perDocument, document, +1)
    const rate = new MessageRate()
    let alive = true
    ws.on('pong', () => (alive = true))
    this.lastSeen.set(ws, () => {
      const answered = alive
      alive = false
      return answered
    })
    const connection = new Connection(
      {
        send: (message) => {
          if (ws.readyState === ws.OPEN) ws.send(message)
        },
        close: (code, reason) => ws.close(code, reason),
        buffered: () => ws.bufferedAmount,
      },
      identity,
    )
    // Messages that arrive while the document loads are kept in order and handled once it is ready.
    const early: Uint8Array[] = []
    let shared: Awaited<ReturnType<DocumentRegistry['connect']>> | null = null
    ws.on('error', (error) => this.options.log.warn('socket error', { document, error: String(error) }))
    ws.on('message', (data, isBinary) => {
      alive = true
      if (!isBinary) return connection.close(CLOSE.badMessage, 'text frames are not part of the protocol')
      if (!rate.allow(Date.now())) {
        this.options.refusedUpdates.spend(identity.participant, Date.now())
        return connection.close(CLOSE.tooManyMessages, 'too many messages; slow down')
      }
      const bytes = toBytes(data)
      if (shared) shared.receive(connection, bytes)
      else early.push(bytes)
    })
    ws.on('close', () => {
      this.sockets.delete(ws)
      this.lastSeen.delete(ws)
      count(this.perAddress, address, -1)
      count(this.perDocument, document, -1)
      connection.closed = true
      if (shared) void this.options.registry.disconnect(shared, connection)
    })
    this.options.registry.connect(document, connection).then(
      (loaded) => {
        shared = loaded
        if (connection.closed) return void this.options.registry.disconnect(loaded, connection)
        for (const message of early.splice(0)) loaded.receive(connection, message)
      },
      () => connection.close(CLOSE.loadFailed, 'document could not be loaded; try again later'),
    )
  }

  /** For each open socket: whether it was heard from since the last sweep (and start a new round). */
  private readonly lastSeen = new Map<WebSocket, () => boolean>()

  private sweepIdle(): void {
    for (const [ws, heardSince] of this.lastSeen) {
      if (!heardSince()) {
        ws.close(CLOSE.idle, 'idle timeout')
        continue
      }
      if (ws.readyState === ws.OPEN) ws.ping()
    }
  }

  private beat(): void {
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.send(HEARTBEAT)
  }

  /** Closes every socket (server shutdown). */
  closeAll(): void {
    clearInterval(this.idleSweep)
    clearInterval(this.heartbeat)
    for (const ws of this.sockets) ws.close(CLOSE.goingAway, 'server shutting down')
    this.wss.close()
  }
}

function count(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta
  if (next > 0) counts.set(key, next)
  else counts.delete(key)
}

/** A token bucket: `maxMessagesPerSecond` sustained, twice that in a burst. */
class MessageRate {
  private tokens = LIMITS.maxMessagesPerSecond * 2
  private last = Date.now()

  allow(now: number): boolean {
    const capacity = LIMITS.maxMessagesPerSecond * 2
    this.tokens = Math.min(capacity, this.tokens + ((now - this.last) / 1000) * LIMITS.maxMessagesPerSecond)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

function refuse(socket: Duplex, status: number, text: string): void {
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }
  socket.destroy()
}
