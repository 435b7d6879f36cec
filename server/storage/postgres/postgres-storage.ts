/**
 * @module PostgreSQL storage (node-postgres), for running several Accord processes on the same documents
 * (`DATABASE_URL=postgres://…`). The same schema as SQLite, from server/storage/migrations.ts.
 *
 * Several processes write at once, so what SQLite gets from having a single writer is made explicit here:
 * - the audit chain and revision numbers are appended under a transaction-scoped advisory lock, so no two
 *   entries claim the same predecessor;
 * - a document's stored state is read in one REPEATABLE READ transaction (a compaction committing between
 *   reading the snapshot and reading the updates would otherwise lose the merged updates);
 * - update sequence numbers may commit out of order across processes, so the log is never cut at a
 *   sequence number: a compaction deletes exactly the rows it merged, and loading reads every row left;
 * - one compaction per document at a time, cluster-wide (a session advisory lock; another process that
 *   finds it taken skips its turn).
 */
import pg from 'pg'
import type {
  AuditRecord,
  ConferenceRecord,
  DelegationRecord,
  DocumentRecord,
  NewConference,
  ParticipantRecord,
  RosterChanges,
  RevisionRecord,
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

/** Advisory lock keys: one namespace number (ASCII "acrd") plus a 32-bit hash of the subject. */
const LOCK_NAMESPACE = 0x61637264
const LOCK = { migrate: 1, audit: 2 } as const

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

const DELEGATION_COLUMNS = 'id, conference, name, country, kind, colour'
const DOCUMENT_COLUMNS = 'id, conference, title, stage, kind'

export class PostgresStorage implements Storage {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and brings the schema up to date (once, even when several processes start together). */
  static async open(url: string, options: { maxConnections?: number } = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 })
    // An idle client losing its server (PostgreSQL restarted) must not crash the process; the pool
    // replaces it and the next query reconnects.
    pool.on('error', () => undefined)
    const storage = new PostgresStorage(pool)
    try {
      await storage.migrate()
    } catch (error) {
      await pool.end()
      throw error
    }
    return storage
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, LOCK.migrate])
      await db.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)')
      const row = (await db.query<{ version: number }>('SELECT version FROM schema_version')).rows[0]
      if (!row) await db.query('INSERT INTO schema_version (version) VALUES (0)')
      const applied = row?.version ?? 0
      const migrations = migrationsFor('postgres')
      for (let i = applied; i < migrations.length; i++) await db.query(migrations[i]!)
      if (migrations.length > applied)
        await db.query('UPDATE schema_version SET version = $1', [migrations.length])
    })
  }

  /** Runs `work` in one transaction on one pooled connection; rolls back if it throws. */
  private async transaction<T>(work: (db: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const db = await this.pool.connect()
    try {
      await db.query(begin)
      const result = await work(db)
      await db.query('COMMIT')
      return result
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      db.release()
    }
  }

  private async rows<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, values)).rows
  }

  async isEmpty(): Promise<boolean> {
    return (await this.rows('SELECT 1 FROM conferences LIMIT 1')).length === 0
  }

  async createConference({ conference, delegations, participants, documents }: NewConference): Promise<void> {
    await this.transaction(async (db) => {
      await db.query(
        `INSERT INTO conferences (id, name, local_name, host_time_zone, observers_may_comment, id_prefix,
          host_locality, venue, starts_on, ends_on, languages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
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
        ],
      )
      for (const [i, d] of delegations.entries())
        await db.query(
          'INSERT INTO delegations (id, conference, name, country, kind, colour, position) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [d.id, d.conference, d.name, d.country, d.kind, d.colour, i],
        )
      for (const [i, p] of participants.entries()) await insertParticipant(db, p, i)
      for (const { record, initialState } of documents) {
        await db.query(
          'INSERT INTO documents (id, conference, title, stage, kind) VALUES ($1, $2, $3, $4, $5)',
          [record.id, record.conference, record.title, record.stage, record.kind ?? 'declaration'],
        )
        await db.query('INSERT INTO document_snapshots (document, state, through_seq) VALUES ($1, $2, 0)', [
          record.id,
          toBuffer(initialState),
        ])
      }
    })
  }

  async addDelegation(d: DelegationRecord, participants: ParticipantRecord[]): Promise<void> {
    await this.transaction(async (db) => {
      // Positions are "one more than the last": lock the conference row so two admissions do not collide.
      await db.query('SELECT 1 FROM conferences WHERE id = $1 FOR UPDATE', [d.conference])
      const next = async (table: 'delegations' | 'participants') =>
        Number(
          (
            await db.query<{ n: string }>(
              `SELECT COALESCE(MAX(position) + 1, 0) AS n FROM ${table} WHERE conference = $1`,
              [d.conference],
            )
          ).rows[0]!.n,
        )
      await db.query(
        'INSERT INTO delegations (id, conference, name, country, kind, colour, position) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [d.id, d.conference, d.name, d.country, d.kind, d.colour, await next('delegations')],
      )
      const first = await next('participants')
      for (const [i, p] of participants.entries()) await insertParticipant(db, p, first + i)
    })
  }

  async applyRoster(conference: string, changes: RosterChanges): Promise<void> {
    await this.transaction(async (db) => {
      // Positions are "one more than the last": lock the conference row so two imports do not collide.
      await db.query('SELECT 1 FROM conferences WHERE id = $1 FOR UPDATE', [conference])
      const next = async (table: 'delegations' | 'participants') =>
        Number(
          (
            await db.query<{ n: string }>(
              `SELECT COALESCE(MAX(position) + 1, 0) AS n FROM ${table} WHERE conference = $1`,
              [conference],
            )
          ).rows[0]!.n,
        )
      const firstDelegation = await next('delegations')
      for (const [i, d] of changes.createDelegations.entries())
        await db.query(
          'INSERT INTO delegations (id, conference, name, country, kind, colour, position) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [d.id, conference, d.name, d.country, d.kind, d.colour, firstDelegation + i],
        )
      for (const d of changes.updateDelegations)
        await db.query('UPDATE delegations SET name = $1, country = $2 WHERE id = $3 AND conference = $4', [
          d.name,
          d.country,
          d.id,
          conference,
        ])
      const firstParticipant = await next('participants')
      for (const [i, p] of changes.createParticipants.entries())
        await insertParticipant(db, { ...p, conference }, firstParticipant + i)
      for (const p of changes.updateParticipants)
        await db.query(
          'UPDATE participants SET name = $1, role = $2, function = $3, email = $4 WHERE id = $5 AND conference = $6',
          [p.name, p.role, p.function ?? '', p.email ?? '', p.id, conference],
        )
    })
  }

  async reissueInvitation(participant: string, generation: number, tokenHash: string): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('UPDATE participants SET invitation_generation = $1, token_hash = $2 WHERE id = $3', [
        generation,
        tokenHash,
        participant,
      ])
      await db.query('DELETE FROM sessions WHERE participant = $1', [participant])
      await db.query('DELETE FROM tickets WHERE participant = $1', [participant])
    })
  }

  async listConferences(): Promise<ConferenceRecord[]> {
    return (await this.rows<ConferenceRow>('SELECT * FROM conferences ORDER BY rowid')).map(toConference)
  }

  async getConference(id: string): Promise<ConferenceRecord | undefined> {
    const [row] = await this.rows<ConferenceRow>('SELECT * FROM conferences WHERE id = $1', [id])
    return row && toConference(row)
  }

  async setObserversMayComment(conference: string, allowed: boolean): Promise<void> {
    await this.pool.query('UPDATE conferences SET observers_may_comment = $1 WHERE id = $2', [
      allowed ? 1 : 0,
      conference,
    ])
  }

  async updateConference(
    conference: string,
    change: Partial<Omit<ConferenceRecord, 'id' | 'idPrefix'>>,
  ): Promise<void> {
    const [columns, values] = conferenceColumns(change)
    if (columns.length === 0) return
    await this.pool.query(
      `UPDATE conferences SET ${columns.map((c, i) => `${c} = $${i + 1}`).join(', ')} WHERE id = $${columns.length + 1}`,
      [...values, conference],
    )
  }

  async listDelegations(conference: string): Promise<DelegationRecord[]> {
    return this.rows<DelegationRecord>(
      `SELECT ${DELEGATION_COLUMNS} FROM delegations WHERE conference = $1 ORDER BY position`,
      [conference],
    )
  }

  async listParticipants(conference: string, includeRemoved = false): Promise<ParticipantRecord[]> {
    const rows = await this.rows<ParticipantRow>(
      `SELECT * FROM participants WHERE conference = $1 ${includeRemoved ? '' : "AND removed_at = ''"} ORDER BY position`,
      [conference],
    )
    return rows.map(toParticipant)
  }

  async removeParticipant(participant: string, at: string): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('UPDATE participants SET removed_at = $1, token_hash = $2 WHERE id = $3', [
        at,
        `removed:${participant}`,
        participant,
      ])
      await db.query('DELETE FROM sessions WHERE participant = $1', [participant])
      await db.query('DELETE FROM tickets WHERE participant = $1', [participant])
    })
  }

  async findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.rows<ParticipantRow>('SELECT * FROM participants WHERE token_hash = $1', [
      tokenHash,
    ])
    return row && toParticipant(row)
  }

  async getParticipant(id: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.rows<ParticipantRow>('SELECT * FROM participants WHERE id = $1', [id])
    return row && toParticipant(row)
  }

  async getDelegation(id: string): Promise<DelegationRecord | undefined> {
    const [row] = await this.rows<DelegationRecord>(
      `SELECT ${DELEGATION_COLUMNS} FROM delegations WHERE id = $1`,
      [id],
    )
    return row
  }

  async listDocuments(conference: string): Promise<DocumentRecord[]> {
    return this.rows<DocumentRecord>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE conference = $1 AND kind = 'declaration' ORDER BY rowid`,
      [conference],
    )
  }

  async ensureDocument(record: DocumentRecord, initialState: Uint8Array): Promise<boolean> {
    return this.transaction(async (db) => {
      const inserted = await db.query(
        `INSERT INTO documents (id, conference, title, stage, kind) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [record.id, record.conference, record.title, record.stage, record.kind ?? 'declaration'],
      )
      if (inserted.rowCount === 0) return false
      await db.query('INSERT INTO document_snapshots (document, state, through_seq) VALUES ($1, $2, 0)', [
        record.id,
        toBuffer(initialState),
      ])
      return true
    })
  }

  async getDocument(id: string): Promise<DocumentRecord | undefined> {
    const [row] = await this.rows<DocumentRecord>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1`, [
      id,
    ])
    return row
  }

  async setDocumentStage(id: string, stage: DocumentRecord['stage']): Promise<void> {
    await this.pool.query('UPDATE documents SET stage = $1 WHERE id = $2', [stage, id])
  }

  async createSession(sessionHash: string, participant: string, expiresAt: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO sessions (session_hash, participant, expires_at) VALUES ($1, $2, $3)',
      [sessionHash, participant, expiresAt],
    )
  }

  async findSession(sessionHash: string, now: number): Promise<string | undefined> {
    const [row] = await this.rows<{ participant: string }>(
      'SELECT participant FROM sessions WHERE session_hash = $1 AND expires_at > $2',
      [sessionHash, now],
    )
    return row?.participant
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE session_hash = $1', [sessionHash])
  }

  async createTicket(
    ticketHash: string,
    participant: string,
    document: string,
    expiresAt: number,
    now: number,
  ): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('DELETE FROM tickets WHERE expires_at <= $1', [now])
      await db.query(
        'INSERT INTO tickets (ticket_hash, participant, document, expires_at) VALUES ($1, $2, $3, $4)',
        [ticketHash, participant, document, expiresAt],
      )
    })
  }

  async redeemTicket(
    ticketHash: string,
    now: number,
  ): Promise<{ participant: string; document: string } | undefined> {
    const [row] = await this.rows<{ participant: string; document: string; expires_at: string }>(
      'DELETE FROM tickets WHERE ticket_hash = $1 RETURNING participant, document, expires_at',
      [ticketHash],
    )
    return row && Number(row.expires_at) > now
      ? { participant: row.participant, document: row.document }
      : undefined
  }

  async claimOnce(key: string, at: string): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO claims (key, claimed_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, at],
    )
    return result.rowCount === 1
  }

  async addPasskey(passkey: PasskeyRecord): Promise<boolean> {
    const { credentialId, participant, publicKey, counter, createdAt } = passkey
    const result = await this.pool.query(
      'INSERT INTO passkeys (credential_id, participant, public_key, counter, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (credential_id) DO NOTHING',
      [credentialId, participant, publicKey, counter, createdAt],
    )
    return result.rowCount === 1
  }

  async listPasskeys(participant: string): Promise<PasskeyRecord[]> {
    const { rows } = await this.pool.query<{
      credential_id: string
      participant: string
      public_key: string
      counter: string
      created_at: string
    }>(
      'SELECT credential_id, participant, public_key, counter, created_at FROM passkeys WHERE participant = $1 ORDER BY created_at, credential_id',
      [participant],
    )
    return rows.map((r) => ({
      credentialId: r.credential_id,
      participant: r.participant,
      publicKey: r.public_key,
      counter: Number(r.counter),
      createdAt: r.created_at,
    }))
  }

  async setPasskeyCounter(credentialId: string, counter: number): Promise<void> {
    await this.pool.query('UPDATE passkeys SET counter = $1 WHERE credential_id = $2', [
      counter,
      credentialId,
    ])
  }

  async loadDocumentState(document: string): Promise<StoredDocumentState> {
    return this.transaction(async (db) => {
      const snapshot = await db.query<{ state: Buffer }>(
        'SELECT state FROM document_snapshots WHERE document = $1',
        [document],
      )
      const updates = await db.query<{ data: Buffer }>(
        'SELECT data FROM document_updates WHERE document = $1 ORDER BY seq',
        [document],
      )
      return {
        snapshot: snapshot.rows[0] ? toBytes(snapshot.rows[0].state) : null,
        updates: updates.rows.map((u) => toBytes(u.data)),
      }
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  }

  async appendUpdates(document: string, updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return
    // One statement for the whole batch: one round trip and one commit, however many updates.
    await this.pool.query(
      'INSERT INTO document_updates (document, data) SELECT $1, data FROM unnest($2::bytea[]) WITH ORDINALITY AS u(data, n) ORDER BY n',
      [document, updates.map(toBuffer)],
    )
  }

  async countUpdates(document: string): Promise<number> {
    const [row] = await this.rows<{ n: string }>(
      'SELECT count(*) AS n FROM document_updates WHERE document = $1',
      [document],
    )
    return Number(row!.n)
  }

  async compact(
    document: string,
    merge: (parts: Uint8Array[]) => Uint8Array | Promise<Uint8Array>,
  ): Promise<{ merged: number }> {
    const lockHolder = await this.pool.connect()
    try {
      const lockArgs = [LOCK_NAMESPACE, `compact:${document}`]
      const locked = await lockHolder.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok',
        lockArgs,
      )
      if (!locked.rows[0]!.ok) return { merged: 0 }
      try {
        const { snapshot, rows } = await this.transaction(async (db) => {
          const snapshot = await db.query<{ state: Buffer }>(
            'SELECT state FROM document_snapshots WHERE document = $1',
            [document],
          )
          const rows = await db.query<{ seq: string; data: Buffer }>(
            'SELECT seq, data FROM document_updates WHERE document = $1 ORDER BY seq',
            [document],
          )
          return { snapshot: snapshot.rows[0]?.state, rows: rows.rows }
        }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        if (rows.length === 0) return { merged: 0 }
        const merged = await merge([
          ...(snapshot ? [toBytes(snapshot)] : []),
          ...rows.map((r) => toBytes(r.data)),
        ])
        const seqs = rows.map((r) => r.seq)
        await this.transaction(async (db) => {
          await db.query(
            `INSERT INTO document_snapshots (document, state, through_seq) VALUES ($1, $2, $3)
             ON CONFLICT (document) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq`,
            [document, toBuffer(merged), seqs.at(-1)],
          )
          await db.query('DELETE FROM document_updates WHERE document = $1 AND seq = ANY($2::bigint[])', [
            document,
            seqs,
          ])
        })
        return { merged: rows.length }
      } finally {
        await lockHolder.query('SELECT pg_advisory_unlock($1, hashtext($2))', lockArgs)
      }
    } finally {
      lockHolder.release()
    }
  }

  async appendAudit(make: (last: AuditRecord | null) => AuditRecord): Promise<AuditRecord> {
    return this.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, LOCK.audit])
      const [row] = (await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1')).rows
      const entry = make(row ? toAudit(row) : null)
      await db.query(
        'INSERT INTO audit_log (seq, document, at, actor, action, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          entry.seq,
          entry.document,
          entry.at,
          entry.actor,
          entry.action,
          JSON.stringify(entry.details),
          entry.prevHash,
          entry.hash,
        ],
      )
      return entry
    })
  }

  async listAllAudit(): Promise<AuditRecord[]> {
    return (await this.rows<AuditRow>('SELECT * FROM audit_log ORDER BY seq')).map(toAudit)
  }

  async listAudit(document: string): Promise<AuditRecord[]> {
    return (
      await this.rows<AuditRow>('SELECT * FROM audit_log WHERE document = $1 ORDER BY seq', [document])
    ).map(toAudit)
  }

  async appendRevision(document: string, make: (seq: number) => RevisionRecord): Promise<RevisionRecord> {
    return this.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        LOCK_NAMESPACE,
        `revision:${document}`,
      ])
      const [last] = (
        await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM revisions WHERE document = $1', [
          document,
        ])
      ).rows
      const revision = make((last?.seq ?? 0) + 1)
      await db.query(
        'INSERT INTO revisions (document, seq, name, hash, text, paragraphs, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          document,
          revision.seq,
          revision.name,
          revision.hash,
          revision.text,
          JSON.stringify(revision.paragraphs),
          revision.createdAt,
          revision.createdBy,
        ],
      )
      return revision
    })
  }

  async listRevisions(document: string): Promise<RevisionRecord[]> {
    return (
      await this.rows<RevisionRow>('SELECT * FROM revisions WHERE document = $1 ORDER BY seq', [document])
    ).map(toRevision)
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}

async function insertParticipant(db: pg.PoolClient, p: ParticipantRecord, position: number): Promise<void> {
  await db.query(
    `INSERT INTO participants (id, conference, delegation, name, role, token_hash, position, function, email,
      invitation_generation, screen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
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
    ],
  )
}
