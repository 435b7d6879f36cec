/**
 * Delegations drafting at once against the real authority (`SharedDocument` over a real SQLite database),
 * over a simulated network: every client speaks the y-websocket protocol (y-protocols' sync messages), each
 * direction of each connection is a FIFO queue delivered whenever the seeded scheduler says, so the server
 * sees the clients' messages interleaved in every order; connections drop (what was in flight is lost) and
 * come back with a fresh sync. Clients write exactly what the editor's suggest mode writes: the editor's own
 * `SuggestionWriter`, on a Y.Doc that keeps formatting items as every Accord copy does.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { Connection, type Identity } from '../../server/collab/connection.js'
import { SharedDocument } from '../../server/collab/shared-document.js'
import { declarationInitialState } from '../../server/document/declaration-state.js'
import { jsonLogger } from '../../server/logger.js'
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'
import { declarationJson } from '../../workflows/document/build.js'
import { BODY } from '../../workflows/document/format.js'
import { keepFormattingItems } from '../../workflows/document/formatting-items.js'
import type { DeclarationSpec } from '../../workflows/document/build.js'
import { SuggestionWriter } from '../../workflows/suggestions/writer.js'

/** A small, seeded random source (mulberry32), so that a failing seed can be replayed. */
export function randomSource(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  }
}
export type Random = ReturnType<typeof randomSource>

const LOCAL = 'typed here'

export interface Refusal {
  participant: string
  code: number
  reason: string
}

export class SimulatedClient {
  readonly doc = new Y.Doc()
  readonly writer: SuggestionWriter
  toServer: Uint8Array[] = []
  toClient: Uint8Array[] = []
  connection: Connection | null = null
  private ids = 0

  constructor(
    readonly identity: Identity,
    private readonly room: SimulatedRoom,
    random: Random,
  ) {
    keepFormattingItems(this.doc)
    this.writer = new SuggestionWriter({
      author: { delegation: identity.delegation, participant: identity.participant },
      newId: () => `s-${identity.participant}-${++this.ids}-${random.int(1e6)}`,
      newParagraphId: () => `p-${identity.participant}-${++this.ids}-${random.int(1e6)}`,
      now: () => new Date(Date.UTC(2022, 11, 3, 9, 0, this.ids)).toISOString(),
    })
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // As y-websocket: local changes go out while connected; the next sync carries what an outage held back.
      if (origin !== this && this.connection)
        this.toServer.push(syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update)))
    })
  }

  get body(): Y.XmlFragment {
    return this.doc.getXmlFragment(BODY)
  }

  /** A change typed by this delegate, written as the editor writes it. */
  edit(change: (writer: SuggestionWriter, body: Y.XmlFragment) => void): void {
    this.doc.transact(() => change(this.writer, this.body), LOCAL)
  }

  connect(): void {
    const connection: Connection = new Connection(
      {
        send: (message) => {
          if (this.connection === connection) this.toClient.push(message)
        },
        close: (code, reason) => {
          this.room.refusals.push({ participant: this.identity.participant, code, reason })
          if (this.connection === connection) this.disconnect()
        },
      },
      this.identity,
    )
    this.connection = connection
    this.room.shared.attach(connection)
    this.toServer.push(syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)))
  }

  /** The connection drops: what was in flight either way is lost. */
  disconnect(): void {
    const connection = this.connection
    if (!connection) return
    this.connection = null
    this.toServer = []
    this.toClient = []
    connection.closed = true
    this.room.shared.detach(connection)
  }

  deliverToServer(): void {
    const message = this.toServer.shift()
    if (message && this.connection) this.room.shared.receive(this.connection, message)
  }

  deliverToClient(): void {
    const message = this.toClient.shift()
    if (!message) return
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== 0) return // presence and heartbeats
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, 0)
    syncProtocol.readSyncMessage(decoder, reply, this.doc, this)
    if (encoding.length(reply) > 1 && this.connection) this.toServer.push(encoding.toUint8Array(reply))
  }
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export class SimulatedRoom {
  readonly refusals: Refusal[] = []
  readonly clients: SimulatedClient[] = []

  private constructor(
    readonly shared: SharedDocument,
    readonly storage: SqliteStorage,
    private readonly dir: string,
  ) {}

  /** A declaration in `stage`, served by the real authority over a fresh SQLite database. */
  static async open(spec: DeclarationSpec, stage: 'draft' | 'negotiation'): Promise<SimulatedRoom> {
    const dir = mkdtempSync(join(tmpdir(), 'accord-simulated-'))
    const storage = new SqliteStorage(join(dir, 'accord.sqlite'))
    await storage.createConference({
      conference: { id: 'c', name: 'C', localName: null, hostTimeZone: 'UTC', observersMayComment: false },
      delegations: [],
      participants: [],
      documents: [
        {
          record: { id: 'doc', conference: 'c', title: 'T', stage },
          initialState: declarationInitialState(declarationJson(spec), stage),
        },
      ],
    })
    const shared = await SharedDocument.load('doc', storage, jsonLogger('silent'))
    await shared.ready
    return new SimulatedRoom(shared, storage, dir)
  }

  join(identity: Identity, random: Random): SimulatedClient {
    const client = new SimulatedClient(identity, this, random)
    this.clients.push(client)
    client.connect()
    return client
  }

  /** Lets the server store and relay what it accepted (storage answers asynchronously). */
  async tick(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
  }

  /** Delivers everything in flight, everywhere, until nothing moves and everything accepted is stored. */
  async settle(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      await this.shared.flush()
      await this.tick()
      let moved = false
      for (const client of this.clients) {
        while (client.toServer.length > 0 || client.toClient.length > 0) {
          moved = true
          client.deliverToServer()
          client.deliverToClient()
        }
      }
      if (!moved) return
    }
    throw new Error('the room never settled')
  }

  /** What storage holds, loaded as a fresh document. */
  async stored(): Promise<Y.Doc> {
    const { snapshot, updates } = await this.storage.loadDocumentState('doc')
    const doc = new Y.Doc()
    keepFormattingItems(doc)
    if (snapshot) Y.applyUpdate(doc, snapshot)
    for (const update of updates) Y.applyUpdate(doc, update)
    return doc
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.disconnect()
    await this.shared.shutDown()
    this.shared.destroy()
    await this.storage.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
