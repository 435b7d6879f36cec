/**
 * The audit log's appends on real SQLite storage: the entries of one act (a decision on many suggestions) are
 * appended in order, linked, and anchored once — with the newest — rather than once per entry (each anchor is a
 * write to the document relayed to every participant; `npm run bench:decide` measures what that saved).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditLog, verifyChain } from '../../server/audit/audit-log.js'
import type { AuditRecord } from '../../server/storage/storage.js'
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'

describe('the audit log', () => {
  let dir: string
  let storage: SqliteStorage
  let anchored: AuditRecord[]
  let log: AuditLog

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-audit-log-'))
    storage = new SqliteStorage(join(dir, 'db'))
    await storage.createConference({
      conference: { id: 'c', name: 'C', localName: null, hostTimeZone: 'UTC', observersMayComment: false },
      delegations: [],
      participants: [],
      documents: [
        {
          record: { id: 'doc-1', conference: 'c', title: 'T', stage: 'draft' },
          initialState: Y.encodeStateAsUpdate(new Y.Doc()),
        },
      ],
    })
    anchored = []
    log = new AuditLog(storage, Date.now, async (record) => {
      anchored.push(record)
    })
  })
  afterEach(async () => {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('appends the entries of one act in order, linked, and anchors the newest once', async () => {
    await log.append('doc-1', 'chair', 'open the text', {})
    const decided = await log.appendAll(
      'doc-1',
      'chair',
      ['s1', 's2', 's3'].map((suggestion) => ({ action: 'accept suggestion', details: { suggestion } })),
    )
    expect(decided.map((r) => [r.seq, r.details.suggestion])).toEqual([
      [2, 's1'],
      [3, 's2'],
      [4, 's3'],
    ])
    expect(anchored.map((r) => r.seq)).toEqual([1, 4])
    expect(verifyChain(await storage.listAllAudit())).toEqual({ ok: true, entries: 4 })
    // Nothing to append: nothing written, nothing anchored.
    expect(await log.appendAll('doc-1', 'chair', [])).toEqual([])
    expect(anchored).toHaveLength(2)
  })
})
