/**
 * @module The embedded default engine: one SQLite database in the data directory (better-sqlite3).
 * WAL journal with `synchronous = FULL`, so a committed update survives a killed process and a power cut.
 * better-sqlite3 is synchronous; each call is short, and the interface stays async for other engines.
 */
import Database from 'better-sqlite3'
import type {
  AuditRecord,
  RevisionRecord,
  ConferenceRecord,
  DelegationRecord,
  DocumentRecord,
  NewConference,
  ParticipantRecord,
  RosterChanges,
  Storage,
  StoredDocumentState,
  PasskeyRecord,
} from '../storage.js'
import { migrationsFor } from '../migrations.js'
import {
  conferenceColumns,
  toAudit,
  toBytes,
  toConference,
  toParticipant,
  toRevision,
  type AuditRow,
  type ConferenceRow,
  type ParticipantRow,
  type RevisionRow,
} from '../rows.js'

interface DelegationRow {
  id: string
  conference: string
  name: string
  country: string
  kind: DelegationRecord['kind']
  colour: string
}

export class SqliteStorage implements Storage {
  private readonly db: Database.Database

  constructor(file: string) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    this.migrate()
  }

  /**
   * Each SQL text is prepared once and kept: preparing costs more than most of these queries, and every request
   * runs one (the caller's identity) — measured at 9 % of the server's time under a flood of refused requests.
   */
  private readonly statements = new Map<string, Database.Statement>()
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql)
    if (!prepared) {
      prepared = this.db.prepare(sql)
      this.statements.set(sql, prepared)
    }
    return prepared
  }

  private migrate(): void {
    const applied = this.db.pragma('user_version', { simple: true }) as number
    migrationsFor('sqlite')
      .slice(applied)
      .forEach((sql, offset) => {
        this.db.transaction(() => {
          this.db.exec(sql)
          this.db.pragma(`user_version = ${applied + offset + 1}`)
        })()
      })
  }

  async isEmpty(): Promise<boolean> {
    return !this.statement('SELECT 1 FROM conferences LIMIT 1').get()
  }

  async createConference({ conference, delegations, participants, documents }: NewConference): Promise<void> {
    const db = this.db
    db.transaction(() => {
      this.statement(
        `INSERT INTO conferences (id, name, local_name, host_time_zone, observers_may_comment, id_prefix,
          host_locality, venue, starts_on, ends_on, languages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        conference.id,
        conference.name,
        conference.localName,
        conference.hostTimeZone,
        conference.observersMayComment ? 1 : 0,
        conference.idPrefix ?? '',
        conference.hostLocality ?? '',
        conference.venue ?? '',
        conference.startsOn ?? '',
        conference.endsOn ?? '',
        (conference.languages ?? ['en', 'vi']).join(','),
      )
      const delegation = this.statement(
        'INSERT INTO delegations (id, conference, name, country, kind, colour, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      delegations.forEach((d, i) =>
        delegation.run(d.id, d.conference, d.name, d.country, d.kind, d.colour, i),
      )
      participants.forEach((p, i) => this.insertParticipant(p, i))
      const document = this.statement(
        'INSERT INTO documents (id, conference, title, stage) VALUES (?, ?, ?, ?)',
      )
      const snapshot = this.statement(
        'INSERT INTO document_snapshots (document, state, through_seq) VALUES (?, ?, 0)',
      )
      for (const { record, initialState } of documents) {
        document.run(record.id, record.conference, record.title, record.stage)
        snapshot.run(record.id, Buffer.from(initialState))
      }
    })()
  }

  async addDelegation(d: DelegationRecord, participants: ParticipantRecord[]): Promise<void> {
    const db = this.db
    db.transaction(() => {
      const next = (table: 'delegations' | 'participants') =>
        (
          this.statement(`SELECT COALESCE(MAX(position) + 1, 0) AS n FROM ${table} WHERE conference = ?`).get(
            d.conference,
          ) as { n: number }
        ).n
      this.statement(
        'INSERT INTO delegations (id, conference, name, country, kind, colour, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(d.id, d.conference, d.name, d.country, d.kind, d.colour, next('delegations'))
      const first = next('participants')
      participants.forEach((p, i) => this.insertParticipant(p, first + i))
    })()
  }

  private insertParticipant(p: ParticipantRecord, position: number): void {
    this.statement(
      `INSERT INTO participants (id, conference, delegation, name, role, token_hash, position, function, email,
        invitation_generation, screen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.id,
      p.conference,
      p.delegation,
      p.name,
      p.role,
      p.tokenHash,
      position,
      p.function ?? '',
      p.email ?? '',
      p.invitationGeneration ?? 0,
      p.screen ? 1 : 0,
    )
  }

  async applyRoster(conference: string, changes: RosterChanges): Promise<void> {
    this.db.transaction(() => {
      const next = (table: 'delegations' | 'participants') =>
        (
          this.statement(`SELECT COALESCE(MAX(position) + 1, 0) AS n FROM ${table} WHERE conference = ?`).get(
            conference,
          ) as { n: number }
        ).n
      const firstDelegation = next('delegations')
      changes.createDelegations.forEach((d, i) =>
        this.statement(
          'INSERT INTO delegations (id, conference, name, country, kind, colour, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(d.id, conference, d.name, d.country, d.kind, d.colour, firstDelegation + i),
      )
      for (const d of changes.updateDelegations)
        this.statement('UPDATE delegations SET name = ?, country = ? WHERE id = ? AND conference = ?').run(
          d.name,
          d.country,
          d.id,
          conference,
        )
      const firstParticipant = next('participants')
      changes.createParticipants.forEach((p, i) =>
        this.insertParticipant({ ...p, conference }, firstParticipant + i),
      )
      for (const p of changes.updateParticipants)
        this.statement(
          'UPDATE participants SET name = ?, role = ?, function = ?, email = ? WHERE id = ? AND conference = ?',
        ).run(p.name, p.role, p.function ?? '', p.email ?? '', p.id, conference)
    })()
  }

  async reissueInvitation(participant: string, generation: number, tokenHash: string): Promise<void> {
    this.db.transaction(() => {
      this.statement('UPDATE participants SET invitation_generation = ?, token_hash = ? WHERE id = ?').run(
        generation,
        tokenHash,
        participant,
      )
      this.statement('DELETE FROM sessions WHERE participant = ?').run(participant)
      this.statement('DELETE FROM tickets WHERE participant = ?').run(participant)
    })()
  }

  async listConferences(): Promise<ConferenceRecord[]> {
    return (this.statement('SELECT * FROM conferences ORDER BY rowid').all() as ConferenceRow[]).map(
      toConference,
    )
  }

  async getConference(id: string): Promise<ConferenceRecord | undefined> {
    const row = this.statement('SELECT * FROM conferences WHERE id = ?').get(id) as ConferenceRow | undefined
    return row && toConference(row)
  }

  async setObserversMayComment(conference: string, allowed: boolean): Promise<void> {
    this.statement('UPDATE conferences SET observers_may_comment = ? WHERE id = ?').run(
      allowed ? 1 : 0,
      conference,
    )
  }

  async updateConference(
    conference: string,
    change: Partial<Omit<ConferenceRecord, 'id' | 'idPrefix'>>,
  ): Promise<void> {
    const [columns, values] = conferenceColumns(change)
    if (columns.length === 0) return
    this.statement(`UPDATE conferences SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
      ...values,
      conference,
    )
  }

  async listDelegations(conference: string): Promise<DelegationRecord[]> {
    return this.statement(
      'SELECT id, conference, name, country, kind, colour FROM delegations WHERE conference = ? ORDER BY position',
    ).all(conference) as DelegationRow[]
  }

  async listParticipants(conference: string, includeRemoved = false): Promise<ParticipantRecord[]> {
    const rows = this.statement(
      `SELECT * FROM participants WHERE conference = ? ${includeRemoved ? '' : "AND removed_at = ''"} ORDER BY position`,
    ).all(conference) as ParticipantRow[]
    return rows.map(toParticipant)
  }

  async removeParticipant(participant: string, at: string): Promise<void> {
    this.db.transaction(() => {
      this.statement('UPDATE participants SET removed_at = ?, token_hash = ? WHERE id = ?').run(
        at,
        `removed:${participant}`,
        participant,
      )
      this.statement('DELETE FROM sessions WHERE participant = ?').run(participant)
      this.statement('DELETE FROM tickets WHERE participant = ?').run(participant)
    })()
  }

  async findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined> {
    const row = this.statement('SELECT * FROM participants WHERE token_hash = ?').get(tokenHash) as
      ParticipantRow | undefined
    return row && toParticipant(row)
  }

  async getParticipant(id: string): Promise<ParticipantRecord | undefined> {
    const row = this.statement('SELECT * FROM participants WHERE id = ?').get(id) as
      ParticipantRow | undefined
    return row && toParticipant(row)
  }

  async getDelegation(id: string): Promise<DelegationRecord | undefined> {
    return this.statement(
      'SELECT id, conference, name, country, kind, colour FROM delegations WHERE id = ?',
    ).get(id) as DelegationRow | undefined
  }

  async listDocuments(conference: string): Promise<DocumentRecord[]> {
    return this.statement(
      "SELECT id, conference, title, stage, kind FROM documents WHERE conference = ? AND kind = 'declaration' ORDER BY rowid",
    ).all(conference) as DocumentRecord[]
  }

  async ensureDocument(record: DocumentRecord, initialState: Uint8Array): Promise<boolean> {
    return this.db.transaction(() => {
      const inserted = this.statement(
        'INSERT OR IGNORE INTO documents (id, conference, title, stage, kind) VALUES (?, ?, ?, ?, ?)',
      ).run(record.id, record.conference, record.title, record.stage, record.kind ?? 'declaration')
      if (inserted.changes === 0) return false
      this.statement('INSERT INTO document_snapshots (document, state, through_seq) VALUES (?, ?, 0)').run(
        record.id,
        Buffer.from(initialState),
      )
      return true
    })()
  }

  async getDocument(id: string): Promise<DocumentRecord | undefined> {
    return this.statement('SELECT id, conference, title, stage, kind FROM documents WHERE id = ?').get(id) as
      DocumentRecord | undefined
  }

  async setDocumentStage(id: string, stage: DocumentRecord['stage']): Promise<void> {
    this.statement('UPDATE documents SET stage = ? WHERE id = ?').run(stage, id)
  }

  async createSession(sessionHash: string, participant: string, expiresAt: number): Promise<void> {
    this.statement('INSERT INTO sessions (session_hash, participant, expires_at) VALUES (?, ?, ?)').run(
      sessionHash,
      participant,
      expiresAt,
    )
  }

  async findSession(sessionHash: string, now: number): Promise<string | undefined> {
    const row = this.statement(
      'SELECT participant FROM sessions WHERE session_hash = ? AND expires_at > ?',
    ).get(sessionHash, now) as { participant: string } | undefined
    return row?.participant
  }

  async deleteSession(sessionHash: string): Promise<void> {
    this.statement('DELETE FROM sessions WHERE session_hash = ?').run(sessionHash)
  }

  async createTicket(
    ticketHash: string,
    participant: string,
    document: string,
    expiresAt: number,
    now: number,
  ): Promise<void> {
    this.db.transaction(() => {
      this.statement('DELETE FROM tickets WHERE expires_at <= ?').run(now)
      this.statement(
        'INSERT INTO tickets (ticket_hash, participant, document, expires_at) VALUES (?, ?, ?, ?)',
      ).run(ticketHash, participant, document, expiresAt)
    })()
  }

  async redeemTicket(
    ticketHash: string,
    now: number,
  ): Promise<{ participant: string; document: string } | undefined> {
    const row = this.statement(
      'DELETE FROM tickets WHERE ticket_hash = ? RETURNING participant, document, expires_at',
    ).get(ticketHash) as { participant: string; document: string; expires_at: number } | undefined
    return row && row.expires_at > now ? { participant: row.participant, document: row.document } : undefined
  }

  async claimOnce(key: string, at: string): Promise<boolean> {
    return (
      this.statement('INSERT OR IGNORE INTO claims (key, claimed_at) VALUES (?, ?)').run(key, at).changes ===
      1
    )
  }

  async addPasskey(passkey: PasskeyRecord): Promise<boolean> {
    const { credentialId, participant, publicKey, counter, createdAt } = passkey
    return (
      this.statement(
        'INSERT OR IGNORE INTO passkeys (credential_id, participant, public_key, counter, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(credentialId, participant, publicKey, counter, createdAt).changes === 1
    )
  }

  async listPasskeys(participant: string): Promise<PasskeyRecord[]> {
    const rows = this.statement(
      'SELECT credential_id, participant, public_key, counter, created_at FROM passkeys WHERE participant = ? ORDER BY created_at, credential_id',
    ).all(participant) as {
      credential_id: string
      participant: string
      public_key: string
      counter: number
      created_at: string
    }[]
    return rows.map((r) => ({
      credentialId: r.credential_id,
      participant: r.participant,
      publicKey: r.public_key,
      counter: Number(r.counter),
      createdAt: r.created_at,
    }))
  }

  async setPasskeyCounter(credentialId: string, counter: number): Promise<void> {
    this.statement('UPDATE passkeys SET counter = ? WHERE credential_id = ?').run(counter, credentialId)
  }

  async loadDocumentState(document: string): Promise<StoredDocumentState> {
    return this.db.transaction(() => {
      const snapshot = this.statement(
        'SELECT state, through_seq FROM document_snapshots WHERE document = ?',
      ).get(document) as { state: Buffer; through_seq: number } | undefined
      const updates = this.statement(
        'SELECT data FROM document_updates WHERE document = ? AND seq > ? ORDER BY seq',
      ).all(document, snapshot?.through_seq ?? 0) as { data: Buffer }[]
      return {
        snapshot: snapshot ? toBytes(snapshot.state) : null,
        updates: updates.map((u) => toBytes(u.data)),
      }
    })()
  }

  async appendUpdates(document: string, updates: Uint8Array[]): Promise<void> {
    const insert = this.statement('INSERT INTO document_updates (document, data) VALUES (?, ?)')
    this.db.transaction(() => {
      for (const update of updates)
        insert.run(document, Buffer.from(update.buffer, update.byteOffset, update.byteLength))
    })()
  }

  async countUpdates(document: string): Promise<number> {
    const row = this.statement(
      `SELECT count(*) AS n FROM document_updates WHERE document = ?
         AND seq > coalesce((SELECT through_seq FROM document_snapshots WHERE document = ?), 0)`,
    ).get(document, document) as { n: number }
    return row.n
  }

  async compact(
    document: string,
    merge: (parts: Uint8Array[]) => Uint8Array | Promise<Uint8Array>,
  ): Promise<{ merged: number }> {
    // Read, merge (perhaps on another thread) with no transaction open, then write in a short transaction
    // that checks no other compaction moved the snapshot meanwhile; updates appended since are kept.
    const read = this.db.transaction(() => {
      const snapshot = this.statement(
        'SELECT state, through_seq FROM document_snapshots WHERE document = ?',
      ).get(document) as { state: Buffer; through_seq: number } | undefined
      const rows = this.statement(
        'SELECT seq, data FROM document_updates WHERE document = ? AND seq > ? ORDER BY seq',
      ).all(document, snapshot?.through_seq ?? 0) as { seq: number; data: Buffer }[]
      return { snapshot, rows }
    })()
    const { snapshot, rows } = read
    const last = rows.at(-1)
    if (!last) return { merged: 0 }
    const merged = await merge([
      ...(snapshot ? [toBytes(snapshot.state)] : []),
      ...rows.map((r) => toBytes(r.data)),
    ])
    return this.db.transaction(() => {
      const now = this.statement('SELECT through_seq FROM document_snapshots WHERE document = ?').get(
        document,
      ) as { through_seq: number } | undefined
      if ((now?.through_seq ?? 0) !== (snapshot?.through_seq ?? 0)) return { merged: 0 }
      this.statement(
        `INSERT INTO document_snapshots (document, state, through_seq) VALUES (?, ?, ?)
           ON CONFLICT (document) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq`,
      ).run(document, Buffer.from(merged), last.seq)
      this.statement('DELETE FROM document_updates WHERE document = ? AND seq <= ?').run(document, last.seq)
      return { merged: rows.length }
    })()
  }

  async appendAudit(make: (last: AuditRecord | null) => AuditRecord): Promise<AuditRecord> {
    return this.db.transaction(() => {
      const row = this.statement('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        AuditRow | undefined
      const entry = make(row ? toAudit(row) : null)
      this.statement(
        'INSERT INTO audit_log (seq, document, at, actor, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        entry.seq,
        entry.document,
        entry.at,
        entry.actor,
        entry.action,
        JSON.stringify(entry.details),
        entry.prevHash,
        entry.hash,
      )
      return entry
    })()
  }

  async appendRevision(document: string, make: (seq: number) => RevisionRecord): Promise<RevisionRecord> {
    return this.db.transaction(() => {
      const last = this.statement('SELECT max(seq) AS seq FROM revisions WHERE document = ?').get(
        document,
      ) as { seq: number | null }
      const revision = make((last.seq ?? 0) + 1)
      this.statement(
        'INSERT INTO revisions (document, seq, name, hash, text, paragraphs, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        document,
        revision.seq,
        revision.name,
        revision.hash,
        revision.text,
        JSON.stringify(revision.paragraphs),
        revision.createdAt,
        revision.createdBy,
      )
      return revision
    })()
  }

  async listRevisions(document: string): Promise<RevisionRecord[]> {
    return (
      this.statement('SELECT * FROM revisions WHERE document = ? ORDER BY seq').all(document) as RevisionRow[]
    ).map(toRevision)
  }

  async listAllAudit(): Promise<AuditRecord[]> {
    return (this.statement('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]).map(toAudit)
  }

  async listAudit(document: string): Promise<AuditRecord[]> {
    const rows = this.statement('SELECT * FROM audit_log WHERE document = ? ORDER BY seq').all(
      document,
    ) as AuditRow[]
    return rows.map(toAudit)
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
