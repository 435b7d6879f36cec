/**
 * @module The SQLite schema, as an ordered list of migrations. `PRAGMA user_version` records how many
 * have run; each runs once, in a transaction, on start.
 */

export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE conferences (
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
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    conference TEXT NOT NULL REFERENCES conferences(id),
    title TEXT NOT NULL,
    stage TEXT NOT NULL
  );
  CREATE TABLE document_snapshots (
    document TEXT PRIMARY KEY REFERENCES documents(id),
    state BLOB NOT NULL,
    through_seq INTEGER NOT NULL
  );
  CREATE TABLE document_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL REFERENCES documents(id),
    data BLOB NOT NULL
  );
  CREATE INDEX document_updates_by_document ON document_updates (document, seq);
  `,
  `
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
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
  `
  ALTER TABLE conferences ADD COLUMN observers_may_comment INTEGER NOT NULL DEFAULT 0;
  `,
  `
  ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'declaration' CHECK (kind IN ('declaration', 'notes'));
  `,
  `
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
]
