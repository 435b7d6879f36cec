import type { Language } from '../../workflows/i18n/catalogue.js'
/**
 * @module The narrow storage interface every engine implements (SQLite now, PostgreSQL later). Async
 * throughout so that a networked engine fits; an engine must make `appendUpdates` durable before its
 * promise resolves, because the server relays an update only after that.
 */
import type { Delegation, Participant } from '../../workflows/conference/conference.js'
import type { Stage } from '../../workflows/conference/roles.js'

export interface ConferenceRecord {
  id: string
  name: string
  /** The conference's name in the host language, if it has one. */
  localName: string | null
  hostTimeZone: string
  /** Whether observers may open and reply to comment threads (they never edit). */
  observersMayComment: boolean
  /** What the ids of this conference's new delegations and participants start with ('' for the demo's). */
  idPrefix?: string
  /** The host locality, e.g. "Ho Chi Minh City"; the venue; the dates, YYYY-MM-DD (read as '' when not set). */
  hostLocality?: string
  venue?: string
  startsOn?: string
  endsOn?: string
  /** The languages its pages are offered in (read as English and Vietnamese when not set). */
  languages?: Language[]
}

export interface DelegationRecord extends Delegation {
  conference: string
}

export interface ParticipantRecord extends Participant {
  conference: string
  /** SHA-256 of the invitation token, hex. The token itself is never stored. */
  tokenHash: string
  /** What the roster says of the person: their function ("Vice-Mayor") and e-mail (read as '' when not given). */
  function?: string
  email?: string
  /** Which invitation link is valid: 0 at first (read as 0 when not given), one more at each revocation. */
  invitationGeneration?: number
  /** When the secretariat removed the participant (ISO time); absent while they take part. */
  removedAt?: string
  /** The room's screen (meeting mode's projector): an observer that opens the projector's page. */
  screen?: true
}

/** Delegations and participants an import creates and updates, written in one transaction. */
export interface RosterChanges {
  createDelegations: DelegationRecord[]
  updateDelegations: DelegationRecord[]
  createParticipants: ParticipantRecord[]
  updateParticipants: ParticipantRecord[]
}

/** A participant's passkey (WebAuthn credential): its id and COSE public key, base64url. */
export interface PasskeyRecord {
  credentialId: string
  participant: string
  publicKey: string
  counter: number
  createdAt: string
}

export interface DocumentRecord {
  id: string
  conference: string
  title: string
  stage: Stage
  /** A declaration, or a delegation's private notes on one. */
  kind?: 'declaration' | 'notes'
}

/** What a new conference is made of; written in one transaction. */
export interface NewConference {
  conference: ConferenceRecord
  delegations: DelegationRecord[]
  participants: ParticipantRecord[]
  documents: { record: DocumentRecord; initialState: Uint8Array }[]
}

/** The stored state of one Yjs document: the last snapshot and every update appended since. */
export interface StoredDocumentState {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
}

/** One entry of the hash-chained audit log; `hash` covers the entry and the previous entry's hash. */
export interface AuditRecord {
  seq: number
  document: string
  at: string
  actor: string
  action: string
  details: Record<string, unknown>
  prevHash: string
  hash: string
}

/** A published revision: an immutable copy of the canonical text and its hash. */
export interface RevisionRecord {
  document: string
  seq: number
  name: string
  hash: string
  text: string
  paragraphs: { id: string; number: string; text: string }[]
  createdAt: string
  createdBy: string
}

export interface Storage {
  /** True when the data directory holds no conference yet (so the demo may be seeded). */
  isEmpty(): Promise<boolean>
  createConference(conference: NewConference): Promise<void>

  /** Admits a delegation (and its participants) to an existing conference, in one transaction. */
  addDelegation(delegation: DelegationRecord, participants: ParticipantRecord[]): Promise<void>

  /** Writes an import's changes to one conference's roster, all or nothing. */
  applyRoster(conference: string, changes: RosterChanges): Promise<void>
  /**
   * Replaces a participant's invitation (generation and token hash) and ends every session and ticket opened
   * with the old one, in one transaction.
   */
  reissueInvitation(participant: string, generation: number, tokenHash: string): Promise<void>
  /**
   * Removes a participant from the conference: kept (their name stays on what they did) but signed out for good —
   * no token finds them, their sessions and tickets are deleted — and no longer listed. One transaction.
   */
  removeParticipant(participant: string, at: string): Promise<void>

  listConferences(): Promise<ConferenceRecord[]>
  getConference(id: string): Promise<ConferenceRecord | undefined>
  setObserversMayComment(conference: string, allowed: boolean): Promise<void>
  /** Changes a conference's facts (those given; the id and id prefix never change). */
  updateConference(
    conference: string,
    change: Partial<Omit<ConferenceRecord, 'id' | 'idPrefix'>>,
  ): Promise<void>
  listDelegations(conference: string): Promise<DelegationRecord[]>
  /** The conference's participants in roster order; those removed only when asked for. */
  listParticipants(conference: string, includeRemoved?: boolean): Promise<ParticipantRecord[]>
  findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined>
  getParticipant(id: string): Promise<ParticipantRecord | undefined>
  getDelegation(id: string): Promise<DelegationRecord | undefined>

  /** The declarations of a conference (not the delegations' private notes). */
  listDocuments(conference: string): Promise<DocumentRecord[]>
  /** Creates a document with its initial state unless one with that id exists; true if it was created. */
  ensureDocument(record: DocumentRecord, initialState: Uint8Array): Promise<boolean>
  getDocument(id: string): Promise<DocumentRecord | undefined>
  /** Records the stage for listings; the live stage is in the document's `workflow` map. */
  setDocumentStage(id: string, stage: Stage): Promise<void>

  createSession(sessionHash: string, participant: string, expiresAt: number): Promise<void>
  /** The participant of a live session, or undefined when unknown or expired at `now`. */
  findSession(sessionHash: string, now: number): Promise<string | undefined>
  deleteSession(sessionHash: string): Promise<void>

  /** Keeps a WebSocket ticket, by the hash of its value, until redeemed or expired (expired ones are swept). */
  createTicket(
    ticketHash: string,
    participant: string,
    document: string,
    expiresAt: number,
    now: number,
  ): Promise<void>
  /** Deletes the ticket (used up whatever the outcome) and returns what it admits, if alive at `now`. */
  redeemTicket(
    ticketHash: string,
    now: number,
  ): Promise<{ participant: string; document: string } | undefined>

  /**
   * Claims a one-time duty (e.g. recording that a silence deadline passed) for the caller: true for the first
   * caller ever, false for every later one, whichever process it is in.
   */
  claimOnce(key: string, at: string): Promise<boolean>

  /** Registers a participant's passkey; false when the credential is registered already. */
  addPasskey(passkey: PasskeyRecord): Promise<boolean>
  listPasskeys(participant: string): Promise<PasskeyRecord[]>
  /** Records an authenticator's signature counter after a use (a clone shows as a counter going back). */
  setPasskeyCounter(credentialId: string, counter: number): Promise<void>

  loadDocumentState(document: string): Promise<StoredDocumentState>
  /** Appends updates of one document durably, in order, in one transaction. */
  appendUpdates(document: string, updates: Uint8Array[]): Promise<void>
  /** Number of updates appended since the last snapshot. */
  countUpdates(document: string): Promise<number>
  /**
   * Replaces the snapshot and the updates it covers with `merge(snapshot, updates)`, atomically: a
   * reader sees either the old rows or the new snapshot, never neither. Updates appended while the merge
   * runs are kept.
   */
  compact(
    document: string,
    merge: (parts: Uint8Array[]) => Uint8Array | Promise<Uint8Array>,
  ): Promise<{ merged: number }>

  /**
   * Appends to the audit log atomically: `make` receives the last entry (or null) and returns the new one,
   * so no two entries can claim the same predecessor.
   */
  /** Appends a revision numbered after the last one (atomically); `make` receives that number. */
  appendRevision(document: string, make: (seq: number) => RevisionRecord): Promise<RevisionRecord>
  listRevisions(document: string): Promise<RevisionRecord[]>
  /** Every audit entry, in order (for verifying the whole chain). */
  listAllAudit(): Promise<AuditRecord[]>

  appendAudit(make: (last: AuditRecord | null) => AuditRecord): Promise<AuditRecord>
  listAudit(document: string): Promise<AuditRecord[]>

  close(): Promise<void>
}
