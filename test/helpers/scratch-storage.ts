/**
 * Real SQLite storage in a temporary folder, holding one conference ("c") with one empty document — for unit tests
 * of the parts that read and write storage (the audit log, its verifier, the durable relay).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'

export interface ScratchStorage {
  storage: SqliteStorage
  /** Closes the storage and removes its folder. */
  remove(): Promise<void>
}

export async function scratchStorage(document = 'doc-1'): Promise<ScratchStorage> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-scratch-'))
  const storage = new SqliteStorage(join(dir, 'db.sqlite'))
  await storage.createConference({
    conference: { id: 'c', name: 'C', localName: null, hostTimeZone: 'UTC', observersMayComment: false },
    delegations: [],
    participants: [],
    documents: [
      {
        record: { id: document, conference: 'c', title: 'T', stage: 'draft' },
        initialState: Y.encodeStateAsUpdate(new Y.Doc()),
      },
    ],
  })
  return {
    storage,
    async remove() {
      await storage.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
