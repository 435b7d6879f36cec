/**
 * @module The schema of every engine, from one source: an ordered list of migrations written once, with the
 * few words where SQLite and PostgreSQL differ filled in per dialect. Each engine records how many have run
 * (SQLite: `PRAGMA user_version`; PostgreSQL: the `schema_version` table) and runs the rest on start, each
 * in a transaction. Never edit a migration that has shipped; append a new one.
 */

export type Dialect = 'sqlite' | 'postgres'

interface Words {
  /** Raw bytes (Yjs updates and snapshots). */
  bytes: string
  /** A 64-bit integer (milliseconds since 1970, sequence numbers). */
  int64: string
  /** A growing 64-bit key assigned on insert. */
  serialKey: string
  /**
   * Insertion order for listings. SQLite keeps a `rowid` on every table; PostgreSQL gets a column of that
   * name, so that both engines can `ORDER BY rowid`.
   */
  rowid: string
}

const WORDS: Record<Dialect, Words> = {
  sqlite: {
    bytes: 'BLOB',
    int64: 'INTEGER',
    serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
    rowid: '',
  },
  postgres: {
    bytes: 'BYTEA',
    int64: 'BIGINT',
    serialKey: 'BIGSERIAL PRIMARY KEY',
    rowid: 'rowid BIGSERIAL NOT NULL,',
  },
}

const MIGRATIONS: readonly ((w: Words) => string)[] = [
  (w) => `
  CREATE TABLE conferences (
    ${w.rowid}
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    local_name TEXT,
    host_time_zone TEXT NOT NULL
  );
  CREATE TABLE delegations (
    id TEXT PRIMARY KEY,
    conference TEXT NOT NULL REFERENCES conferences(id),
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('member', 'secretariat', 'observer')),
    colour TEXT NOT NULL,
    position INTEGER NOT NULL
  );
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    conference TEXT NOT NULL REFERENCES conferences(id),
    delegation TEXT NOT NULL REFERENCES delegations(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('secretariat', 'chair', 'head', 'drafter', 'observer')),
    token_hash TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY,
    participant TEXT NOT NULL REFERENCES participants(id),
    expires_at ${w.int64} NOT NULL
  );
  CREATE TABLE documents (
    ${w.rowid}
    id TEXT PRIMARY KEY,
    conference TEXT NOT NULL REFERENCES conferences(id),
    title TEXT NOT NULL,
    stage TEXT NOT NULL
  );
  CREATE TABLE document_snapshots (
    document TEXT PRIMARY KEY REFERENCES documents(id),
    state ${w.bytes} NOT NULL,
    through_seq ${w.int64} NOT NULL
  );
  CREATE TABLE document_updates (
    seq ${w.serialKey},
    document TEXT NOT NULL REFERENCES documents(id),
    data ${w.bytes} NOT NULL
  );
  CREATE INDEX document_updates_by_document ON document_updates (document, seq);
  `,
  (w) => `
  CREATE TABLE audit_log (
    seq ${w.int64} PRIMARY KEY,
    document TEXT NOT NULL REFERENCES documents(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_log_by_document ON audit_log (document, seq);
  `,
  () => `
  ALTER TABLE conferences ADD COLUMN observers_may_comment INTEGER NOT NULL DEFAULT 0;
  `,
  () => `
  ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'declaration' CHECK (kind IN ('declaration', 'notes'));
  `,
  () => `
  CREATE TABLE revisions (
    document TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    hash TEXT NOT NULL,
    text TEXT NOT NULL,
    paragraphs TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (document, seq)
  );
  `,
  // WebSocket tickets live in storage, so that any process behind a load balancer can redeem them.
  (w) => `
  CREATE TABLE tickets (
    ticket_hash TEXT PRIMARY KEY,
    participant TEXT NOT NULL REFERENCES participants(id),
    document TEXT NOT NULL,
    expires_at ${w.int64} NOT NULL
  );
  CREATE INDEX tickets_by_expiry ON tickets (expires_at);
  CREATE TABLE claims (
    key TEXT PRIMARY KEY,
    claimed_at TEXT NOT NULL
  );
  `,
  // A conference of its own (issue 16): its facts, the prefix of the ids it gives (so that two conferences' ids
  // never meet), and per participant the roster's function and e-mail, the invitation's generation (a revoked
  // link is replaced by the next generation's) and when the secretariat removed them (kept: their name stays on
  // what they did).
  () => `
  ALTER TABLE conferences ADD COLUMN id_prefix TEXT NOT NULL DEFAULT '';
  ALTER TABLE conferences ADD COLUMN host_locality TEXT NOT NULL DEFAULT '';
  ALTER TABLE conferences ADD COLUMN venue TEXT NOT NULL DEFAULT '';
  ALTER TABLE conferences ADD COLUMN starts_on TEXT NOT NULL DEFAULT '';
  ALTER TABLE conferences ADD COLUMN ends_on TEXT NOT NULL DEFAULT '';
  ALTER TABLE participants ADD COLUMN function TEXT NOT NULL DEFAULT '';
  ALTER TABLE participants ADD COLUMN email TEXT NOT NULL DEFAULT '';
  ALTER TABLE participants ADD COLUMN invitation_generation INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE participants ADD COLUMN removed_at TEXT NOT NULL DEFAULT '';
  `,
  // The languages the secretariat offers its conference's pages in (issue 17), comma-separated.
  () => `
  ALTER TABLE conferences ADD COLUMN languages TEXT NOT NULL DEFAULT 'en,vi';
  `,
  // Passkeys (issue 18): a head's own key, registered from the browser (WebAuthn), that signs the adopted text.
  (w) => `
  CREATE TABLE passkeys (
    credential_id TEXT PRIMARY KEY,
    participant TEXT NOT NULL REFERENCES participants(id),
    public_key TEXT NOT NULL,
    counter ${w.int64} NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE INDEX passkeys_by_participant ON passkeys (participant);
  `,
  // The room's screen (meeting mode, issue 19): an observer's rights, its own invitation, the projector's page.
  () => `
  ALTER TABLE participants ADD COLUMN screen INTEGER NOT NULL DEFAULT 0;
  `,
]

/** The migrations of one engine, in order, as SQL scripts. */
export function migrationsFor(dialect: Dialect): string[] {
  return MIGRATIONS.map((migration) => migration(WORDS[dialect]))
}
