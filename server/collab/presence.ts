/**
 * @module Presence (awareness) is the server's word about who is here. A connection speaks for one
 * awareness client id — the first it announces, if no other connection holds it — and its `user` field is
 * replaced with the server's record of the participant. Stock clients echo other clients' states back;
 * those entries are ignored, not punished.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Connection } from './connection.js'
import { LIMITS } from './limits.js'
import * as protocol from './protocol.js'

export class Presence {
  // A document of its own: presence never touches the text, and the text document may be swapped on restore.
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc())

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
      own.push({ ...entry, state: entry.state && { ...entry.state, user: stampOf(connection) } })
    }
    if (own.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, protocol.encodeAwarenessUpdate(own), connection)
    }
    return null
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

  private readonly broadcast = ({
    added,
    updated,
    removed,
  }: {
    added: number[]
    updated: number[]
    removed: number[]
  }) => {
    const changed = [...added, ...updated, ...removed]
    const message = protocol.awarenessMessage(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
    )
    for (const connection of this.connections()) connection.send(message)
  }
}

function stampOf(connection: Connection) {
  const { participant, name, role, delegation, delegationName, colour } = connection.identity
  return { participant, name, role, delegation, delegationName, color: colour }
}
