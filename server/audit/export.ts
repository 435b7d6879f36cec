/**
 * @module The audit log as a signed file (`accord audit export`), to keep away from the server and check offline
 * with its public key alone (`accord audit verify --file F --key K`):
 *
 *   {format: "accord-audit/1", exportedAt, head: {seq, hash}, entries: [...], signature}
 *
 * where `signature` is the server's Ed25519 signature (base64) over the canonical JSON of everything else. A kept
 * export is also an anchor: the live log must still hold its entries, unchanged (`accord audit verify --against F`).
 */
import { sign, verify, type KeyObject } from 'node:crypto'
import type { AuditRecord } from '../storage/storage.js'
import { canonicalJson, verifyChain } from './audit-log.js'
import type { AuditHead } from './anchors.js'

export const AUDIT_EXPORT_FORMAT = 'accord-audit/1'

export interface AuditExport {
  format: typeof AUDIT_EXPORT_FORMAT
  exportedAt: string
  head: AuditHead | null
  entries: AuditRecord[]
  signature: string
}

export function exportAudit(entries: AuditRecord[], key: KeyObject, exportedAt: string): AuditExport {
  const last = entries.at(-1)
  const body = {
    format: AUDIT_EXPORT_FORMAT,
    exportedAt,
    head: last ? { seq: last.seq, hash: last.hash } : null,
    entries,
  } as const
  return { ...body, signature: sign(null, Buffer.from(canonicalJson(body)), key).toString('base64') }
}

export type ExportCheck = { ok: true; entries: number; exportedAt: string } | { ok: false; reason: string }

/** Checks an export offline: its form, the server's signature over it, its chain, and its head. */
export function verifyAuditExport(file: unknown, publicKey: KeyObject): ExportCheck {
  const exported = file as Partial<AuditExport> | null
  if (
    exported?.format !== AUDIT_EXPORT_FORMAT ||
    !Array.isArray(exported.entries) ||
    typeof exported.signature !== 'string' ||
    typeof exported.exportedAt !== 'string'
  )
    return { ok: false, reason: `not an ${AUDIT_EXPORT_FORMAT} file` }
  const { signature, ...body } = exported
  const signed = verify(null, Buffer.from(canonicalJson(body)), publicKey, Buffer.from(signature, 'base64'))
  if (!signed)
    return { ok: false, reason: 'the signature does not match: the file was changed, or another key made it' }
  const chain = verifyChain(exported.entries)
  if (!chain.ok) return { ok: false, reason: `entry ${chain.firstBroken} ${chain.reason}` }
  const last = exported.entries.at(-1)
  if (
    (last?.seq ?? null) !== (exported.head?.seq ?? null) ||
    (last?.hash ?? null) !== (exported.head?.hash ?? null)
  )
    return { ok: false, reason: 'the head does not name the last entry' }
  return { ok: true, entries: exported.entries.length, exportedAt: exported.exportedAt }
}

/** Whether the live log still holds every entry of a kept export, unchanged. */
export function holdsExport(
  live: readonly AuditRecord[],
  exported: AuditExport,
): { ok: true } | { ok: false; reason: string } {
  const bySeq = new Map(live.map((e) => [e.seq, e]))
  for (const entry of exported.entries) {
    const now = bySeq.get(entry.seq)
    if (!now)
      return {
        ok: false,
        reason: `the export of ${exported.exportedAt} holds entry ${entry.seq}, but the log ends at entry ${live.at(-1)?.seq ?? 0}: its newest entries were removed`,
      }
    if (now.hash !== entry.hash)
      return { ok: false, reason: `entry ${entry.seq} differs from the export of ${exported.exportedAt}` }
  }
  return { ok: true }
}
