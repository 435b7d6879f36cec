/**
 * The audit log's anchors and its signed export: entries removed from the log's end are seen by the anchors the
 * documents keep and by a kept export; an export is checked with the public key alone, and any change to it fails.
 */
import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkAnchors } from '../../server/audit/anchors.js'
import { auditHash, GENESIS_HASH } from '../../server/audit/audit-log.js'
import { exportAudit, holdsExport, verifyAuditExport } from '../../server/audit/export.js'
import type { AuditRecord } from '../../server/storage/storage.js'

function chain(length: number): AuditRecord[] {
  const entries: AuditRecord[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= length; seq++) {
    const entry = {
      seq,
      document: seq % 2 ? 'a' : 'b',
      at: '2022-12-05T03:00:00.000Z',
      actor: 'x',
      action: 'sign',
      details: { seq },
    }
    const hash = auditHash(prevHash, entry)
    entries.push({ ...entry, prevHash, hash })
    prevHash = hash
  }
  return entries
}

describe('audit anchors', () => {
  const log = chain(10)
  const anchors = [
    { document: 'a', head: { seq: 9, hash: log[8]!.hash } },
    { document: 'b', head: { seq: 10, hash: log[9]!.hash } },
  ]

  it('hold for the whole log', () => {
    expect(checkAnchors(log, anchors)).toEqual({ ok: true, anchors: 2, newest: 10 })
  })

  it.each([1, 3])('see the newest %i entries removed', (removed) => {
    const check = checkAnchors(log.slice(0, log.length - removed), anchors)
    expect(check).toMatchObject({ ok: false })
    expect(!check.ok && check.reason).toContain('its newest entries were removed')
  })

  it('see an anchored entry replaced', () => {
    const replaced = [...log.slice(0, 9), { ...log[9]!, hash: 'f'.repeat(64) }]
    expect(checkAnchors(replaced, anchors)).toMatchObject({ ok: false, document: 'b' })
  })
})

describe('the signed export', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const log = chain(5)
  const exported = exportAudit(log, privateKey, '2022-12-06T00:00:00.000Z')

  it('verifies offline with the public key', () => {
    expect(verifyAuditExport(JSON.parse(JSON.stringify(exported)), publicKey)).toEqual({
      ok: true,
      entries: 5,
      exportedAt: '2022-12-06T00:00:00.000Z',
    })
  })

  it('fails on any change, on another key, and on a file that is not one', () => {
    const changed = { ...exported, entries: exported.entries.slice(0, 4) }
    expect(verifyAuditExport(changed, publicKey)).toMatchObject({ ok: false })
    expect(verifyAuditExport(exported, generateKeyPairSync('ed25519').publicKey)).toMatchObject({ ok: false })
    expect(verifyAuditExport({ format: 'x' }, publicKey)).toMatchObject({ ok: false })
    expect(verifyAuditExport(null, publicKey)).toMatchObject({ ok: false })
  })

  it('is an anchor: a live log that lost an exported entry, or changed one, is refused', () => {
    expect(holdsExport([...log, ...chain(6).slice(5)], exported)).toEqual({ ok: true })
    expect(holdsExport(log.slice(0, 3), exported)).toMatchObject({ ok: false })
    expect(holdsExport([...log.slice(0, 4), { ...log[4]!, hash: '0'.repeat(64) }], exported)).toMatchObject({
      ok: false,
    })
  })
})
