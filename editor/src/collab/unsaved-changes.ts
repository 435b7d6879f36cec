/**
 * @module What this participant changed and the server has not yet stored. Every local Yjs update is kept —
 * in memory and on the device (IndexedDB) — until the server's relay brings it back: the server sends an
 * accepted change to every connection, its author included, only once it is stored (server/collab/
 * durable-relay.ts), so its return is the acknowledgement. "Saved" on the screen means exactly this list is
 * empty.
 *
 * A change is back when the server has reached its last clock for every client it wrote under (a Yjs client's
 * items are integrated in order, so a server holding clock n of a client holds all before it) and every range
 * it deleted is deleted in something the server sent.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { deviceStore } from './device-store.js'

/** Origin of updates replayed from the device after a reload: already tracked, not new changes. */
export const REPLAYED = Symbol('replayed from the device')

interface DeleteRange {
  client: number
  clock: number
  len: number
}

interface Pending {
  seq: number
  update: Uint8Array
  /** Client → the clock the server must reach. */
  reaches: Map<number, number>
  /** Deletions the server has not yet confirmed. */
  deletes: DeleteRange[]
}

const MESSAGE_SYNC = 0
const SYNC_STEP2 = 1
const SYNC_UPDATE = 2

export class UnsavedChanges {
  private pending: Pending[] = []
  private serverHas = new Map<number, number>()
  private nextSeq = 1
  private readonly listeners = new Set<() => void>()

  /** @param owner `document|participant`: whose changes these are, on this device. */
  constructor(
    private readonly doc: Y.Doc,
    private readonly owner: string,
    /** Whether an update came from the server (the provider applies those) rather than from this tab. */
    private readonly isRemote: (origin: unknown) => boolean,
  ) {
    doc.on('update', this.onLocalUpdate)
    window.addEventListener('pagehide', this.onLeaving)
  }

  private readonly onLeaving = (): void => {
    deviceStore.keepBeforeLeaving(this.owner, this.pending)
  }

  get count(): number {
    return this.pending.length
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Loads what an earlier tab left unsaved on this device (before connecting, so the first sync can confirm it). */
  async loadFromDevice(): Promise<void> {
    const stored = await deviceStore.unsaved(this.owner).catch(() => [])
    for (const record of stored) {
      this.pending.push(describe(record.seq, record.update))
      this.nextSeq = Math.max(this.nextSeq, record.seq + 1)
    }
    this.changed()
  }

  /** After the first sync: applies what the server did not have, so that the provider sends it. */
  replay(): void {
    if (this.pending.length === 0) return
    Y.transact(
      this.doc,
      () => {
        for (const { update } of this.pending) Y.applyUpdate(this.doc, update, REPLAYED)
      },
      REPLAYED,
    )
  }

  /** Every message from the server: updates it sends are stored, and may confirm ours. */
  readServerMessage(message: Uint8Array): void {
    if (this.pending.length === 0 || message[0] !== MESSAGE_SYNC) return
    const decoder = decoding.createDecoder(message)
    decoding.readVarUint(decoder)
    const step = decoding.readVarUint(decoder)
    if (step !== SYNC_STEP2 && step !== SYNC_UPDATE) return
    this.acknowledge(decoding.readVarUint8Array(decoder))
  }

  /** The updates not yet stored, oldest first, and forgets them (the server refused one of them). */
  async discard(): Promise<Uint8Array[]> {
    const updates = this.pending.map((p) => p.update)
    this.pending = []
    await deviceStore.forgetAll(this.owner).catch(() => undefined)
    this.changed()
    return updates
  }

  destroy(): void {
    this.doc.off('update', this.onLocalUpdate)
    window.removeEventListener('pagehide', this.onLeaving)
    this.listeners.clear()
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === REPLAYED || this.isRemote(origin)) return
    const seq = this.nextSeq++
    this.pending.push(describe(seq, update))
    void deviceStore.keep({ owner: this.owner, seq, update }).catch(() => undefined)
    this.changed()
  }

  private acknowledge(update: Uint8Array): void {
    const { to } = Y.parseUpdateMeta(update)
    for (const [client, clock] of to) {
      if (clock > (this.serverHas.get(client) ?? 0)) this.serverHas.set(client, clock)
    }
    if (this.pending.some((p) => p.deletes.length > 0)) {
      const deleted = Y.decodeUpdate(update).ds.clients
      for (const p of this.pending)
        p.deletes = p.deletes.filter(
          (range) =>
            !(deleted.get(range.client) ?? []).some(
              (d) => d.clock <= range.clock && d.clock + d.len >= range.clock + range.len,
            ),
        )
    }
    const saved = this.pending.filter(
      (p) =>
        p.deletes.length === 0 &&
        [...p.reaches].every(([client, clock]) => (this.serverHas.get(client) ?? 0) >= clock),
    )
    if (saved.length === 0) return
    this.pending = this.pending.filter((p) => !saved.includes(p))
    void deviceStore
      .forget(
        this.owner,
        saved.map((p) => p.seq),
      )
      .catch(() => undefined)
    this.changed()
  }

  private changed(): void {
    for (const listener of this.listeners) listener()
  }
}

function describe(seq: number, update: Uint8Array): Pending {
  const { to } = Y.parseUpdateMeta(update)
  const deletes: DeleteRange[] = []
  for (const [client, items] of Y.decodeUpdate(update).ds.clients)
    for (const item of items) deletes.push({ client, clock: item.clock, len: item.len })
  return { seq, update, reaches: to, deletes }
}
