/**
 * The audit log's appends on real SQLite storage: the entries of one act (a decision on many suggestions) are
 * appended in order, linked, and anchored once — with the newest — rather than once per entry (each anchor is a
 * write to the document relayed to every participant; `npm run bench:decide` measures what that saved).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditLog, verifyChain } from '../../server/audit/audit-log.js'
import type { AuditRecord } from '../../server/storage/storage.js'
import type { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'
import { scratchStorage, type ScratchStorage } from '../helpers/scratch-storage.js'

describe('the audit log', () => {
  let scratch: ScratchStorage
  let storage: SqliteStorage
  let anchored: AuditRecord[]
  let log: AuditLog

  beforeEach(async () => {
    scratch = await scratchStorage()
    storage = scratch.storage
    anchored = []
    log = new AuditLog(storage, Date.now, async (record) => {
      anchored.push(record)
    })
  })
  afterEach(() => scratch.remove())

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
