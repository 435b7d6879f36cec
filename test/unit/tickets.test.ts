import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TicketBook } from '../../server/auth/tickets.js'
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'

describe('WebSocket tickets', () => {
  let dir: string
  let storage: SqliteStorage
  let now = 1_000

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-tickets-'))
    storage = new SqliteStorage(join(dir, 'db'))
    await storage.createConference({
      conference: { id: 'c', name: 'C', localName: null, hostTimeZone: 'UTC', observersMayComment: false },
      delegations: [
        { id: 'osaka', conference: 'c', name: 'Osaka', country: 'Japan', kind: 'member', colour: '#123' },
      ],
      participants: [
        { id: 'osaka-head', conference: 'c', delegation: 'osaka', name: 'H', role: 'head', tokenHash: 'x' },
      ],
      documents: [
        {
          record: { id: 'doc-1', conference: 'c', title: 'T', stage: 'draft' },
          initialState: Y.encodeStateAsUpdate(new Y.Doc()),
        },
      ],
    })
  })
  afterEach(async () => {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('admit their participant once, for their document only', async () => {
    const book = new TicketBook(storage)
    const ticket = await book.issue('osaka-head', 'doc-1')
    expect(await book.redeem(ticket, 'doc-1')).toBe('osaka-head')
    expect(await book.redeem(ticket, 'doc-1')).toBeUndefined()
  })

  it('are used up by a try on the wrong document', async () => {
    const book = new TicketBook(storage)
    const ticket = await book.issue('osaka-head', 'doc-1')
    expect(await book.redeem(ticket, 'doc-2')).toBeUndefined()
    expect(await book.redeem(ticket, 'doc-1')).toBeUndefined()
  })

  it('expire after their lifetime', async () => {
    const book = new TicketBook(storage, () => now, 30_000)
    const ticket = await book.issue('osaka-head', 'doc-1')
    now += 30_001
    expect(await book.redeem(ticket, 'doc-1')).toBeUndefined()
  })

  it('are redeemed by another process sharing the storage, and only once in all', async () => {
    const issuer = new TicketBook(storage)
    const other = new SqliteStorage(join(dir, 'db'))
    try {
      const redeemer = new TicketBook(other)
      const ticket = await issuer.issue('osaka-head', 'doc-1')
      expect(await redeemer.redeem(ticket, 'doc-1')).toBe('osaka-head')
      expect(await issuer.redeem(ticket, 'doc-1')).toBeUndefined()
    } finally {
      await other.close()
    }
  })

  it('are not stored in the clear', async () => {
    const ticket = await new TicketBook(storage).issue('osaka-head', 'doc-1')
    expect(await storage.redeemTicket(ticket, 0)).toBeUndefined()
  })
})
