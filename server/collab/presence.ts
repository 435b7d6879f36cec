/**
 * @module Presence (awareness) is the server's word about who is here. A connection speaks for one
 * awareness client id — the first it announces, if no other connection holds it — and its state is reduced to
 * the server's record of the participant (`user`) and a well-formed caret (`cursor`). Stock clients echo other clients' states back;
 * those entries are ignored, not punished.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { z } from 'zod'
import type { Connection } from './connection.js'
import { LIMITS } from './limits.js'
import * as protocol from './protocol.js'

/** The origin of presence that came from another Accord process. */
const REMOTE = Symbol('remote presence')

export class Presence {
  // A document of its own: presence never touches the text, and the text document may be swapped on restore.
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc())
  /** Told of every change to the presence of this process's own clients (for the other processes). */
  onLocalChange: ((update: Uint8Array) => void) | null = null

  constructor(private readonly connections: () => Iterable<Connection>) {
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.broadcast)
  }

  /** Everyone's presence, for a connection that just arrived or asked. */
  snapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length === 0) return null
    return protocol.awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
  }

  /** Applies a client's awareness update; returns a refusal reason, or null when accepted. */
  receive(connection: Connection, update: Uint8Array): string | null {
    const entries = protocol.decodeAwarenessUpdate(update)
    if (connection.awarenessClientId === null && entries[0]) {
      const claimed = entries[0].clientId
      for (const other of this.connections()) {
        if (other !== connection && other.awarenessClientId === claimed) {
          return 'awareness client id belongs to another connection'
        }
      }
      connection.awarenessClientId = claimed
    }
    const own = []
    for (const entry of entries) {
      if (entry.clientId !== connection.awarenessClientId) continue
      if (entry.state && JSON.stringify(entry.state).length > LIMITS.maxPresenceStateBytes)
        return 'presence state too large'
      own.push({ ...entry, state: entry.state && presenceOf(entry.state, connection) })
    }
    if (own.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, protocol.encodeAwarenessUpdate(own), connection)
    }
    return null
  }

  /** Presence of clients connected to another Accord process serving this document. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
  }

  /** The presence of this process's own clients, for a process that just opened the document. */
  localSnapshot(): Uint8Array | null {
    const local = [...this.connections()].flatMap((c) =>
      c.awarenessClientId !== null && this.awareness.getStates().has(c.awarenessClientId)
        ? [c.awarenessClientId]
        : [],
    )
    return local.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, local) : null
  }

  leave(connection: Connection): void {
    if (connection.awarenessClientId !== null) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [connection.awarenessClientId], null)
    }
  }

  destroy(): void {
    this.awareness.off('update', this.broadcast)
    this.awareness.destroy()
  }

  private readonly broadcast = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed]
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    const message = protocol.awarenessMessage(update)
    for (const connection of this.connections()) connection.send(message)
    if (origin !== REMOTE) this.onLocalChange?.(update)
  }
}

/** A Yjs id inside a relative position. */
const yId = z.strictObject({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() })
/** `Y.relativePositionToJSON`, as the collaboration caret publishes its anchor and head. */
const relativePosition = z.strictObject({
  type: yId.nullable().optional(),
  tname: z.string().max(64).nullable().optional(),
  item: yId.nullable().optional(),
  assoc: z.number().int().optional(),
})
/** The one field of a client's presence Accord reads besides `user`: where its caret is. */
const cursor = z.strictObject({ anchor: relativePosition, head: relativePosition }).nullable()

/**
 * What is relayed of a client's presence: the server's stamp of who it is (`user`) and its caret, if well formed.
 * Every other field is dropped, so that no client reading presence (a third-party one included) can be told a
 * name or role that the server did not stamp.
 */
function presenceOf(state: Record<string, unknown>, connection: Connection) {
  const caret = cursor.safeParse(state.cursor)
  return { user: stampOf(connection), ...(caret.success ? { cursor: caret.data } : {}) }
}

function stampOf(connection: Connection) {
  const { participant, name, role, delegation, delegationName, colour } = connection.identity
  return { participant, name, role, delegation, delegationName, color: colour }
}
