/**
 * @module Keeping a revision of a served declaration: an immutable copy of its canonical text appended to
 * storage, and its summary added to the server-written `workflow.revisions`, so every editor lists it live.
 * Used when people publish (Zero draft, Rev.N) and when the server keeps a text on its own (the text put to a
 * consensus call, the adopted text).
 */
import { WORKFLOW } from '../../workflows/document/format.js'
import type { SharedDocument } from '../collab/shared-document.js'
import type { RevisionRecord, Storage } from '../storage/storage.js'
import type { CanonicalDocument } from './canonical.js'

export type RevisionSummary = Pick<RevisionRecord, 'seq' | 'name' | 'hash' | 'createdAt' | 'createdBy'>

export const revisionSummary = ({
  seq,
  name,
  hash,
  createdAt,
  createdBy,
}: RevisionSummary): RevisionSummary => ({
  seq,
  name,
  hash,
  createdAt,
  createdBy,
})

export async function keepRevision(
  storage: Storage,
  shared: SharedDocument,
  { text, hash, paragraphs }: CanonicalDocument,
  name: string,
  by: string,
  at: string,
): Promise<RevisionRecord> {
  const kept = await storage.appendRevision(shared.id, (seq) => ({
    document: shared.id,
    seq,
    name,
    hash,
    text,
    paragraphs,
    createdAt: at,
    createdBy: by,
  }))
  shared.serverWrite('publish revision', (doc) => {
    const workflow = doc.getMap(WORKFLOW)
    const list = (workflow.get('revisions') as RevisionSummary[] | undefined) ?? []
    workflow.set('revisions', [...list, revisionSummary(kept)])
  })
  return kept
}
