/**
 * @module One participant's WebSocket on one document. The socket is behind a two-method interface so
 * the document logic can be driven without a network; `identity` comes from the server's records, never
 * from the client.
 */
import type { Role } from '../../workflows/conference/roles.js'

export interface PeerSocket {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  /** Bytes sent but not yet handed to the network (0 when unknown). */
  buffered?(): number
}

/** Who is on the other end, as the server knows it. Stamped into the participant's presence. */
export interface Identity {
  participant: string
  name: string
  role: Role
  delegation: string
  delegationName: string
  colour: string
  /** The room's screen (meeting mode's projector; an observer's rights). */
  screen?: true
}

export class Connection {
  /** The awareness client id this connection speaks for, once it has announced itself. */
  awarenessClientId: number | null = null
  closed = false
  /**
   * Whether the client has answered our greeting (our state vector) with its sync step 2 — what it had that we
   * lacked, such as everything typed while it was offline. Until then, an update that builds on that (a
   * keystroke made in the instant after reconnecting) waits in `deferred` instead of being refused as
   * out of sync.
   */
  answeredGreeting = false
  deferred: Uint8Array[] = []

  constructor(
    readonly socket: PeerSocket,
    readonly identity: Identity,
  ) {}

  send(message: Uint8Array): void {
    if (!this.closed) this.socket.send(message)
  }

  /** Bytes sent but not yet handed to the network. */
  buffered(): number {
    return this.closed ? 0 : (this.socket.buffered?.() ?? 0)
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.socket.close(code, closeReason(reason))
  }
}

/** The longest close reason a WebSocket carries, in UTF-8 bytes (RFC 6455: 125 less the code's two). */
const MAX_CLOSE_REASON_BYTES = 123

/** A reason cut to what a close frame carries (a longer one makes the close itself fail), on a character. */
export function closeReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_CLOSE_REASON_BYTES) return reason
  let cut = reason
  while (Buffer.byteLength(cut) > MAX_CLOSE_REASON_BYTES - 3) cut = cut.slice(0, -1)
  return `${cut}…`
}
