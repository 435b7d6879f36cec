import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mergeStoredUpdates } from '../../server/document/merge-updates.js'
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'
import type { NewConference } from '../../server/storage/storage.js'

function conference(): NewConference {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'zero draft')
  return {
    conference: {
      id: 'c1',
      name: 'Conference',
      localName: null,
      hostTimeZone: 'Asia/Ho_Chi_Minh',
      observersMayComment: false,
    },
    delegations: [
      { id: 'd1', conference: 'c1', name: 'Osaka', country: 'Japan', kind: 'member', colour: '#123456' },
    ],
    participants: [
      { id: 'p1', conference: 'c1', delegation: 'd1', name: 'Head', role: 'head', tokenHash: 'hash-1' },
    ],
    documents: [
      {
        record: { id: 'doc', conference: 'c1', title: 'T', stage: 'draft' },
        initialState: Y.encodeStateAsUpdate(doc),
      },
    ],
  }
}

function textOf(state: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string {
  const doc = new Y.Doc()
  if (state.snapshot) Y.applyUpdate(doc, state.snapshot)
  for (const update of state.updates) Y.applyUpdate(doc, update)
  return doc.getText('t').toString()
}

/** Appends an edit made on top of the stored state, as a client would. */
async function appendEdit(storage: SqliteStorage, text: string) {
  const doc = new Y.Doc()
  const state = await storage.loadDocumentState('doc')
  if (state.snapshot) Y.applyUpdate(doc, state.snapshot)
  for (const u of state.updates) Y.applyUpdate(doc, u)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  doc.getText('t').insert(doc.getText('t').length, text)
  await storage.appendUpdates('doc', updates)
}

describe('SQLite storage', () => {
  let dir: string
  let storage: SqliteStorage

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-storage-'))
    storage = new SqliteStorage(join(dir, 'accord.sqlite'))
    await storage.createConference(conference())
  })
  afterEach(async () => {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is empty before a conference is created and not after', async () => {
    const fresh = new SqliteStorage(join(dir, 'other.sqlite'))
    expect(await fresh.isEmpty()).toBe(true)
    await fresh.close()
    expect(await storage.isEmpty()).toBe(false)
  })

  it('finds a participant by the hash of its token only', async () => {
    expect((await storage.findParticipantByTokenHash('hash-1'))?.id).toBe('p1')
    expect(await storage.findParticipantByTokenHash('p1')).toBeUndefined()
  })

  it('keeps sessions until they expire', async () => {
    await storage.createSession('s', 'p1', 2_000)
    expect(await storage.findSession('s', 1_999)).toBe('p1')
    expect(await storage.findSession('s', 2_000)).toBeUndefined()
    await storage.deleteSession('s')
    expect(await storage.findSession('s', 0)).toBeUndefined()
  })

  it('loads the initial state plus every appended update, in order, after reopening', async () => {
    await appendEdit(storage, ', first')
    await appendEdit(storage, ', second')
    await storage.close()
    storage = new SqliteStorage(join(dir, 'accord.sqlite'))
    expect(textOf(await storage.loadDocumentState('doc'))).toBe('zero draft, first, second')
  })

  it('compacts the log into the snapshot without losing anything', async () => {
    for (let i = 0; i < 20; i++) await appendEdit(storage, ` ${i}`)
    const before = textOf(await storage.loadDocumentState('doc'))
    expect(await storage.countUpdates('doc')).toBe(20)
    expect(await storage.compact('doc', mergeStoredUpdates)).toEqual({ merged: 20 })
    expect(await storage.countUpdates('doc')).toBe(0)
    const after = await storage.loadDocumentState('doc')
    expect(after.updates).toHaveLength(0)
    expect(textOf(after)).toBe(before)
    await appendEdit(storage, ' more')
    expect(textOf(await storage.loadDocumentState('doc'))).toBe(`${before} more`)
  })

  it('leaves the log as it was when the merge fails', async () => {
    await appendEdit(storage, ' kept')
    await expect(
      storage.compact('doc', () => {
        throw new Error('merge failed')
      }),
    ).rejects.toThrow('merge failed')
    expect(textOf(await storage.loadDocumentState('doc'))).toBe('zero draft kept')
  })
})
