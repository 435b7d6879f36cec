/**
 * `GET /api/audit/verify` shares its work (server/audit/verify.ts): requests that come while a verification runs
 * wait for one more, which answers them all — at most one runs and one waits, and every answer comes from a
 * verification begun after its request. On real SQLite storage, the log read made slow so that requests overlap.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditLog } from '../../server/audit/audit-log.js'
import { auditVerifier } from '../../server/audit/verify.js'
import type { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'
import { scratchStorage, type ScratchStorage } from '../helpers/scratch-storage.js'

describe('the audit verifier', () => {
  let scratch: ScratchStorage
  let storage: SqliteStorage
  let reads = 0
  let running = 0
  let mostAtOnce = 0

  beforeEach(async () => {
    scratch = await scratchStorage()
    storage = scratch.storage
    const log = new AuditLog(storage)
    for (let i = 0; i < 3; i++) await log.append('doc-1', 'someone', 'an action', { i })
    // Each read of the log takes 30 ms here: a large conference's log read, made visible.
    const read = storage.listAllAudit.bind(storage)
    reads = running = mostAtOnce = 0
    storage.listAllAudit = async () => {
      reads++
      mostAtOnce = Math.max(mostAtOnce, ++running)
      await new Promise((resolve) => setTimeout(resolve, 30))
      running--
      return read()
    }
  })
  afterEach(() => scratch.remove())

  it('answers fifty requests at once with two verifications, one at a time', async () => {
    const verify = auditVerifier(storage)
    const answers = await Promise.all(Array.from({ length: 50 }, () => verify()))
    expect(answers.every((a) => a.ok && a.entries === 3)).toBe(true)
    expect(reads).toBe(2)
    expect(mostAtOnce).toBe(1)
  })

  it('answers a request that comes during a verification from one begun after it: the entry it just saw is in', async () => {
    const verify = auditVerifier(storage)
    const first = verify()
    await new Promise((resolve) => setTimeout(resolve, 5))
    await new AuditLog(storage).append('doc-1', 'someone', 'one more', {})
    const second = await verify()
    expect(second).toMatchObject({ ok: true, entries: 4 })
    expect((await first).entries).toBeLessThanOrEqual(4)
    // Later, alone: a verification of its own.
    expect(await verify()).toMatchObject({ ok: true, entries: 4 })
    expect(reads).toBe(3)
  })
})
