/**
 * @module Anchors of the audit log outside its table. The chain (audit-log.ts) shows an entry changed or removed
 * in its middle, but not its newest entries removed: the rest still links. So every append writes the new head
 * (`{seq, hash}`) into the workflow map of the document it concerns — stored with that document's updates, in
 * another table, and replicated to every connected participant — and the final PDF's manifest carries the head
 * when it was made. `accord audit verify` checks the log against every document's anchor.
 *
 * What still goes unseen: entries removed after the newest anchor (an append whose anchor was never written,
 * the server stopping between the two), and an operator who rewrites the log and every document's stored
 * updates consistently — against that, the signed export (export.ts) and the final PDFs kept elsewhere.
 */
import * as Y from 'yjs'
import { AUDIT_HEAD, WORKFLOW } from '../../workflows/document/format.js'
import type { DocumentRegistry } from '../collab/registry.js'
import type { AuditRecord, Storage } from '../storage/storage.js'

export interface AuditHead {
  seq: number
  hash: string
}

/**
 * The anchor writer the server gives its AuditLog: the head, into the entry's document — never over a newer head
 * (appends through several processes may anchor out of order; each anchors in the document's turn).
 */
export function anchorInDocument(registry: DocumentRegistry) {
  return (record: AuditRecord): Promise<void> =>
    registry.change(record.document, (shared) => {
      const anchored = auditHeadOf(shared.doc)
      if (anchored && anchored.seq >= record.seq) return
      shared.serverWrite('anchor the audit log', (doc) => {
        const head: AuditHead = { seq: record.seq, hash: record.hash }
        doc.getMap(WORKFLOW).set(AUDIT_HEAD, head)
      })
    })
}

export function auditHeadOf(doc: Y.Doc): AuditHead | undefined {
  const head = doc.getMap(WORKFLOW).get(AUDIT_HEAD) as Partial<AuditHead> | undefined
  return typeof head?.seq === 'number' && typeof head.hash === 'string'
    ? { seq: head.seq, hash: head.hash }
    : undefined
}

export type AnchorCheck =
  { ok: true; anchors: number; newest: number } | { ok: false; document: string; reason: string }

/** Whether the log `entries` holds every anchor the documents record, with the hash each recorded. */
export function checkAnchors(
  entries: readonly AuditRecord[],
  anchors: readonly { document: string; head: AuditHead }[],
): AnchorCheck {
  const bySeq = new Map(entries.map((e) => [e.seq, e]))
  const last = entries.at(-1)?.seq ?? 0
  for (const { document, head } of anchors) {
    const entry = bySeq.get(head.seq)
    if (!entry)
      return {
        ok: false,
        document,
        reason: `document ${document} records entry ${head.seq}, but the log ends at entry ${last}: its newest entries were removed`,
      }
    if (entry.hash !== head.hash)
      return { ok: false, document, reason: `entry ${head.seq} is not the one document ${document} records` }
  }
  return { ok: true, anchors: anchors.length, newest: Math.max(0, ...anchors.map((a) => a.head.seq)) }
}

/** Every document's anchor, read from its stored state (the server need not run). */
export async function storedAnchors(storage: Storage): Promise<{ document: string; head: AuditHead }[]> {
  const anchors: { document: string; head: AuditHead }[] = []
  for (const conference of await storage.listConferences()) {
    for (const document of await storage.listDocuments(conference.id)) {
      const stored = await storage.loadDocumentState(document.id)
      const doc = new Y.Doc()
      for (const part of [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates])
        Y.applyUpdate(doc, part)
      const head = auditHeadOf(doc)
      doc.destroy()
      if (head) anchors.push({ document: document.id, head })
    }
  }
  return anchors
}
