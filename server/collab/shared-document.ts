/**
 * @module One open declaration: its Y.Doc, its presence (awareness) and its connections. Incoming updates
 * are checked, applied, stored, and only then relayed: every outgoing sync message waits in an outbox
 * until the updates it reflects are durable, so nothing a client has seen can be lost by a crash.
 */
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { bodyAccess } from '../../workflows/conference/permissions.js'
import { isStage, type Stage } from '../../workflows/conference/roles.js'
import { WORKFLOW } from '../../workflows/document/format.js'
import type { Logger } from '../logger.js'
import type { Storage } from '../storage/storage.js'
import type { Connection } from './connection.js'
import { CLOSE, LIMITS } from './limits.js'
import * as protocol from './protocol.js'
import { updateChangesDocument } from './update-inspection.js'

/** Where a change to the served Y.Doc came from (CONVENTIONS.md §12). */
export type ChangeOrigin = { kind: 'storage' } | { kind: 'client'; connection: Connection }

interface Outgoing {
  /** The message may leave once this many applied updates are stored. */
  needsStored: number
  to: Connection | 'all'
  except: Connection | null
  message: Uint8Array
}

const STORAGE_RETRY_MS = [100, 500, 2000, 5000]

export class SharedDocument {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Set<Connection>()

  private unstored: Uint8Array[] = []
  private applied = 0
  private stored = 0
  private outbox: Outgoing[] = []
  private persistScheduled = false
  private writing = false
  private compacting = false
  /** Updates in the stored log since the last snapshot; compaction starts when it grows large. */
  private storedSinceCompaction = 0

  private constructor(
    readonly id: string,
    private readonly storage: Storage,
    private readonly log: Logger,
  ) {
    this.awareness.setLocalState(null)
    this.doc.on('update', this.onDocumentUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** Loads a document from storage. Throws, rather than serving an empty document, if anything fails. */
  static async load(id: string, storage: Storage, log: Logger): Promise<SharedDocument> {
    const shared = new SharedDocument(id, storage, log)
    const { snapshot, updates } = await storage.loadDocumentState(id)
    if (!snapshot && updates.length === 0) throw new Error(`document ${id} has no stored state`)
    const origin: ChangeOrigin = { kind: 'storage' }
    Y.transact(
      shared.doc,
      () => {
        if (snapshot) Y.applyUpdate(shared.doc, snapshot, origin)
        for (const update of updates) Y.applyUpdate(shared.doc, update, origin)
      },
      origin,
    )
    shared.storedSinceCompaction = updates.length
    return shared
  }

  get stage(): Stage {
    const stage = this.doc.getMap(WORKFLOW).get('stage')
    return isStage(stage) ? stage : 'draft'
  }

  /** A new connection: greet it with our state vector and everyone's presence. */
  attach(connection: Connection): void {
    this.connections.add(connection)
    this.enqueue(connection, protocol.syncMessage(protocol.SYNC_STEP1, Y.encodeStateVector(this.doc)))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) {
      connection.send(
        protocol.awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)),
      )
    }
  }

  detach(connection: Connection): void {
    this.connections.delete(connection)
    this.outbox = this.outbox.filter((outgoing) => outgoing.to !== connection)
    if (connection.awarenessClientId !== null) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [connection.awarenessClientId], null)
    }
  }

  /** Handles one binary message from a connection. Anything malformed closes that connection only. */
  receive(connection: Connection, message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message)
      const type = decoding.readVarUint(decoder)
      if (type === protocol.MESSAGE_SYNC) this.receiveSync(connection, decoder)
      else if (type === protocol.MESSAGE_AWARENESS)
        this.receiveAwareness(connection, decoding.readVarUint8Array(decoder))
      else if (type === protocol.MESSAGE_QUERY_AWARENESS) this.sendAllPresence(connection)
      else return connection.close(CLOSE.badMessage, `unknown message type ${type}`)
    } catch (error) {
      this.log.warn('closing connection after a malformed message', {
        document: this.id,
        error: String(error),
      })
      connection.close(CLOSE.badMessage, 'malformed message')
    }
  }

  /** Awaits until everything applied so far is stored (used on shutdown and by compaction). */
  async flush(): Promise<void> {
    while (this.unstored.length > 0 || this.writing) await this.persist()
  }

  destroy(): void {
    this.doc.off('update', this.onDocumentUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }

  /** Merges the update log into the snapshot, from what is stored (never from memory alone). */
  async compact(): Promise<void> {
    if (this.compacting) return
    this.compacting = true
    try {
      const { merged } = await this.storage.compact(this.id, mergeStoredUpdates)
      this.storedSinceCompaction = Math.max(0, this.storedSinceCompaction - merged)
      if (merged > 0) this.log.info('compacted document', { document: this.id, merged })
    } catch (error) {
      this.log.error('compaction failed; the update log is kept as it was', {
        document: this.id,
        error: String(error),
      })
    } finally {
      this.compacting = false
    }
  }

  private receiveSync(connection: Connection, decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes after sync message')
    if (step === protocol.SYNC_STEP1) {
      const reply = Y.encodeStateAsUpdate(this.doc, payload)
      this.enqueue(connection, protocol.syncMessage(protocol.SYNC_STEP2, reply))
    } else if (step === protocol.SYNC_STEP2 || step === protocol.SYNC_UPDATE) {
      this.receiveUpdate(connection, payload)
    } else {
      connection.close(CLOSE.badMessage, `unknown sync step ${step}`)
    }
  }

  private receiveUpdate(connection: Connection, update: Uint8Array): void {
    if (bodyAccess(connection.identity.role, this.stage) === 'read') {
      if (updateChangesDocument(this.doc, update)) {
        this.log.warn('refused an update from a read-only participant', {
          document: this.id,
          participant: connection.identity.participant,
        })
        connection.close(CLOSE.forbidden, 'read-only: this participant may not change the text')
      }
      return
    }
    const origin: ChangeOrigin = { kind: 'client', connection }
    Y.applyUpdate(this.doc, update, origin)
  }

  /**
   * Presence is stamped with the server's record of the participant: whatever name or colour a client
   * claims is replaced. A connection speaks for one awareness client id, the first it announces; stock
   * clients echo other clients' states back, and those entries are ignored.
   */
  private receiveAwareness(connection: Connection, update: Uint8Array): void {
    const entries = protocol.decodeAwarenessUpdate(update)
    if (connection.awarenessClientId === null && entries[0]) {
      const claimed = entries[0].clientId
      for (const other of this.connections) {
        if (other !== connection && other.awarenessClientId === claimed) {
          return connection.close(CLOSE.forbidden, 'awareness client id belongs to another connection')
        }
      }
      connection.awarenessClientId = claimed
    }
    const own = entries
      .filter((entry) => entry.clientId === connection.awarenessClientId)
      .map((entry) => ({ ...entry, state: entry.state && { ...entry.state, user: presenceOf(connection) } }))
    if (own.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, protocol.encodeAwarenessUpdate(own), connection)
    }
  }

  private sendAllPresence(connection: Connection): void {
    const states = [...this.awareness.getStates().keys()]
    connection.send(
      protocol.awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)),
    )
  }

  private readonly onDocumentUpdate = (update: Uint8Array, origin: unknown): void => {
    const change = origin as ChangeOrigin | undefined
    if (change?.kind === 'storage') return
    this.applied += 1
    this.unstored.push(update)
    this.outbox.push({
      needsStored: this.applied,
      to: 'all',
      except: change?.kind === 'client' ? change.connection : null,
      message: protocol.syncMessage(protocol.SYNC_UPDATE, update),
    })
    this.schedulePersist()
  }

  private readonly onAwarenessUpdate = ({
    added,
    updated,
    removed,
  }: {
    added: number[]
    updated: number[]
    removed: number[]
  }): void => {
    const changed = [...added, ...updated, ...removed]
    const message = protocol.awarenessMessage(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
    )
    for (const connection of this.connections) connection.send(message)
  }

  private enqueue(to: Connection, message: Uint8Array): void {
    this.outbox.push({ needsStored: this.applied, to, except: null, message })
    this.deliver()
  }

  private deliver(): void {
    let sent = 0
    for (const outgoing of this.outbox) {
      if (outgoing.needsStored > this.stored) break
      sent += 1
      if (outgoing.to === 'all') {
        for (const connection of this.connections) {
          if (connection !== outgoing.except) connection.send(outgoing.message)
        }
      } else {
        outgoing.to.send(outgoing.message)
      }
    }
    if (sent > 0) this.outbox.splice(0, sent)
  }

  private schedulePersist(): void {
    if (this.persistScheduled) return
    this.persistScheduled = true
    setImmediate(() => {
      this.persistScheduled = false
      void this.persist()
    })
  }

  /** Stores what was applied, in batches, retrying storage errors; relays only what is stored. */
  private async persist(): Promise<void> {
    if (this.writing) return
    this.writing = true
    let attempt = 0
    try {
      while (this.unstored.length > 0) {
        const batch = this.unstored.slice()
        try {
          await this.storage.appendUpdates(this.id, batch)
        } catch (error) {
          const wait = STORAGE_RETRY_MS[Math.min(attempt, STORAGE_RETRY_MS.length - 1)]!
          attempt += 1
          this.log.error('storing updates failed; holding them and their relay, retrying', {
            document: this.id,
            updates: batch.length,
            retryInMs: wait,
            error: String(error),
          })
          await new Promise((resolve) => setTimeout(resolve, wait))
          continue
        }
        attempt = 0
        this.unstored.splice(0, batch.length)
        this.stored += batch.length
        this.storedSinceCompaction += batch.length
        this.deliver()
      }
    } finally {
      this.writing = false
    }
    if (this.storedSinceCompaction >= LIMITS.compactAfterUpdates) void this.compact()
  }
}

function presenceOf(connection: Connection) {
  const { participant, name, role, delegation, delegationName, colour } = connection.identity
  return { participant, name, role, delegation, delegationName, color: colour }
}

/** Merges stored parts into one update by loading them into a scratch document (garbage-collected). */
export function mergeStoredUpdates(parts: Uint8Array[]): Uint8Array {
  const scratch = new Y.Doc({ gc: true })
  Y.transact(scratch, () => {
    for (const part of parts) Y.applyUpdate(scratch, part)
  })
  const merged = Y.encodeStateAsUpdate(scratch)
  scratch.destroy()
  return merged
}
