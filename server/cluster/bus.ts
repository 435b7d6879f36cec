/**
 * @module What Accord processes say to each other about one document, and the bus that carries it. The bus
 * is a relay only: every change it carries is already stored (in PostgreSQL, the source of truth) before
 * it is published, so a process that misses messages loses nothing — it catches up from storage.
 */

/** The kinds of message, first byte on the wire. */
export const BUS_MESSAGE = {
  /** A stored Yjs update (one or more changes merged). */
  update: 0,
  /** An awareness update of clients connected to the sender. */
  presence: 1,
  /** The sender's state vector and a digest of its delete set, for noticing divergence. */
  stateVector: 2,
  /** A process that just opened the document asks the others for their clients' presence. */
  presenceQuery: 3,
} as const

export type BusMessageKind = (typeof BUS_MESSAGE)[keyof typeof BUS_MESSAGE]

export interface BusMessage {
  kind: BusMessageKind
  /** The process that sent it (a process ignores its own messages). */
  from: string
  payload: Uint8Array
}

const NODE_ID_BYTES = 8

/** kind (1 byte) · sender id (8 bytes, hex-decoded) · payload. */
export function encodeBusMessage(message: BusMessage): Buffer {
  const out = Buffer.allocUnsafe(1 + NODE_ID_BYTES + message.payload.byteLength)
  out[0] = message.kind
  out.write(message.from, 1, NODE_ID_BYTES, 'hex')
  out.set(message.payload, 1 + NODE_ID_BYTES)
  return out
}

export function decodeBusMessage(bytes: Buffer): BusMessage {
  if (bytes.length < 1 + NODE_ID_BYTES) throw new Error('bus message too short')
  const kind = bytes[0]!
  if (!Object.values(BUS_MESSAGE).includes(kind as BusMessageKind))
    throw new Error(`unknown bus message ${kind}`)
  return {
    kind: kind as BusMessageKind,
    from: bytes.toString('hex', 1, 1 + NODE_ID_BYTES),
    payload: new Uint8Array(
      bytes.buffer,
      bytes.byteOffset + 1 + NODE_ID_BYTES,
      bytes.length - 1 - NODE_ID_BYTES,
    ),
  }
}

/** A subscription to one document's messages. */
export interface DocumentChannel {
  publish(kind: BusMessageKind, payload: Uint8Array): void
  /** Stops receiving; the channel is of no further use. */
  leave(): Promise<void>
}

export interface DocumentBusHandlers {
  message(message: BusMessage): void
  /**
   * The bus was disconnected and is connected again: messages may have been missed meanwhile, so the
   * document must catch up from storage.
   */
  reconnected(): void
}

/** Carries messages between the processes serving the same documents. */
export interface DocumentBus {
  /** This process's id on the bus. */
  readonly node: string
  /**
   * Subscribes to a document's messages. Resolves once subscribed — or at once when the bus is down, in which
   * case `reconnected` is called when it is back.
   */
  join(document: string, handlers: DocumentBusHandlers): Promise<DocumentChannel>
  close(): Promise<void>
}
