/**
 * @module Names of the document format, in one place. `docs/document-format.md` explains them; the
 * server, the editor, the seed and the tests all use these constants rather than string literals.
 */

/** The XmlFragment of the Y.Doc that holds the text (DESIGN.md §4). */
export const BODY = 'body'
/** Y.Map written only by the server: stage, later positions, signatures, revisions. */
export const WORKFLOW = 'workflow'
/**
 * Key of the workflow map: stored updates the server could not serve back and set aside on load (each
 * `{at, sha256, bytes, reason}`); the chair and secretariat are shown a notice.
 */
export const QUARANTINED = 'quarantined'
/**
 * Key of the workflow map: the audit log's head (`{seq, hash}`) as of the document's last audited action — an
 * anchor outside the log's table, so that removing the log's newest entries is seen (server/audit/anchors.ts).
 */
export const AUDIT_HEAD = 'auditHead'
/** Key of the workflow map: the paragraph on the floor in meeting mode (`{paragraph, number, at, by}`). */
export const FLOOR = 'floor'
/**
 * Key of the workflow map: meeting mode's speakers' list (`{queue, speaking}`, workflows/meeting/speakers.ts) — who
 * waits for the floor, and who holds it.
 */
export const SPEAKERS = 'speakers'
/** Key of the workflow map: who supports which pending proposal (workflows/meeting/support.ts). */
export const SUPPORT = 'support'
/** Y.Map written only by the server: comment threads (later issue). */
export const THREADS = 'threads'
/**
 * Y.Map written only by the server: paragraph id → its number, fixed during the negotiation (the number basis of
 * `numbering.ts`). Empty while drafting.
 */
export const NUMBERS = 'numbers'
/** Y.Map written only by the server: Yjs client id → participant id, so no one can write as another. */
export const AUTHORS = 'authors'
/** Y.Map of a delegation's private notes document: paragraph id → the delegation's note (plain text). */
export const NOTES = 'notes'

const NOTES_SEPARATOR = '--notes--'

/**
 * A delegation's private notes on a declaration live in a document of their own, served only to the
 * delegation's members: its id names both.
 */
export function notesDocumentId(declaration: string, delegation: string): string {
  return `${declaration}${NOTES_SEPARATOR}${delegation}`
}

export function parseNotesDocumentId(id: string): { declaration: string; delegation: string } | null {
  const at = id.indexOf(NOTES_SEPARATOR)
  if (at <= 0) return null
  return { declaration: id.slice(0, at), delegation: id.slice(at + NOTES_SEPARATOR.length) }
}

export const PARAGRAPH_KINDS = ['preambular', 'operative'] as const
export type ParagraphKind = (typeof PARAGRAPH_KINDS)[number]

export function isParagraphKind(value: unknown): value is ParagraphKind {
  return typeof value === 'string' && (PARAGRAPH_KINDS as readonly string[]).includes(value)
}

/** The languages a title may be given in; the second title is the host-language one. */
export type TitleLanguage = string

/** A paragraph's standing in the negotiation, set by the chair (shown as in UN practice). */
export const PARAGRAPH_STATUSES = ['open', 'agreed-ad-ref', 'agreed'] as const
export type ParagraphStatus = (typeof PARAGRAPH_STATUSES)[number]

export const PARAGRAPH_STATUS_LABELS: Record<ParagraphStatus, string> = {
  open: 'Open',
  'agreed-ad-ref': 'Agreed ad referendum',
  agreed: 'Agreed',
}

export function isParagraphStatus(value: unknown): value is ParagraphStatus {
  return typeof value === 'string' && (PARAGRAPH_STATUSES as readonly string[]).includes(value)
}

/** Paragraph attributes only the server writes (through the chair's actions). */
export const SERVER_ONLY_PARAGRAPH_ATTRIBUTES: readonly string[] = ['status']
