/**
 * The storage contract: every engine behind server/storage/storage.ts passes the same tests — SQLite in a
 * temporary file, PostgreSQL in a real server started on loopback (a fresh database per test).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mergeStoredUpdates } from '../../server/document/merge-updates.js'
import { PostgresStorage } from '../../server/storage/postgres/postgres-storage.js'
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'
import type { AuditRecord, NewConference, Storage } from '../../server/storage/storage.js'
import { startPostgres, type LocalPostgres } from '../../scripts/local-services.js'

/** One engine: `open` gives a new connection to the same store (a second process, or a reopening). */
interface Engine {
  name: string
  setUp(): Promise<void>
  fresh(): Promise<void>
  open(): Promise<Storage>
  cleanUp(): Promise<void>
  tearDown(): Promise<void>
}

function sqliteEngine(): Engine {
  let dir = ''
  return {
    name: 'SQLite',
    async setUp() {},
    async fresh() {
      dir = mkdtempSync(join(tmpdir(), 'accord-storage-'))
    },
    async open() {
      return new SqliteStorage(join(dir, 'accord.sqlite'))
    },
    async cleanUp() {
      rmSync(dir, { recursive: true, force: true })
    },
    async tearDown() {},
  }
}

function postgresEngine(): Engine {
  let server: LocalPostgres
  let url = ''
  let n = 0
  return {
    name: 'PostgreSQL',
    async setUp() {
      server = await startPostgres()
    },
    async fresh() {
      url = await server.createDatabase(`contract_${++n}`)
    },
    async open() {
      return PostgresStorage.open(url)
    },
    async cleanUp() {},
    async tearDown() {
      await server?.stop()
    },
  }
}

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
      {
        record: { id: 'doc-2', conference: 'c1', title: 'Second', stage: 'draft' },
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
async function appendEdit(storage: Storage, text: string) {
  const doc = new Y.Doc()
  const state = await storage.loadDocumentState('doc')
  if (state.snapshot) Y.applyUpdate(doc, state.snapshot)
  for (const u of state.updates) Y.applyUpdate(doc, u)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  doc.getText('t').insert(doc.getText('t').length, text)
  await storage.appendUpdates('doc', updates)
}

function auditEntry(last: AuditRecord | null, action: string): AuditRecord {
  const seq = (last?.seq ?? 0) + 1
  const prevHash = last?.hash ?? 'genesis'
  return {
    seq,
    document: 'doc',
    at: '2022-09-20T10:00:00Z',
    actor: 'p1',
    action,
    details: { seq },
    prevHash,
    hash: `${prevHash}>${seq}`,
  }
}

describe.each([sqliteEngine(), postgresEngine()])('storage contract: $name', (engine) => {
  let storage: Storage
  const opened: Storage[] = []
  const open = async () => {
    const s = await engine.open()
    opened.push(s)
    return s
  }

  beforeAll(() => engine.setUp(), 60_000)
  afterAll(() => engine.tearDown())
  beforeEach(async () => {
    await engine.fresh()
    storage = await open()
  })
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close()
    await engine.cleanUp()
  })

  it('is empty before a conference is created and not after', async () => {
    expect(await storage.isEmpty()).toBe(true)
    await storage.createConference(conference())
    expect(await storage.isEmpty()).toBe(false)
  })

  it('runs its migrations once: a second connection finds the schema in place and the data kept', async () => {
    await storage.createConference(conference())
    const again = await open()
    expect((await again.listConferences()).map((c) => c.name)).toEqual(['Conference'])
  })

  it('keeps conferences, delegations, participants and documents in the order they were made', async () => {
    await storage.createConference(conference())
    expect(await storage.getConference('c1')).toMatchObject({
      hostTimeZone: 'Asia/Ho_Chi_Minh',
      observersMayComment: false,
    })
    await storage.setObserversMayComment('c1', true)
    expect((await storage.getConference('c1'))?.observersMayComment).toBe(true)
    await storage.addDelegation(
      { id: 'd2', conference: 'c1', name: 'Lyon', country: 'France', kind: 'member', colour: '#654321' },
      [
        {
          id: 'p2',
          conference: 'c1',
          delegation: 'd2',
          name: 'Head of Lyon',
          role: 'head',
          tokenHash: 'hash-2',
        },
      ],
    )
    expect((await storage.listDelegations('c1')).map((d) => d.name)).toEqual(['Osaka', 'Lyon'])
    expect((await storage.listParticipants('c1')).map((p) => p.id)).toEqual(['p1', 'p2'])
    expect((await storage.getDelegation('d2'))?.country).toBe('France')
    expect((await storage.getParticipant('p2'))?.delegation).toBe('d2')
    expect((await storage.listDocuments('c1')).map((d) => d.title)).toEqual(['T', 'Second'])
    await storage.setDocumentStage('doc', 'negotiation')
    expect((await storage.getDocument('doc'))?.stage).toBe('negotiation')
    const notes = { id: 'notes-d1', conference: 'c1', title: 'Notes', stage: 'draft', kind: 'notes' } as const
    expect(await storage.ensureDocument(notes, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true)
    expect(await storage.ensureDocument(notes, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(false)
    expect((await storage.listDocuments('c1')).map((d) => d.id)).toEqual(['doc', 'doc-2'])
  })

  it("writes a roster import all at once, after the conference's last positions, and updates in place", async () => {
    await storage.createConference(conference())
    await storage.applyRoster('c1', {
      createDelegations: [
        {
          id: 'c1.kyoto',
          conference: 'c1',
          name: 'Kyoto',
          country: 'Japan',
          kind: 'member',
          colour: '#111111',
        },
      ],
      updateDelegations: [
        { id: 'd1', conference: 'c1', name: 'Osaka', country: 'Nippon', kind: 'member', colour: '#123456' },
      ],
      createParticipants: [
        {
          id: 'c1.kyoto-a',
          conference: 'c1',
          delegation: 'c1.kyoto',
          name: 'Ạ Nguyễn',
          role: 'head',
          tokenHash: 'hash-k',
          function: 'Mayor',
          email: 'a@kyoto.example',
        },
        {
          id: 'c1.screen',
          conference: 'c1',
          delegation: 'c1.kyoto',
          name: 'Main hall screen',
          role: 'observer',
          tokenHash: 'hash-s',
          screen: true,
        },
      ],
      updateParticipants: [
        {
          id: 'p1',
          conference: 'c1',
          delegation: 'd1',
          name: 'Head',
          role: 'head',
          tokenHash: '',
          function: 'Vice-Mayor',
          email: 'h@osaka.example',
        },
      ],
    })
    expect((await storage.listDelegations('c1')).map((d) => [d.name, d.country])).toEqual([
      ['Osaka', 'Nippon'],
      ['Kyoto', 'Japan'],
    ])
    expect(
      (await storage.listParticipants('c1')).map((p) => [p.id, p.function, p.email, p.invitationGeneration]),
    ).toEqual([
      ['p1', 'Vice-Mayor', 'h@osaka.example', 0],
      ['c1.kyoto-a', 'Mayor', 'a@kyoto.example', 0],
      ['c1.screen', '', '', 0],
    ])
    // The room's screen is kept as one; no one else is.
    expect((await storage.listParticipants('c1')).map((p) => p.screen ?? false)).toEqual([false, false, true])
    // The token of an updated participant is left alone.
    expect((await storage.findParticipantByTokenHash('hash-1'))?.id).toBe('p1')
    // All or nothing: a clash on the second participant leaves the first unwritten too.
    const clash = storage.applyRoster('c1', {
      createDelegations: [],
      updateDelegations: [],
      createParticipants: [
        {
          id: 'c1.kyoto-b',
          conference: 'c1',
          delegation: 'c1.kyoto',
          name: 'B',
          role: 'drafter',
          tokenHash: 'hash-b',
        },
        { id: 'p1', conference: 'c1', delegation: 'd1', name: 'Again', role: 'drafter', tokenHash: 'hash-c' },
      ],
      updateParticipants: [],
    })
    await expect(clash).rejects.toThrow()
    expect(await storage.getParticipant('c1.kyoto-b')).toBeUndefined()
  })

  it('reissues an invitation: the new hash finds the participant, sessions and tickets of the old are gone', async () => {
    await storage.createConference(conference())
    await storage.createSession('session-1', 'p1', Date.now() + 60_000)
    await storage.createTicket('ticket-1', 'p1', 'doc', Date.now() + 60_000, Date.now())
    await storage.reissueInvitation('p1', 1, 'hash-1b')
    expect(await storage.findParticipantByTokenHash('hash-1')).toBeUndefined()
    expect(await storage.findParticipantByTokenHash('hash-1b')).toMatchObject({
      id: 'p1',
      invitationGeneration: 1,
    })
    expect(await storage.findSession('session-1', Date.now())).toBeUndefined()
    expect(await storage.redeemTicket('ticket-1', Date.now())).toBeUndefined()
  })

  it('removes a participant: kept by id, no longer listed or found by token, sessions gone', async () => {
    await storage.createConference(conference())
    await storage.createSession('session-1', 'p1', Date.now() + 60_000)
    await storage.removeParticipant('p1', '2026-12-02T10:00:00Z')
    expect(await storage.getParticipant('p1')).toMatchObject({ removedAt: '2026-12-02T10:00:00Z' })
    expect(await storage.listParticipants('c1')).toEqual([])
    expect((await storage.listParticipants('c1', true)).map((p) => p.id)).toEqual(['p1'])
    expect(await storage.findParticipantByTokenHash('hash-1')).toBeUndefined()
    expect(await storage.findSession('session-1', Date.now())).toBeUndefined()
  })

  it("keeps a conference's facts and id prefix", async () => {
    const facts = conference()
    facts.conference = {
      ...facts.conference,
      idPrefix: 'c1.',
      hostLocality: 'Đà Nẵng',
      venue: 'Hall',
      startsOn: '2026-12-10',
      endsOn: '2026-12-12',
    }
    await storage.createConference(facts)
    expect(await storage.getConference('c1')).toMatchObject({
      idPrefix: 'c1.',
      hostLocality: 'Đà Nẵng',
      venue: 'Hall',
      startsOn: '2026-12-10',
      endsOn: '2026-12-12',
    })
  })

  it('finds a participant by the hash of its token only', async () => {
    await storage.createConference(conference())
    expect((await storage.findParticipantByTokenHash('hash-1'))?.id).toBe('p1')
    expect(await storage.findParticipantByTokenHash('p1')).toBeUndefined()
  })

  it('keeps sessions until they expire', async () => {
    await storage.createConference(conference())
    const expiresAt = Date.UTC(2030, 0, 1)
    await storage.createSession('s', 'p1', expiresAt)
    expect(await storage.findSession('s', expiresAt - 1)).toBe('p1')
    expect(await storage.findSession('s', expiresAt)).toBeUndefined()
    await storage.deleteSession('s')
    expect(await storage.findSession('s', 0)).toBeUndefined()
  })

  it('redeems a WebSocket ticket once, from any connection, and not after it expired', async () => {
    await storage.createConference(conference())
    const other = await open()
    await storage.createTicket('t1', 'p1', 'doc', 2_000, 1_000)
    await storage.createTicket('t2', 'p1', 'doc', 2_000, 1_000)
    expect(await other.redeemTicket('t1', 1_500)).toEqual({ participant: 'p1', document: 'doc' })
    expect(await storage.redeemTicket('t1', 1_500)).toBeUndefined()
    expect(await storage.redeemTicket('t2', 2_000)).toBeUndefined()
  })

  it('keeps a participant’s passkeys, once each, with their counter, across connections', async () => {
    await storage.createConference(conference())
    const other = await open()
    const key = {
      credentialId: 'cred-1',
      participant: 'p1',
      publicKey: 'pQECAyYg',
      counter: 0,
      createdAt: 'a',
    }
    expect(await storage.addPasskey(key)).toBe(true)
    expect(await other.addPasskey({ ...key, publicKey: 'other' })).toBe(false)
    expect(await storage.addPasskey({ ...key, credentialId: 'cred-2', createdAt: 'b' })).toBe(true)
    await other.setPasskeyCounter('cred-1', 7)
    expect(await storage.listPasskeys('p1')).toEqual([
      { ...key, counter: 7 },
      { ...key, credentialId: 'cred-2', createdAt: 'b' },
    ])
    expect(await storage.listPasskeys('p2')).toEqual([])
  })

  it('gives a one-time duty to the first claimant only, across connections', async () => {
    const other = await open()
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? other : storage).claimOnce('silence passed:doc', 'now')),
    )
    expect(claims.filter(Boolean)).toHaveLength(1)
    expect(await storage.claimOnce('another duty', 'now')).toBe(true)
  })

  it('loads the initial state plus every appended update, in order, after reopening', async () => {
    await storage.createConference(conference())
    await appendEdit(storage, ', first')
    await appendEdit(storage, ', second')
    const reopened = await open()
    expect(textOf(await reopened.loadDocumentState('doc'))).toBe('zero draft, first, second')
    expect(textOf(await reopened.loadDocumentState('doc-2'))).toBe('zero draft')
  })

  it('compacts the log into the snapshot without losing anything', async () => {
    await storage.createConference(conference())
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

  it('keeps the updates appended (by another connection) while a compaction merges', async () => {
    await storage.createConference(conference())
    const other = await open()
    for (let i = 0; i < 5; i++) await appendEdit(storage, ` ${i}`)
    let release!: () => void
    const merging = storage.compact('doc', async (parts) => {
      await new Promise<void>((resolve) => (release = resolve))
      return mergeStoredUpdates(parts)
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    await appendEdit(other, ' during')
    release()
    expect(await merging).toEqual({ merged: 5 })
    expect(textOf(await other.loadDocumentState('doc'))).toBe('zero draft 0 1 2 3 4 during')
    expect(await storage.countUpdates('doc')).toBe(1)
  })

  it('leaves the log as it was when the merge fails', async () => {
    await storage.createConference(conference())
    await appendEdit(storage, ' kept')
    await expect(
      storage.compact('doc', () => {
        throw new Error('merge failed')
      }),
    ).rejects.toThrow('merge failed')
    expect(textOf(await storage.loadDocumentState('doc'))).toBe('zero draft kept')
  })

  it('chains audit entries without two claiming the same predecessor, even from two connections at once', async () => {
    await storage.createConference(conference())
    const other = await open()
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? other : storage).appendAudit((last) => auditEntry(last, `action ${i}`)),
      ),
    )
    const all = await storage.listAllAudit()
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash)
    expect((await other.listAudit('doc')).length).toBe(30)
    expect(all[0]!.details).toEqual({ seq: 1 })
  })

  it('numbers revisions per document, one after the other, from two connections at once', async () => {
    await storage.createConference(conference())
    const other = await open()
    const revision = (seq: number) => ({
      document: 'doc',
      seq,
      name: `Rev.${seq}`,
      hash: `h${seq}`,
      text: 'zero draft',
      paragraphs: [{ id: 'p', number: 'OP1', text: 'zero draft' }],
      createdAt: '2022-09-20T10:00:00Z',
      createdBy: 'p1',
    })
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : storage).appendRevision('doc', revision)),
    )
    const revisions = await storage.listRevisions('doc')
    expect(revisions.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(revisions[0]!.paragraphs[0]!.number).toBe('OP1')
    expect(await storage.listRevisions('doc-2')).toEqual([])
  })
})
