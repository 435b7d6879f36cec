/**
 * @module A stock Yjs document kept in sync with a Hocuspocus server over its wire (bench:browser's remote
 * writers and seeder on the bare TipTap + Hocuspocus stack): sync step 1 on open, every local change sent as an
 * update, every update from the server applied with this client as origin.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { hocuspocusWire, type Wire } from './wire.js'

/** y-protocols' message type for sync messages, which every message of this client is. */
const MESSAGE_SYNC = 0

export class HocuspocusClient {
  readonly doc = new Y.Doc()
  private synced!: () => void
  readonly whenSynced = new Promise<void>((resolve) => (this.synced = resolve))

  private constructor(
    private readonly ws: WebSocket,
    private readonly wire: Wire,
  ) {
    ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)))
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, MESSAGE_SYNC)
      syncProtocol.writeUpdate(e, update)
      this.send(encoding.toUint8Array(e))
    })
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(e, this.doc)
    this.send(encoding.toUint8Array(e))
  }

  static async connect(url: string, document: string): Promise<HocuspocusClient> {
    const wire = hocuspocusWire(url, document)
    const client = new HocuspocusClient(await wire.open(), wire)
    await client.whenSynced
    return client
  }

  change(write: (doc: Y.Doc) => void): void {
    this.doc.transact(() => write(this.doc))
  }

  close(): void {
    this.ws.close()
  }

  private send(message: Uint8Array): void {
    this.ws.send(this.wire.frame(message))
  }

  private receive(data: Uint8Array): void {
    const message = this.wire.unframe(data)
    if (!message) return
    const d = decoding.createDecoder(message)
    decoding.readVarUint(d) // the y-protocols message type: sync
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MESSAGE_SYNC)
    const kind = syncProtocol.readSyncMessage(d, reply, this.doc, this)
    if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply))
    if (kind === syncProtocol.messageYjsSyncStep2) this.synced()
  }
}
