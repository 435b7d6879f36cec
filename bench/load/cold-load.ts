/**
 * @module Cold load: the time for a fresh client to open a connection, ask for the document (sync step 1) and
 * have the server's whole state applied to its own Y.Doc (sync step 2) — what a delegate waits for when opening
 * the text.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { WebSocket } from 'ws'
import type { Wire } from './wire.js'

/** `received`: the state has arrived; `ms`: it is applied to the client's document (what the delegate sees). */
export async function coldLoad(wire: Wire): Promise<{ ms: number; received: number; bytes: number }> {
  const start = performance.now()
  const ws = await wire.open()
  const doc = new Y.Doc()
  let bytes = 0
  let received = 0
  await new Promise<void>((loaded) => {
    ws.on('message', (data: Buffer) => {
      received = performance.now() - start
      const message = wire.unframe(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      if (!message) return
      const d = decoding.createDecoder(message)
      if (decoding.readVarUint(d) !== 0) return
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, 0)
      if (syncProtocol.readSyncMessage(d, reply, doc, 'server') === 1) {
        bytes = message.length
        loaded()
      }
    })
    const step1 = encoding.createEncoder()
    encoding.writeVarUint(step1, 0)
    syncProtocol.writeSyncStep1(step1, doc)
    ws.send(wire.frame(encoding.toUint8Array(step1)))
  })
  const ms = performance.now() - start
  ws.terminate()
  doc.destroy()
  return { ms, received, bytes }
}

/** Sends a whole document state to a server that starts empty (the peers), as one update. */
export async function upload(wire: Wire, state: Uint8Array): Promise<WebSocket> {
  const ws = await wire.open()
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  syncProtocol.writeUpdate(e, state)
  ws.send(wire.frame(encoding.toUint8Array(e)))
  return ws
}
