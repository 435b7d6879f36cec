/**
 * The relay stores before it sends, and sends what became durable together as one message: a real SQLite
 * database underneath, sockets that record what they are sent.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DurableRelay } from '../../server/collab/durable-relay.js'
import type { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'
import { scratchStorage, type ScratchStorage } from '../helpers/scratch-storage.js'
import { jsonLogger } from '../../server/logger.js'
import { recordingConnection } from '../helpers/recording-connection.js'

/** The update inside a sync-update message. */
function updateIn(message: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(message)
  expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([0, 2])
  return decoding.readVarUint8Array(d)
}

function typed(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null
  doc.once('update', (u: Uint8Array) => (update = u))
  doc.getText('t').insert(doc.getText('t').length, text)
  return update!
}

describe('the durable relay', () => {
  let scratch: ScratchStorage
  let storage: SqliteStorage
  beforeEach(async () => {
    scratch = await scratchStorage('doc')
    storage = scratch.storage
  })
  afterEach(() => scratch.remove())

  it('sends a lone change to everyone, its author included as the acknowledgement, after it is stored', async () => {
    const [a, b, c] = [recordingConnection(), recordingConnection(), recordingConnection()]
    const relay = new DurableRelay(
      'doc',
      storage,
      () => [a.connection, b.connection, c.connection],
      jsonLogger('error'),
      () => undefined,
    )
    const update = typed(new Y.Doc(), 'hello')
    relay.accept(update)
    expect(b.sent).toHaveLength(0) // nothing leaves before it is durable
    await relay.flush()
    expect((await storage.loadDocumentState('doc')).updates).toEqual([update])
    expect(a.sent.map(updateIn)).toEqual([update])
    expect(b.sent.map(updateIn)).toEqual([update])
    expect(c.sent.map(updateIn)).toEqual([update])
  })

  it('merges the changes stored together into one message, the same bytes for every connection', async () => {
    const [a, b, watcher] = [recordingConnection(), recordingConnection(), recordingConnection()]
    const relay = new DurableRelay(
      'doc',
      storage,
      () => [a.connection, b.connection, watcher.connection],
      jsonLogger('error'),
      () => undefined,
    )
    const [docA, docB] = [new Y.Doc(), new Y.Doc()]
    const updates = [typed(docA, 'one '), typed(docB, 'two '), typed(docA, 'three')]
    relay.accept(updates[0]!)
    relay.accept(updates[1]!)
    relay.accept(updates[2]!)
    await relay.flush()
    expect((await storage.loadDocumentState('doc')).updates).toEqual(updates)
    for (const { sent } of [a, b, watcher]) expect(sent).toHaveLength(1)
    expect(watcher.sent[0]).toBe(a.sent[0])
    const seen = new Y.Doc()
    Y.applyUpdate(seen, updateIn(watcher.sent[0]!))
    const expected = new Y.Doc()
    for (const u of updates) Y.applyUpdate(expected, u)
    expect(seen.getText('t').toString()).toBe(expected.getText('t').toString())
  })

  it('keeps a reply to one connection in order with the broadcasts around it', async () => {
    const [a, b] = [recordingConnection(), recordingConnection()]
    const relay = new DurableRelay(
      'doc',
      storage,
      () => [a.connection, b.connection],
      jsonLogger('error'),
      () => undefined,
    )
    const doc = new Y.Doc()
    relay.accept(typed(doc, 'before '))
    relay.send(b.connection, new Uint8Array([9]))
    relay.accept(typed(doc, 'after'))
    await relay.flush()
    expect(b.sent.map((m) => m[0])).toEqual([0, 9, 0])
  })
})
