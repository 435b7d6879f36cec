/**
 * A document stored as one snapshot is served to a fresh client from those bytes before the server has
 * applied them to its Y.Doc; everything else waits until it has. A real SQLite database underneath.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SharedDocument } from '../../server/collab/shared-document.js'
import { jsonLogger } from '../../server/logger.js'
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'
import { recordingConnection } from '../helpers/recording-connection.js'

const FRESH_STEP1 = new Uint8Array([0, 0, 1, 0])

/** The secretariat edits directly in draft (any role would do: these tests only read). */
const SECRETARIAT = {
  participant: 'secretariat',
  name: 'S',
  role: 'secretariat',
  delegation: 'sec',
  delegationName: 'Secretariat',
  colour: '#000',
} as const

/** [sync step, payload] of a sync message. */
function syncOf(message: Uint8Array): [number, Uint8Array] {
  const d = decoding.createDecoder(message)
  expect(decoding.readVarUint(d)).toBe(0)
  return [decoding.readVarUint(d), decoding.readVarUint8Array(d)]
}

describe('serving a stored snapshot before applying it', () => {
  let dir: string
  let storage: SqliteStorage
  let snapshot: Uint8Array

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-snapshot-first-'))
    storage = new SqliteStorage(join(dir, 'db'))
    const doc = new Y.Doc()
    doc.getMap('workflow').set('stage', 'draft')
    doc.getText('notes-of-the-test').insert(0, 'the whole stored text')
    snapshot = Y.encodeStateAsUpdate(doc)
    await storage.createConference({
      conference: { id: 'c', name: 'C', localName: null, hostTimeZone: 'UTC', observersMayComment: false },
      delegations: [],
      participants: [],
      documents: [
        { record: { id: 'doc', conference: 'c', title: 'T', stage: 'draft' }, initialState: snapshot },
      ],
    })
  })
  afterEach(async () => {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers a fresh client with the stored bytes at once, and applies them right after', async () => {
    const shared = await SharedDocument.load('doc', storage, jsonLogger('silent'))
    const { connection, sent } = recordingConnection(SECRETARIAT)
    shared.attach(connection)
    shared.receive(connection, FRESH_STEP1)
    expect(sent).toHaveLength(1)
    expect(syncOf(sent[0]!)).toEqual([1, snapshot])
    expect(shared.doc.getText('notes-of-the-test').toString()).toBe('') // not applied yet

    await shared.ready
    expect(shared.doc.getText('notes-of-the-test').toString()).toBe('the whole stored text')
    // Then the server asks for what the client has, with its state vector (the stored state's).
    const [step, stateVector] = syncOf(sent[1]!)
    expect(step).toBe(0)
    expect(stateVector).toEqual(Y.encodeStateVectorFromUpdate(snapshot))
    shared.destroy()
  })

  it('holds a client that already has a state until the document is applied, then answers it in full', async () => {
    const shared = await SharedDocument.load('doc', storage, jsonLogger('silent'))
    const { connection, sent } = recordingConnection(SECRETARIAT)
    shared.attach(connection)
    const known = new Y.Doc()
    known.getText('other').insert(0, 'x')
    const step1 = new Uint8Array([0, 0, ...lengthPrefixed(Y.encodeStateVector(known))])
    shared.receive(connection, step1)
    expect(sent).toHaveLength(0) // this client waits
    await shared.ready
    const [step, reply] = syncOf(sent.find((m) => syncOf(m)[0] === 1)!)
    expect(step).toBe(1)
    const replica = new Y.Doc()
    Y.applyUpdate(replica, reply)
    expect(replica.getText('notes-of-the-test').toString()).toBe('the whole stored text')
    shared.destroy()
  })
})

function lengthPrefixed(bytes: Uint8Array): number[] {
  if (bytes.length > 127) throw new Error('test helper: short payloads only')
  return [bytes.length, ...bytes]
}
