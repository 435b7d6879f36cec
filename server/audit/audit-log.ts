/**
 * @module The audit log: every decision on the text (and, later, every workflow action) is appended with
 * who did it, when, and the details — for an accepted suggestion, which delegation and participant proposed
 * it. Each entry carries the hash of the previous one, so a changed or removed entry breaks the chain:
 *
 *   hash = SHA-256( prevHash + "\n" + canonical JSON of {seq, document, at, actor, action, details} )
 *
 * where canonical JSON sorts object keys and has no insignificant white space; the first entry's prevHash is
 * 64 zeros. A changed or removed entry inside the chain breaks it; entries removed from its end are seen by the
 * anchors (anchors.ts): each append is recorded, as the chain's head, in the document it concerns.
 */
import { createHash } from 'node:crypto'
import type { AuditRecord, Storage } from '../storage/storage.js'

export const GENESIS_HASH = '0'.repeat(64)

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function auditHash(prevHash: string, entry: Omit<AuditRecord, 'prevHash' | 'hash'>): string {
  const { seq, document, at, actor, action, details } = entry
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson({ seq, document, at, actor, action, details })}`)
    .digest('hex')
}

export class AuditLog {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
    /** Records the new head outside the log (in the entry's document); awaited, so an answer implies it. */
    private readonly anchor?: (record: AuditRecord) => Promise<void>,
  ) {}

  async append(
    document: string,
    actor: string,
    action: string,
    details: Record<string, unknown>,
  ): Promise<AuditRecord> {
    const [record] = await this.appendAll(document, actor, [{ action, details }])
    return record!
  }

  /**
   * Appends the entries of one act (a decision on many suggestions at once), in order, and anchors the last: one
   * write to the document for the act, not one per entry — each anchor is an update relayed to every participant.
   */
  async appendAll(
    document: string,
    actor: string,
    entries: readonly { action: string; details: Record<string, unknown> }[],
  ): Promise<AuditRecord[]> {
    const at = new Date(this.now()).toISOString()
    const records: AuditRecord[] = []
    for (const { action, details } of entries)
      records.push(
        await this.storage.appendAudit((last) => {
          const prevHash = last?.hash ?? GENESIS_HASH
          const entry = { seq: (last?.seq ?? 0) + 1, document, at, actor, action, details }
          return { ...entry, prevHash, hash: auditHash(prevHash, entry) }
        }),
      )
    const newest = records.at(-1)
    if (newest) await this.anchor?.(newest)
    return records
  }

  list(document: string): Promise<AuditRecord[]> {
    return this.storage.listAudit(document)
  }
}

export type ChainCheck =
  { ok: true; entries: number } | { ok: false; entries: number; firstBroken: number; reason: string }

/** Recomputes every hash and link of the chain; names the first entry that does not match. */
export function verifyChain(entries: readonly AuditRecord[]): ChainCheck {
  let previous = GENESIS_HASH
  for (const [i, entry] of entries.entries()) {
    if (entry.seq !== i + 1)
      return { ok: false, entries: entries.length, firstBroken: entry.seq, reason: `expected entry ${i + 1}` }
    if (entry.prevHash !== previous) {
      return {
        ok: false,
        entries: entries.length,
        firstBroken: entry.seq,
        reason: 'does not link to the entry before it',
      }
    }
    if (auditHash(entry.prevHash, entry) !== entry.hash) {
      return {
        ok: false,
        entries: entries.length,
        firstBroken: entry.seq,
        reason: 'its contents do not match its hash',
      }
    }
    previous = entry.hash
  }
  return { ok: true, entries: entries.length }
}
