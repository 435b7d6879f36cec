/**
 * A protocol-level client: speaks y-protocols over a plain `ws` socket, holds its own Y.Doc, and can send
 * any bytes at all — the tool for playing a modified or malicious client against the server.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { DOCUMENT, ticketFor, until } from './yjs-clients.js'

export class RawClient {
  readonly doc: Y.Doc
  closed: { code: number; reason: string } | null = null
  synced = false
  private readonly socket: WebSocket

  private constructor(url: string, doc: Y.Doc) {
    this.doc = doc
    this.socket = new WebSocket(url)
    this.socket.binaryType = 'arraybuffer'
    this.socket.on('message', (data: ArrayBuffer) => this.onMessage(new Uint8Array(data)))
    this.socket.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }))
    this.socket.on('error', () => undefined)
  }

  /** Connects with a fresh ticket and completes the sync handshake. */
  static async connect(
    baseUrl: string,
    token: string,
    options: { clientId?: number } = {},
  ): Promise<RawClient> {
    const ticket = await ticketFor(baseUrl, token)
    const doc = new Y.Doc()
    const client = new RawClient(`${baseUrl.replace(/^http/, 'ws')}/collab/${DOCUMENT}?ticket=${ticket}`, doc)
    await new Promise<void>((resolve, reject) => {
      client.socket.once('open', () => resolve())
      client.socket.once('error', reject)
    })
    const step1 = encoding.createEncoder()
    encoding.writeVarUint(step1, 0)
    syncProtocol.writeSyncStep1(step1, doc)
    client.send(encoding.toUint8Array(step1))
    await until(() => client.synced || client.closed !== null, 'raw client synced')
    // Set after the sync: Yjs would otherwise pick a new id on seeing its own id in the server's state.
    if (options.clientId !== undefined) doc.clientID = options.clientId
    return client
  }

  send(bytes: Uint8Array | string): void {
    this.socket.send(bytes)
  }

  /** Makes a change in the local document and sends exactly the update it produced. */
  change(edit: (doc: Y.Doc) => void): Uint8Array {
    const updates: Uint8Array[] = []
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin !== this) updates.push(update)
    }
    this.doc.on('update', capture)
    this.doc.transact(() => edit(this.doc))
    this.doc.off('update', capture)
    const update = Y.mergeUpdates(updates)
    this.sendUpdate(update)
    return update
  }

  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    syncProtocol.writeUpdate(encoder, update)
    this.send(encoding.toUint8Array(encoder))
  }

  sendAwareness(clientId: number, state: Record<string, unknown> | null, clock = 1): void {
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, 1)
    encoding.writeVarUint(inner, clientId)
    encoding.writeVarUint(inner, clock)
    encoding.writeVarString(inner, JSON.stringify(state))
    const outer = encoding.createEncoder()
    encoding.writeVarUint(outer, 1)
    encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
    this.send(encoding.toUint8Array(outer))
  }

  async waitForClose(): Promise<{ code: number; reason: string }> {
    await until(() => this.closed !== null, 'server closed the raw client')
    return this.closed!
  }

  close(): void {
    this.socket.close()
  }

  private onMessage(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === 0) {
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, 0)
      const step = syncProtocol.readSyncMessage(decoder, reply, this.doc, this)
      if (step === 1) this.synced = true
      // A raw client answers the server's step 1 only when a test sends something; it never volunteers state.
    }
  }
}
